import { createAppRouter, shellRoutes } from './platform/router'
import { homeRoutes } from './modules/home/routes'
import { adminRoutes } from './modules/admin/routes'
import { orgRoutes } from './modules/org/routes'
import { refRoutes } from './modules/ref/routes'
import { projectRoutes } from './modules/projects/routes'
import { casesRoutes } from './modules/cases/routes'
import { preassessRoutes } from './modules/preassess/routes'
import { indicatorRoutes } from './modules/indicators/routes'
import { targetRoutes } from './modules/targets/routes'

// Business modules add their routes here (each under web/src/modules/<module>/routes.ts).
const moduleRoutes = [...homeRoutes, ...adminRoutes, ...orgRoutes, ...refRoutes, ...preassessRoutes, ...projectRoutes, ...casesRoutes, ...indicatorRoutes, ...targetRoutes]

export const router = createAppRouter(
  shellRoutes(
    {
      login: () => import('./platform/pages/LoginPage.vue'),
      layout: () => import('./platform/layout/MainLayout.vue'),
      password: () => import('./platform/pages/PasswordPage.vue'),
      forbidden: () => import('./platform/pages/ForbiddenPage.vue'),
      notFound: () => import('./platform/pages/NotFoundPage.vue'),
    },
    moduleRoutes,
  ),
)
