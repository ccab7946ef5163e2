import type { Basis, CheckResult, DraftBody, Grade, IndicatorTree, Issue, Leaf, LibraryIndicator, Nature, Revision, RevisionState, Task, TreeNode1 } from './api'

// Pure helpers of the target pages. The server decides every rule (DOMAIN.md §2, the targets
// module's rules.cpp); these only shape what it sends, build the draft the editor sends back and
// say which buttons a state offers.

export const STATES: RevisionState[] = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'superseded']
export const GRADES: Grade[] = ['优', '良', '中', '差']
export const NATURES: Nature[] = ['>=', '>', '=', '<', '<=', 'qual']
export const BASES: Basis[] = ['plan', 'industry', 'history', 'other']

/** The symbol a nature is written with in the declaration tables. */
export const NATURE_SYMBOL: Record<Nature, string> = { '>=': '≥', '>': '>', '=': '=', '<': '<', '<=': '≤', qual: '定性' }

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

export function stateTagType(state: string | null | undefined): TagType {
  switch (state) {
    case 'submitted':
      return 'primary'
    case 'approved':
      return 'success'
    case 'returned':
      return 'warning'
    case 'rejected':
      return 'danger'
    default:
      return 'info'
  }
}

export function gradeTagType(g: string | null | undefined): TagType {
  return g === '优' ? 'success' : g === '良' ? 'primary' : g === '中' ? 'warning' : g === '差' ? 'danger' : 'info'
}

export function stateLabelKey(s: string | null | undefined): string {
  return STATES.includes(s as RevisionState) ? `targets.state.${s}` : 'targets.state.none'
}

/** What the grade does to the revision by default (setting targets.review_outcomes). */
export type Outcome = 'approve' | 'return' | 'reject'
export const DEFAULT_OUTCOMES: Record<Grade, Outcome> = { 优: 'approve', 良: 'approve', 中: 'return', 差: 'reject' }

/** A grade whose outcome sends the targets back or refuses them needs the reviewer's reasons. */
export function gradeNeedsComment(g: Grade | '' | null | undefined, outcomes: Record<Grade, Outcome> = DEFAULT_OUTCOMES): boolean {
  if (!g) return false
  return g === '中' || g === '差' || outcomes[g] !== 'approve'
}

/** The unit's steps on its targets in a state (the server checks them again). */
export function editorActions(state: RevisionState | null | undefined) {
  return {
    create: state === null || state === undefined,
    edit: state === 'draft' || state === 'returned',
    submit: state === 'draft' || state === 'returned',
    withdraw: state === 'submitted',
    change: state === 'approved',
  }
}

let keySeq = 0
/** A stable client key for a new leaf or task (the server keeps it across revisions). */
export function newKey(prefix = 'k'): string {
  keySeq = (keySeq + 1) % 1_000_000
  const rnd = typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID().replace(/-/g, '').slice(0, 16) : Math.random().toString(36).slice(2, 14)
  return `${prefix}${Date.now().toString(36)}${keySeq.toString(36)}${rnd}`
}

export function blankLeaf(level1: string, level2: string): Leaf {
  return {
    key: newKey(),
    level1,
    level2,
    name: '',
    nature: '>=',
    value: '',
    period_value: '',
    unit: '',
    weight: null,
    basis: 'plan',
    explanation: '',
    is_core: false,
    library_id: null,
  }
}

/** How a library indicator is computed and from which data, as the leaf's 指标说明. */
export function explanationOf(row: Pick<LibraryIndicator, 'method' | 'data_source'>): string {
  const method = (row.method ?? '').trim()
  const source = (row.data_source ?? '').trim()
  if (method && source) return `${method.replace(/[。；;.]$/, '')}；数据来源：${source}`
  if (source) return `数据来源：${source}`
  return method
}

/** A leaf filled from a library indicator, placed under the given branch (the picker's). */
export function leafFromLibrary(row: LibraryIndicator, level1?: string, level2?: string): Leaf {
  return {
    ...blankLeaf(level1 || row.level1, level2 || row.level2),
    name: row.name,
    nature: row.nature,
    value: row.recommended_value ?? '',
    unit: row.nature === 'qual' ? '' : (row.unit ?? ''),
    basis: row.basis || 'plan',
    explanation: explanationOf(row),
    is_core: !!row.is_core,
    library_id: row.id,
  }
}

