import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, buildUrl, configureApi, download, filenameFromDisposition, resetApiHooks } from '../api'

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', ...headers },
  })
}

let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  fetchMock = vi.fn()
  vi.stubGlobal('fetch', fetchMock)
  resetApiHooks()
})

afterEach(() => {
  vi.unstubAllGlobals()
})

function sentHeaders(call = 0): Record<string, string> {
  return fetchMock.mock.calls[call][1].headers as Record<string, string>
}

describe('requests', () => {
  it('sends X-CSRF-Token on state-changing methods only, and always the UI language', async () => {
    configureApi({ csrfToken: () => 'tok-123', locale: () => 'en' })
    fetchMock.mockImplementation(async () => jsonResponse(200, { ok: true }))
    await api.get('/me')
    await api.post('/admin/users', { username: 'a' })
    await api.put('/admin/users/1', {})
    await api.delete('/admin/sessions/x')
    expect(sentHeaders(0)['X-CSRF-Token']).toBeUndefined()
    expect(sentHeaders(1)['X-CSRF-Token']).toBe('tok-123')
    expect(sentHeaders(2)['X-CSRF-Token']).toBe('tok-123')
    expect(sentHeaders(3)['X-CSRF-Token']).toBe('tok-123')
    for (let i = 0; i < 4; i++) expect(sentHeaders(i)['Accept-Language']).toBe('en')
    expect(fetchMock.mock.calls[1][1].credentials).toBe('include')
    expect(fetchMock.mock.calls[1][1].body).toBe('{"username":"a"}')
    expect(sentHeaders(1)['Content-Type']).toBe('application/json')
  })

  it('builds URLs under /api/v1 and drops empty query values', () => {
    expect(buildUrl('/admin/users', { q: '张三', status: '', page: 2, x: undefined })).toBe('/api/v1/admin/users?q=%E5%BC%A0%E4%B8%89&page=2')
    expect(buildUrl('/api/v1/meta')).toBe('/api/v1/meta')
  })

  it('returns undefined for 204', async () => {
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }))
    await expect(api.post('/auth/logout')).resolves.toBeUndefined()
  })
})

describe('errors', () => {
  it('turns the error body into a typed ApiError with field errors', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(
        422,
        {
          error: {
            code: 'validation_failed',
            message: '输入有误',
            details: [
              { field: 'new_password', message: '密码至少 8 个字符' },
              { field: 'new_password', message: '第二条' },
              { field: 'old_password', message: '原密码不正确' },
            ],
          },
        },
        { 'X-Request-Id': 'req-9' },
      ),
    )
    const err = (await api.post('/auth/password', {}).catch((e) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(422)
    expect(err.code).toBe('validation_failed')
    expect(err.message).toBe('输入有误')
    expect(err.requestId).toBe('req-9')
    expect(err.fieldErrors()).toEqual({ new_password: '密码至少 8 个字符', old_password: '原密码不正确' })
  })

  it('maps a body that is not the error shape, and a network failure', async () => {
    configureApi({ genericMessage: (kind, status) => `${kind}:${status}` })
    fetchMock.mockResolvedValueOnce(new Response('<html>Bad Gateway</html>', { status: 502 }))
    const e1 = await api.get('/me').catch((e) => e)
    expect(e1).toMatchObject({ status: 502, code: 'http_502', message: 'http:502' })
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const e2 = await api.get('/me').catch((e) => e)
    expect(e2).toMatchObject({ status: 0, code: 'network_error', message: 'network:0' })
  })

  it('calls the 401 hook unless told not to', async () => {
    const onUnauthenticated = vi.fn()
    configureApi({ onUnauthenticated })
    fetchMock.mockImplementation(async () => jsonResponse(401, { error: { code: 'session_expired', message: '会话已过期' } }))
    await expect(api.get('/todo')).rejects.toMatchObject({ status: 401, code: 'session_expired' })
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
    await expect(api.post('/auth/login', {}, { handleAuth: false })).rejects.toBeInstanceOf(ApiError)
    expect(onUnauthenticated).toHaveBeenCalledTimes(1)
  })

  it('calls the forced-change hook on 403 password_change_required only', async () => {
    const onPasswordChangeRequired = vi.fn()
    configureApi({ onPasswordChangeRequired })
    fetchMock.mockResolvedValueOnce(jsonResponse(403, { error: { code: 'password_change_required', message: '请先修改密码' } }))
    await expect(api.get('/todo')).rejects.toMatchObject({ status: 403 })
    fetchMock.mockResolvedValueOnce(jsonResponse(403, { error: { code: 'forbidden', message: '无权' } }))
    await expect(api.get('/admin/users')).rejects.toMatchObject({ code: 'forbidden' })
    expect(onPasswordChangeRequired).toHaveBeenCalledTimes(1)
  })
})

describe('downloads', () => {
  it('reads the file name from Content-Disposition', () => {
    expect(filenameFromDisposition('attachment; filename="audit.csv"')).toBe('audit.csv')
    expect(filenameFromDisposition("attachment; filename=\"a.xlsx\"; filename*=UTF-8''%E5%AE%A1%E8%AE%A1.xlsx")).toBe('审计.xlsx')
    expect(filenameFromDisposition(null)).toBeNull()
  })

  it('hands the bytes to the browser under the server name, and throws ApiError on failure', async () => {
    const createObjectURL = vi.fn(() => 'blob:x')
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }))
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    fetchMock.mockResolvedValueOnce(
      new Response('\ufeffa,b\n', { status: 200, headers: { 'Content-Disposition': 'attachment; filename="audit-log.csv"' } }),
    )
    await expect(download('/audit/logs/export', { format: 'csv', actor: 'x' })).resolves.toBe('audit-log.csv')
    expect(fetchMock.mock.calls[0][0]).toBe('/api/v1/audit/logs/export?format=csv&actor=x')
    expect(click).toHaveBeenCalledTimes(1)
    fetchMock.mockResolvedValueOnce(jsonResponse(403, { error: { code: 'forbidden', message: '无权导出' } }))
    await expect(download('/audit/logs/export', { format: 'csv' })).rejects.toMatchObject({ message: '无权导出' })
    click.mockRestore()
  })
})
