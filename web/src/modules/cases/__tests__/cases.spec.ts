import { describe, expect, it } from 'vitest'
import {
  caseActions,
  combineX100,
  conclusionFor,
  cutRateText,
  cutRateX100,
  divHalfUp,
  fenToWanInput,
  itemPointsX100,
  lineNeedsReason,
  previewConclusion,
  reviewTotals,
  roundsOf,
  scoreBand,
  scoreSheet,
  sheetStatus,
  toX100,
  wanToFen,
  x100Text,
  type CaseExpert,
  type Scheme,
} from '../model'

// The default scheme's shape: five dimensions of four 5-point items; ratings 100/80/60/30 %.
function scheme(): Scheme {
  const dims = ['necessity', 'economy', 'targets', 'feasibility', 'financing']
  return {
    dimensions: dims.map((d) => ({
      code: d,
      name: d,
      veto: d === 'financing',
      points: 20,
      items: [1, 2, 3, 4].map((i) => ({ code: `${d}.${i}`, name: `${d}${i}`, points: 5 })),
    })),
    scale: { 优: 100, 良: 80, 中: 60, 差: 30 },
    cutoffs: { support: 80, adjust: 60 },
  }
}

function expert(over: Partial<CaseExpert>): CaseExpert {
  return { expert_id: 1, user_id: 11, name: '周敏', submitted: false, submitted_at: null, round: 1, ...over }
}

describe('score preview from a scheme and ratings', () => {
  it('gives each rating its share of the item points', () => {
    const s = scheme()
    const item = s.dimensions[0].items[0]
    expect(itemPointsX100(s, item, '优')).toBe(500)
    expect(itemPointsX100(s, item, '良')).toBe(400)
    expect(itemPointsX100(s, item, '中')).toBe(300)
    expect(itemPointsX100(s, item, '差')).toBe(150)
  })

  it('rounds an odd share half up, as the server (2.5 points × 30 % = 0.75; 3.33 × 30 % = 0.999 → 1.00)', () => {
    const s = scheme()
    expect(itemPointsX100(s, { code: 'x', name: 'x', points: 2.5 }, '差')).toBe(75)
    expect(itemPointsX100(s, { code: 'x', name: 'x', points: 3.33 }, '差')).toBe(100)
    expect(itemPointsX100(s, { code: 'x', name: 'x', points: 3.35 }, '良')).toBe(268)
  })

  it('totals per dimension and overall, and lists the unrated items', () => {
    const s = scheme()
    const ratings: Record<string, string> = {}
    s.dimensions.forEach((d, di) => d.items.forEach((i, ii) => (ratings[i.code] = di * 4 + ii < 10 ? '优' : '良')))
    const all = scoreSheet(s, ratings)
    expect(all.total_x100).toBe(9000)
    expect(all.dimensions.necessity).toBe(2000)
    expect(all.dimensions.economy).toBe(2000)
    expect(all.dimensions.targets).toBe(1800)
    expect(all.dimensions.financing).toBe(1600)
    expect(all.missing).toEqual([])
    expect(all.rated).toBe(20)

    delete ratings['targets.3']
    ratings['economy.1'] = '很好' // not a rating: counted as missing
    const part = scoreSheet(s, ratings)
    expect(part.missing).toEqual(['economy.1', 'targets.3'])
    expect(part.rated).toBe(18)
    expect(part.total_x100).toBe(9000 - 500 - 400)
  })

  it('falls back to 100/80/60/30 when the scheme has no scale', () => {
    const s = { ...scheme(), scale: {} }
    expect(itemPointsX100(s, s.dimensions[0].items[0], '中')).toBe(300)
  })

  it('combines the submitted sheets by their mean, half up, and applies the cut-offs exactly', () => {
    expect(combineX100([])).toBeNull()
    expect(combineX100([8000, 7999])).toBe(8000) // 79.995 → 80.00
    expect(combineX100([8000, 7998])).toBe(7999)
    expect(combineX100([8325, 8326, 8326])).toBe(8326) // 83.2566… → 83.26
    const cut = { support: 80, adjust: 60 }
    expect(conclusionFor(8000, cut, false)).toBe('support')
    expect(conclusionFor(7999, cut, false)).toBe('adjust')
    expect(conclusionFor(6000, cut, false)).toBe('adjust')
    expect(conclusionFor(5999, cut, false)).toBe('reject')
    expect(conclusionFor(9500, cut, true)).toBe('reject')
    expect(conclusionFor(8999, { support: 90, adjust: 70 }, false)).toBe('adjust')
    expect(scoreBand(9000)).toBe('优')
    expect(scoreBand(8999)).toBe('良')
    expect(scoreBand(6000)).toBe('中')
    expect(scoreBand(5999)).toBe('差')
  })

  it('previews the conclusion from the submitted sheets only, and prefers the server’s combined score', () => {
    const experts = [expert({ submitted: true, total: 85.5 }), expert({ expert_id: 2, submitted: true, total: 74.25, veto: true }), expert({ expert_id: 3, total: 10 })]
    const cut = { support: 80, adjust: 60 }
    const p = previewConclusion({ experts, combined: null }, cut, false)
    expect(p).toMatchObject({ submitted: 2, experts: 3, combined_x100: 7988, veto_raised: true, conclusion: 'adjust' })
    expect(previewConclusion({ experts, combined: null }, cut, true).conclusion).toBe('reject')
    expect(previewConclusion({ experts, combined: 81 }, cut, false)).toMatchObject({ combined_x100: 8100, conclusion: 'support' })
    expect(previewConclusion({ experts: [], combined: null }, cut, false)).toMatchObject({ combined_x100: null, conclusion: null })
  })

  it('reads scores sent with two decimals without float drift', () => {
    expect(toX100(83.25)).toBe(8325)
    expect(toX100(0.29)).toBe(29)
    expect(toX100(null)).toBeNull()
    expect(x100Text(8325)).toBe('83.25')
    expect(x100Text(9000)).toBe('90.00')
    expect(divHalfUp(5, 2)).toBe(3)
    expect(divHalfUp(4, 3)).toBe(1)
  })
})

