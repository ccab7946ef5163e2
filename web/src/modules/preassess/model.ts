import { divideRounded, toFen, type FenInput } from '@/platform/format'
import { CONCLUSIONS, type AssessedGroup, type ProjectStats, type ReviewedGroup, type Scheme } from './api'

// Pure helpers of the statistics and settings pages: amounts as a county reports them, the
// summary sentence, the merged tables and the scoring scheme's checks. No I/O.

const FEN_PER_YI = 10_000_000_000n // 1 亿元 = 10^8 元 = 10^10 分

/** Fen → 亿元 with one decimal, half up, exact: 133000000000 → "13.3". */
export function formatYi(fen: FenInput, decimals = 1): string {
  const v = toFen(fen)
  return v === null ? '—' : divideRounded(v, FEN_PER_YI, decimals, true)
}

export interface CountyAmount {
  /** The number as text: "13.3" (亿元) or "2,820" (万元). */
  value: string
  unit: 'yi' | 'wan'
}

/**
 * An amount as a county report writes it: from 1 亿元 up in 亿元 with one decimal ("13.3亿元"),
 * below in whole 万元 ("2,820万元"; 2 decimals only when `exact` and not whole), never "0.0亿元".
 */
export function countyAmount(fen: number, exact = false): CountyAmount {
  if (Math.abs(fen) >= Number(FEN_PER_YI)) return { value: formatYi(fen), unit: 'yi' }
  const whole = fen % 1_000_000 === 0
  return { value: divideRounded(BigInt(fen), 1_000_000n, exact && !whole ? 2 : 0, true), unit: 'wan' }
}

/**
 * 审减率 in % from the exact amounts, half up to `decimals` (1 as a county reports it): the
 * server's 2-decimal rate is not rounded a second time (14.249… would become 14.25 → 14.3).
 */
export function cutRateText(cutFen: FenInput, submittedFen: FenInput, decimals = 1): string {
  const cut = toFen(cutFen)
  const sub = toFen(submittedFen)
  if (cut === null || sub === null || sub === 0n) return '—'
  return divideRounded(cut * 100n, sub, decimals, false)
}

/** The server's rate (already in % with 2 decimals) as text with exactly 2 decimals: 13.1 → "13.10". */
export function rate2(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  return divideRounded(BigInt(Math.round(rate * 100)), 100n, 2, false)
}

export function isEmptyStats(s: ProjectStats | null | undefined): boolean {
  return !s || (s.assessed.total === 0 && s.reviewed.total === 0)
}

/** Assessed sectors, the largest first (by count, then by the money reviewed, then by name). */
export function sectorsBySize(s: ProjectStats): AssessedGroup[] {
  const money = new Map(s.reviewed.by_sector.map((g) => [g.key, g.submitted_fen]))
  return [...s.assessed.by_sector].sort(
    (a, b) => b.count - a.count || (money.get(b.key) ?? 0) - (money.get(a.key) ?? 0) || a.name.localeCompare(b.name, 'zh-CN'),
  )
}

export type Translate = (key: string, params?: Record<string, unknown>) => string

/**
 * The year in one sentence, in the county's own wording, e.g. "完成城市建设、农业农村、卫生健康等6个
 * 领域、18个重点项目的事前绩效评估，10个项目予以支持，6个项目建议调整完善后予以支持，2个项目不予支持；
 * 评审项目135个，涉及资金13.3亿元，审减率14.3%。" Naming at most `named` sectors, largest first.
 */
export function summarySentence(s: ProjectStats, t: Translate, named = 3): string {
  const parts: string[] = []
  const a = s.assessed
  if (a.total > 0) {
    const names = sectorsBySize(s).slice(0, named).map((g) => g.name)
    const list = names.join(t('preassess.summary.sep'))
    const head = t(a.sectors > names.length ? 'preassess.summary.assessedSome' : 'preassess.summary.assessedAll', {
      sectors: list,
      n: a.sectors,
      total: a.total,
    })
    const results = CONCLUSIONS.filter((c) => a.by_conclusion[c] > 0).map((c) =>
      t(`preassess.summary.${c}`, { n: a.by_conclusion[c] }),
    )
    parts.push([head, ...results].join(t('preassess.summary.comma')))
  }
  const r = s.reviewed
  if (r.total > 0) {
    parts.push(
      t('preassess.summary.reviewed', {
        total: r.total,
        amount: ((a) => t(`preassess.summary.amount_${a.unit}`, { v: a.value }))(countyAmount(r.submitted_fen, true)),
        rate: cutRateText(r.cut_fen, r.submitted_fen),
      }),
    )
  }
  if (parts.length === 0) return t('preassess.summary.none', { year: s.year })
  return parts.join(t('preassess.summary.semicolon')) + t('preassess.summary.end')
}

