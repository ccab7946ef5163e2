import { describe, expect, it, vi } from 'vitest'
import { indicator } from './fixtures'

// Pure helpers and the api module's shaping of answers (api.get is mocked where it is called).
const get = vi.fn()
vi.mock('@/platform/api', async (orig) => {
  const real = await orig<typeof import('@/platform/api')>()
  return { ...real, api: { ...real.api, get: (...a: unknown[]) => get(...a) } }
})

const zh = (await import('@/platform/i18n/zh-CN')).default
const en = (await import('@/platform/i18n/en')).default
const m = await import('../model')
const { normalizeTree, filterQuery, loadFields } = await import('../api')
const { approvedProposals } = await import('../proposals')
const { indicatorRoutes } = await import('../routes')
const { todoLink } = await import('@/modules/home/todoLinks')

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), messages)
}
function keys(o: unknown, prefix = ''): string[] {
  if (!o || typeof o !== 'object') return [prefix]
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('labels', () => {
  it('shows natures as ≥ > = < ≤ and 定性, the basis and roles in Chinese', () => {
    const shown = m.NATURES.map((n) => lookup(zh, m.natureLabelKey(n)))
    expect(shown).toEqual(['≥', '>', '=', '<', '≤', '定性'])
    expect(m.natureSymbol('<=')).toBe('≤')
    expect(m.natureSymbol('qual')).toBe('')
    expect(lookup(zh, m.natureLongKey('>='))).toBe('≥ 大于等于')
    expect(m.BASES.map((b) => lookup(zh, m.basisLabelKey(b)))).toEqual(['计划标准', '行业标准', '历史标准', '其他标准'])
    expect(m.LEVEL1_ROLES.map((r) => lookup(zh, m.level1RoleKey(r)))).toEqual(['成本', '产出', '效益', '满意度'])
    expect(m.LEVEL2_ROLES.map((r) => lookup(zh, m.level2RoleKey(r)))).toEqual(['数量', '质量', '时效', '成本', '经济效益', '社会效益', '生态效益', '可持续影响', '满意度'])
    expect(m.STATUSES.map((s) => lookup(zh, m.statusLabelKey(s)))).toEqual(['启用', '待审核', '未通过', '已停用'])
    expect(lookup(zh, m.statusLabelKey('gone'))).toBe('未知')
    expect(lookup(zh, m.schemeLabelKey('101'))).toBe('101号')
    expect(lookup(zh, m.schemeLabelKey('88'))).toBe('88号')
    expect(lookup(zh, m.schemeLabelKey('x'))).toBe('自定义')
    expect(m.statusTagType('proposed')).toBe('warning')
    expect(m.statusTagType('rejected')).toBe('danger')
  })

  it('has the same keys in Chinese and English', () => {
    expect(keys(en.indicators).sort()).toEqual(keys(zh.indicators).sort())
  })

  it('names the valid years of a version', () => {
    expect(m.validYears({ from_year: 2024, to_year: null })).toEqual(['indicators.detail.yearsOpen', { from: 2024 }])
    expect(m.validYears({ from_year: 2020, to_year: 2025 })).toEqual(['indicators.detail.yearsRange', { from: 2020, to: 2025 }])
    expect(m.validYears({ from_year: 2026, to_year: 2026 })).toEqual(['indicators.detail.yearsOne', { from: 2026 }])
    expect(m.valueWithUnit({ recommended_value: '95', unit: '%' })).toBe('95 %')
    expect(m.valueWithUnit({ recommended_value: '达成', unit: '' })).toBe('达成')
    expect(m.valueWithUnit({ recommended_value: '', unit: '%' })).toBe('')
  })
})

describe('versions by year', () => {
  it('edits in the first year change the row; a later year starts a new version', () => {
    const row = indicator({ from_year: 2024, region_code: '371525', shipped: false })
    expect(m.defaultEffectiveYear(row, 2026)).toBe(2026)
    expect(m.defaultEffectiveYear(indicator({ from_year: 2027 }), 2026)).toBe(2027)
    expect(m.startsNewVersion(row, 2024)).toBe(false)
    expect(m.startsNewVersion(row, 2025)).toBe(true)
    expect(m.startsNewVersion(indicator({ status: 'proposed', from_year: 2024, region_code: '371525', shipped: false }), 2026)).toBe(false)
  })
})

describe('who may do what', () => {
  const manager = { manage: true, propose: false, orgId: 1 }
  const dept = { manage: false, propose: true, orgId: 7 }
  const reader = { manage: false, propose: false, orgId: 9 }
  const own = indicator({ region_code: '371525', shipped: false })
  const shipped = indicator({ region_code: '', shipped: true })
  const proposal = indicator({ region_code: '371525', shipped: false, status: 'proposed', proposed_by_org_id: 7 })

  it('lets only the bureau change or retire a shipped indicator (for the county, from a year)', () => {
    expect(m.canEdit(shipped, manager)).toBe(true)
    expect(m.canRetire(shipped, manager)).toBe(true)
    expect(m.canEdit(shipped, dept)).toBe(false)
    expect(m.canRetire(shipped, dept)).toBe(false)
    expect(m.startsNewVersion(shipped, shipped.from_year)).toBe(true)
    expect(m.isShipped({ region_code: '' })).toBe(true)
    expect(m.isShipped({ region_code: '371525' })).toBe(false)
  })

  it('lets the bureau edit and retire the county\'s latest active row, and review proposals', () => {
    expect(m.canEdit(own, manager)).toBe(true)
    expect(m.canRetire(own, manager)).toBe(true)
    expect(m.canRetire(indicator({ region_code: '371525', to_year: 2025 }), manager)).toBe(false)
    expect(m.canRetire(indicator({ region_code: '371525', status: 'retired' }), manager)).toBe(false)
    expect(m.canEdit(indicator({ region_code: '371525', status: 'rejected' }), manager)).toBe(false)
    expect(m.canReview(proposal, manager)).toBe(true)
    expect(m.canReview(own, manager)).toBe(false)
  })

  it('lets a proposer edit only its own pending proposal', () => {
    expect(m.canEdit(proposal, dept)).toBe(true)
    expect(m.canEdit({ ...proposal, proposed_by_org_id: 8 }, dept)).toBe(false)
    expect(m.canEdit(own, dept)).toBe(false)
    expect(m.canReview(proposal, dept)).toBe(false)
    expect(m.canEdit(proposal, reader)).toBe(false)
  })
})

describe('the indicator tree', () => {
  it('has the 101号 and 88号 presets of the contract, roles and all', () => {
    const t101 = m.preset101()
    expect(t101.scheme).toBe('101')
    expect(t101.items.map((i) => [i.level1, i.role])).toEqual([
      ['成本指标', 'cost'], ['产出指标', 'output'], ['效益指标', 'benefit'], ['满意度指标', 'satisfaction'],
    ])
    expect(t101.items[0].children.map((c) => c.role)).toEqual(['cost', 'cost', 'cost'])
    expect(m.level2Options(t101, '效益指标')).toEqual(['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'])
    const t88 = m.preset88()
    expect(t88.items.map((i) => i.level1)).toEqual(['产出指标', '效益指标', '满意度指标'])
    expect(t88.items[0].children.at(-1)).toEqual({ level2: '成本指标', role: 'cost' })
    expect(m.level1Of(t88, '成本指标')).toBe('产出指标')
    expect(m.level1Of(t101, '经济成本指标')).toBe('成本指标')
    expect(m.level1Of(t101, '没有')).toBeNull()
    expect(m.level2Options(t101).length).toBe(11)
  })

  it('knows a preset edited by hand as 自定义, and back', () => {
    const t = m.cloneTree(m.preset101())
    expect(m.schemeOf(t)).toBe('101')
    t.items[1].children[0].level2 = ' 数量指标 '
    expect(m.tidyTree(t).scheme).toBe('101')
    t.items[1].children.push({ level2: '服务人次', role: 'quantity' })
    expect(m.tidyTree(t).scheme).toBe('custom')
    expect(m.schemeOf(m.preset88())).toBe('88')
    expect(m.sameTree(m.preset101(), m.preset101())).toBe(true)
    expect(m.sameTree(m.preset101(), m.preset88())).toBe(false)
  })

  it('finds empty and repeated names and a 一级 without 二级, with the server\'s field names', () => {
    const t = m.cloneTree(m.preset101())
    expect(m.treeProblems(t)).toEqual([])
    t.items[0].level1 = ' '
    t.items[2].level1 = '产出指标'
    t.items[1].children[1].level2 = '数量指标'
    t.items[3].children = []
    expect(m.treeProblems(t)).toEqual([
      { field: 'items.0.level1', key: 'nameRequired' },
      { field: 'items.1.children.1.level2', key: 'duplicate2' },
      { field: 'items.2.level1', key: 'duplicate1' },
      { field: 'items.3.children', key: 'noChildren' },
    ])
    expect(m.treeProblems({ scheme: 'custom', items: [] })).toEqual([{ field: 'items', key: 'empty' }])
    for (const k of ['nameRequired', 'duplicate1', 'duplicate2', 'noChildren', 'empty']) expect(lookup(zh, `indicators.tree.problem.${k}`)).toMatch(/[\u4e00-\u9fff]/)
  })

  it('checks roles against their 一级, name lengths, and that output and benefit are there', () => {
    expect(m.level2RolesFor('output')).toEqual(['quantity', 'quality', 'timeliness', 'cost'])
    expect(m.level2RolesFor('benefit')).toEqual(['economic', 'social', 'ecological', 'sustainable'])
    expect(m.level2RolesFor('cost')).toEqual(['cost'])
    expect(m.level2RolesFor('satisfaction')).toEqual(['satisfaction'])
    const t = m.cloneTree(m.preset101())
    t.items[2].children[0].role = 'quantity'
    t.items[1].children[0].level2 = '一二三四五六七八九十一二三四五六七八九十一'
    expect(m.treeProblems(t)).toEqual([
      { field: 'items.1.children.0.level2', key: 'nameTooLong' },
      { field: 'items.2.children.0.level2', key: 'roleMismatch' },
    ])
    const noBenefit = m.cloneTree(m.preset88())
    noBenefit.items.splice(1, 1)
    expect(m.treeProblems(noBenefit)).toEqual([{ field: 'items', key: 'needOutputBenefit' }])
  })

  it('places the server\'s tree errors where the editor shows the item', () => {
    expect(m.treeFieldOf('value.items.2.role')).toBe('items.2.level1')
    expect(m.treeFieldOf('value.items.2.level1')).toBe('items.2.level1')
    expect(m.treeFieldOf('value.items.1.children.0.role')).toBe('items.1.children.0.level2')
    expect(m.treeFieldOf('value.items.1.children.0.level2')).toBe('items.1.children.0.level2')
    expect(m.treeFieldOf('value.items.3.children')).toBe('items.3.children')
    expect(m.treeFieldOf('value.items')).toBe('items')
    expect(m.treeFieldOf('value.scheme')).toBeNull()
    expect(m.treeFieldOf('version')).toBeNull()
  })

  it('gives a new 二级 a role that fits its 一级', () => {
    expect(m.defaultLevel2Role('cost')).toBe('cost')
    expect(m.defaultLevel2Role('output')).toBe('quantity')
    expect(m.defaultLevel2Role('satisfaction')).toBe('satisfaction')
  })
})

describe('answers', () => {
  it('reads the tree answer: default, inherited or the year\'s own', () => {
    const value = m.preset101()
    expect(normalizeTree({ year: 2026, value, version: 0, inherited: true, default: true }, 2026)).toMatchObject({ version: 0, isDefault: true, inherited: true })
    expect(normalizeTree({ year: 2026, value, version: 0, inherited: true, default: false }, 2026)).toMatchObject({ isDefault: false, inherited: true })
    expect(normalizeTree({ year: 2025, value, version: 3, inherited: false, default: false }, 2025)).toMatchObject({ version: 3, isDefault: false, inherited: false })
    // the bare tree, as a setting without its envelope
    const bare = normalizeTree({ scheme: '88', items: m.preset88().items }, 2021)
    expect(bare).toMatchObject({ year: 2021, version: 0, isDefault: true })
    expect(bare.value.scheme).toBe('88')
    expect(normalizeTree(null, 2024).value.items).toEqual([])
  })

  it('leaves empty filters out of the query and sends is_core as text', () => {
    expect(filterQuery({ year: 2026, sector: '', q: '  学生 ', is_core: false, status: 'active' })).toEqual({
      year: 2026, sector: undefined, field: undefined, level1: undefined, level2: undefined, nature: undefined, is_core: 'false', status: 'active', q: '学生', origin: undefined, sort: undefined,
    })
    expect(filterQuery({ is_core: null }).is_core).toBeUndefined()
  })

  it('reads the fields of a sector from {items} or a bare list', async () => {
    get.mockResolvedValueOnce({ sector: 'education', items: ['义务教育', '学前教育'] })
    expect(await loadFields('education')).toEqual(['义务教育', '学前教育'])
    expect(get.mock.calls.at(-1)).toEqual(['/indicators/fields', { sector: 'education' }])
    get.mockResolvedValueOnce(['卫生'])
    expect(await loadFields(null)).toEqual(['卫生'])
  })

  it('lists approved proposals: the year\'s active rows from proposals, newest first, paged by the server', async () => {
    get.mockReset()
    const items = [indicator({ id: 900, proposed_by_org_id: 8 }), indicator({ id: 51, proposed_by_org_id: 7 })]
    get.mockResolvedValueOnce({ items, total: 5 })
    const r = await approvedProposals({ year: 2026, q: '学生' }, 2, 3)
    expect(get).toHaveBeenCalledTimes(1)
    expect(get.mock.calls[0][1]).toMatchObject({ status: 'active', origin: 'proposal', sort: 'updated', year: 2026, q: '学生', page: 2, page_size: 3 })
    expect(r.total).toBe(5)
    expect(r.items.map((i) => i.id)).toEqual([900, 51])
  })
})

describe('routes', () => {
  it('match the menu of src/modules/indicators/catalog.cpp, with their permissions', () => {
    expect(indicatorRoutes.map((r) => [r.path, r.meta?.permission])).toEqual([
      ['indicators', 'indicators.read'],
      ['indicators/proposals', 'indicators.manage'],
      ['indicators/tree', 'indicators.manage'],
    ])
    for (const r of indicatorRoutes) expect(lookup(zh, String(r.meta?.title))).toMatch(/[\u4e00-\u9fff]/)
  })

  it('links a proposal in the to-do inbox to its review, searched by code', () => {
    expect(todoLink({ doc_type: 'indicator', doc_id: 'JY-0031' })).toBe('/indicators/proposals?q=JY-0031')
  })
})
