// The 评估评审 case: wire types (as src/modules/projects/service.cpp case_json sends them) and the
// pure rules the pages preview before the server decides (scores, 审减, which actions a state
// allows). Scores are handled in hundredths (x100) and money in fen, both as integers, so the
// preview matches the server's integer arithmetic exactly; the server's numbers win after a save.

import { divideRounded } from '@/platform/format'
import type { WorkflowStep } from '@/platform/types'

// ---------------------------------------------------------------- wire types

export type CaseState = 'assigning' | 'working' | 'returned' | 'closed'
export const CASE_STATES: readonly CaseState[] = ['assigning', 'working', 'returned', 'closed']

export type Conclusion = 'support' | 'adjust' | 'reject'
export const CONCLUSIONS: readonly Conclusion[] = ['support', 'adjust', 'reject']

export type Rating = '优' | '良' | '中' | '差'
export const RATINGS: readonly Rating[] = ['优', '良', '中', '差']

export interface SchemeItem {
  code: string
  name: string
  points: number
  guidance?: string
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
  /** Percent of an item's points each rating gives: {"优":100,"良":80,"中":60,"差":30}. */
  scale: Partial<Record<Rating, number>>
  cutoffs?: { support: number; adjust: number }
}

export interface SheetBody {
  ratings?: Record<string, string>
  comments?: Record<string, string>
  veto_dimension?: string
}

export interface CaseExpert {
  expert_id: number
  user_id: number | null
  name: string
  submitted: boolean
  submitted_at: string | null
  round: number
  /** Present only for those allowed to see the sheet (reviewers, the expert, everyone after the conclusion). */
  sheet?: SheetBody
  dimensions?: Record<string, number>
  total?: number | null
  veto?: boolean
  veto_reason?: string
  opinion?: string
}

export interface ReviewLine {
  item: string
  submitted_fen: number
  approved_fen: number
  reason: string
}

export interface CaseReview {
  lines: ReviewLine[]
  submitted_fen: number | null
  approved_fen: number | null
  cut_fen: number | null
  cut_rate: number | null
}

export interface ProjectAmount {
  year: number
  source: string
  requested_fen: number
}

export interface ProjectAttachment {
  id: number
  name: string
  kind: string
  size: number
  content_type: string
  uploaded_at: string
}

export type ProjectHistoryEntry = WorkflowStep

/** The project as a case carries it (list: summary; detail: with attachments and history). */
export interface CaseProject {
  id: number
  code: string | null
  name: string
  org_id: number
  org_name: string
  category: string
  kind: string
  budget_type: string
  func_class: string
  sector: string
  tags: string[]
  is_new: boolean
  start_year: number
  end_year: number
  description: string
  basis: string
  contact: string
  phone: string
  amounts: ProjectAmount[]
  requested_total_fen: number
  state: string
  state_name: string
  preassess: { required: boolean | null; reasons: string[] }
  conclusion: Conclusion | null
  approved_fen: number | null
  library_year: number | null
  submitted_at: string | null
  version: number
  attachments?: ProjectAttachment[]
  history?: ProjectHistoryEntry[]
  state_comment?: string | null
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
  experts: CaseExpert[]
  scheme: Scheme | null
  scheme_version: number
  review: CaseReview
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
  project: CaseProject
}

export interface Reviewer {
  id: number
  name: string
  org_name: string
}

export interface ExpertRef {
  id: number
  name: string
  title: string
  fields: string[]
  org_name?: string | null
  status: string
  user_id: number | null
}

export interface ThirdParty {
  id: number
  name: string
  status: string
}

export interface Cutoffs {
  support: number
  adjust: number
}

// ---------------------------------------------------------------- numbers

/** A score sent as a number with two decimals (83.25) → hundredths (8325), or null. */
export function toX100(v: number | null | undefined): number | null {
  if (v === null || v === undefined || !Number.isFinite(v)) return null
  return Math.round(v * 100)
}

/** Integer division rounded half up (the server's money::div_round_half_up for non-negatives). */
export function divHalfUp(n: number, d: number): number {
  if (d <= 0) return 0
  const q = Math.floor(n / d)
  const r = n - q * d
  return r * 2 >= d ? q + 1 : q
}

/** Hundredths → "83.25". */
export function x100Text(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—'
  return divideRounded(BigInt(v), 100n, 2, false)
}

// ---------------------------------------------------------------- 万元 ↔ fen

/** At most 4 decimals of 万元 (whole 元), as the review is kept. */
export const WAN_DECIMALS = 4
const WAN_PATTERN = /^(\d{1,9})(?:\.(\d{0,4}))?$/