/** A row of the table by sector: the assessment counts and the review totals of one sector. */
export interface SectorRow {
  key: string
  name: string
  assessed: number
  support: number
  adjust: number
  reject: number
  reviewed: number
  submitted_fen: number
  approved_fen: number
  cut_fen: number
  cut_rate: number | null
}

/** Both halves of the statistics by sector in one table, the largest submission first. */
export function sectorRows(s: ProjectStats): SectorRow[] {
  const rows = new Map<string, SectorRow>()
  const row = (key: string, name: string): SectorRow => {
    let r = rows.get(key)
    if (!r) {
      r = { key, name, assessed: 0, support: 0, adjust: 0, reject: 0, reviewed: 0, submitted_fen: 0, approved_fen: 0, cut_fen: 0, cut_rate: null }
      rows.set(key, r)
    }
    return r
  }
  for (const g of s.reviewed.by_sector) {
    Object.assign(row(g.key, g.name), { reviewed: g.count, submitted_fen: g.submitted_fen, approved_fen: g.approved_fen, cut_fen: g.cut_fen, cut_rate: g.cut_rate })
  }
  for (const g of s.assessed.by_sector) {
    Object.assign(row(g.key, g.name), { assessed: g.count, ...g.by_conclusion })
  }
  return [...rows.values()].sort((a, b) => b.submitted_fen - a.submitted_fen || b.assessed - a.assessed)
}

/** The departments, the largest submission first. */
export function departmentRows(s: ProjectStats): ReviewedGroup[] {
  return [...s.reviewed.by_department].sort((a, b) => b.submitted_fen - a.submitted_fen)
}

/**
 * The `n` largest groups by 送审 and, when there are more, one more group summing the rest
 * (its 审减率 from the exact sums, 2 decimals half up, as the server rounds).
 */
export function topGroups(groups: ReviewedGroup[], n: number, otherName: (count: number) => string): ReviewedGroup[] {
  const sorted = [...groups].sort((a, b) => b.submitted_fen - a.submitted_fen)
  if (sorted.length <= n + 1) return sorted
  const rest = sorted.slice(n)
  const submitted = sumFen(rest, (g) => g.submitted_fen)
  const approved = sumFen(rest, (g) => g.approved_fen)
  const cut = sumFen(rest, (g) => g.cut_fen)
  return [
    ...sorted.slice(0, n),
    {
      key: '__other',
      name: otherName(rest.length),
      count: rest.reduce((k, g) => k + g.count, 0),
      submitted_fen: submitted,
      approved_fen: approved,
      cut_fen: cut,
      cut_rate: submitted > 0 ? Number(cutRateText(cut, submitted, 2)) : 0,
    },
  ]
}

/** Exact sum of a fen column (BigInt, then back to a number: county totals stay far below 2^53). */
export function sumFen<T>(rows: T[], pick: (r: T) => number): number {
  return Number(rows.reduce((acc, r) => acc + BigInt(pick(r) || 0), 0n))
}

// ---------------------------------------------------------------- the scoring scheme

/** Points (up to 2 decimals) → hundredths, exactly: 2.5 → 250, 0.1 + 0.2 stays 30. */
export function x100(points: number | null | undefined): number {
  if (points === null || points === undefined || !Number.isFinite(points)) return NaN
  return Math.round(Number(points + 'e2'))
}

/** Hundredths → points text without trailing zeros: 2050 → "20.5". */
export function pointsText(hundredths: number): string {
  if (!Number.isFinite(hundredths)) return '—'
  const s = divideRounded(BigInt(hundredths), 100n, 2, false)
  return s.replace(/\.?0+$/, '') || '0'
}

export interface SchemeProblem {
  /** '' for the whole scheme, `d{i}` for a dimension, `d{i}.i{j}` for a sub-item. */
  where: string
  /** i18n key under preassess.scheme.check and its parameters. */
  key: string
  params?: Record<string, unknown>
}

export interface SchemeCheck {
  problems: SchemeProblem[]
  /** Σ of the dimensions' weights, in hundredths. */
  total: number
  /** Σ of each dimension's sub-items, in hundredths. */
  itemSums: number[]
}

/**
 * The checks check_scheme makes on the server (src/modules/projects/rules.cpp), plus the one the
 * page adds: each dimension's sub-items add up to its weight. All sums in hundredths, exact.
 */