/** The tree from GET /indicators/tree, whether the value is wrapped or not. */
export function treeOf(answer: { value?: IndicatorTree; items?: TreeNode1[]; scheme?: string } | null | undefined): IndicatorTree {
  if (!answer) return { scheme: '', items: [] }
  if (answer.value && Array.isArray(answer.value.items)) return answer.value
  return { scheme: answer.scheme ?? '', items: Array.isArray(answer.items) ? answer.items : [] }
}

export type TreeRow =
  | { type: 'l1'; id: string; level1: string; count: number; weight: number; known: boolean }
  | { type: 'l2'; id: string; level1: string; level2: string; count: number; known: boolean }
  | { type: 'leaf'; id: string; leaf: Leaf; index: number }

/**
 * The rows of the tree table: a row per 一级, a row per 二级 under it, the leaves of each 二级 in
 * their order. Branches of the tree without leaves are shown (so a leaf can be added there);
 * leaves under a branch the tree does not have follow at the end, under their own names.
 */
export function treeRows(tree: IndicatorTree, leaves: Leaf[], opts: { emptyBranches?: boolean } = {}): TreeRow[] {
  const showEmpty = opts.emptyBranches ?? true
  const order: { level1: string; known: boolean; children: { level2: string; known: boolean }[] }[] = tree.items.map((i) => ({
    level1: i.level1,
    known: true,
    children: (i.children ?? []).map((c) => ({ level2: c.level2, known: true })),
  }))
  for (const l of leaves) {
    let g1 = order.find((g) => g.level1 === l.level1)
    if (!g1) {
      g1 = { level1: l.level1, known: false, children: [] }
      order.push(g1)
    }
    if (!g1.children.some((c) => c.level2 === l.level2)) g1.children.push({ level2: l.level2, known: false })
  }
  const rows: TreeRow[] = []
  for (const g1 of order) {
    const in1 = leaves.map((leaf, index) => ({ leaf, index })).filter((x) => x.leaf.level1 === g1.level1)
    if (!showEmpty && in1.length === 0) continue
    rows.push({ type: 'l1', id: `l1:${g1.level1}`, level1: g1.level1, count: in1.length, weight: weightSum(in1.map((x) => x.leaf)), known: g1.known })
    for (const g2 of g1.children) {
      const in2 = in1.filter((x) => x.leaf.level2 === g2.level2)
      if (!showEmpty && in2.length === 0) continue
      rows.push({ type: 'l2', id: `l2:${g1.level1}/${g2.level2}`, level1: g1.level1, level2: g2.level2, count: in2.length, known: g2.known && g1.known })
      for (const x of in2) rows.push({ type: 'leaf', id: `leaf:${x.leaf.key}`, leaf: x.leaf, index: x.index })
    }
  }
  return rows
}

/** Sum of weights, exact to the hundredth. */
export function weightSum(leaves: Pick<Leaf, 'weight'>[]): number {
  let x100 = 0
  for (const l of leaves) if (typeof l.weight === 'number' && Number.isFinite(l.weight)) x100 += Math.round(l.weight * 100)
  return x100 / 100
}

/** Moves a leaf before (-1) or after (+1) its neighbour in the same 二级; a new array, or the same one when it cannot move. */
export function moveLeaf(leaves: Leaf[], key: string, dir: -1 | 1): Leaf[] {
  const i = leaves.findIndex((l) => l.key === key)
  if (i < 0) return leaves
  const me = leaves[i]
  let j = i + dir
  while (j >= 0 && j < leaves.length && !(leaves[j].level1 === me.level1 && leaves[j].level2 === me.level2)) j += dir
  if (j < 0 || j >= leaves.length) return leaves
  const out = [...leaves]
  out[i] = leaves[j]
  out[j] = me
  return out
}

/** Index into the leaf list and the field a server field path names: "indicators[3].value", "indicators.3.value". */
export function parseLeafField(field: string | null | undefined): { index: number; field: string } | null {
  if (!field) return null
  const m = /^indicators(?:\[(\d+)\]|\.(\d+))(?:\.(\w+))?$/.exec(field)
  if (!m) return null
  return { index: Number(m[1] ?? m[2]), field: m[3] ?? '' }
}

