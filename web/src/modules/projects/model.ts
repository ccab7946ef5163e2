import type { Case, Conclusion, HistoryRow, Project, ProjectState } from './api'

// Pure helpers of the project pages. The server decides every rule (DOMAIN.md §4, rules.cpp);
// these only shape what it sends and say which buttons a state offers.

export const PROJECT_STATES: ProjectState[] = [
  'draft',
  'submitted',
  'reviewing',
  'returned',
  'in_library',
  'rejected',
  'budgeted',
  'executing',
  'completed',
  'exited',
]

export const CONCLUSIONS: Conclusion[] = ['support', 'adjust', 'reject']

type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'

export function stateTagType(state: string | null | undefined): TagType {
  switch (state) {
    case 'draft':
      return 'info'
    case 'submitted':
    case 'reviewing':
      return 'primary'
    case 'returned':
      return 'warning'
    case 'rejected':
    case 'exited':
      return 'danger'
    case 'in_library':
    case 'budgeted':
    case 'executing':
    case 'completed':
      return 'success'
    default:
      return 'info'
  }
}

export function conclusionTagType(c: string | null | undefined): TagType {
  return c === 'support' ? 'success' : c === 'adjust' ? 'warning' : c === 'reject' ? 'danger' : 'info'
}

/** What the applying unit may do with its project in this state. */
export function unitActions(p: Pick<Project, 'state' | 'code'>) {
  const editable = p.state === 'draft' || p.state === 'returned'
  return {
    edit: editable,
    submit: editable,
    withdraw: p.state === 'submitted',
    remove: p.state === 'draft' && !p.code,
    start: p.state === 'budgeted',
    complete: p.state === 'executing',
  }
}

/** The finance bureau's steps on a project in the library. */
export function bureauActions(p: Pick<Project, 'state'>) {
  const inLibrary = p.state === 'in_library' || p.state === 'budgeted' || p.state === 'executing'
  return { budget: inLibrary, exit: inLibrary }
}

/** The years of a project's implementation period, in order (empty when the range is wrong). */
export function yearsOf(start: number | null | undefined, end: number | null | undefined): number[] {
  if (!start || !end || end < start || end - start > 20) return []
  return Array.from({ length: end - start + 1 }, (_, i) => start + i)
}

export function sumFen(values: (number | null | undefined)[]): number {
  let s = 0
  for (const v of values) s += typeof v === 'number' && Number.isFinite(v) ? v : 0
  return s
}

/** The comment of the latest transition into `returned` or `rejected`: why the unit got it back. */
export function lastReturnReason(history: HistoryRow[] | undefined): string | null {
  if (!history) return null
  for (let i = history.length - 1; i >= 0; i--) {
    const h = history[i]
    if ((h.to_state === 'returned' || h.to_state === 'rejected') && h.comment) return h.comment
  }
  return null
}

/** The latest (open or last) case of a project. */
export function latestCase(p: Pick<Project, 'cases'>): Case | null {
  const cs = p.cases ?? []
  return cs.length ? [...cs].sort((a, b) => b.id - a.id)[0] : null
}

/** i18n keys of labels, with a fallback for codes the UI does not know. */
export function stateLabelKey(s: string | null | undefined): string {
  return PROJECT_STATES.includes(s as ProjectState) ? `projects.state.${s}` : 'projects.state.unknown'
}

export function conclusionLabelKey(c: string | null | undefined): string {
  return CONCLUSIONS.includes(c as Conclusion) ? `projects.conclusion.${c}` : 'projects.conclusion.none'
}