/**
 * An amount typed in 万元 → fen, exactly, with string arithmetic: "123.4567" → 1234567000.
 * Spaces and thousands separators are ignored; null for anything else (empty, negative,
 * more than 4 decimals, letters).
 */
export function wanToFen(text: string | null | undefined): number | null {
  if (text === null || text === undefined) return null
  const s = String(text).replace(/[,\s，]/g, '')
  const m = WAN_PATTERN.exec(s)
  if (!m) return null
  const frac = (m[2] ?? '').padEnd(6, '0')
  return Number(m[1]) * 1_000_000 + Number(frac)
}

/** Fen → the text an input shows in 万元, without separators or trailing zeros ("250", "12.5"). */
export function fenToWanInput(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isInteger(fen)) return ''
  const text = divideRounded(BigInt(fen), 1_000_000n, 6, false)
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}

// ---------------------------------------------------------------- 预算评审

export interface ReviewTotals {
  submitted_fen: number
  approved_fen: number
  cut_fen: number
  /** 审减率 in hundredths of a percent (12.35 % → 1235), half up; null without a 送审 amount. */
  cut_rate_x100: number | null
}

/** 审减额 = 送审 − 审定; 审减率 = 审减额 / 送审 × 100 %, as rules.cpp review_totals. */
export function reviewTotals(lines: { submitted_fen: number | null; approved_fen: number | null }[]): ReviewTotals {
  let s = 0
  let a = 0
  for (const l of lines) {
    s += l.submitted_fen ?? 0
    a += l.approved_fen ?? 0
  }
  const cut = s - a
  return { submitted_fen: s, approved_fen: a, cut_fen: cut, cut_rate_x100: s > 0 ? cutRateX100(cut, s) : null }
}

/** percent_x100 with BigInt so large amounts stay exact; half away from zero. */
export function cutRateX100(cut: number, submitted: number): number {
  const neg = cut < 0
  const abs = BigInt(Math.abs(cut)) * 10000n
  const d = BigInt(submitted)
  const q = (abs * 2n + d) / (d * 2n)
  return Number(neg ? -q : q)
}

/** 审减率 for display: "12.35%" (the server's cut_rate when given, as a number with 2 decimals). */
export function cutRateText(x100: number | null | undefined): string {
  if (x100 === null || x100 === undefined) return '—'
  return x100Text(x100) + '%'
}

/** A line needs a reason when its 审定 differs from its 送审 (rules.cpp check_review_lines). */
export function lineNeedsReason(l: { submitted_fen: number | null; approved_fen: number | null }): boolean {
  return l.submitted_fen !== null && l.approved_fen !== null && l.submitted_fen !== l.approved_fen
}

// ---------------------------------------------------------------- 事前评估 scores

export function ratingPercent(scheme: Scheme, r: Rating): number {
  const fallback: Record<Rating, number> = { 优: 100, 良: 80, 中: 60, 差: 30 }
  const v = scheme.scale?.[r]
  return typeof v === 'number' ? v : fallback[r]
}

/** The points a rating gives an item, in hundredths (item_points_x100). */
export function itemPointsX100(scheme: Scheme, item: SchemeItem, r: Rating): number {
  const points = Math.round(item.points * 100)
  return divHalfUp(points * ratingPercent(scheme, r), 100)
}

export function isRating(v: unknown): v is Rating {
  return typeof v === 'string' && (RATINGS as readonly string[]).includes(v)
}

export interface SheetScore {
  dimensions: Record<string, number>
  total_x100: number
  missing: string[]
  /** Items rated so far / all items. */
  rated: number
  items: number
}

/** The running score of a sheet: per dimension and overall, in hundredths (score_sheet). */
export function scoreSheet(scheme: Scheme, ratings: Record<string, string | undefined>): SheetScore {
  const out: SheetScore = { dimensions: {}, total_x100: 0, missing: [], rated: 0, items: 0 }
  for (const d of scheme.dimensions) {
    let dim = 0
    for (const i of d.items) {
      out.items++
      const r = ratings[i.code]
      if (!isRating(r)) {
        out.missing.push(i.code)
        continue
      }
      out.rated++
      dim += itemPointsX100(scheme, i, r)
    }
    out.dimensions[d.code] = dim
    out.total_x100 += dim
  }
  return out
}