export function parseTaskField(field: string | null | undefined): { index: number; field: string } | null {
  if (!field) return null
  const m = /^tasks(?:\[(\d+)\]|\.(\d+))(?:\.(\w+))?$/.exec(field)
  if (!m) return null
  return { index: Number(m[1] ?? m[2]), field: m[3] ?? '' }
}

/** Where an issue points: a leaf (by key) and its field, a task, or a form field (year_goal, tasks …). */
export function locateIssue(issue: Pick<Issue, 'leaf_key' | 'field'>, leaves: Pick<Leaf, 'key'>[]): { leafKey: string | null; field: string | null; taskIndex: number | null } {
  const lf = parseLeafField(issue.field)
  if (issue.leaf_key) return { leafKey: issue.leaf_key, field: lf?.field || null, taskIndex: null }
  if (lf) return { leafKey: leaves[lf.index]?.key ?? null, field: lf.field || null, taskIndex: null }
  const tf = parseTaskField(issue.field)
  if (tf) return { leafKey: null, field: tf.field || 'tasks', taskIndex: tf.index }
  return { leafKey: null, field: issue.field ?? null, taskIndex: null }
}

/** Server field errors (422 details) as messages per leaf cell `${key}.${field}`, task cell `task.${i}.${field}` or form field. */
export function spreadFieldErrors(details: { field: string; message: string }[], leaves: Pick<Leaf, 'key'>[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const d of details) {
    const lf = parseLeafField(d.field)
    const tf = parseTaskField(d.field)
    let k = d.field
    if (lf) {
      const key = leaves[lf.index]?.key
      k = key ? `${key}.${lf.field || 'name'}` : d.field
    } else if (tf) k = `task.${tf.index}.${tf.field || 'name'}`
    if (!(k in out)) out[k] = d.message
  }
  return out
}

/** Issues per leaf key, the worst first. */
export function issuesByLeaf(check: CheckResult | null | undefined, leaves: Pick<Leaf, 'key'>[]): Record<string, Issue[]> {
  const out: Record<string, Issue[]> = {}
  for (const i of sortIssues(check?.issues ?? [])) {
    const at = locateIssue(i, leaves)
    if (at.leafKey) (out[at.leafKey] ??= []).push(i)
  }
  return out
}

/** Errors before warnings, otherwise in the server's order. */
export function sortIssues(issues: Issue[]): Issue[] {
  return issues.map((i, n) => ({ i, n })).sort((a, b) => (a.i.severity === b.i.severity ? a.n - b.n : a.i.severity === 'error' ? -1 : 1)).map((x) => x.i)
}

export function countIssues(issues: Issue[]): { errors: number; warnings: number } {
  return { errors: issues.filter((i) => i.severity === 'error').length, warnings: issues.filter((i) => i.severity !== 'error').length }
}

/** 总额 = 财政拨款 + 其他资金 (fen). */
export function taskTotal(t: Pick<Task, 'fiscal_fen' | 'other_fen'>): number {
  return (t.fiscal_fen || 0) + (t.other_fen || 0)
}

export function blankTask(): Task {
  return { key: newKey('t'), name: '', content: '', total_fen: 0, fiscal_fen: 0, other_fen: 0, project_ids: [] }
}

/** The draft the editor sends (PUT or check): leaves and tasks trimmed, totals recomputed. */
export function draftBody(r: Pick<Revision, 'period_goal' | 'year_goal' | 'serves_public' | 'indicators' | 'tasks'>, version?: number): DraftBody {
  const body: DraftBody = {
    period_goal: r.period_goal ?? '',
    year_goal: r.year_goal ?? '',
    serves_public: !!r.serves_public,
    indicators: (r.indicators ?? []).map((l) => ({
      ...(l.id ? { id: l.id } : {}),
      key: l.key,
      level1: l.level1,
      level2: l.level2,
      name: l.name.trim(),
      nature: l.nature,
      value: String(l.value ?? '').trim(),
      period_value: String(l.period_value ?? '').trim(),
      unit: l.nature === 'qual' ? '' : (l.unit ?? '').trim(),
      weight: typeof l.weight === 'number' && Number.isFinite(l.weight) ? Math.round(l.weight * 100) / 100 : null,
      basis: l.basis,
      explanation: (l.explanation ?? '').trim(),
      is_core: !!l.is_core,
      library_id: l.library_id ?? null,
    })),
    tasks: (r.tasks ?? []).map((t) => ({
      key: t.key,
      name: t.name.trim(),
      content: (t.content ?? '').trim(),
      fiscal_fen: t.fiscal_fen || 0,
      other_fen: t.other_fen || 0,
      total_fen: taskTotal(t),
      project_ids: [...(t.project_ids ?? [])],
    })),
  }
  if (version !== undefined) body.version = version
  return body
}

