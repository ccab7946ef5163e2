import { api } from '@/platform/api'

// The statistics and settings endpoints of the projects module (docs/api-projects.md; shapes as
// src/modules/projects/service.cpp `project_stats`, `get_setting` send them).

export type Conclusion = 'support' | 'adjust' | 'reject'
export const CONCLUSIONS: readonly Conclusion[] = ['support', 'adjust', 'reject']

export type ByConclusion = Record<Conclusion, number>

/** One sector of the 事前绩效评估 counts (by the first conclusion of each project). */
export interface AssessedGroup {
  key: string
  name: string
  count: number
  by_conclusion: ByConclusion
}

/** One sector or department of the 预算评审 totals; cut_rate is 审减率 in % with 2 decimals. */
export interface ReviewedGroup {
  key: string
  name: string
  count: number
  submitted_fen: number
  approved_fen: number
  cut_fen: number
  cut_rate: number
}

export interface ProjectStats {
  year: number
  region_code: string
  assessed: { total: number; sectors: number; by_conclusion: ByConclusion; by_sector: AssessedGroup[] }
  reviewed: {
    total: number
    submitted_fen: number
    approved_fen: number
    cut_fen: number
    cut_rate: number
    by_sector: ReviewedGroup[]
    by_department: ReviewedGroup[]
  }
}

export type SettingKey = 'preassess_rule' | 'preassess_cutoffs' | 'preassess_scheme'

/** 事前绩效评估范围: who must be assessed. */
export interface PreassessRule {
  investment_threshold_fen: number
  operating_threshold_fen: number
  special_bond_always: boolean
  continuing_policies: boolean
}

/** 结论分数线 on 100 points. */
export interface Cutoffs {
  support: number
  adjust: number
}

export interface SchemeItem {
  code: string
  name: string
  points: number
  guidance: string
}

export interface SchemeDimension {
  code: string
  name: string
  veto: boolean
  points: number
  items: SchemeItem[]
}

export interface Scheme {
  dimensions: SchemeDimension[]
  /** Percent of an item's points for each rating. */
  scale?: { 优: number; 良: number; 中: number; 差: number }
  cutoffs?: Cutoffs
}

export interface SettingValues {
  preassess_rule: PreassessRule
  preassess_cutoffs: Cutoffs
  preassess_scheme: Scheme
}

/**
 * A setting as GET/PUT answer it: the value in force for (county, year), the version of the row a
 * PUT for this year writes (0 when this year has none), whether the value comes from elsewhere
 * (`inherited`: the general 所有年度 value or the default) and whether it is the built-in default.
 */
export interface Setting<K extends SettingKey> {
  key: K
  region_code: string
  year: number
  value: SettingValues[K]
  version: number
  inherited: boolean
  default: boolean
}

export const preassessApi = {
  stats: (year: number, regionCode: string) =>
    api.get<ProjectStats>('/projects/stats', { year, region_code: regionCode || undefined }),
  setting: <K extends SettingKey>(key: K, year: number) => api.get<Setting<K>>(`/projects/settings/${key}`, { year }),
  saveSetting: <K extends SettingKey>(key: K, year: number, value: SettingValues[K], version: number) =>
    api.put<Setting<K>>(`/projects/settings/${key}`, { value, version }, { query: { year } }),
}
