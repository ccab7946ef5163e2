import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zh from '../i18n/zh-CN'
import en from '../i18n/en'
import type { ProjectStats, Scheme } from '../api'
import {
  checkScheme,
  countyAmount,
  cutoffsProblem,
  cutRateText,
  departmentRows,
  formatYi,
  moved,
  newItemCode,
  placeServerMessage,
  pointsText,
  presetOf,
  rate2,
  sectorRows,
  sectorsBySize,
  sumFen,
  summarySentence,
  topGroups,
  x100,
} from '../model'

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': { preassess: zh }, en: { preassess: en } } })
const t = (key: string, params?: Record<string, unknown>) => (params ? i18n.global.t(key, params) : i18n.global.t(key))

const WAN = 1_000_000 // fen per 万元
const YI = 10_000_000_000 // fen per 亿元

describe('amounts as a county reports them', () => {
  it('fen → 亿元 with one decimal, exactly', () => {
    expect(formatYi(1_330_000_000 * 100)).toBe('13.3') // 1,330,000,000 元
    expect(formatYi(133_000_000_000)).toBe('13.3')
    expect(formatYi(1_325_000_000 * 100)).toBe('13.3') // 13.25 half up
    expect(formatYi(1_324_999_999 * 100 + 99)).toBe('13.2')
    expect(formatYi(0)).toBe('0.0')
    expect(formatYi(5 * YI + 49_999_999)).toBe('5.0')
    expect(formatYi('9007199254740993')).toBe('900,719.9') // beyond 2^53, as a string
    expect(formatYi(null)).toBe('—')
  })

  it('an amount as a county writes it: 亿元 from 1 亿 up, whole 万元 below', () => {
    expect(countyAmount(133_000_000_000)).toEqual({ value: '13.3', unit: 'yi' })
    expect(countyAmount(YI)).toEqual({ value: '1.0', unit: 'yi' })
    expect(countyAmount(YI - 1)).toEqual({ value: '10,000', unit: 'wan' })
    expect(countyAmount(2_820 * WAN)).toEqual({ value: '2,820', unit: 'wan' })
    expect(countyAmount(290 * WAN + 500_000)).toEqual({ value: '291', unit: 'wan' })
    expect(countyAmount(290 * WAN + 500_000, true)).toEqual({ value: '290.50', unit: 'wan' })
    expect(countyAmount(0)).toEqual({ value: '0', unit: 'wan' })
  })

  it('审减率 from the exact amounts, half up, no double rounding', () => {
    expect(cutRateText(190 * 100 * WAN, 1330 * 100 * WAN)).toBe('14.3') // 14.2857…
    expect(cutRateText(170 * WAN, 1300 * WAN)).toBe('13.1') // 13.0769…
    // 14.2496 %: the server's 14.25 must not become 14.3
    expect(cutRateText(142_496, 1_000_000)).toBe('14.2')
    expect(cutRateText(142_496, 1_000_000, 2)).toBe('14.25')
    expect(cutRateText(0, 0)).toBe('—')
    expect(cutRateText(1, 3)).toBe('33.3')
  })

  it('the server rate with two decimals', () => {
    expect(rate2(13.08)).toBe('13.08')
    expect(rate2(10)).toBe('10.00')
    expect(rate2(0.1 + 0.2)).toBe('0.30')
    expect(rate2(null)).toBe('—')
  })

  it('sums fen exactly', () => {
    expect(sumFen([{ v: 0.1 * 0 + 10 }, { v: 20 }, { v: 9_007_199_254 }], (r) => r.v)).toBe(9_007_199_284)
  })
})

