import type { RouteRecordRaw } from 'vue-router'
import { registerTodoLink } from '@/modules/home/todoLinks'

// 指标库 (/indicators), 指标建议审核 (/indicators/proposals) and 指标体系设置 (/indicators/tree),
// under 绩效目标 (docs/api-indicators.md). Paths match the menu entries registered by
// src/modules/indicators/catalog.cpp.
const GROUP = 'indicators.group'

export const indicatorRoutes: RouteRecordRaw[] = [
  {
    path: 'indicators',
    name: 'indicators-library',
    component: () => import('./pages/LibraryPage.vue'),
    meta: { title: 'indicators.route.library', group: GROUP, permission: 'indicators.read' },
  },
  {
    path: 'indicators/proposals',
    name: 'indicators-proposals',
    component: () => import('./pages/ProposalsPage.vue'),
    meta: { title: 'indicators.route.proposals', group: GROUP, permission: 'indicators.manage' },
  },
  {
    path: 'indicators/tree',
    name: 'indicators-tree',
    component: () => import('./pages/TreePage.vue'),
    meta: { title: 'indicators.route.tree', group: GROUP, permission: 'indicators.manage' },
  },
]

// The to-do inbox links a proposed indicator (doc type `indicator`, the doc id is its code) to
// the review page, searched for that code.
registerTodoLink('indicator', (code) => `/indicators/proposals?q=${encodeURIComponent(code)}`)
