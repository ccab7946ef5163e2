import type { RefItem, YearState } from './api'

// Pure helpers of the reference data pages: the tree of a hierarchical kind, year ranges and
// the budget year's states. The server decides every rule; these only shape what it sends.

/** Kinds whose codes form a tree through parent_code (GET /ref/kinds says so too). */
export const HIERARCHICAL_KINDS = ['func_class', 'econ_class', 'gov_econ_class', 'project_category']

export interface RefNode extends RefItem {
  children?: RefNode[]
}

function byOrder(a: RefItem, b: RefItem): number {
  return (a.sort ?? 0) - (b.sort ?? 0) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) || (a.from_year ?? 0) - (b.from_year ?? 0)
}

/** Of two versions of one code, the one that is valid later (an open one wins). */
function later(a: RefItem, b: RefItem): RefItem {
  const end = (x: RefItem) => (x.to_year == null ? Infinity : x.to_year)
  return end(b) > end(a) || (end(b) === end(a) && b.from_year > a.from_year) ? b : a
}

/**
 * The items of a hierarchical kind as a tree for el-table (children under `children`), built
 * from parent_code. Several versions of one code (all=1) sit side by side; children hang under
 * the latest version of their parent. An item whose parent is not in the list (a search hit,
 * a parent of another year) becomes a root, so nothing the server sent is hidden. Siblings are
 * ordered by sort, then code, then from_year. Cycles cannot hang the build.
 */
export function buildTree(items: RefItem[]): RefNode[] {
  const nodes: RefNode[] = items.map((i) => ({ ...i }))
  const parentOf = new Map<string, RefNode>()
  for (const n of nodes) {
    const seen = parentOf.get(n.code)
    parentOf.set(n.code, seen ? (later(seen, n) as RefNode) : n)
  }
  const roots: RefNode[] = []
  for (const n of nodes) {
    const p = n.parent_code ? parentOf.get(n.parent_code) : undefined
    if (p && p !== n && !isAncestor(n, p, parentOf)) (p.children ??= []).push(n)
    else roots.push(n)
  }
  const sortDeep = (list: RefNode[]) => {
    list.sort(byOrder)
    for (const n of list) if (n.children) sortDeep(n.children)
  }
  sortDeep(roots)
  return roots
}

/** True when `node` is an ancestor of `candidate` (linking would make a cycle). */
function isAncestor(node: RefNode, candidate: RefNode, parentOf: Map<string, RefNode>): boolean {
  let cur: RefNode | undefined = candidate
  const seen = new Set<RefNode>()
  while (cur && !seen.has(cur)) {
    if (cur.code === node.code) return true
    seen.add(cur)
    cur = cur.parent_code ? parentOf.get(cur.parent_code) : undefined
  }
  return false
}

/** Items in a flat list, sorted like the tree's siblings. */
export function sortFlat(items: RefItem[]): RefItem[] {
  return [...items].sort(byOrder)
}

/** Every node of a tree, depth first. */
export function flatten(nodes: RefNode[]): RefNode[] {
  const out: RefNode[] = []
  const walk = (ns: RefNode[]) => {
    for (const n of ns) {
      out.push(n)
      if (n.children) walk(n.children)
    }
  }
  walk(nodes)
  return out
}

/** "2020–2024", or "2021–至今" when still valid (`open` is the word for it). */
export function yearRange(item: Pick<RefItem, 'from_year' | 'to_year'>, open: string): string {
  return `${item.from_year}–${item.to_year == null ? open : item.to_year}`
}

/** Is the version valid in `year`? */
export function validIn(item: Pick<RefItem, 'from_year' | 'to_year'>, year: number): boolean {
  return item.from_year <= year && (item.to_year == null || year <= item.to_year)
}

/** code → name, the latest version of each code winning. */
export function nameMap(items: RefItem[]): Map<string, string> {
  const best = new Map<string, RefItem>()
  for (const i of items) {
    const seen = best.get(i.code)
    best.set(i.code, seen ? later(seen, i) : i)
  }
  return new Map([...best].map(([code, i]) => [code, i.name]))
}

// ---- budget years ----
export const YEAR_STATES: YearState[] = ['planning', 'executing', 'closed']

/** The one state a year may move to, or null when closed. */
export function nextState(state: string): YearState | null {
  const i = YEAR_STATES.indexOf(state as YearState)
  return i >= 0 && i < YEAR_STATES.length - 1 ? YEAR_STATES[i + 1] : null
}

export function stateTagType(state: string): 'primary' | 'success' | 'info' | 'warning' {
  return state === 'planning' ? 'warning' : state === 'executing' ? 'success' : state === 'closed' ? 'info' : 'primary'
}

export function stateLabelKey(state: string): string {
  return (YEAR_STATES as string[]).includes(state) ? `ref.years.state.${state}` : 'ref.years.state.unknown'
}

/** Codes of the numeric kinds: 类 3 digits, 款 5, 项 7; the named kinds lower-case words. */
export function codeProblem(kind: string, code: string, hierarchicalNumeric: boolean): string | null {
  const c = code.trim()
  if (!c) return 'ref.form.codeRequired'
  if (hierarchicalNumeric) return /^\d{3}(\d{2}){0,2}$/.test(c) ? null : 'ref.form.codeNumeric'
  if (kind === 'project_category' || !/^\d/.test(c)) return /^[a-z][a-z0-9_]{1,31}$/.test(c) ? null : 'ref.form.codeNamed'
  return null
}

/** The numeric kinds whose parent is the code's prefix. */
export const NUMERIC_KINDS = ['func_class', 'econ_class', 'gov_econ_class']

/** The parent a numeric code implies: "20502" → "205"; a 类 has none. */
export function impliedParent(code: string): string | null {
  const c = code.trim()
  if (!/^\d+$/.test(c) || c.length <= 3) return null
  return c.slice(0, c.length - 2)
}