function stats(over: Partial<ProjectStats> = {}): ProjectStats {
  const g = (key: string, name: string, count: number, support: number, adjust: number, reject: number) => ({ key, name, count, by_conclusion: { support, adjust, reject } })
  const r = (key: string, name: string, count: number, submitted: number, approved: number) => ({
    key,
    name,
    count,
    submitted_fen: submitted,
    approved_fen: approved,
    cut_fen: submitted - approved,
    cut_rate: Math.round(((submitted - approved) * 10000) / submitted) / 100,
  })
  return {
    year: 2026,
    region_code: '371525',
    assessed: {
      total: 18,
      sectors: 6,
      by_conclusion: { support: 10, adjust: 6, reject: 2 },
      by_sector: [
        g('agriculture', '农业', 4, 2, 2, 0),
        g('education', '教育', 2, 1, 1, 0),
        g('health', '卫生', 3, 2, 0, 1),
        g('transport', '交通', 2, 1, 1, 0),
        g('urban', '城市', 5, 3, 1, 1),
        g('water', '水利', 2, 1, 1, 0),
      ],
    },
    reviewed: {
      total: 135,
      submitted_fen: 1330 * 100 * WAN,
      approved_fen: 1140 * 100 * WAN,
      cut_fen: 190 * 100 * WAN,
      cut_rate: 14.29,
      by_sector: [r('urban', '城市', 40, 600 * 100 * WAN, 500 * 100 * WAN), r('health', '卫生', 30, 300 * 100 * WAN, 280 * 100 * WAN), r('other', '其他', 65, 430 * 100 * WAN, 360 * 100 * WAN)],
      by_department: [r('11', '冠县教育和体育局', 35, 200 * 100 * WAN, 180 * 100 * WAN), r('12', '冠县住房和城乡建设局', 100, 1130 * 100 * WAN, 960 * 100 * WAN)],
    },
    ...over,
  }
}

describe('the summary sentence', () => {
  it('reads as the county writes it, largest sectors first', () => {
    expect(summarySentence(stats(), t)).toBe(
      '完成城市、农业、卫生等6个领域、18个重点项目的事前绩效评估，10个项目予以支持，6个项目建议调整完善后予以支持，2个项目不予支持；评审项目135个，涉及资金13.3亿元，审减率14.3%。',
    )
  })

  it('names every sector without 等 when there are few, and leaves out empty conclusions', () => {
    const s = stats({
      assessed: { total: 3, sectors: 2, by_conclusion: { support: 2, adjust: 0, reject: 1 }, by_sector: [{ key: 'a', name: '教育', count: 1, by_conclusion: { support: 1, adjust: 0, reject: 0 } }, { key: 'b', name: '卫生健康', count: 2, by_conclusion: { support: 1, adjust: 0, reject: 1 } }] },
    })
    expect(summarySentence(s, t)).toBe('完成卫生健康、教育2个领域、3个重点项目的事前绩效评估，2个项目予以支持，1个项目不予支持；评审项目135个，涉及资金13.3亿元，审减率14.3%。')
  })

  it('a small year in 万元', () => {
    const s = stats()
    s.reviewed = { ...s.reviewed, total: 6, submitted_fen: 2_820 * WAN, approved_fen: 2_530 * WAN, cut_fen: 290 * WAN, cut_rate: 10.28 }
    expect(summarySentence(s, t)).toMatch(/；评审项目6个，涉及资金2,820万元，审减率10\.3%。$/)
  })

  it('a year with only reviews, and a year with nothing', () => {
    const onlyReview = stats({ assessed: { total: 0, sectors: 0, by_conclusion: { support: 0, adjust: 0, reject: 0 }, by_sector: [] } })
    expect(summarySentence(onlyReview, t)).toBe('评审项目135个，涉及资金13.3亿元，审减率14.3%。')
    const none = stats({
      assessed: { total: 0, sectors: 0, by_conclusion: { support: 0, adjust: 0, reject: 0 }, by_sector: [] },
      reviewed: { total: 0, submitted_fen: 0, approved_fen: 0, cut_fen: 0, cut_rate: 0, by_sector: [], by_department: [] },
    })
    expect(summarySentence(none, t)).toBe('2026年度暂无已出具结论的事前绩效评估和预算评审项目。')
  })

  it('ties between sectors go to the one with more money reviewed', () => {
    const s = stats()
    s.assessed.by_sector = [
      { key: 'other', name: '其他', count: 2, by_conclusion: { support: 2, adjust: 0, reject: 0 } },
      { key: 'health', name: '卫生', count: 2, by_conclusion: { support: 2, adjust: 0, reject: 0 } },
    ]
    expect(sectorsBySize(s).map((g) => g.name)).toEqual(['其他', '卫生']) // 430 亿 > 300 亿
  })

  it('in English too', () => {
    i18n.global.locale.value = 'en'
    try {
      expect(summarySentence(stats(), t)).toBe(
        'Ex-ante assessment of 18 key projects in 6 sectors including 城市, 农业, 卫生; 10 supported; 6 supported after adjustment; 2 not supported. 135 projects reviewed, 13.3 × 100M yuan submitted, cut rate 14.3%.',
      )
    } finally {
      i18n.global.locale.value = 'zh-CN'
    }
  })
})

