import {
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type RouteComponent,
  type RouteLocationRaw,
  type RouteRecordRaw,
  type Router,
  type RouterHistory,
} from 'vue-router'
import type { Requirement } from './permission'
import { useAuthStore } from './auth'
import { t } from './i18n'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (breadcrumb, document title). */
    title?: string
    /** i18n key of the menu group shown before the title in the breadcrumb. */
    group?: string
    /** Permission needed to open the page; a list means any one of them. */
    permission?: Requirement
    /** Open without signing in (the sign-in page). */
    public?: boolean
    /**
     * The menu entry (its path) the page is opened from, when the page's own path does not start
     * with it: the breadcrumb shows that entry, as a link, before the page's title.
     */
    menu?: string
  }
}

type AuthLike = Pick<ReturnType<typeof useAuthStore>, 'checked' | 'signedIn' | 'mustChangePassword' | 'can' | 'fetchMe'>

/**
 * Decides where a navigation may go: sign-in first, then the forced password change, then the
 * route's permission (403 page). Returns true to proceed or the location to go to instead.
 */
export async function authGuard(to: RouteLocationNormalized, auth: AuthLike): Promise<true | RouteLocationRaw> {
  if (!auth.checked) {
    try {
      await auth.fetchMe()
    } catch {
      /* server unreachable: treat as signed out; the sign-in page reports the failure */
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && auth.signedIn) {
      if (auth.mustChangePassword) return { name: 'password', query: { forced: '1' } }
      return safeRedirect(to.query.redirect)
    }
    return true
  }
  if (!auth.signedIn) {
    return { name: 'login', query: to.fullPath && to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (auth.mustChangePassword && !(to.name === 'password' && to.query.forced === '1')) {
    return { name: 'password', query: { forced: '1' } }
  }
  for (const record of to.matched) {
    if (!auth.can(record.meta.permission)) {
      return { name: 'forbidden', query: { from: to.fullPath } }
    }
  }
  return true
}

/** Only same-app paths are followed after sign-in (no open redirect). */
export function safeRedirect(value: unknown): string {
  const v = Array.isArray(value) ? value[0] : value
  if (typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/login')) return v
  return '/home'
}

export interface ShellPages {
  login: RouteComponent | (() => Promise<unknown>)
  layout: RouteComponent | (() => Promise<unknown>)
  password: RouteComponent | (() => Promise<unknown>)
  forbidden: RouteComponent | (() => Promise<unknown>)
  notFound: RouteComponent | (() => Promise<unknown>)
}

/** The shell's routes around the modules' pages (which render inside the main layout). */
export function shellRoutes(pages: ShellPages, moduleRoutes: RouteRecordRaw[]): RouteRecordRaw[] {
  return [
    { path: '/login', name: 'login', component: pages.login, meta: { public: true, title: 'route.login' } },
    {
      path: '/',
      component: pages.layout,
      redirect: '/home',
      children: [
        ...moduleRoutes,
        { path: 'password', name: 'password', component: pages.password, meta: { title: 'route.password', group: 'group.personal' } },
        { path: '403', name: 'forbidden', component: pages.forbidden, meta: { title: 'route.forbidden' } },
        { path: ':pathMatch(.*)*', name: 'not-found', component: pages.notFound, meta: { title: 'route.notFound' } },
      ],
    },
  ]
}

export function createAppRouter(routes: RouteRecordRaw[], history: RouterHistory = createWebHistory('/')): Router {
  const router = createRouter({
    history,
    routes,
    scrollBehavior: () => ({ top: 0 }),
  })
  router.beforeEach((to) => authGuard(to, useAuthStore()))
  router.afterEach((to) => {
    if (typeof document === 'undefined') return
    const title = to.meta.title ? t(to.meta.title) : ''
    document.title = title ? `${title} - ${t('app.name')}` : t('app.name')
  })
  return router
}
