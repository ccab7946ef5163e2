import type { RouteRecordRaw } from 'vue-router'
import { registerTodoLink } from '@/modules/home/todoLinks'

// 项目库: the unit's projects (我的项目: create, edit, submit), the library (项目库查询) and a
// project's page (docs/api-projects.md). Paths match the menu entries registered by
// src/modules/projects/catalog.cpp. The case workbench (/cases…) is the cases module's, the
// statistics and the rules (/projects/stats, /projects/settings) the preassess module's.
const GROUP = 'projects.group'
const id = (r: { params: Record<string, unknown> }) => ({ id: Number(r.params.id) })

export const projectRoutes: RouteRecordRaw[] = [
  {
    path: 'projects/mine',
    name: 'projects-mine',
    component: () => import('./pages/MyProjectsPage.vue'),
    meta: { title: 'projects.route.mine', group: GROUP, permission: 'projects.apply' },
  },
  {
    path: 'projects/new',
    name: 'project-new',
    component: () => import('./pages/ProjectEditPage.vue'),
    meta: { title: 'projects.route.create', group: GROUP, permission: 'projects.apply' },
  },
  {
    path: 'projects/:id(\\d+)/edit',
    name: 'project-edit',
    component: () => import('./pages/ProjectEditPage.vue'),
    props: id,
    meta: { title: 'projects.route.edit', group: GROUP, permission: 'projects.apply', menu: '/projects/mine' },
  },
  {
    path: 'projects/:id(\\d+)',
    name: 'project-detail',
    component: () => import('./pages/ProjectDetailPage.vue'),
    props: id,
    meta: { title: 'projects.route.detail', group: GROUP, permission: 'projects.read' },
  },
  {
    path: 'projects/library',
    name: 'projects-library',
    component: () => import('./pages/LibraryPage.vue'),
    meta: { title: 'projects.route.library', group: GROUP, permission: 'projects.read' },
  },
]

// The to-do inbox links a project (doc type `project`) to its page.
registerTodoLink('project', (docId) => `/projects/${docId}`)
