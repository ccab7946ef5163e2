import type { Basis, Indicator, IndicatorStatus, IndicatorTree, Level1Role, Level2Role, Nature, TreeScheme } from './api'

// Pure helpers of the indicator pages: labels, the 101号/88号 presets of the 一级/二级 tree
// (docs/api-indicators.md "Model"), and the interface of IndicatorPicker that other modules use.
// The server checks every rule again.

export type { Basis, Indicator, IndicatorStatus, IndicatorTree, Level1Role, Level2Role, Nature, TreeLevel1, TreeScheme } from './api'

/**
 * Props of IndicatorPicker.vue: a dialog that searches the library of `year` and lets the user
 * tick indicators. `sector`, `level1` and `level2` only set the starting filter (the user may
 * change them).
 *
 *   <IndicatorPicker v-model="visible" :year="2026" sector="education" level1="产出指标"
 *                    level2="数量指标" @pick="(rows) => …" />
 */
export interface IndicatorPickerProps {
  /** Whether the dialog is open (v-model). */
  modelValue: boolean
  /** The budget year: the library rows valid in it are listed. */
  year: number
  /** Starting 行业 filter (reference `sector` code, e.g. "education"). */
  sector?: string | null
  /** Starting 一级指标 filter (a name of the year's tree, e.g. "产出指标"). */
  level1?: string | null
  /** Starting 二级指标 filter (e.g. "数量指标"). */
  level2?: string | null
}

/** Events of IndicatorPicker.vue: `pick` carries the ticked rows of GET /indicators; the dialog then closes. */
export interface IndicatorPickerEmits {
  (e: 'update:modelValue', value: boolean): void
  (e: 'pick', rows: Indicator[]): void
}

export const NATURES: Nature[] = ['>=', '>', '=', '<', '<=', 'qual']
export const BASES: Basis[] = ['plan', 'industry', 'history', 'other']
export const STATUSES: IndicatorStatus[] = ['active', 'proposed', 'rejected', 'retired']
export const LEVEL1_ROLES: Level1Role[] = ['cost', 'output', 'benefit', 'satisfaction']
export const LEVEL2_ROLES: Level2Role[] = ['quantity', 'quality', 'timeliness', 'cost', 'economic', 'social', 'ecological', 'sustainable', 'satisfaction']
export const SCHEMES: TreeScheme[] = ['101', '88', 'custom']

const SYMBOLS: Record<string, string> = { '>=': '≥', '>': '>', '=': '=', '<': '<', '<=': '≤' }

/** '>=' → '≥'; 'qual' → '' (the page shows 定性 through i18n: natureLabelKey). */
export function natureSymbol(n: string | null | undefined): string {
  return n ? (SYMBOLS[n] ?? '') : ''
}

/** i18n key of a nature: indicators.nature.ge … indicators.nature.qual. */
export function natureLabelKey(n: string | null | undefined): string {
  const k: Record<string, string> = { '>=': 'ge', '>': 'gt', '=': 'eq', '<': 'lt', '<=': 'le', qual: 'qual' }
  return `indicators.nature.${(n && k[n]) || 'unknown'}`
}

/** i18n key of a nature with its words, for selects: indicators.natureLong.ge → ≥ 大于等于. */
export function natureLongKey(n: string | null | undefined): string {
  return natureLabelKey(n).replace('indicators.nature.', 'indicators.natureLong.').replace('.unknown', '.qual')
}

export function basisLabelKey(b: string | null | undefined): string {
  return BASES.includes(b as Basis) ? `indicators.basis.${b}` : 'indicators.basis.unknown'
}

export function statusLabelKey(s: string | null | undefined): string {
  return STATUSES.includes(s as IndicatorStatus) ? `indicators.status.${s}` : 'indicators.status.unknown'
}

export function level1RoleKey(r: string | null | undefined): string {
  return LEVEL1_ROLES.includes(r as Level1Role) ? `indicators.role1.${r}` : 'indicators.role1.unknown'
}

