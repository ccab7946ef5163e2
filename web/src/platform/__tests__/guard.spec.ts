import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, type RouteRecordRaw, type Router } from 'vue-router'
import { defineComponent, h } from 'vue'
import { createAppRouter, safeRedirect, shellRoutes } from '../router'
import { useAuthStore } from '../auth'
import { api, resetApiHooks } from '../api'
import { connectApi } from '../setup'
import { adminRoutes } from '@/modules/admin/routes'
import { homeRoutes } from '@/modules/home/routes'
import { jsonResponse, sysadminMe } from './fixtures'

const Blank = defineComponent({ render: () => h('div') })
let fetchMock: ReturnType<typeof vi.fn>
let router: Router

function makeRouter(): Router {
  // The real route table, with blank components (the guard only looks at meta).
  const swap = (routes: RouteRecordRaw[]) => routes.map((r) => ({ ...r, component: Blank }) as RouteRecordRaw)
  return createAppRouter(
    shellRoutes({ login: Blank, layout: Blank, password: Blank, forbidden: Blank, notFound: Blank }, [...swap(homeRoutes), ...swap(adminRoutes)]),
    createMemoryHistory(),
  )
}

beforeEach(() => {
  setActivePinia(createPinia())
  fetchMock = vi.fn()
  vi.stubGlobal('fetch', fetchMock)
  router = makeRouter()
})
afterEach(() => {
  vi.unstubAllGlobals()
  resetApiHooks()
})

describe('route guard', () => {
  it('sends a visitor without a session to the sign-in page, remembering where they were going', async () => {
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'unauthenticated', message: '请先登录' } }))
    await router.push('/audit/logs?actor=x')
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/audit/logs?actor=x')
  })

  it('shows the 403 page for a route whose permission the user lacks', async () => {
    useAuthStore().setUser(sysadminMe(), 't')
    await router.push('/audit/logs')
    expect(router.currentRoute.value.name).toBe('forbidden')
    expect(router.currentRoute.value.query.from).toBe('/audit/logs')
    await router.push('/admin/roles')
    expect(router.currentRoute.value.name).toBe('forbidden')
  })

  it('lets the user open pages they hold the permission for, and 404s unknown paths', async () => {
    useAuthStore().setUser(sysadminMe(), 't')
    await router.push('/admin/users')
    expect(router.currentRoute.value.name).toBe('admin-users')
    await router.push('/')
    expect(router.currentRoute.value.path).toBe('/home')
    await router.push('/no/such/page')
    expect(router.currentRoute.value.name).toBe('not-found')
  })

  it('accepts any of several permissions (login log for the security administrator)', async () => {
    useAuthStore().setUser(sysadminMe({ permissions: ['security.loginlog.read'] }), 't')
    await router.push('/audit/login-logs')
    expect(router.currentRoute.value.name).toBe('audit-login-logs')
  })

  it('keeps a user with a pending forced change on the change page', async () => {
    useAuthStore().setUser(sysadminMe({ must_change_password: true }), 't')
    await router.push('/admin/users')
    expect(router.currentRoute.value.name).toBe('password')
    expect(router.currentRoute.value.query.forced).toBe('1')
  })

  it('asks GET /me once on the first navigation and sends a signed-in user away from /login', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, sysadminMe()))
    await router.push('/login?redirect=/admin/users')
    expect(router.currentRoute.value.path).toBe('/admin/users')
    await router.push('/home')
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })

  it('follows only same-app redirects', () => {
    expect(safeRedirect('/audit/logs')).toBe('/audit/logs')
    expect(safeRedirect('//evil.example/x')).toBe('/home')
    expect(safeRedirect('https://evil.example')).toBe('/home')
    expect(safeRedirect(undefined)).toBe('/home')
  })
})

describe('API client wired to the store and the router', () => {
  it('on 401 forgets the session and goes to the sign-in page, coming back afterwards', async () => {
    connectApi(router)
    const auth = useAuthStore()
    auth.setUser(sysadminMe(), 'tok')
    await router.push('/admin/users?q=zhang')
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { error: { code: 'session_expired', message: '会话已过期，请重新登录' } }))
    await expect(api.get('/admin/users')).rejects.toMatchObject({ status: 401 })
    await new Promise((r) => setTimeout(r, 0))
    await router.isReady()
    expect(auth.signedIn).toBe(false)
    expect(auth.csrfToken).toBeNull()
    expect(router.currentRoute.value.name).toBe('login')
    expect(router.currentRoute.value.query.redirect).toBe('/admin/users?q=zhang')
  })

  it('on 403 password_change_required goes to the forced change', async () => {
    connectApi(router)
    useAuthStore().setUser(sysadminMe(), 'tok')
    await router.push('/home')
    fetchMock.mockResolvedValueOnce(jsonResponse(403, { error: { code: 'password_change_required', message: '请先修改密码' } }))
    await expect(api.get('/todo')).rejects.toMatchObject({ status: 403 })
    await new Promise((r) => setTimeout(r, 0))
    expect(router.currentRoute.value.fullPath).toBe('/password?forced=1')
    expect(useAuthStore().mustChangePassword).toBe(true)
  })

  it('sends the CSRF token the store got at sign-in', async () => {
    connectApi(router)
    useAuthStore().setUser(sysadminMe(), 'tok-42')
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    await api.delete('/admin/sessions/s1')
    expect(fetchMock.mock.calls[0][1].headers['X-CSRF-Token']).toBe('tok-42')
  })
})
