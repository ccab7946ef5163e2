import { api, download, upload, type Page, type Query } from '@/platform/api'
import type { WorkflowStep } from '@/platform/types'

// The projects module's API (docs/api-projects.md; shapes as src/modules/projects/service.cpp
// `project_json` and `case_json` send them). Money is int64 fen (`_fen`), scores are numbers
// with two decimals.

export type ProjectState =
  | 'draft'
  | 'submitted'
  | 'reviewing'
  | 'in_library'
  | 'returned'
  | 'rejected'
  | 'budgeted'
  | 'executing'
  | 'completed'
  | 'exited'

export type Conclusion = 'support' | 'adjust' | 'reject'
export type CaseState = 'assigning' | 'working' | 'returned' | 'closed'
export type AttachmentKind = 'application' | 'basis' | 'other'

export interface Amount {
  year: number
  source: string
  requested_fen: number
}

export interface Attachment {
  id: number
  name: string
  kind: AttachmentKind
  size: number
  content_type: string
  uploaded_at: string
}

export interface BudgetRow {
  year: number
  approved_fen: number
  at: string
}

export type HistoryRow = WorkflowStep

export interface Project {
  id: number
  code: string | null
  name: string
  org_id: number
  org_name: string
  department_id: number
  region_code: string
  category: string
  kind: 'project' | 'policy'
  budget_type: string
  func_class: string
  sector: string
  tags: string[]
  is_new: boolean
  continuing_after_expiry: boolean
  start_year: number
  end_year: number
  description: string
  basis: string
  contact: string
  phone: string
  amounts: Amount[]
  requested_total_fen: number
  state: ProjectState
  state_name: string
  preassess: { required: boolean | null; reasons: string[] }
  conclusion: Conclusion | null
  approved_fen: number | null
  /** The comment of the step into the current state (the return or rejection opinion). */
  state_comment?: string | null
  library_year: number | null
  submitted_at: string | null
  version: number
  created_at: string
  updated_at: string
  // detail only
  attachments?: Attachment[]
  budgets?: BudgetRow[]
  history?: HistoryRow[]
  cases?: Case[]
}

export interface ReviewLine {
  item: string
  submitted_fen: number
  approved_fen: number
  reason: string
}

export interface Case {
  id: number
  project_id: number
  round: number
  state: CaseState
  preassess_required: boolean
  lead_user_id: number | null
  reviewer_user_ids: number[]
  third_party_org_id: number | null
  experts: { expert_id: number; name: string; submitted: boolean; total?: number | null }[]
  review: {
    lines: ReviewLine[]
    submitted_fen: number | null
    approved_fen: number | null
    cut_fen: number | null
    cut_rate: number | null
  }
  combined: number | null
  band?: string
  veto: boolean
  veto_reason: string
  conclusion: Conclusion | null
  conclusion_name: string | null
  opinion: string
  created_at: string
  updated_at: string
  concluded_at: string | null
  version: number
  /** In lists and in GET /cases/{id}. */
  project?: Project
}

export interface ProjectFilters {
  q?: string
  state?: string
  year?: number | null
  category?: string
  sector?: string
  org_id?: number | null
  department_id?: number | null
  tag?: string
  preassess?: boolean | null
  conclusion?: string
  sort?: 'code' | 'name' | 'requested' | 'updated'
}

/** The body of POST /projects and PUT /projects/{id}. */
export interface ProjectInput {
  name?: string
  org_id?: number
  category?: string
  kind?: string
  budget_type?: string
  func_class?: string
  sector?: string
  tags?: string[]
  is_new?: boolean
  continuing_after_expiry?: boolean
  start_year?: number
  end_year?: number
  description?: string
  basis?: string
  contact?: string
  phone?: string
  amounts?: Amount[]
  version?: number
}


export interface PreassessRule {
  investment_threshold_fen: number
  operating_threshold_fen: number
  special_bond_always: boolean
  continuing_policies: boolean
}

/** GET /projects/settings/preassess_rule: the rule in force for a year (the editor's hint). */
export interface RuleSetting {
  year: number
  value: PreassessRule
}

function filterQuery(f: ProjectFilters): Query {
  return {
    q: f.q?.trim() || undefined,
    state: f.state || undefined,
    year: f.year ?? undefined,
    category: f.category || undefined,
    sector: f.sector || undefined,
    org_id: f.org_id ?? undefined,
    department_id: f.department_id ?? undefined,
    tag: f.tag || undefined,
    preassess: f.preassess === null || f.preassess === undefined ? undefined : String(f.preassess),
    conclusion: f.conclusion || undefined,
    sort: f.sort || undefined,
  }
}

export const projectsApi = {
  list: (f: ProjectFilters, page: number, pageSize: number) =>
    api.get<Page<Project>>('/projects', { ...filterQuery(f), page, page_size: pageSize }),
  exportList: (f: ProjectFilters) => download('/projects/export', filterQuery(f), '项目库.xlsx'),
  get: (id: number) => api.get<Project>(`/projects/${id}`),
  create: (p: ProjectInput) => api.post<Project>('/projects', p),
  update: (id: number, p: ProjectInput) => api.put<Project>(`/projects/${id}`, p),
  remove: (id: number, version: number) => api.delete(`/projects/${id}`, { query: { version } }),
  submit: (id: number, version: number) => api.post<Project>(`/projects/${id}/submit`, { version }),
  withdraw: (id: number, version: number) => api.post<Project>(`/projects/${id}/withdraw`, { version }),
  attach: (id: number, file: Blob, name: string, kind: AttachmentKind) =>
    upload<Attachment>(`/projects/${id}/attachments`, file, file.type || 'application/octet-stream', { name, kind }),
  downloadAttachment: (id: number, att: Attachment) => download(`/projects/${id}/attachments/${att.id}`, undefined, att.name),
  detach: (id: number, att: number) => api.delete(`/projects/${id}/attachments/${att}`),
  budget: (id: number, body: { year: number; approved_fen: number; version: number }) => api.post<Project>(`/projects/${id}/budget`, body),
  lifecycle: (id: number, action: 'start' | 'complete' | 'exit', body: { version: number; reason?: string }) =>
    api.post<Project>(`/projects/${id}/${action}`, body),
  preassessRule: (year: number) => api.get<RuleSetting>('/projects/settings/preassess_rule', { year }),
}