export function level2RoleKey(r: string | null | undefined): string {
  return LEVEL2_ROLES.includes(r as Level2Role) ? `indicators.role2.${r}` : 'indicators.role2.unknown'
}

export function schemeLabelKey(s: string | null | undefined): string {
  return SCHEMES.includes(s as TreeScheme) ? `indicators.scheme.${s}` : 'indicators.scheme.custom'
}

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

export function statusTagType(s: string | null | undefined): TagType {
  return s === 'active' ? 'success' : s === 'proposed' ? 'warning' : s === 'rejected' ? 'danger' : 'info'
}

/** "95 %" / "5 元/生·天" / "达成": the recommended value with its unit (empty when none). */
export function valueWithUnit(i: Pick<Indicator, 'recommended_value' | 'unit'>): string {
  const v = (i.recommended_value ?? '').trim()
  const u = (i.unit ?? '').trim()
  if (!v) return ''
  return u ? `${v} ${u}` : v
}

/** The years a version is valid, as an i18n key and its values: "2024 年起", "2020—2025 年". */
export function validYears(i: Pick<Indicator, 'from_year' | 'to_year'>): [string, Record<string, number>] {
  if (i.to_year === null || i.to_year === undefined) return ['indicators.detail.yearsOpen', { from: i.from_year }]
  if (i.to_year === i.from_year) return ['indicators.detail.yearsOne', { from: i.from_year }]
  return ['indicators.detail.yearsRange', { from: i.from_year, to: i.to_year }]
}

/**
 * The year an edit takes effect, by default: the list's year, never before the row's own from_year.
 * Editing in the row's first year changes it; a later year closes it and starts a new version.
 */
export function defaultEffectiveYear(row: Pick<Indicator, 'from_year'>, listYear: number): number {
  return Math.max(row.from_year, listYear)
}

/**
 * Whether an edit with this effective year starts a new version (true) or changes the row (false).
 * A shipped row always gets a new (county) version.
 */
export function startsNewVersion(row: Pick<Indicator, 'from_year' | 'status' | 'region_code' | 'shipped'>, year: number): boolean {
  return row.status === 'active' && (isShipped(row) || year > row.from_year)
}

/** 二级 names of a 一级 in a tree (all 二级 when no 一级 is given), in order and without repeats. */
export function level2Options(tree: IndicatorTree | null | undefined, level1?: string | null): string[] {
  const out: string[] = []
  for (const i of tree?.items ?? []) {
    if (level1 && i.level1 !== level1) continue
    for (const c of i.children ?? []) if (!out.includes(c.level2)) out.push(c.level2)
  }
  return out
}

export function level1Options(tree: IndicatorTree | null | undefined): string[] {
  return (tree?.items ?? []).map((i) => i.level1)
}

/** The 一级 a 二级 belongs to (the first one holding it), or null. */
export function level1Of(tree: IndicatorTree | null | undefined, level2: string | null | undefined): string | null {
  if (!level2) return null
  for (const i of tree?.items ?? []) if ((i.children ?? []).some((c) => c.level2 === level2)) return i.level1
  return null
}

const l2 = (level2: string, role: Level2Role) => ({ level2, role })

/** 财预〔2021〕101号: 成本/产出/效益/满意度 (可持续影响 kept under 效益, as most local templates do). */
export function preset101(): IndicatorTree {
  return {
    scheme: '101',
    items: [
      { level1: '成本指标', role: 'cost', children: [l2('经济成本指标', 'cost'), l2('社会成本指标', 'cost'), l2('生态环境成本指标', 'cost')] },
      { level1: '产出指标', role: 'output', children: [l2('数量指标', 'quantity'), l2('质量指标', 'quality'), l2('时效指标', 'timeliness')] },
      {
        level1: '效益指标',
        role: 'benefit',
        children: [l2('经济效益指标', 'economic'), l2('社会效益指标', 'social'), l2('生态效益指标', 'ecological'), l2('可持续影响指标', 'sustainable')],
      },
      { level1: '满意度指标', role: 'satisfaction', children: [l2('服务对象满意度指标', 'satisfaction')] },
    ],
  }
}