describe('万元 ↔ fen, exactly', () => {
  it('parses up to 4 decimals of 万元 with string arithmetic', () => {
    expect(wanToFen('480')).toBe(480_000_000)
    expect(wanToFen('359.5')).toBe(359_500_000)
    expect(wanToFen('0.0001')).toBe(100) // 1 元
    expect(wanToFen('1,234.5678')).toBe(1_234_567_800)
    expect(wanToFen(' 0.29 ')).toBe(290_000) // 0.29 × 1e6 is 289999.99… in floats
    expect(wanToFen('1.1')).toBe(1_100_000)
    expect(wanToFen('0')).toBe(0)
    expect(wanToFen('10.')).toBe(10_000_000)
  })

  it('refuses what is not an amount', () => {
    for (const bad of ['', ' ', '-1', '1.23456', 'abc', '1e3', '.5', '1.2.3', null, undefined]) expect(wanToFen(bad as string)).toBeNull()
  })

  it('shows fen in an input without separators or trailing zeros, and round-trips', () => {
    expect(fenToWanInput(480_000_000)).toBe('480')
    expect(fenToWanInput(359_500_000)).toBe('359.5')
    expect(fenToWanInput(100)).toBe('0.0001')
    expect(fenToWanInput(1_234_567_800)).toBe('1234.5678')
    expect(fenToWanInput(null)).toBe('')
    for (const fen of [0, 100, 290_000, 123_456_700, 999_999_999_900]) expect(wanToFen(fenToWanInput(fen))).toBe(fen)
  })
})

