import type { RouteRecordRaw } from 'vue-router'

// 评估评审 (事前绩效评估 + 预算评审, one case per submission) and 专家评分. The menu entries are
// registered on the server (src/modules/projects/catalog.cpp): /cases and /cases/scoring.
const REVIEW = 'projects.review'
const SCORE = 'projects.score'
const id = (r: { params: Record<string, unknown> }) => ({ id: Number(r.params.id) })

export const casesRoutes: RouteRecordRaw[] = [
  {
    path: 'cases',
    name: 'cases',
    component: () => import('./pages/CasesPage.vue'),
    meta: { title: 'cases.route.list', group: 'cases.group', permission: REVIEW },
  },
  {
    path: 'cases/scoring',
    name: 'cases-scoring',
    component: () => import('./pages/ScoringPage.vue'),
    meta: { title: 'cases.route.scoring', group: 'cases.group', permission: SCORE },
  },
  {
    path: 'cases/:id(\\d+)',
    name: 'case',
    component: () => import('./pages/CasePage.vue'),
    props: id,
    meta: { title: 'cases.route.case', group: 'cases.group', permission: REVIEW },
  },
  {
    path: 'cases/:id(\\d+)/score',
    name: 'case-score',
    component: () => import('./pages/ScorePage.vue'),
    props: id,
    meta: { title: 'cases.route.score', group: 'cases.group', permission: SCORE, menu: '/cases/scoring' },
  },
  {
    path: 'cases/:id(\\d+)/report',
    name: 'case-report',
    component: () => import('./pages/ReportPage.vue'),
    props: id,
    meta: { title: 'cases.route.report', group: 'cases.group', permission: REVIEW },
  },
]