/** A revision as the editor keeps it: every field present, keys on every leaf and task. */
export function editable(r: Revision): Revision {
  return {
    ...r,
    period_goal: r.period_goal ?? '',
    year_goal: r.year_goal ?? '',
    serves_public: !!r.serves_public,
    indicators: (r.indicators ?? []).map((l) => ({
      ...l,
      key: l.key || newKey(),
      nature: l.nature ?? '>=',
      value: l.value ?? '',
      period_value: l.period_value ?? '',
      unit: l.unit ?? '',
      weight: l.weight === null || l.weight === undefined ? null : Number(l.weight),
      basis: l.basis ?? '',
      explanation: l.explanation ?? '',
      is_core: !!l.is_core,
      library_id: l.library_id ?? null,
    })),
    tasks: (r.tasks ?? []).map((t) => ({ ...t, key: t.key || newKey('t'), content: t.content ?? '', project_ids: t.project_ids ?? [] })),
  }
}

/** The last review's comment or the return opinion: why the unit got its targets back. */
export function returnReason(r: Pick<Revision, 'state' | 'state_comment' | 'reviews' | 'history'>): string | null {
  if (r.state !== 'returned' && r.state !== 'rejected') return null
  if (r.state_comment) return r.state_comment
  const last = (r.reviews ?? [])[r.reviews.length - 1]
  if (last?.comment) return last.comment
  for (let i = (r.history ?? []).length - 1; i >= 0; i--) {
    const h = r.history![i]
    const to = h.to_state
    if ((to === 'returned' || to === 'rejected') && h.comment) return h.comment
  }
  return null
}

/** The reviewers' per-leaf comments: the leaf's own, else the last review that named it. */
export function leafComments(r: Pick<Revision, 'indicators' | 'reviews'>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const rv of r.reviews ?? []) for (const [k, v] of Object.entries(rv.indicator_comments ?? {})) if (v) out[k] = v
  for (const l of r.indicators ?? []) if (l.review_comment) out[l.key] = l.review_comment
  return out
}

// ---------- the check rules (settings page) ----------

/** The rules of the check (docs/api-targets.md "The check"), in the order the contract lists them. */
export const CHECK_RULES = [
  'goals',
  'tree',
  'output_quantity',
  'benefit',
  'satisfaction',
  'core_cost_quality_time',
  'leaf_count',
  'duplicate_names',
  'value_unit',
  'percent_range',
  'weights',
  'not_input_or_process',
  'below_last_year',
  'branch',
  'year_within_period',
  'tasks',
  'task_amounts',
] as const
export type RuleCode = (typeof CHECK_RULES)[number]
export type RuleSeverity = 'error' | 'warning' | 'off'

// ---------- diff ----------

export interface FieldChange {
  field: string
  old: unknown
  new: unknown
}
export interface LeafChange {
  key: string
  level1: string
  level2: string
  name: string
  changes: FieldChange[]
}
export interface GoalChange {
  field: string
  old: string
  new: string
}
export interface Diff {
  revisionId: number | null
  againstId: number | null
  added: Leaf[]
  removed: Leaf[]
  changed: LeafChange[]
  goals: GoalChange[]
  tasks: { added: Task[]; removed: Task[]; changed: { key: string; name: string; changes: FieldChange[] }[] }
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v)
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

function fieldChanges(v: unknown): FieldChange[] {
  // [{field, old, new}] or {field: {old, new}} or {field: [old, new]}
  if (Array.isArray(v)) return v.filter(isObj).map((c) => ({ field: String(c.field ?? ''), old: c.before ?? c.old ?? c.from, new: c.after ?? c.new ?? c.to }))
  if (isObj(v))
    return Object.entries(v).map(([field, c]) =>
      Array.isArray(c) ? { field, old: c[0], new: c[1] } : isObj(c) ? { field, old: c.before ?? c.old ?? c.from, new: c.after ?? c.new ?? c.to } : { field, old: undefined, new: c },
    )
  return []
}

