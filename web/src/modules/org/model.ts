import type { HistoryEntry, OrgKind, OrgStatus, Organization, Region, TreeOrg } from './api'

// Pure helpers of the org pages: labels, tree nodes, code checks and form rules. The server is
// authoritative for every rule here; these only guide the user before a request.

export const ORG_KINDS: OrgKind[] = ['finance_bureau', 'finance_office', 'department', 'unit', 'township', 'dev_zone', 'third_party', 'oversight']
export const ORG_STATUSES: OrgStatus[] = ['active', 'inactive', 'merged']
export const OFFICE_ROLES = ['performance', 'budget', 'business', 'review_center', 'other'] as const
/** 单位性质 as the server accepts them (sent and shown in Chinese). */
export const UNIT_TYPES = ['行政单位', '参公事业单位', '事业单位', '社会团体', '国有企业', '其他'] as const
/** 数据范围 of a business role. */
export const SCOPE_KINDS = ['own_unit', 'own_department', 'overseen', 'region', 'all', 'assigned'] as const

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** i18n key of an organization kind: org.kind.unit → 预算单位. */
export function kindLabelKey(kind: string | null | undefined): string {
  return ORG_KINDS.includes(kind as OrgKind) ? `org.kind.${kind}` : 'org.kind.unknown'
}

/** Tag colour of a kind: the bureau side in red/orange, budget bodies in blue, outsiders grey. */
export function kindTagType(kind: string | null | undefined): TagType {
  switch (kind) {
    case 'finance_bureau':
      return 'danger'
    case 'finance_office':
      return 'warning'
    case 'department':
    case 'unit':
      return 'primary'
    case 'township':
    case 'dev_zone':
      return 'success'
    default:
      return 'info'
  }
}

export function statusLabelKey(status: string | null | undefined): string {
  return ORG_STATUSES.includes(status as OrgStatus) ? `org.status.${status}` : 'org.status.unknown'
}

export function statusTagType(status: string | null | undefined): TagType {
  return status === 'active' ? 'success' : status === 'merged' ? 'warning' : 'info'
}

export function scopeLabelKey(scope: string | null | undefined): string {
  return (SCOPE_KINDS as readonly string[]).includes(scope ?? '') ? `org.scope.${scope}` : 'org.scope.none'
}

export function historyActionKey(action: string): string {
  const known = ['create', 'update', 'rename', 'move', 'merge', 'deactivate', 'reactivate', 'oversight']
  return known.includes(action) ? `org.action.${action}` : 'org.action.other'
}

/** The kinds that hold a 预算单位编码, 统一社会信用代码 and 单位性质 (is_budget_kind on the server). */
export function isBudgetKind(kind: string | null | undefined): boolean {
  return kind === 'finance_bureau' || kind === 'department' || kind === 'township' || kind === 'dev_zone' || kind === 'unit'
}

/** Department-like kinds: a unit may sit under them; they merge among themselves. */
export function isDepartmentKind(kind: string | null | undefined): boolean {
  return kind === 'finance_bureau' || kind === 'department' || kind === 'township' || kind === 'dev_zone'
}

/** A unit sits under a department-like org or a unit; a 股室 under the bureau; the rest are roots. */
export function needsParent(kind: string | null | undefined): boolean {
  return kind === 'unit' || kind === 'finance_office'
}

export function parentAllowed(kind: string | null | undefined, parentKind: string | null | undefined): boolean {
  if (kind === 'finance_office') return parentKind === 'finance_bureau'
  if (kind === 'unit') return isDepartmentKind(parentKind) || parentKind === 'unit'
  return !parentKind
}

/** Which fields a create/edit form shows and requires for a kind. */
export function formFieldsFor(kind: string | null | undefined) {
  return {
    parent: needsParent(kind),
    code: isBudgetKind(kind),
    codeRequired: isBudgetKind(kind),
    uscc: kind !== 'finance_office' && kind !== 'oversight',
    usccRequired: isBudgetKind(kind) || kind === 'third_party',
    unitType: isBudgetKind(kind),
    officeRole: kind === 'finance_office',
    qualification: kind === 'third_party',
  }
}

