import type { RouteRecordRaw } from 'vue-router'

// 基础数据 › 参考数据 and 预算年度 (docs/api-org.md "Reference data"). Reading needs only a
// session; writing needs system.org.manage, which the pages check for their buttons.
export const refRoutes: RouteRecordRaw[] = [
  {
    path: 'ref/items',
    name: 'ref-items',
    component: () => import('./pages/RefItemsPage.vue'),
    meta: { title: 'ref.route.items', group: 'org.group' },
  },
  {
    path: 'ref/years',
    name: 'ref-years',
    component: () => import('./pages/BudgetYearsPage.vue'),
    meta: { title: 'ref.route.years', group: 'org.group' },
  },
]