/** The server's diff (GET /targets/revisions/{id}/diff) in one shape, whatever names it uses. */
export function normalizeDiff(raw: unknown): Diff {
  const d = isObj(raw) ? raw : {}
  const out: Diff = {
    revisionId: typeof d.revision_id === 'number' ? d.revision_id : typeof d.id === 'number' ? d.id : null,
    againstId: typeof d.against_id === 'number' ? d.against_id : typeof d.against === 'number' ? d.against : null,
    added: [],
    removed: [],
    changed: [],
    goals: [],
    tasks: { added: [], removed: [], changed: [] },
  }
  const leafChange = (c: Obj): LeafChange => {
    const leaf = isObj(c.after) ? c.after : isObj(c.leaf) ? c.leaf : isObj(c.new) ? c.new : isObj(c.before) ? c.before : c
    return {
      key: String(c.key ?? leaf.key ?? ''),
      level1: String(leaf.level1 ?? c.level1 ?? ''),
      level2: String(leaf.level2 ?? c.level2 ?? ''),
      name: String(leaf.name ?? c.name ?? ''),
      changes: fieldChanges(c.fields ?? c.changes ?? c.diff),
    }
  }
  if (Array.isArray(d.indicators)) {
    // [{change: added|removed|changed, key, before, after, fields}]
    for (const c of d.indicators.filter(isObj)) {
      const kind = String(c.change ?? c.type ?? '')
      if (kind === 'added' && isObj(c.after)) out.added.push(c.after as unknown as Leaf)
      else if (kind === 'removed' && isObj(c.before)) out.removed.push(c.before as unknown as Leaf)
      else if (kind === 'changed' || kind === 'modified') out.changed.push(leafChange(c))
    }
  } else {
    const leaves = isObj(d.indicators) ? d.indicators : d
    out.added = arr(leaves.added).filter(isObj) as unknown as Leaf[]
    out.removed = arr(leaves.removed).filter(isObj) as unknown as Leaf[]
    out.changed = arr(leaves.changed).filter(isObj).map(leafChange)
  }
  const g = d.goals ?? d.goal_changes
  if (Array.isArray(g) || isObj(g)) out.goals = fieldChanges(g).map((c) => ({ field: c.field, old: String(c.old ?? ''), new: String(c.new ?? '') }))
  out.goals = out.goals.filter((x) => x.old !== x.new)
  const tk = d.tasks
  if (Array.isArray(tk)) {
    for (const c of tk.filter(isObj)) {
      const kind = String(c.change ?? '')
      if (kind === 'added' && isObj(c.after)) out.tasks.added.push(c.after as unknown as Task)
      else if (kind === 'removed' && isObj(c.before)) out.tasks.removed.push(c.before as unknown as Task)
      else if (kind === 'changed') out.tasks.changed.push({ key: String(c.key ?? ''), name: String((isObj(c.after) ? c.after.name : c.name) ?? ''), changes: fieldChanges(c.fields) })
    }
  } else if (isObj(tk)) {
    out.tasks.added = arr(tk.added).filter(isObj) as unknown as Task[]
    out.tasks.removed = arr(tk.removed).filter(isObj) as unknown as Task[]
    out.tasks.changed = arr(tk.changed)
      .filter(isObj)
      .map((c) => ({ key: String(c.key ?? ''), name: String((isObj(c.task) ? c.task.name : c.name) ?? ''), changes: fieldChanges(c.changes ?? c.fields) }))
  }
  return out
}

export function diffIsEmpty(d: Diff): boolean {
  return !d.added.length && !d.removed.length && !d.changed.length && !d.goals.length && !d.tasks.added.length && !d.tasks.removed.length && !d.tasks.changed.length
}

// ---------- multi-year view ----------

export interface YearsView {
  years: number[]
  rows: { key: string; level1: string; level2: string; name: string; unit: string; values: Record<number, string> }[]
}

/** A stored value with its nature code in front (">=95") as the table writes it ("≥95"). */
export function natureValueText(v: string): string {
  const m = /^(>=|<=|>|<|=)(.*)$/.exec(v ?? '')
  return m ? `${NATURE_SYMBOL[m[1] as Nature]}${m[2]}` : (v ?? '')
}