// ---- 统一社会信用代码 (GB 32100-2015) ----
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

/** The 18th character for the first 17. */
export function usccCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i]
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]
}

/** GB 11714: the 9th character of the 主体标识码 (position 17 of the USCC) for its first 8. */
export function orgCodeCheckChar(first8: string): string {
  let sum = 0
  for (let i = 0; i < 8; i++) {
    const c = first8[i]
    const v = c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55
    sum += v * ORG_CODE_WEIGHTS[i]
  }
  const c = 11 - (sum % 11)
  return c === 10 ? 'X' : c === 11 ? '0' : String(c)
}

export type UsccProblem = 'length' | 'character' | 'check' | 'bodyCheck' | null

/** The first problem of a USCC, in the server's order (length, characters, 18th, 17th). */
export function usccProblem(code: string): UsccProblem {
  const s = code.trim().toUpperCase()
  if (s.length !== 18) return 'length'
  for (const c of s) if (!USCC_ALPHABET.includes(c)) return 'character'
  if (usccCheckChar(s.slice(0, 17)) !== s[17]) return 'check'
  if (orgCodeCheckChar(s.slice(8, 16)) !== s[16]) return 'bodyCheck'
  return null
}

/** Builds a valid USCC: 2 characters of registry and category, a 6-digit region, 8 of body. */
export function makeUscc(kind2: string, region6: string, body8: string): string {
  const first17 = kind2 + region6 + body8 + orgCodeCheckChar(body8)
  return first17 + usccCheckChar(first17)
}

/**
 * The 预算单位编码 rule (a hint; the server decides): departments 3 digits, a unit its parent's
 * code and 3 digits. Returns an i18n key with params, or null when the code looks right.
 */
export function budgetCodeProblem(kind: string, code: string, parentCode: string | null | undefined): { key: string; params?: Record<string, string> } | null {
  const c = code.trim()
  if (isDepartmentKind(kind)) return /^\d{3}$/.test(c) ? null : { key: 'org.form.codeDepartment' }
  if (kind === 'unit') {
    if (!parentCode) return null // the server explains when the parent has no code
    return c.length === parentCode.length + 3 && /^\d+$/.test(c) && c.startsWith(parentCode) ? null : { key: 'org.form.codeUnit', params: { parent: parentCode } }
  }
  return c === '' || /^\d{3,12}$/.test(c) ? null : { key: 'org.form.codeOther' }
}

// ---- trees ----
export interface OrgTreeNode {
  id: number
  label: string
  kind: OrgKind
  status: OrgStatus
  code: string | null
  isLeaf: boolean
  disabled?: boolean
  org: TreeOrg
}

/** A GET /org/tree item as an el-tree / el-tree-select node (lazy: isLeaf from has_children). */
export function toTreeNode(o: TreeOrg, disable?: (o: TreeOrg) => boolean): OrgTreeNode {
  return {
    id: o.id,
    label: o.name,
    kind: o.kind,
    status: o.status,
    code: o.code,
    isLeaf: !o.has_children,
    disabled: disable ? disable(o) : undefined,
    org: o,
  }
}

export const TREE_PROPS = { label: 'label', children: 'children', isLeaf: 'isLeaf', disabled: 'disabled' } as const

/** The pieces of a name around each case-insensitive match of q, for highlighting. */
export function highlightParts(text: string, q: string): { text: string; hit: boolean }[] {
  const needle = q.trim()
  if (!needle) return [{ text, hit: false }]
  const out: { text: string; hit: boolean }[] = []
  const lower = text.toLowerCase()
  const n = needle.toLowerCase()
  let i = 0
  while (i < text.length) {
    const j = lower.indexOf(n, i)
    if (j < 0) {
      out.push({ text: text.slice(i), hit: false })
      break
    }
    if (j > i) out.push({ text: text.slice(i, j), hit: false })
    out.push({ text: text.slice(j, j + n.length), hit: true })
    i = j + n.length
  }
  return out
}

// ---- regions ----
/** code → region, over the whole tree. */
export function flattenRegions(roots: Region[]): Map<string, Region> {
  const out = new Map<string, Region>()
  const walk = (rs: Region[]) => {
    for (const r of rs) {
      out.set(r.code, r)
      walk(r.children ?? [])
    }
  }
  walk(roots)
  return out
}

