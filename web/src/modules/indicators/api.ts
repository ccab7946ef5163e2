import { api, download, type Page, type Query } from '@/platform/api'
import type { WorkflowStep } from '@/platform/types'

// The indicators module's API (docs/api-indicators.md): the 分行业分领域 indicator library (one row
// per version, valid from_year..to_year), proposals from departments and units, and the per-year
// 一级/二级 indicator tree (the platform setting `indicators.tree`).

/** 指标性质: ≥ > = < ≤, or 定性 (a qualitative target). */
export type Nature = '>=' | '>' | '=' | '<' | '<=' | 'qual'
/** 设定依据: 计划标准 / 行业标准 / 历史标准 / 其他标准. */
export type Basis = 'plan' | 'industry' | 'history' | 'other'
export type IndicatorStatus = 'active' | 'proposed' | 'rejected' | 'retired'
export type Level1Role = 'cost' | 'output' | 'benefit' | 'satisfaction'
export type Level2Role = 'quantity' | 'quality' | 'timeliness' | 'cost' | 'economic' | 'social' | 'ecological' | 'sustainable' | 'satisfaction'
/** 101号 (财预〔2021〕101号, the default from 2022), 88号 (财预〔2020〕88号), or the bureau's own. */
export type TreeScheme = '101' | '88' | 'custom'

/** A row of GET /indicators (and the `pick` of IndicatorPicker). */
export interface Indicator {
  id: number
  code: string
  sector: string
  sector_name: string
  field: string
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
  from_year: number
  to_year: number | null
  status: IndicatorStatus
  region_code: string
  /** Shipped with jixiao for every region (region_code ""): read-only to a county. */
  shipped?: boolean
  proposed_by_org_id: number | null
  proposed_by_org_name: string | null
  review_comment: string | null
  usage_count: number
  version: number
  created_at: string
  updated_at: string
  /** GET /indicators/{id} only: every version of the same code, oldest first. */
  versions?: IndicatorVersion[]
  /** GET /indicators/{id} only: the proposal's workflow steps (proposed → active/rejected → retired). */
  history?: HistoryStep[]
}

export interface IndicatorVersion {
  id: number
  from_year: number
  to_year: number | null
  status: IndicatorStatus
  name: string
  recommended_value: string
  unit: string
  nature: Nature
  version: number
  updated_at: string
}

export type HistoryStep = WorkflowStep

export interface TreeLevel2 {
  level2: string
  role: Level2Role
}

export interface TreeLevel1 {
  level1: string
  role: Level1Role
  children: TreeLevel2[]
}

export interface IndicatorTree {
  scheme: TreeScheme
  items: TreeLevel1[]
}

/** GET /indicators/tree: the tree in force for a year. */
export interface TreeInForce {
  year: number
  value: IndicatorTree
  /** Of the row a PUT for this year writes; 0 when the year has none (default or inherited). */
  version: number
  /** The tree comes from an earlier year's own setting. */
  inherited: boolean
  /** The tree is the system default (101号 from 2022, 88号 before). */
  isDefault: boolean
}

export interface IndicatorFilters {
  year?: number | null
  sector?: string
  field?: string
  level1?: string
  level2?: string
  nature?: string
  is_core?: boolean | null
  status?: string
  q?: string
  /** proposal: the rows a department or unit proposed; library: the others. */
  origin?: 'proposal' | 'library'
  sort?: 'code' | 'usage' | 'name' | 'updated'
}

/** The body of POST /indicators and PUT /indicators/{id}. */
export interface IndicatorInput {
  sector: string
  field: string
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
  /** POST: the first year it is valid; PUT: the year the change takes effect. */
  from_year?: number
  year?: number
  version?: number
}

export function filterQuery(f: IndicatorFilters): Query {
  return {
    year: f.year ?? undefined,
    sector: f.sector || undefined,
    field: f.field?.trim() || undefined,
    level1: f.level1 || undefined,
    level2: f.level2 || undefined,
    nature: f.nature || undefined,
    is_core: f.is_core === null || f.is_core === undefined ? undefined : String(f.is_core),
    status: f.status || undefined,
    q: f.q?.trim() || undefined,
    origin: f.origin || undefined,
    sort: f.sort || undefined,
  }
}

interface RawTree {
  year?: number
  value?: IndicatorTree
  scheme?: TreeScheme
  items?: TreeLevel1[]
  version?: number
  inherited?: boolean
  default?: boolean
}

/** The tree answer as one shape, whether the server sends the setting ({value,…}) or the tree itself. */
export function normalizeTree(raw: RawTree | null | undefined, year: number): TreeInForce {
  const r = raw ?? {}
  const value: IndicatorTree = r.value && typeof r.value === 'object' ? r.value : { scheme: r.scheme ?? 'custom', items: r.items ?? [] }
  const items = Array.isArray(value.items) ? value.items.map((i) => ({ ...i, children: Array.isArray(i.children) ? i.children : [] })) : []
  const version = Number(r.version ?? 0) || 0
  return {
    year: Number(r.year ?? year) || year,
    value: { scheme: value.scheme ?? 'custom', items },
    version,
    inherited: !!r.inherited,
    isDefault: r.default === undefined ? version === 0 && !r.inherited : !!r.default,
  }
}

export const indicatorsApi = {
  list: (f: IndicatorFilters, page: number, pageSize: number) =>
    api.get<Page<Indicator>>('/indicators', { ...filterQuery(f), page, page_size: pageSize }),
  get: (id: number) => api.get<Indicator>(`/indicators/${id}`),
  create: (body: IndicatorInput) => api.post<Indicator>('/indicators', body),
  update: (id: number, body: IndicatorInput) => api.put<Indicator>(`/indicators/${id}`, body),
  approve: (id: number, body: { comment: string; version: number }) => api.post<Indicator>(`/indicators/${id}/approve`, body),
  reject: (id: number, body: { comment: string; version: number }) => api.post<Indicator>(`/indicators/${id}/reject`, body),
  retire: (id: number, body: { year: number; version: number }) => api.post<Indicator>(`/indicators/${id}/retire`, body),
  fields: (sector?: string | null) => api.get<string[] | Page<string> | { items: string[] }>('/indicators/fields', { sector: sector || undefined }),
  tree: async (year: number) => normalizeTree(await api.get<RawTree>('/indicators/tree', { year }), year),
  saveTree: async (year: number, value: IndicatorTree, version: number) =>
    normalizeTree(await api.put<RawTree>('/indicators/tree', { value, version }, { query: { year } }), year),
  exportList: (f: IndicatorFilters) => download('/indicators/export', filterQuery(f), '指标库.xlsx'),
  templateUrl: '/api/v1/indicators/import/template',
  importUrl: '/api/v1/indicators/import',
}

/** The distinct 领域 of a sector, whatever list shape the server sends. */
export async function loadFields(sector?: string | null): Promise<string[]> {
  const answer = await indicatorsApi.fields(sector)
  const list = Array.isArray(answer) ? answer : Array.isArray(answer?.items) ? answer.items : []
  return list.map((x) => (typeof x === 'string' ? x : String((x as { field?: string; name?: string })?.field ?? (x as { name?: string })?.name ?? ''))).filter((x) => x !== '')
}
