import type { RouteRecordRaw } from 'vue-router'

// 基础数据: organizations, units and experts. Reads need org.read, or system.org.manage (the
// 系统管理员 manages organizations without holding org.read; docs/api-org.md).
const READ = ['org.read', 'system.org.manage']

export const orgRoutes: RouteRecordRaw[] = [
  {
    path: 'org/tree',
    name: 'org-tree',
    component: () => import('./pages/OrgTreePage.vue'),
    meta: { title: 'org.route.tree', group: 'org.group', permission: READ },
  },
  {
    path: 'org/units',
    name: 'org-units',
    component: () => import('./pages/UnitsPage.vue'),
    meta: { title: 'org.route.units', group: 'org.group', permission: READ },
  },
  {
    path: 'org/units/:id(\\d+)',
    name: 'org-unit',
    component: () => import('./pages/UnitDetailPage.vue'),
    props: (r) => ({ id: Number(r.params.id) }),
    meta: { title: 'org.route.unit', group: 'org.group', permission: READ },
  },
  {
    path: 'org/experts',
    name: 'org-experts',
    component: () => import('./pages/ExpertsPage.vue'),
    meta: { title: 'org.route.experts', group: 'org.group', permission: READ },
  },
]