/** Region tree as el-tree-select data ({value,label,children}). */
export function regionOptions(roots: Region[]): { value: string; label: string; children?: unknown[] }[] {
  return roots.map((r) => ({ value: r.code, label: r.name, children: r.children?.length ? regionOptions(r.children) : undefined }))
}

// ---- history ----
/** The fields compared between a history row's before and after, in display order. */
export const HISTORY_FIELDS = [
  'name', 'short_name', 'code', 'uscc', 'kind', 'region_code', 'parent_id', 'department_id', 'office_role', 'unit_type',
  'sector_code', 'status', 'merged_into_id', 'overseen_department_ids', 'contact', 'phone', 'qualification',
] as const
export type HistoryField = (typeof HISTORY_FIELDS)[number]

export interface FieldChange {
  field: HistoryField
  before: unknown
  after: unknown
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
}

/** What a history row changed: every compared field whose value differs (all set fields for a create). */
export function historyChanges(h: Pick<HistoryEntry, 'before' | 'after'>): FieldChange[] {
  const before = (h.before ?? {}) as Record<string, unknown>
  const after = (h.after ?? {}) as Record<string, unknown>
  const out: FieldChange[] = []
  for (const f of HISTORY_FIELDS) {
    if (same(before[f], after[f])) continue
    const empty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)
    if (!h.before && empty(after[f])) continue
    out.push({ field: f, before: before[f], after: after[f] })
  }
  return out
}

/** Newest first. */
export function sortHistory(rows: HistoryEntry[]): HistoryEntry[] {
  return [...rows].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id))
}

/** Ids an org row refers to (parent, department, merge target), to name them in the UI. */
export function referencedIds(rows: Pick<Organization, 'parent_id' | 'department_id' | 'merged_into_id'>[]): number[] {
  const ids = new Set<number>()
  for (const r of rows) for (const v of [r.parent_id, r.department_id, r.merged_into_id]) if (typeof v === 'number') ids.add(v)
  return [...ids]
}

// ---- experts ----
/** Last four characters of an ID card: 3 digits and a digit or X (empty allowed). */
export const ID_TAIL_PATTERN = /^(\d{3}[\dXx])?$/
/** Expert fields: 1–10 entries of 1–20 characters, no duplicates. */
export function expertFieldsProblem(fields: string[]): string | null {
  const clean = fields.map((f) => f.trim()).filter(Boolean)
  if (clean.length === 0 || clean.length > 10) return 'org.experts.fieldsCount'
  if (clean.some((f) => [...f].length > 20)) return 'org.experts.fieldsLong'
  return null
}

// ---- custom roles ----
/** Permission modules a business role may not hold (三员分立). */
export const ADMIN_MODULES = ['system', 'security', 'audit']

export interface PermissionNode {
  id: string
  label: string
  disabled?: boolean
  children?: PermissionNode[]
}

/**
 * GET /admin/permissions as a checkbox tree grouped by module: business modules first in the
 * server's order, then the administrators' modules, greyed (a business role cannot hold them).
 */
export function permissionTree(perms: { code: string; name: string; module?: string }[], moduleLabel: (m: string) => string): PermissionNode[] {
  const groups = new Map<string, PermissionNode[]>()
  for (const p of perms) {
    const m = p.module || p.code.split('.')[0] || 'other'
    if (!groups.has(m)) groups.set(m, [])
    groups.get(m)!.push({ id: p.code, label: p.name || p.code, disabled: ADMIN_MODULES.includes(m) })
  }
  const modules = [...groups.keys()].sort((a, b) => Number(ADMIN_MODULES.includes(a)) - Number(ADMIN_MODULES.includes(b)))
  return modules.map((m) => ({ id: `module:${m}`, label: moduleLabel(m), disabled: ADMIN_MODULES.includes(m), children: groups.get(m) }))
}

/** Role code rule of the server: 3–32 of a-z, 0-9 and _, starting with a letter. */
export const ROLE_CODE_PATTERN = /^[a-z][a-z0-9_]{2,31}$/