/** 财预〔2020〕88号: 成本 is a 二级 of 产出. */
export function preset88(): IndicatorTree {
  return {
    scheme: '88',
    items: [
      { level1: '产出指标', role: 'output', children: [l2('数量指标', 'quantity'), l2('质量指标', 'quality'), l2('时效指标', 'timeliness'), l2('成本指标', 'cost')] },
      {
        level1: '效益指标',
        role: 'benefit',
        children: [l2('经济效益指标', 'economic'), l2('社会效益指标', 'social'), l2('生态效益指标', 'ecological'), l2('可持续影响指标', 'sustainable')],
      },
      { level1: '满意度指标', role: 'satisfaction', children: [l2('服务对象满意度指标', 'satisfaction')] },
    ],
  }
}

export function presetFor(scheme: '101' | '88'): IndicatorTree {
  return scheme === '101' ? preset101() : preset88()
}

/** A deep copy of a tree (the editor works on it; the shown one stays as the server sent it). */
export function cloneTree(t: IndicatorTree): IndicatorTree {
  return { scheme: t.scheme, items: t.items.map((i) => ({ level1: i.level1, role: i.role, children: i.children.map((c) => ({ level2: c.level2, role: c.role })) })) }
}

export function sameTree(a: IndicatorTree | null | undefined, b: IndicatorTree | null | undefined): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

/** Whether a tree is exactly one of the presets (then its scheme is that preset's, else custom). */
export function schemeOf(t: IndicatorTree): TreeScheme {
  const bare = (x: IndicatorTree) => JSON.stringify(x.items)
  if (bare(t) === bare(preset101())) return '101'
  if (bare(t) === bare(preset88())) return '88'
  return 'custom'
}

export interface TreeProblem {
  /** `items.N.level1`, `items.N.children.M.level2` (the server's field names). */
  field: string
  /** i18n key of the message. */
  key: 'nameRequired' | 'nameTooLong' | 'duplicate1' | 'duplicate2' | 'noChildren' | 'empty' | 'roleMismatch' | 'needOutputBenefit'
}

/** What the server would refuse in a tree (empty names, repeated names, a 一级 without 二级). */
export function treeProblems(t: IndicatorTree): TreeProblem[] {
  const out: TreeProblem[] = []
  if (!t.items.length) out.push({ field: 'items', key: 'empty' })
  else if (!t.items.some((i) => i.role === 'output') || !t.items.some((i) => i.role === 'benefit')) out.push({ field: 'items', key: 'needOutputBenefit' })
  const seen1 = new Set<string>()
  t.items.forEach((i, n) => {
    const name = i.level1.trim()
    if (!name) out.push({ field: `items.${n}.level1`, key: 'nameRequired' })
    else if ([...name].length > MAX_LEVEL_NAME) out.push({ field: `items.${n}.level1`, key: 'nameTooLong' })
    else if (seen1.has(name)) out.push({ field: `items.${n}.level1`, key: 'duplicate1' })
    seen1.add(name)
    if (!i.children.length) out.push({ field: `items.${n}.children`, key: 'noChildren' })
    const seen2 = new Set<string>()
    const fits = level2RolesFor(i.role)
    i.children.forEach((c, m) => {
      const n2 = c.level2.trim()
      if (!n2) out.push({ field: `items.${n}.children.${m}.level2`, key: 'nameRequired' })
      else if ([...n2].length > MAX_LEVEL_NAME) out.push({ field: `items.${n}.children.${m}.level2`, key: 'nameTooLong' })
      else if (seen2.has(n2)) out.push({ field: `items.${n}.children.${m}.level2`, key: 'duplicate2' })
      else if (!fits.includes(c.role)) out.push({ field: `items.${n}.children.${m}.level2`, key: 'roleMismatch' })
      seen2.add(n2)
    })
  })
  return out
}

