import type { Me } from '../types'

/** A GET /me answer of the system administrator, shaped as the contract says. */
export function sysadminMe(overrides: Partial<Me> = {}): Me {
  return {
    id: 1,
    username: 'sysadmin',
    display_name: '系统管理员',
    org_id: null,
    roles: [{ code: 'sysadmin', name: '系统管理员' }],
    permissions: ['system.user.read', 'system.user.manage', 'system.org.manage'],
    must_change_password: false,
    password_expires_at: '2027-02-25T00:00:00.000Z',
    csrf_token: 'csrf-me',
    menu: [
      { key: 'home', title: '首页', title_en: 'Home', icon: 'home', path: '/home', children: [] },
      {
        key: 'system',
        title: '系统管理',
        title_en: 'System',
        icon: 'setting',
        path: null,
        children: [{ key: 'system.users', title: '账号管理', title_en: 'Accounts', icon: 'user', path: '/admin/users', children: [] }],
      },
    ],
    ...overrides,
  }
}

export function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  })
}