describe('the tables', () => {
  it('merges the two halves by sector, the largest submission first', () => {
    const rows = sectorRows(stats())
    expect(rows.map((r) => r.key)).toEqual(['urban', 'other', 'health', 'agriculture', 'education', 'transport', 'water'])
    const urban = rows[0]
    expect(urban).toMatchObject({ assessed: 5, support: 3, adjust: 1, reject: 1, reviewed: 40, submitted_fen: 600 * 100 * WAN })
    expect(rows.find((r) => r.key === 'water')).toMatchObject({ assessed: 2, reviewed: 0, cut_rate: null })
    expect(departmentRows(stats()).map((d) => d.key)).toEqual(['12', '11'])
  })
})

describe('the department chart', () => {
  const g = (key: string, submitted: number, approved: number) => ({ key, name: key, count: 1, submitted_fen: submitted, approved_fen: approved, cut_fen: submitted - approved, cut_rate: 0 })
  it('keeps the largest and sums the rest exactly', () => {
    const groups = [g('a', 500, 400), g('b', 300, 300), g('c', 100, 90), g('d', 3, 2), g('e', 3, 1)]
    const top = topGroups(groups, 2, (n) => `其他${n}个部门`)
    expect(top.map((x) => x.key)).toEqual(['a', 'b', '__other'])
    expect(top[2]).toMatchObject({ name: '其他3个部门', count: 3, submitted_fen: 106, approved_fen: 93, cut_fen: 13, cut_rate: 12.26 })
  })
  it('never hides a single department behind 其他', () => {
    expect(topGroups([g('a', 5, 4), g('b', 3, 3), g('c', 1, 1)], 2, () => 'x').map((x) => x.key)).toEqual(['a', 'b', 'c'])
  })
})

function scheme(): Scheme {
  const dim = (code: string, name: string, items: number[]) => ({
    code,
    name,
    veto: code === 'financing',
    points: items.reduce((a, b) => a + b, 0),
    items: items.map((p, i) => ({ code: `${code}.i${i + 1}`, name: `${name}${i + 1}`, points: p, guidance: '' })),
  })
  return {
    dimensions: [
      dim('necessity', '立项必要性', [5, 5, 5, 5]),
      dim('economy', '投入经济性', [5, 5, 5, 5]),
      dim('targets', '绩效目标合理性', [5, 5, 5, 5]),
      dim('feasibility', '实施方案可行性', [5, 5, 5, 5]),
      dim('financing', '筹资合规性', [5, 5, 5, 5]),
    ],
    scale: { 优: 100, 良: 80, 中: 60, 差: 30 },
    cutoffs: { support: 80, adjust: 60 },
  }
}

const keys = (s: Scheme) => checkScheme(s).problems.map((p) => `${p.where}:${p.key}`)

