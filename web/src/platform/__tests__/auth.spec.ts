import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useAuthStore } from '../auth'
import { api, configureApi, resetApiHooks } from '../api'
import { can } from '../permission'
import { jsonResponse, sysadminMe } from './fixtures'

let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  setActivePinia(createPinia())
  fetchMock = vi.fn()
  vi.stubGlobal('fetch', fetchMock)
  resetApiHooks()
})
afterEach(() => vi.unstubAllGlobals())

describe('permission helper', () => {
  it('grants when nothing is required, one code is held, or any of a list', () => {
    const held = ['audit.log.read']
    expect(can(held, undefined)).toBe(true)
    expect(can(held, 'audit.log.read')).toBe(true)
    expect(can(held, 'audit.log.export')).toBe(false)
    expect(can(held, ['security.loginlog.read', 'audit.log.read'])).toBe(true)
    expect(can(held, ['security.loginlog.read'])).toBe(false)
    expect(can(null, 'x')).toBe(false)
  })
})

describe('auth store', () => {
  it('signs in, keeps the user and the CSRF token, and answers can()', async () => {
    const auth = useAuthStore()
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { user: sysadminMe(), csrf_token: 'csrf-login' }))
    await auth.login('sysadmin', 'pw')
    expect(auth.signedIn).toBe(true)
    expect(auth.csrfToken).toBe('csrf-login')
    expect(auth.can('system.user.read')).toBe(true)
    expect(auth.can('audit.log.read')).toBe(false)
    expect(auth.roleNames).toEqual(['系统管理员'])
    expect(JSON.parse(fetchMock.mock.calls[0][1].body)).toEqual({ username: 'sysadmin', password: 'pw' })
  })

  it('the API client sends the token the store holds', async () => {
    const auth = useAuthStore()
    configureApi({ csrfToken: () => auth.csrfToken })
    fetchMock.mockResolvedValueOnce(jsonResponse(200, sysadminMe({ csrf_token: 'from-me' })))
    await auth.fetchMe()
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    await api.post('/admin/users/1/unlock')
    expect(fetchMock.mock.calls[1][1].headers['X-CSRF-Token']).toBe('from-me')
  })

  it('fetchMe answers null and clears on 401, without calling the 401 hook', async () => {
    const hook = vi.fn()
    configureApi({ onUnauthenticated: hook })
    const auth = useAuthStore()
    auth.setUser(sysadminMe(), 'x')
    fetchMock.mockResolvedValueOnce(jsonResponse(401, { error: { code: 'unauthenticated', message: '请先登录' } }))
    await expect(auth.fetchMe()).resolves.toBeNull()
    expect(auth.signedIn).toBe(false)
    expect(auth.csrfToken).toBeNull()
    expect(auth.checked).toBe(true)
    expect(hook).not.toHaveBeenCalled()
  })

  it('logout forgets the user even if the server call fails', async () => {
    const auth = useAuthStore()
    auth.setUser(sysadminMe(), 'x')
    fetchMock.mockRejectedValueOnce(new TypeError('offline'))
    await auth.logout()
    expect(auth.user).toBeNull()
  })

  it('tracks the forced password change', () => {
    const auth = useAuthStore()
    auth.setUser(sysadminMe({ must_change_password: true }))
    expect(auth.mustChangePassword).toBe(true)
    auth.passwordChanged()
    expect(auth.mustChangePassword).toBe(false)
    auth.markPasswordChangeRequired()
    expect(auth.mustChangePassword).toBe(true)
  })
})
