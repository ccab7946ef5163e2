import { api, download, type Page, type Query } from '@/platform/api'
import type { RoleRef } from '@/platform/types'

// ---- accounts (系统管理员) ----
export interface AdminUser {
  id: number
  username: string
  display_name: string
  org_id: number | null
  phone: string
  email: string
  status: 'active' | 'disabled'
  locked: boolean
  must_change_password: boolean
  roles: RoleRef[]
  last_login_at: string | null
  created_at: string
  version: number
}

export interface UserQuery {
  q?: string
  status?: string
  page: number
  page_size: number
}

export interface NewUser {
  username: string
  display_name: string
  org_id?: number | null
  phone?: string
  email?: string
}

export interface UserEdit {
  display_name: string
  phone: string
  email: string
  org_id: number | null
  version: number
}

export const usersApi = {
  list: (q: UserQuery) => api.get<Page<AdminUser>>('/admin/users', q as unknown as Query),
  create: (u: NewUser) => api.post<{ user: AdminUser; initial_password: string }>('/admin/users', u),
  update: (id: number, u: UserEdit) => api.put<AdminUser | undefined>(`/admin/users/${id}`, u),
  resetPassword: (id: number) => api.post<{ initial_password: string }>(`/admin/users/${id}/reset-password`),
  unlock: (id: number) => api.post(`/admin/users/${id}/unlock`),
  disable: (id: number) => api.post(`/admin/users/${id}/disable`),
  enable: (id: number) => api.post(`/admin/users/${id}/enable`),
  setRoles: (id: number, roleCodes: string[]) => api.put(`/admin/users/${id}/roles`, { role_codes: roleCodes }),
}

// ---- roles and permissions (安全管理员) ----
export type AdminKind = 'system' | 'security' | 'audit' | null

export interface Role {
  id: number
  code: string
  name: string
  name_en?: string
  builtin: boolean
  admin_kind: AdminKind
  permissions: string[]
  description: string
  /** Data scope of a business role (own_unit … assigned); "none" for the administrators. */
  scope_kind?: string
}

export interface Permission {
  code: string
  name: string
  module?: string
}

export const rolesApi = {
  list: () => api.get<Page<Role>>('/admin/roles', { page: 1, page_size: 200 }),
  /** The contract says "every permission code with its Chinese name and module"; accept a list or {items}. */
  permissions: async (): Promise<Permission[]> => {
    const answer = await api.get<Permission[] | Page<Permission> | Record<string, string>>('/admin/permissions')
    return normalizePermissions(answer)
  },
}

export function normalizePermissions(answer: unknown): Permission[] {
  if (Array.isArray(answer)) return answer as Permission[]
  if (answer && typeof answer === 'object') {
    const items = (answer as { items?: unknown }).items
    if (Array.isArray(items)) return items as Permission[]
    // A plain map { code: name }.
    return Object.entries(answer as Record<string, unknown>)
      .filter(([, v]) => typeof v === 'string')
      .map(([code, name]) => ({ code, name: name as string }))
  }
  return []
}

// ---- sessions ----
export interface SessionRow {
  id: string
  user_id: number
  username: string
  ip: string
  user_agent: string
  created_at: string
  last_seen_at: string
}

/** GET /me/sessions: the caller's own sessions; `current` marks the one making the request. */
export interface OwnSession {
  id: string
  current?: boolean
}

export const sessionsApi = {
  list: (page: number, pageSize: number) => api.get<Page<SessionRow>>('/admin/sessions', { page, page_size: pageSize }),
  mine: async (): Promise<OwnSession[]> => {
    const answer = await api.get<Page<OwnSession> | OwnSession[]>('/me/sessions', { page: 1, page_size: 200 })
    return Array.isArray(answer) ? answer : (answer?.items ?? [])
  },
  end: (id: string) => api.delete(`/admin/sessions/${encodeURIComponent(id)}`),
}

// ---- security policy ----
export interface SecurityPolicy {
  min_length: number
  min_classes: number
  history: number
  expiry_days: number
  max_failures: number
  lockout_minutes: number
  idle_timeout_minutes: number
  absolute_timeout_hours: number
  version: number
}

export const policyApi = {
  get: () => api.get<SecurityPolicy>('/admin/security-policy'),
  put: (p: SecurityPolicy) => api.put<SecurityPolicy | undefined>('/admin/security-policy', p),
}

// ---- audit (审计管理员) ----
export interface AuditRow {
  id: number
  at: string
  actor_id: number
  actor_name: string
  ip: string
  request_id: string
  action: string
  object_type: string
  object_id: string
  result: string
  before: unknown
  after: unknown
}

export interface LoginLogRow {
  id: number
  at: string
  username: string
  user_id: number | null
  ip: string
  user_agent: string
  result: string
  detail: string
}

export interface AuditFilters {
  from?: string
  to?: string
  actor?: string
  action?: string
  object_type?: string
  result?: string
}

export interface LoginLogFilters {
  from?: string
  to?: string
  username?: string
  result?: string
}

export const auditApi = {
  logs: (f: AuditFilters, page: number, pageSize: number) =>
    api.get<Page<AuditRow>>('/audit/logs', { ...f, page, page_size: pageSize }),
  exportLogs: (f: AuditFilters, format: 'csv' | 'xlsx') =>
    download('/audit/logs/export', { ...f, format }, `audit-log.${format}`),
  loginLogs: (f: LoginLogFilters, page: number, pageSize: number) =>
    api.get<Page<LoginLogRow>>('/audit/login-logs', { ...f, page, page_size: pageSize }),
  exportLoginLogs: (f: LoginLogFilters, format: 'csv' | 'xlsx') =>
    download('/audit/login-logs/export', { ...f, format }, `login-log.${format}`),
}

/**
 * A date range picker's value ([from, to] as Asia/Shanghai dates, YYYY-MM-DD) as the API's
 * from/to filters: UTC timestamps covering both whole days, so that the server needs no
 * assumption about the time zone of a bare date or whether `to` is inclusive.
 */
export function rangeToFilters(range: [string, string] | null | undefined): { from?: string; to?: string } {
  if (!range || range.length !== 2) return {}
  return { from: shanghaiDayStartUtc(range[0]), to: shanghaiDayEndUtc(range[1]) }
}

const DAY_MS = 86_400_000
const SHANGHAI_OFFSET_MS = 8 * 3_600_000

function shanghaiMidnightMs(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '')
  if (!m) return null
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - SHANGHAI_OFFSET_MS
}

/** 2026-11-27 → 2026-11-26T16:00:00.000Z (00:00 in Shanghai). */
export function shanghaiDayStartUtc(date: string): string | undefined {
  const ms = shanghaiMidnightMs(date)
  return ms === null ? undefined : new Date(ms).toISOString()
}

/** 2026-11-27 → 2026-11-27T15:59:59.999Z (the last millisecond of that day in Shanghai). */
export function shanghaiDayEndUtc(date: string): string | undefined {
  const ms = shanghaiMidnightMs(date)
  return ms === null ? undefined : new Date(ms + DAY_MS - 1).toISOString()
}