export function checkScheme(s: Scheme): SchemeCheck {
  const problems: SchemeProblem[] = []
  const dimCodes = new Set<string>()
  const itemCodes = new Set<string>()
  const itemSums: number[] = []
  let total = 0
  let itemTotal = 0
  if (s.dimensions.length === 0) problems.push({ where: '', key: 'noDimensions' })
  s.dimensions.forEach((d, i) => {
    const where = `d${i}`
    if (!d.code.trim() || !d.name.trim()) problems.push({ where, key: 'dimensionName' })
    else if (dimCodes.has(d.code.trim())) problems.push({ where, key: 'dimensionCode', params: { code: d.code } })
    dimCodes.add(d.code.trim())
    const weight = x100(d.points)
    if (!(weight > 0)) problems.push({ where, key: 'dimensionWeight', params: { name: d.name } })
    else total += weight
    if (d.items.length === 0) problems.push({ where, key: 'noItems', params: { name: d.name } })
    let sum = 0
    d.items.forEach((it, j) => {
      const w = `${where}.i${j}`
      if (!it.code.trim() || !it.name.trim()) problems.push({ where: w, key: 'itemName' })
      else if (itemCodes.has(it.code.trim())) problems.push({ where: w, key: 'itemCode', params: { code: it.code } })
      itemCodes.add(it.code.trim())
      const p = x100(it.points)
      if (!(p > 0)) problems.push({ where: w, key: 'itemPoints', params: { name: it.name || it.code } })
      else sum += p
    })
    itemSums.push(sum)
    itemTotal += sum
    if (weight > 0 && d.items.length > 0 && sum !== weight)
      problems.push({ where, key: 'dimensionSum', params: { name: d.name, sum: pointsText(sum), weight: pointsText(weight) } })
  })
  if (total !== 10000) problems.push({ where: '', key: 'total', params: { sum: pointsText(total) } })
  else if (itemTotal !== 10000) problems.push({ where: '', key: 'itemTotal', params: { sum: pointsText(itemTotal) } })
  const sc = s.scale
  if (sc && !(sc.优 <= 100 && sc.优 >= sc.良 && sc.良 >= sc.中 && sc.中 >= sc.差 && sc.差 >= 0))
    problems.push({ where: 'scale', key: 'scale' })
  return { problems, total, itemSums }
}

/**
 * The server answers a bad scheme with details all under "value"; its messages name the
 * dimension or item in “…”. Returns where on the page a message belongs ('' when unknown).
 */
export function placeServerMessage(s: Scheme, message: string): string {
  const quoted = [...message.matchAll(/“([^”]+)”/g)].map((m) => m[1])
  for (const q of quoted) {
    for (let i = 0; i < s.dimensions.length; i++) {
      const d = s.dimensions[i]
      if (d.name === q || d.code === q) return `d${i}`
      const j = d.items.findIndex((it) => it.name === q || it.code === q)
      if (j >= 0) return `d${i}.i${j}`
    }
  }
  return ''
}

/** A fresh sub-item code in a dimension: "necessity.item5", unused in the scheme. */
export function newItemCode(s: Scheme, dimension: number): string {
  const used = new Set(s.dimensions.flatMap((d) => d.items.map((i) => i.code)))
  const prefix = s.dimensions[dimension]?.code || `d${dimension + 1}`
  for (let n = s.dimensions[dimension].items.length + 1; ; n++) {
    const code = `${prefix}.item${n}`
    if (!used.has(code)) return code
  }
}

/** Moves element `from` of a list by `delta` places (a copy); out of range leaves it unchanged. */
export function moved<T>(list: T[], from: number, delta: number): T[] {
  const to = from + delta
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return list.slice()
  const out = list.slice()
  const [x] = out.splice(from, 1)
  out.splice(to, 0, x)
  return out
}

/** The two published cut-off presets (DOMAIN §4.4). */
export const CUTOFF_PRESETS = [
  { code: 'L', support: 80, adjust: 60 },
  { code: 'V', support: 90, adjust: 70 },
] as const

export function presetOf(c: { support: number; adjust: number }): 'L' | 'V' | '' {
  return CUTOFF_PRESETS.find((p) => x100(p.support) === x100(c.support) && x100(p.adjust) === x100(c.adjust))?.code ?? ''
}

/** Client check of the cut-offs, as the server: 0 < adjust ≤ support ≤ 100. Returns an i18n key or ''. */
export function cutoffsProblem(c: { support: number | null; adjust: number | null }): string {
  const s = x100(c.support ?? NaN)
  const a = x100(c.adjust ?? NaN)
  if (!Number.isFinite(s) || !Number.isFinite(a)) return 'preassess.cutoffs.required'
  if (!(a > 0 && a <= s && s <= 10000)) return 'preassess.cutoffs.order'
  return ''
}