/** The combined score: mean of the submitted totals, half up (rules.cpp combine). */
export function combineX100(totals: number[]): number | null {
  if (totals.length === 0) return null
  return divHalfUp(
    totals.reduce((a, b) => a + b, 0),
    totals.length,
  )
}

/** The conclusion the cut-offs give (exact comparison on hundredths); a confirmed veto rejects. */
export function conclusionFor(combinedX100: number, cutoffs: Cutoffs, veto: boolean): Conclusion {
  if (veto) return 'reject'
  if (combinedX100 >= Math.round(cutoffs.support * 100)) return 'support'
  if (combinedX100 >= Math.round(cutoffs.adjust * 100)) return 'adjust'
  return 'reject'
}

/** 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差 (rules.cpp score_band). */
export function scoreBand(x100: number): Rating {
  if (x100 >= 9000) return '优'
  if (x100 >= 8000) return '良'
  if (x100 >= 6000) return '中'
  return '差'
}

export interface Preview {
  /** Submitted sheets / experts assigned. */
  submitted: number
  experts: number
  combined_x100: number | null
  veto_raised: boolean
  conclusion: Conclusion | null
}

/** What concluding now would give: the server's combined score when it has one, else the mean of the submitted sheets. */
export function previewConclusion(c: Pick<Case, 'experts' | 'combined'>, cutoffs: Cutoffs | null, vetoConfirmed: boolean): Preview {
  const submitted = c.experts.filter((x) => x.submitted)
  const totals = submitted.map((x) => toX100(x.total)).filter((v): v is number => v !== null)
  const server = toX100(c.combined)
  const combined = server ?? combineX100(totals)
  const vetoRaised = submitted.some((x) => x.veto === true)
  return {
    submitted: submitted.length,
    experts: c.experts.length,
    combined_x100: combined,
    veto_raised: vetoRaised,
    conclusion: combined !== null && cutoffs ? conclusionFor(combined, cutoffs, vetoConfirmed && vetoRaised) : null,
  }
}

// ---------------------------------------------------------------- states and actions

export interface CaseActions {
  assign: boolean
  rescore: boolean
  enterSheet: boolean
  review: boolean
  conclude: boolean
  reports: boolean
}

/** Which actions a case allows a caller holding `perms` (the server checks again). */
export function caseActions(c: Pick<Case, 'state' | 'round' | 'preassess_required' | 'conclusion'>, perms: { review: boolean }): CaseActions {
  const open = c.state === 'working'
  const r = perms.review
  return {
    assign: r && (c.state === 'assigning' || c.state === 'working'),
    rescore: r && open && c.round >= 2 && c.preassess_required,
    enterSheet: r && open && c.preassess_required,
    review: r && open,
    conclude: r && open,
    reports: r && c.conclusion !== null,
  }
}

export type SheetStatus = 'none' | 'draft' | 'submitted'

/** 未开始 / 草稿 / 已提交 of an expert's sheet. */
export function sheetStatus(x: CaseExpert | undefined | null): SheetStatus {
  if (!x) return 'none'
  if (x.submitted) return 'submitted'
  const ratings = x.sheet?.ratings ?? {}
  if (Object.keys(ratings).length > 0 || (x.opinion ?? '') !== '' || x.veto) return 'draft'
  return 'none'
}

/** The caller's own row among the experts (by account). */
export function ownExpert(c: Pick<Case, 'experts'>, userId: number | null | undefined): CaseExpert | undefined {
  if (userId === null || userId === undefined) return undefined
  return c.experts.find((x) => x.user_id === userId)
}

/** What the project becomes after each conclusion. */
export const PROJECT_STATE_AFTER: Record<Conclusion, string> = {
  support: 'in_library',
  adjust: 'returned',
  reject: 'rejected',
}

/** Conclusions in the project history (one per round), oldest first. */
export function roundsOf(history: ProjectHistoryEntry[] | undefined): { round: number; submitted_at: string | null; concluded: ProjectHistoryEntry | null }[] {
  const out: { round: number; submitted_at: string | null; concluded: ProjectHistoryEntry | null }[] = []
  for (const h of history ?? []) {
    if (h.action === 'withdraw') {
      const last = out[out.length - 1]
      if (last && !last.concluded) out.pop()
    } else if (h.action === 'submit') out.push({ round: out.length + 1, submitted_at: h.at, concluded: null })
    else if (h.action === 'approve' || h.action === 'return' || h.action === 'reject') {
      const last = out[out.length - 1]
      if (last && !last.concluded) last.concluded = h
      else out.push({ round: out.length + 1, submitted_at: null, concluded: h })
    }
  }
  return out
}