/** GET /targets/projects/{id}/years as a table: a row per leaf, a column per year. */
export function normalizeYears(raw: unknown): YearsView {
  const d = isObj(raw) ? raw : {}
  const ys = arr(d.years ?? d.items)
  const years = ys.map((y) => (isObj(y) ? Number(y.year) : Number(y))).filter((n) => Number.isFinite(n))
  const flat = arr(d.indicators ?? d.rows).filter(isObj)
  if (flat.length) {
    const rows = flat.map((r) => ({
      key: String(r.key ?? `${r.level1}/${r.level2}/${r.name}`),
      level1: String(r.level1 ?? ''),
      level2: String(r.level2 ?? ''),
      name: String(r.name ?? ''),
      unit: String(r.unit ?? ''),
      values: Object.fromEntries(Object.entries(isObj(r.values) ? r.values : {}).map(([k, v]) => [Number(k), natureValueText(isObj(v) ? String(v.value ?? '') : String(v ?? ''))])),
    }))
    return { years: [...new Set(years)].sort((a, b) => a - b), rows }
  }
  // per year its leaves: {years:[{year, indicators:[Leaf]}]}
  const rows = new Map<string, YearsView['rows'][number]>()
  for (const y of ys.filter(isObj)) {
    const year = Number(y.year)
    for (const l of arr(y.indicators).filter(isObj)) {
      const key = String(l.key ?? l.name)
      const row = rows.get(key) ?? { key, level1: String(l.level1 ?? ''), level2: String(l.level2 ?? ''), name: String(l.name ?? ''), unit: String(l.unit ?? ''), values: {} }
      row.values[year] = l.nature === 'qual' ? String(l.value ?? '') : natureValueText(`${String(l.nature ?? '')}${String(l.value ?? '')}`)
      rows.set(key, row)
    }
  }
  return { years: [...new Set(years)].sort((a, b) => a - b), rows: [...rows.values()] }
}

// ---------- coverage ----------

export interface CoverageRow {
  department_id: number
  department_name: string
  projects_needing: number
  projects_approved: number
  /** Projects with targets started (approved included). */
  projects_drafted: number
  rate: number | null
  department_target: 'approved' | 'drafted' | 'none'
}
export interface Coverage {
  projects_needing: number
  projects_approved: number
  projects_drafted: number
  rate: number | null
  departments_total: number
  departments_approved: number
  rows: CoverageRow[]
}

const num = (...v: unknown[]): number => {
  for (const x of v) if (typeof x === 'number' && Number.isFinite(x)) return x
  return 0
}
const rateOr = (v: unknown, a: number, b: number): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : b > 0 ? Math.round((a / b) * 10000) / 100 : null)

/**
 * GET /targets/coverage in one shape: `{projects:{needing,approved,drafted,rate},
 * departments:{total,approved}, by_department:[{department_id, department_name, projects,
 * projects_approved, projects_drafted, rate, department_target}]}`; a rate is a percent (85.5).
 */
export function normalizeCoverage(raw: unknown): Coverage {
  const d = isObj(raw) ? raw : {}
  const p = isObj(d.projects) ? d.projects : {}
  const dep = isObj(d.departments) ? d.departments : {}
  const rows: CoverageRow[] = arr(d.by_department ?? d.rows)
    .filter(isObj)
    .map((r) => {
      const need = num(r.projects, r.projects_needing, r.needing)
      const ok = num(r.projects_approved, r.approved)
      const dt = r.department_target
      return {
        department_id: num(r.department_id, r.org_id),
        department_name: String(r.department_name ?? r.org_name ?? ''),
        projects_needing: need,
        projects_approved: ok,
        projects_drafted: Math.max(ok, num(r.projects_drafted, r.drafted)),
        rate: rateOr(r.rate, ok, need),
        department_target: dt === 'approved' || dt === true ? 'approved' : dt === 'drafted' ? 'drafted' : 'none',
      }
    })
  const need = num(p.needing, d.projects_needing) || rows.reduce((s, r) => s + r.projects_needing, 0)
  const ok = num(p.approved, d.projects_approved) || rows.reduce((s, r) => s + r.projects_approved, 0)
  return {
    projects_needing: need,
    projects_approved: ok,
    projects_drafted: num(p.drafted) || rows.reduce((s, r) => s + r.projects_drafted, 0),
    rate: rateOr(p.rate, ok, need),
    departments_total: num(dep.total, d.departments_total),
    departments_approved: num(dep.approved, d.departments_approved),
    rows,
  }
}