describe('the scoring scheme checks', () => {
  it('the default scheme passes', () => {
    const c = checkScheme(scheme())
    expect(c.problems).toEqual([])
    expect(c.total).toBe(10000)
    expect(c.itemSums).toEqual([2000, 2000, 2000, 2000, 2000])
  })

  it('decimal points add up exactly (0.1 + 0.2 style)', () => {
    const s = scheme()
    s.dimensions[0].items = [0.1, 0.2, 4.7, 5, 10].map((p, i) => ({ code: `n${i}`, name: `n${i}`, points: p, guidance: '' }))
    expect(keys(s)).toEqual([])
    expect(x100(0.1 + 0.2)).toBe(30)
    expect(pointsText(2050)).toBe('20.5')
    expect(pointsText(2000)).toBe('20')
  })

  it('sub-items that miss their dimension, dimensions that miss 100', () => {
    const s = scheme()
    s.dimensions[0].items[0].points = 6
    expect(keys(s)).toEqual(['d0:dimensionSum', ':itemTotal']) // the server's own check says the same
    expect(checkScheme(s).problems[0].params).toEqual({ name: '立项必要性', sum: '21', weight: '20' })
    s.dimensions[0].points = 21
    expect(keys(s)).toEqual([':total'])
    expect(checkScheme(s).problems[0].params).toEqual({ sum: '101' })
    expect(t('preassess.scheme.check.total', checkScheme(s).problems[0].params)).toBe('各维度分值合计应为100分，现为101分')
  })

  it('names, codes, points and the rating scale, as check_scheme on the server', () => {
    const s = scheme()
    s.dimensions[1].items[1].code = s.dimensions[0].items[0].code
    s.dimensions[2].items[0].name = ' '
    s.dimensions[3].items[0].points = 0
    s.dimensions[3].items[1].points = 10
    s.scale = { 优: 100, 良: 60, 中: 80, 差: 30 }
    expect(keys(s)).toEqual(['d1.i1:itemCode', 'd2.i0:itemName', 'd3.i0:itemPoints', 'scale:scale'])
    s.dimensions[4].items = []
    expect(keys(s)).toContain('d4:noItems')
  })

  it('places the server\'s messages next to what they name', () => {
    const s = scheme()
    expect(placeServerMessage(s, '评分子项“投入经济性2”的分值须大于0')).toBe('d1.i1')
    expect(placeServerMessage(s, '评分子项编码“targets.i3”重复')).toBe('d2.i2')
    expect(placeServerMessage(s, '评估维度“筹资合规性”没有评分子项')).toBe('d4')
    expect(placeServerMessage(s, '各评分子项分值合计应为100分，现为101分')).toBe('')
  })

  it('new item codes are unused; moving keeps the rest in order', () => {
    const s = scheme()
    expect(newItemCode(s, 0)).toBe('necessity.item5')
    s.dimensions[0].items.push({ code: 'necessity.item5', name: 'x', points: 1, guidance: '' })
    expect(newItemCode(s, 0)).toBe('necessity.item6')
    expect(moved([1, 2, 3, 4], 1, 1)).toEqual([1, 3, 2, 4])
    expect(moved([1, 2, 3, 4], 0, -1)).toEqual([1, 2, 3, 4])
    expect(moved([1, 2, 3, 4], 3, -3)).toEqual([4, 1, 2, 3])
  })
})

describe('the cut-offs', () => {
  it('knows the two presets and checks the order', () => {
    expect(presetOf({ support: 80, adjust: 60 })).toBe('L')
    expect(presetOf({ support: 90, adjust: 70 })).toBe('V')
    expect(presetOf({ support: 85, adjust: 60 })).toBe('')
    expect(cutoffsProblem({ support: 80, adjust: 60 })).toBe('')
    expect(cutoffsProblem({ support: 60, adjust: 80 })).toBe('preassess.cutoffs.order')
    expect(cutoffsProblem({ support: 80, adjust: 0 })).toBe('preassess.cutoffs.order')
    expect(cutoffsProblem({ support: 100.5, adjust: 60 })).toBe('preassess.cutoffs.order')
    expect(cutoffsProblem({ support: 70, adjust: 70 })).toBe('')
    expect(cutoffsProblem({ support: null, adjust: 60 })).toBe('preassess.cutoffs.required')
  })
})
