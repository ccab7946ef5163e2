import type { RouteRecordRaw } from 'vue-router'

export const homeRoutes: RouteRecordRaw[] = [
  { path: 'home', name: 'home', component: () => import('./pages/HomePage.vue'), meta: { title: 'route.home' } },
  { path: 'todo', name: 'todo', component: () => import('./pages/TodoPage.vue'), meta: { title: 'route.todo', group: 'group.workbench' } },
]
