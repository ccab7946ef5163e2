import { api, download, upload, type Page, type Query } from '@/platform/api'
import type { WorkflowStep } from '@/platform/types'

// The targets module's API (docs/api-targets.md): 绩效目标 sets (one per project or 一级预算单位
// and year), their revisions (a platform workflow document, doc type `target`), the live check,
// review, change history and the coverage of a year. Weights are numbers with two decimals,
// money is int64 fen (`_fen`).

export type TargetKind = 'project' | 'department'
export type RevisionState = 'draft' | 'submitted' | 'approved' | 'returned' | 'rejected' | 'superseded'
export type Nature = '>=' | '>' | '=' | '<' | '<=' | 'qual'
export type Basis = 'plan' | 'industry' | 'history' | 'other'
export type Grade = '优' | '良' | '中' | '差'
export type Severity = 'error' | 'warning'

export interface TargetSet {
  id: number
  kind: TargetKind
  project_id: number | null
  project_code: string | null
  project_name: string | null
  org_id: number
  org_name: string
  department_id: number | null
  department_name: string | null
  region_code: string
  year: number
  published: boolean
  current_revision_id: number | null
  approved_revision_id: number | null
  state: RevisionState
  state_name: string
  grade: Grade | null
  version: number
  created_at?: string
  updated_at?: string
  errors?: number | null
  warnings?: number | null
  title?: string
  /** What the caller may do with the set (`change`, `publish`). */
  actions?: string[]
  /** GET /targets/{id} only: the revisions (summaries) and the current one in full. */
  revisions?: RevisionSummary[]
  current?: Revision | null
}

export interface RevisionSummary {
  id: number
  revision: number
  state: RevisionState
  state_name: string
  change_reason?: string | null
  grade?: Grade | null
  created_at?: string
  updated_at?: string
}

export interface Leaf {
  id?: number | null
  key: string
  level1: string
  level2: string
  name: string
  nature: Nature | ''
  value: string
  period_value: string
  unit: string
  weight: number | null
  basis: Basis | ''
  explanation: string
  is_core: boolean
  library_id: number | null
  last_actual?: string | null
  review_comment?: string | null
}

export interface Task {
  key: string
  name: string
  content: string
  total_fen: number
  fiscal_fen: number
  other_fen: number
  project_ids: number[]
}

export interface Issue {
  rule: string
  severity: Severity
  message: string
  leaf_key: string | null
  field: string | null
}

export interface CheckResult {
  issues: Issue[]
  errors: number
  warnings: number
}

export interface Review {
  grade: Grade
  comment: string
  indicator_comments: Record<string, string>
  reviewer_name: string
  at: string
}

/** A workflow history row of a revision. */
export type HistoryRow = WorkflowStep

export interface Revision {
  id: number
  set_id: number
  revision: number
  state: RevisionState
  state_name: string
  tree_scheme: string
  period_goal: string
  year_goal: string
  serves_public: boolean
  change_reason: string | null
  indicators: Leaf[]
  tasks: Task[]
  total_weight: number
  reviews: Review[]
  check: CheckResult | null
  state_comment: string | null
  history?: HistoryRow[]
  version: number
  created_at: string
  updated_at: string
  submitted_at?: string | null
  approved_at?: string | null
  grade?: Grade | null
  /** GET /targets/revisions/{id}: its set and the project's period and sector. */
  set?: TargetSet
  multi_year?: boolean
  start_year?: number | null
  end_year?: number | null
  sector?: string | null
  /** What the caller may do (`save`, `submit`, `delete`, `withdraw`, `review`). */
  actions?: string[]
}

/** The body of PUT /targets/revisions/{id} and POST …/check. */
export interface DraftBody {
  period_goal: string
  year_goal: string
  serves_public: boolean
  indicators: Leaf[]
  tasks: Task[]
  version?: number
}

/** A row of GET /targets/projects: a project that needs targets in the year, with its set (or nulls). */
export interface ProjectNeed {
  project_id: number
  code: string | null
  name: string
  org_id: number
  org_name: string
  department_id: number
  department_name: string
  amount_fen: number
  start_year?: number
  end_year?: number
  project_state: string
  project_state_name: string
  set_id: number | null
  revision_id: number | null
  target_state: RevisionState | null
  target_state_name: string | null
  grade: Grade | null
  errors: number | null
  warnings: number | null
}

/** A row of GET /targets/departments: a 一级预算单位 with its 部门整体 set (or nulls). */
export interface DepartmentNeed {
  org_id: number
  org_name: string
  kind: string
  set_id: number | null
  revision_id: number | null
  target_state: RevisionState | null
  target_state_name: string | null
  grade: Grade | null
  errors?: number | null
  warnings?: number | null
}

export interface TargetFilters {
  kind?: TargetKind | ''
  year?: number | null
  state?: string
  department_id?: number | null
  grade?: string
  published?: boolean | null
  q?: string
}

