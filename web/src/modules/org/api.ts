import { api, download, type Page, type Query } from '@/platform/api'

// The org module's API (docs/api-org.md; shapes as src/modules/org/routes.cpp sends them).

export type OrgKind = 'finance_bureau' | 'finance_office' | 'department' | 'unit' | 'township' | 'dev_zone' | 'third_party' | 'oversight'
export type OrgStatus = 'active' | 'inactive' | 'merged'
export type OfficeRole = 'performance' | 'budget' | 'business' | 'review_center' | 'other'

export interface Qualification {
  credit_rating?: string
  certificates?: string[]
  business_scope?: string
}

export interface Organization {
  id: number
  kind: OrgKind
  name: string
  short_name: string
  code: string | null
  uscc: string | null
  region_code: string
  parent_id: number | null
  department_id: number | null
  office_role: OfficeRole | null
  unit_type: string
  sector_code: string
  status: OrgStatus
  merged_into_id: number | null
  overseen_department_ids: number[]
  qualification: Qualification
  contact: string
  phone: string
  path: string
  version: number
  created_at: string
  updated_at: string
}

/** GET /org/tree items: the organization with has_children (and, when searching, its ancestors). */
export interface TreeOrg extends Organization {
  has_children: boolean
  ancestors?: { id: number; name: string }[]
}

export interface HistoryEntry {
  id: number
  org_id: number
  at: string
  action: string
  actor_name: string
  before: Partial<Organization> | null
  after: Partial<Organization> | null
  reason: string
}

export interface OrgDetail extends Organization {
  history: HistoryEntry[]
  children_count: number
  users_count: number
  users_to_reassign?: number
}

export interface Region {
  code: string
  name: string
  level: 'province' | 'city' | 'county' | 'township'
  parent_code: string | null
  full_name: string
  children: Region[]
}

export interface UnitFilters {
  q?: string
  kind?: string
  region_code?: string
  department_id?: number
  status?: string
  sector_code?: string
  sort?: 'code' | 'name'
}

/** The body of POST /org/units and PUT /org/units/{id}. */
export interface OrgInput {
  kind?: OrgKind
  name?: string
  short_name?: string
  code?: string
  uscc?: string
  region_code?: string
  parent_id?: number | null
  office_role?: OfficeRole | null
  unit_type?: string
  sector_code?: string
  contact?: string
  phone?: string
  qualification?: Qualification
  version?: number
  reason?: string
}

export interface Expert {
  id: number
  name: string
  org_id: number | null
  org_name?: string | null
  region_code: string
  title: string
  fields: string[]
  phone: string
  id_card_tail: string
  status: 'active' | 'inactive'
  user_id: number | null
  version: number
}

export interface ExpertInput {
  name: string
  org_id: number | null
  region_code?: string
  title: string
  fields: string[]
  phone: string
  id_card_tail: string
  status: 'active' | 'inactive'
  user_id?: number | null
  version?: number
}

export const orgApi = {
  regions: () => api.get<Region[]>('/org/regions'),
  children: (parentId?: number | null) => api.get<Page<TreeOrg>>('/org/tree', parentId ? { parent_id: parentId } : undefined),
  search: (q: string) => api.get<Page<TreeOrg>>('/org/tree', { q }),
  units: (f: UnitFilters, page: number, pageSize: number) =>
    api.get<Page<Organization>>('/org/units', { ...(f as Query), page, page_size: pageSize }),
  exportUnits: (f: UnitFilters) => download('/org/units/export', f as Query, '单位列表.xlsx'),
  unit: (id: number) => api.get<OrgDetail>(`/org/units/${id}`),
  create: (o: OrgInput) => api.post<OrgDetail>('/org/units', o),
  update: (id: number, o: OrgInput) => api.put<OrgDetail>(`/org/units/${id}`, o),
  move: (id: number, body: { parent_id: number; version: number; reason: string; code?: string }) =>
    api.post<OrgDetail>(`/org/units/${id}/move`, body),
  merge: (id: number, body: { into_id: number; version: number; reason: string }) =>
    api.post<OrgDetail>(`/org/units/${id}/merge`, body),
  deactivate: (id: number, body: { version: number; reason: string }) => api.post<OrgDetail>(`/org/units/${id}/deactivate`, body),
  reactivate: (id: number, body: { version: number; reason: string }) => api.post<OrgDetail>(`/org/units/${id}/reactivate`, body),
  setOversight: (officeId: number, body: { department_ids: number[]; version: number }) =>
    api.put<OrgDetail>(`/org/offices/${officeId}/oversight`, body),
  experts: (f: { q?: string; field?: string; status?: string }, page: number, pageSize: number) =>
    api.get<Page<Expert>>('/org/experts', { ...f, page, page_size: pageSize }),
  createExpert: (e: ExpertInput) => api.post<Expert>('/org/experts', e),
  updateExpert: (id: number, e: ExpertInput) => api.put<Expert>(`/org/experts/${id}`, e),
}

// ---- custom roles (安全管理员) ----
export type ScopeKind = 'own_unit' | 'own_department' | 'overseen' | 'region' | 'all' | 'assigned'

export interface RoleDetail {
  id: number
  code: string
  name: string
  name_en: string
  builtin: boolean
  admin_kind: string | null
  description: string
  scope_kind: string
  permissions: string[]
  version: number
}

export interface RoleInput {
  code?: string
  name: string
  description: string
  permissions: string[]
  scope_kind: ScopeKind
  version?: number
}

export const customRolesApi = {
  get: (id: number) => api.get<RoleDetail>(`/admin/roles/${id}`),
  create: (r: RoleInput) => api.post<RoleDetail>('/admin/roles', r),
  update: (id: number, r: RoleInput) => api.put<RoleDetail>(`/admin/roles/${id}`, r),
}