/** A tree with trimmed names and its scheme recomputed (a preset edited by hand becomes custom). */
export function tidyTree(t: IndicatorTree): IndicatorTree {
  const c = cloneTree(t)
  for (const i of c.items) {
    i.level1 = i.level1.trim()
    for (const ch of i.children) ch.level2 = ch.level2.trim()
  }
  c.scheme = schemeOf(c)
  return c
}

/** The 二级 roles that fit under a 一级 of a role (the server refuses others). */
export function level2RolesFor(level1Role: string | null | undefined): Level2Role[] {
  switch (level1Role) {
    case 'output':
      return ['quantity', 'quality', 'timeliness', 'cost']
    case 'cost':
      return ['cost']
    case 'benefit':
      return ['economic', 'social', 'ecological', 'sustainable']
    case 'satisfaction':
      return ['satisfaction']
    default:
      return [...LEVEL2_ROLES]
  }
}

/** The longest 一级/二级 name the server takes. */
export const MAX_LEVEL_NAME = 20

/** The default role of a new 二级 under a 一级 (the user may change it). */
export function defaultLevel2Role(level1Role: Level1Role): Level2Role {
  switch (level1Role) {
    case 'cost':
      return 'cost'
    case 'output':
      return 'quantity'
    case 'benefit':
      return 'social'
    default:
      return 'satisfaction'
  }
}

/** Who the caller is, for what the pages offer (the server checks again). */
export interface Abilities {
  manage: boolean
  propose: boolean
  orgId: number | null
}

export function isShipped(row: Pick<Indicator, 'region_code' | 'shipped'>): boolean {
  return row.shipped ?? row.region_code === ''
}

/**
 * 编辑: a manager on active rows and proposals (a shipped row is never changed: the edit gives the
 * county its own version from the chosen year); a proposer on their own pending proposal.
 */
export function canEdit(row: Indicator, who: Abilities): boolean {
  if (row.status === 'retired' || row.status === 'rejected') return false
  if (who.manage) return true
  return !isShipped(row) && row.status === 'proposed' && who.propose && who.orgId !== null && row.proposed_by_org_id === who.orgId
}

/** 停用: a manager on the latest version of an active row (a shipped one is retired for the county only). */
export function canRetire(row: Indicator, who: Abilities): boolean {
  return who.manage && row.status === 'active' && (row.to_year === null || row.to_year === undefined)
}

export function canReview(row: Pick<Indicator, 'status'>, who: Abilities): boolean {
  return who.manage && row.status === 'proposed'
}

/** i18n key of a workflow step's action (propose, approve, reject, retire). */
export function historyActionKey(action: string | null | undefined): string {
  return ['create', 'approve', 'reject', 'retire'].includes(action ?? '') ? `indicators.history.${action}` : 'indicators.history.other'
}

/**
 * Where the tree editor shows a server field error: value.items.2.level1 / value.items.2.role →
 * items.2.level1; value.items.1.children.0.level2 / …children.0.role → items.1.children.0.level2;
 * value.items → items. Null for a field the editor has no place for.
 */
export function treeFieldOf(serverField: string): string | null {
  const f = serverField.replace(/^value\./, '')
  let m = /^items\.(\d+)\.children\.(\d+)\.(level2|role)$/.exec(f)
  if (m) return `items.${m[1]}.children.${m[2]}.level2`
  m = /^items\.(\d+)\.children$/.exec(f)
  if (m) return `items.${m[1]}.children`
  m = /^items\.(\d+)\.(level1|role)$/.exec(f)
  if (m) return `items.${m[1]}.level1`
  return f === 'items' ? 'items' : null
}
