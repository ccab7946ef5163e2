import type { RouteRecordRaw } from 'vue-router'
import { registerTodoLink } from '@/modules/home/todoLinks'

// 绩效目标 (docs/api-targets.md): 目标申报, the editor of a revision, a set's page, 目标审核 and the
// review of a revision, 目标查询, 覆盖情况 and 目标审核规则. Paths match the menu entries registered
// by src/modules/targets/catalog.cpp (the contract's Menu section).
const GROUP = 'targets.group'
const id = (r: { params: Record<string, unknown> }) => ({ id: Number(r.params.id) })
const rid = (r: { params: Record<string, unknown> }) => ({ rid: Number(r.params.rid) })

export const targetRoutes: RouteRecordRaw[] = [
  {
    path: 'targets/mine',
    name: 'targets-mine',
    component: () => import('./pages/MinePage.vue'),
    meta: { title: 'targets.route.mine', group: GROUP, permission: 'targets.edit' },
  },
  {
    path: 'targets/revisions/:rid(\\d+)/edit',
    name: 'target-edit',
    component: () => import('./pages/EditorPage.vue'),
    props: rid,
    meta: { title: 'targets.route.edit', group: GROUP, permission: 'targets.edit', menu: '/targets/mine' },
  },
  {
    path: 'targets/review',
    name: 'targets-review',
    component: () => import('./pages/ReviewListPage.vue'),
    meta: { title: 'targets.route.review', group: GROUP, permission: 'targets.review' },
  },
  {
    path: 'targets/revisions/:rid(\\d+)',
    name: 'target-revision',
    component: () => import('./pages/RevisionRedirect.vue'),
    props: rid,
    meta: { title: 'targets.route.detail', group: GROUP, permission: 'targets.read' },
  },
  {
    path: 'targets/revisions/:rid(\\d+)/review',
    name: 'target-review',
    component: () => import('./pages/ReviewPage.vue'),
    props: rid,
    meta: { title: 'targets.route.reviewOne', group: GROUP, permission: 'targets.review', menu: '/targets/review' },
  },
  {
    path: 'targets',
    name: 'targets-query',
    component: () => import('./pages/QueryPage.vue'),
    meta: { title: 'targets.route.query', group: GROUP, permission: 'targets.read' },
  },
  {
    path: 'targets/coverage',
    name: 'targets-coverage',
    component: () => import('./pages/CoveragePage.vue'),
    meta: { title: 'targets.route.coverage', group: GROUP, permission: 'targets.read' },
  },
  {
    path: 'targets/settings',
    name: 'targets-settings',
    component: () => import('./pages/SettingsPage.vue'),
    meta: { title: 'targets.route.settings', group: GROUP, permission: 'targets.settings' },
  },
  {
    path: 'targets/:id(\\d+)',
    name: 'target-detail',
    component: () => import('./pages/SetPage.vue'),
    props: id,
    meta: { title: 'targets.route.detail', group: GROUP, permission: 'targets.read' },
  },
]

// The to-do inbox links a target revision (doc type `target`) to /targets/revisions/{id}, which
// opens the review for a reviewer of a submitted revision, the editor for its unit, else the set.
registerTodoLink('target', (docId) => `/targets/revisions/${docId}`)
