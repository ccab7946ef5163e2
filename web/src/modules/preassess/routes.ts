import type { RouteRecordRaw } from 'vue-router'

// 统计分析 and 评估规则设置 of the project library (issue 4). Static paths: they outrank the
// projects module's `projects/:id`.
export const preassessRoutes: RouteRecordRaw[] = [
  {
    path: 'projects/stats',
    name: 'projects-stats',
    component: () => import('./pages/StatsPage.vue'),
    meta: { title: 'preassess.route.stats', group: 'preassess.group', permission: 'projects.read' },
  },
  {
    path: 'projects/settings',
    name: 'projects-settings',
    component: () => import('./pages/SettingsPage.vue'),
    meta: { title: 'preassess.route.settings', group: 'preassess.group', permission: 'projects.settings' },
  },
]