describe('预算评审 totals and 审减率', () => {
  it('sums the lines and rates the cut half up to 2 decimals', () => {
    const t = reviewTotals([
      { submitted_fen: 400_000_000, approved_fen: 359_500_000 },
      { submitted_fen: 80_000_000, approved_fen: 80_000_000 },
    ])
    expect(t).toEqual({ submitted_fen: 480_000_000, approved_fen: 439_500_000, cut_fen: 40_500_000, cut_rate_x100: 844 })
    expect(cutRateText(t.cut_rate_x100)).toBe('8.44%')
  })

  it('handles no 送审, unparsed lines, an increase and exact halves', () => {
    expect(reviewTotals([]).cut_rate_x100).toBeNull()
    expect(reviewTotals([{ submitted_fen: null, approved_fen: 5 }])).toMatchObject({ submitted_fen: 0, cut_rate_x100: null })
    expect(cutRateX100(-100, 1000)).toBe(-1000)
    expect(cutRateX100(1, 8)).toBe(1250) // 12.5 %
    expect(cutRateX100(1, 80000)).toBe(0) // 0.00125 % → 0.00
    expect(cutRateX100(1, 40000)).toBe(0) // 0.0025 % → 0.00
    expect(cutRateX100(1, 20000)).toBe(1) // 0.005 % → 0.01
    expect(cutRateText(null)).toBe('—')
    expect(cutRateText(0)).toBe('0.00%')
  })

  it('needs a reason exactly when 审定 differs from 送审', () => {
    expect(lineNeedsReason({ submitted_fen: 100, approved_fen: 90 })).toBe(true)
    expect(lineNeedsReason({ submitted_fen: 100, approved_fen: 110 })).toBe(true)
    expect(lineNeedsReason({ submitted_fen: 100, approved_fen: 100 })).toBe(false)
    expect(lineNeedsReason({ submitted_fen: null, approved_fen: 100 })).toBe(false)
  })
})

describe('what a case allows', () => {
  const base = { round: 1, preassess_required: true, conclusion: null }

  it('assigns while assigning or working; reviews, enters sheets and concludes only while working', () => {
    expect(caseActions({ ...base, state: 'assigning' }, { review: true })).toEqual({ assign: true, rescore: false, enterSheet: false, review: false, conclude: false, reports: false })
    expect(caseActions({ ...base, state: 'working' }, { review: true })).toEqual({ assign: true, rescore: false, enterSheet: true, review: true, conclude: true, reports: false })
    expect(caseActions({ ...base, state: 'closed', conclusion: 'support' }, { review: true })).toEqual({ assign: false, rescore: false, enterSheet: false, review: false, conclude: false, reports: true })
    expect(caseActions({ ...base, state: 'returned', conclusion: 'adjust' }, { review: true }).reports).toBe(true)
  })

  it('re-scores only in a later round with 事前评估; no sheets without it', () => {
    expect(caseActions({ ...base, state: 'working', round: 2 }, { review: true }).rescore).toBe(true)
    expect(caseActions({ ...base, state: 'working', round: 2, preassess_required: false }, { review: true })).toMatchObject({ rescore: false, enterSheet: false, review: true })
  })

  it('allows nothing to a caller without projects.review', () => {
    const a = caseActions({ ...base, state: 'working', conclusion: 'support' }, { review: false })
    expect(Object.values(a).every((v) => v === false)).toBe(true)
  })

  it('tells an expert’s sheet status', () => {
    expect(sheetStatus(undefined)).toBe('none')
    expect(sheetStatus(expert({ sheet: { ratings: {} } }))).toBe('none')
    expect(sheetStatus(expert({ sheet: { ratings: { 'a.1': '优' } } }))).toBe('draft')
    expect(sheetStatus(expert({ opinion: '初步意见' }))).toBe('draft')
    expect(sheetStatus(expert({ submitted: true }))).toBe('submitted')
  })

  it('reads the rounds from the project history (a withdrawn submission is no round)', () => {
    const h = (action: string, at: string, comment = '') => ({ from_state: '', to_state: '', action, actor_name: '张伟', comment, at })
    const rounds = roundsOf([
      h('submit', '2026-01-01'),
      h('withdraw', '2026-01-02'),
      h('submit', '2026-01-03'),
      h('accept', '2026-01-04'),
      h('return', '2026-01-05', '建议调整完善后予以支持（综合得分 72.00 分）：补充测算依据'),
      h('submit', '2026-01-06'),
      h('approve', '2026-01-07', '予以支持（综合得分 85.00 分）'),
    ])
    expect(rounds.map((r) => [r.round, r.submitted_at, r.concluded?.action ?? null])).toEqual([
      [1, '2026-01-03', 'return'],
      [2, '2026-01-06', 'approve'],
    ])
  })
})
