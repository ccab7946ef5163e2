import { api, type Page } from '@/platform/api'

// Reference data and budget years (docs/api-org.md "Reference data (/ref)").

export interface RefKind {
  kind: string
  name: string
  name_en: string
  hierarchical: boolean
  /** Codes are digits whose prefix names the parent (类 3, 款 5, 项 7). */
  numeric?: boolean
  /** Whether the 系统管理员 may change it (absent: yes). */
  editable?: boolean
}

export interface RefItem {
  id: number
  kind?: string
  code: string
  name: string
  parent_code: string | null
  level: number
  sort: number
  attrs: Record<string, unknown> | null
  from_year: number
  to_year: number | null
}

export interface RefQuery {
  year?: number | null
  q?: string
  all?: boolean
}

export interface NewRefItem {
  code: string
  name: string
  parent_code?: string | null
  from_year: number
  attrs?: Record<string, unknown>
}

export type YearState = 'planning' | 'executing' | 'closed'

export interface BudgetYear {
  region_code: string
  year: number
  state: YearState
  state_name: string
  version: number
  updated_at: string
}

export interface BudgetYears {
  items: BudgetYear[]
  current_year: number
}

const enc = encodeURIComponent

export const refApi = {
  kinds: () => api.get<RefKind[]>('/ref/kinds'),
  items: (kind: string, q: RefQuery = {}) =>
    api.get<Page<RefItem>>(`/ref/${enc(kind)}`, { year: q.year ?? undefined, q: q.q?.trim() || undefined, all: q.all ? 1 : undefined }),
  create: (kind: string, item: NewRefItem) => api.post<RefItem>(`/ref/${enc(kind)}`, item),
  rename: (kind: string, code: string, body: { name: string; from_year: number; attrs?: Record<string, unknown> }) =>
    api.put<RefItem>(`/ref/${enc(kind)}/${enc(code)}`, body),
  retire: (kind: string, code: string, year: number) => api.post(`/ref/${enc(kind)}/${enc(code)}/retire`, { year }),
  templateUrl: (kind: string) => `/api/v1/ref/import/template?kind=${enc(kind)}`,
  importUrl: (kind: string, year: number) => `/api/v1/ref/import?kind=${enc(kind)}&year=${year}`,
  years: (regionCode?: string | null) => api.get<BudgetYears>('/ref/years', { region_code: regionCode || undefined }),
  openYear: (regionCode: string | null | undefined, year: number) =>
    api.post<BudgetYear>('/ref/years', regionCode ? { region_code: regionCode, year } : { year }),
  setYearState: (regionCode: string | null | undefined, year: number, body: { state: YearState; version: number; reason: string }) =>
    api.put<BudgetYear>(`/ref/years/${year}`, body, { query: { region_code: regionCode || undefined } }),
}