/** The indicator tree of a year (GET /indicators/tree). */
export interface TreeNode2 {
  level2: string
  role: string
}
export interface TreeNode1 {
  level1: string
  role: string
  children: TreeNode2[]
}
export interface IndicatorTree {
  scheme: string
  items: TreeNode1[]
}

/** A row of the indicator library (GET /indicators), as IndicatorPicker emits it. */
export interface LibraryIndicator {
  id: number
  code: string
  sector: string
  level1: string
  level2: string
  name: string
  nature: Nature
  unit: string
  recommended_value: string
  basis: Basis
  method: string
  data_source: string
  is_core: boolean
}

/** A platform setting as GET/PUT answer it (see the projects settings). */
export interface Setting<V> {
  key: string
  /** check_rules: the rule catalogue with names. */
  rules?: { code: string; name: string; name_en?: string }[]
  region_code?: string
  year: number
  value: V
  version: number
  inherited?: boolean
  default?: boolean
}

function filterQuery(f: TargetFilters): Query {
  return {
    kind: f.kind || undefined,
    year: f.year ?? undefined,
    state: f.state || undefined,
    department_id: f.department_id ?? undefined,
    grade: f.grade || undefined,
    published: f.published === null || f.published === undefined ? undefined : String(f.published),
    q: f.q?.trim() || undefined,
  }
}

/** Lists come as {items,total}; a bare array is read as one page. */
export function asPage<T>(answer: Page<T> | T[] | null | undefined): Page<T> {
  if (Array.isArray(answer)) return { items: answer, total: answer.length }
  return { items: answer?.items ?? [], total: Number(answer?.total ?? answer?.items?.length ?? 0) }
}

export const targetsApi = {
  list: (f: TargetFilters, page: number, pageSize: number) =>
    api.get<Page<TargetSet>>('/targets', { ...filterQuery(f), page, page_size: pageSize }),
  projects: (q: { year: number; department_id?: number | null; q?: string; state?: string }, page = 1, pageSize = 20) =>
    api.get<Page<ProjectNeed>>('/targets/projects', { year: q.year, department_id: q.department_id ?? undefined, q: q.q?.trim() || undefined, state: q.state || undefined, page, page_size: pageSize }),
  departments: async (year: number) => asPage(await api.get<Page<DepartmentNeed> | DepartmentNeed[]>('/targets/departments', { year })),
  create: (body: { kind: TargetKind; project_id?: number; org_id?: number; year: number; copy_from_year?: number }) => api.post<TargetSet>('/targets', body),
  get: (id: number) => api.get<TargetSet>(`/targets/${id}`),
  revision: (id: number) => api.get<Revision>(`/targets/revisions/${id}`),
  save: (id: number, body: DraftBody) => api.put<Revision>(`/targets/revisions/${id}`, body),
  check: (id: number, body: DraftBody, signal?: AbortSignal) => api.post<CheckResult>(`/targets/revisions/${id}/check`, body, { signal }),
  submit: (id: number, version: number) => api.post<Revision>(`/targets/revisions/${id}/submit`, { version }),
  withdraw: (id: number, version: number) => api.post<Revision>(`/targets/revisions/${id}/withdraw`, { version }),
  review: (id: number, body: { grade: Grade; comment: string; indicator_comments: Record<string, string>; version: number }) =>
    api.post<Revision>(`/targets/revisions/${id}/review`, body),
  change: (setId: number, reason: string, version: number) => api.post<Revision>(`/targets/${setId}/changes`, { reason, version }),
  diff: (id: number, against?: number | null) => api.get<unknown>(`/targets/revisions/${id}/diff`, { against: against ?? undefined }),
  years: (projectId: number) => api.get<unknown>(`/targets/projects/${projectId}/years`),
  publish: (setId: number, published: boolean, version: number) => api.post<TargetSet>(`/targets/${setId}/publish`, { published, version }),
  declaration: (setId: number, name: string) => download(`/targets/${setId}/declaration.xlsx`, undefined, name),
  importDeclaration: (revisionId: number, file: Blob, version: number) =>
    upload<Revision>(`/targets/revisions/${revisionId}/import`, file, file.type || 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', { version }),
  remove: (revisionId: number, version: number) => api.delete(`/targets/revisions/${revisionId}`, { query: { version } }),
  coverage: (year: number, regionCode?: string) => api.get<unknown>('/targets/coverage', { year, region_code: regionCode || undefined }),
  setting: <V>(key: 'check_rules' | 'review_outcomes', year: number) => api.get<Setting<V>>(`/targets/settings/${key}`, { year }),
  saveSetting: <V>(key: 'check_rules' | 'review_outcomes', year: number, value: V, version: number) =>
    api.put<Setting<V>>(`/targets/settings/${key}`, { value, version }, { query: { year } }),
  tree: (year: number) => api.get<{ value?: IndicatorTree; scheme?: string; items?: TreeNode1[]; version?: number }>('/indicators/tree', { year }),
}