// ---------- the check_rules setting, whatever its exact nesting ----------

export interface RuleRow {
  rule: string
  /** Where each kind's severity lives in the value (a path of keys), null when the kind has none. */
  project: string[] | null
  department: string[] | null
}
export interface SettingLayout {
  rules: RuleRow[]
  numbers: { path: string[]; key: string; kind: TargetKindOrNone }[]
  patterns: { path: string[]; key: string; kind: TargetKindOrNone }[]
}
export type TargetKindOrNone = 'project' | 'department' | null

const SEVERITIES = ['error', 'warning', 'off']
const isSeverity = (v: unknown): v is RuleSeverity => typeof v === 'string' && SEVERITIES.includes(v)

export function getPath(o: unknown, path: string[]): unknown {
  return path.reduce<unknown>((x, k) => (x && typeof x === 'object' ? (x as Record<string, unknown>)[k] : undefined), o)
}
export function setPath(o: Record<string, unknown>, path: string[], v: unknown): void {
  let x = o
  for (const k of path.slice(0, -1)) {
    if (!x[k] || typeof x[k] !== 'object') x[k] = {}
    x = x[k] as Record<string, unknown>
  }
  x[path[path.length - 1]] = v
}

/**
 * Finds the rules, the numbers and the pattern lists in a check_rules value. Understood shapes:
 * `{rules:{goals:{project:"error",department:"off"}}}`, `{rules:{goals:"error"}}`,
 * `{project:{goals:"error",leaf_max:15},department:{…}}` and `{severity:{project:{…},…}}`;
 * numbers and string lists are found at the top or under a kind.
 */
export function settingLayout(value: unknown): SettingLayout {
  const v = isObj(value) ? value : {}
  const rules = new Map<string, RuleRow>()
  const row = (rule: string) => {
    let r = rules.get(rule)
    if (!r) {
      r = { rule, project: null, department: null }
      rules.set(rule, r)
    }
    return r
  }
  const numbers: SettingLayout['numbers'] = []
  const patterns: SettingLayout['patterns'] = []
  const scan = (o: Obj, base: string[], kind: TargetKindOrNone) => {
    for (const [k, x] of Object.entries(o)) {
      if (typeof x === 'number') numbers.push({ path: [...base, k], key: k, kind })
      else if (Array.isArray(x) && x.every((s) => typeof s === 'string')) patterns.push({ path: [...base, k], key: k, kind })
      else if (isSeverity(x) && kind) row(k)[kind] = [...base, k]
    }
  }
  const rulesObj = isObj(v.rules) ? v.rules : null
  if (rulesObj)
    for (const [code, x] of Object.entries(rulesObj)) {
      if (isSeverity(x)) {
        const r = row(code)
        r.project = ['rules', code]
      } else if (isObj(x)) {
        const r = row(code)
        if (isSeverity(x.project)) r.project = ['rules', code, 'project']
        if (isSeverity(x.department)) r.department = ['rules', code, 'department']
        if (isSeverity(x.severity)) r.project = ['rules', code, 'severity']
      }
    }
  const sev = isObj(v.severity) ? v.severity : isObj(v.severities) ? v.severities : null
  const sevKey = isObj(v.severity) ? 'severity' : 'severities'
  for (const kind of ['project', 'department'] as const) {
    if (sev && isObj(sev[kind])) scan(sev[kind] as Obj, [sevKey, kind], kind)
    if (isObj(v[kind])) scan(v[kind] as Obj, [kind], kind)
  }
  scan(Object.fromEntries(Object.entries(v).filter(([k]) => !['rules', 'severity', 'severities', 'project', 'department'].includes(k))), [], null)
  const order = (code: string) => {
    const i = (CHECK_RULES as readonly string[]).indexOf(code)
    return i < 0 ? 999 : i
  }
  return { rules: [...rules.values()].sort((a, b) => order(a.rule) - order(b.rule)), numbers, patterns }
}

/** review_outcomes: {优:"approve",…} or {outcomes:{…}} → the path of each grade's outcome. */
export function outcomePaths(value: unknown): Record<Grade, string[]> {
  const v = isObj(value) ? value : {}
  const base = isObj(v.outcomes) ? ['outcomes'] : isObj(v.grades) ? ['grades'] : []
  return Object.fromEntries(GRADES.map((g) => [g, [...base, g]])) as Record<Grade, string[]>
}
