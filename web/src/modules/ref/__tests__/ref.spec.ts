import { describe, expect, it } from 'vitest'
import type { RefItem } from '../api'
import { buildTree, codeProblem, flatten, impliedParent, nameMap, nextState, stateLabelKey, validIn, yearRange } from '../model'

let nextId = 1
function item(code: string, name: string, parent: string | null, from = 2020, to: number | null = null, sort = 0): RefItem {
  return { id: nextId++, code, name, parent_code: parent, level: code.length <= 3 ? 1 : code.length <= 5 ? 2 : 3, sort, attrs: null, from_year: from, to_year: to }
}

const codes = (ns: { code: string; children?: unknown[] }[]): unknown[] =>
  ns.map((n) => (n.children ? { [n.code]: codes(n.children as never) } : n.code))

describe('buildTree from parent_code', () => {
  it('hangs 款 under 类 and 项 under 款, in code order whatever the input order', () => {
    const items = [
      item('2050202', '小学教育', '20502'),
      item('20502', '普通教育', '205'),
      item('210', '卫生健康支出', null),
      item('205', '教育支出', null),
      item('20501', '教育管理事务', '205'),
      item('2050201', '学前教育', '20502'),
    ]
    expect(codes(buildTree(items))).toEqual([{ 205: ['20501', { 20502: ['2050201', '2050202'] }] }, '210'])
  })

  it('orders siblings by sort first', () => {
    const tree = buildTree([item('specific', '特定目标类', null, 2020, null, 3), item('personnel', '人员类', null, 2020, null, 1), item('investment', '投资发展类', 'specific'), item('operating', '运转类', null, 2020, null, 2)])
    expect(codes(tree)).toEqual(['personnel', 'operating', { specific: ['investment'] }])
  })

  it('keeps an item whose parent is absent (a search hit) as a root', () => {
    const tree = buildTree([item('2050202', '小学教育', '20502'), item('21001', '卫生健康管理事务', '210')])
    expect(codes(tree)).toEqual(['2050202', '21001'])
  })

  it('puts several versions of a code side by side, children under the current one', () => {
    const old = item('215', '资源勘探信息等支出', null, 2015, 2019)
    const cur = item('215', '资源勘探工业信息等支出', null, 2020, null)
    const child = item('21501', '资源勘探开发', '215')
    const tree = buildTree([child, cur, old])
    expect(tree.map((n) => [n.code, n.from_year])).toEqual([
      ['215', 2015],
      ['215', 2020],
    ])
    expect(tree[0].children).toBeUndefined()
    expect(tree[1].children?.map((n) => n.code)).toEqual(['21501'])
  })

  it('does not loop on a cycle and does not lose items', () => {
    const tree = buildTree([item('aa', 'A', 'bb'), item('bb', 'B', 'aa'), item('cc', 'C', 'cc')])
    expect(flatten(tree).map((n) => n.code).sort()).toEqual(['aa', 'bb', 'cc'])
  })

  it('does not change the items given', () => {
    const items = [item('205', '教育支出', null), item('20501', '教育管理事务', '205')]
    buildTree(items)
    expect('children' in items[0]).toBe(false)
  })
})

describe('years and names', () => {
  it('shows an open range as 至今', () => {
    expect(yearRange({ from_year: 2021, to_year: null }, '至今')).toBe('2021–至今')
    expect(yearRange({ from_year: 2020, to_year: 2020 }, '至今')).toBe('2020–2020')
    expect(validIn({ from_year: 2020, to_year: 2020 }, 2020)).toBe(true)
    expect(validIn({ from_year: 2020, to_year: 2020 }, 2021)).toBe(false)
    expect(validIn({ from_year: 2021, to_year: null }, 2030)).toBe(true)
  })

  it('names a code by its latest version', () => {
    const m = nameMap([item('215', '新名', null, 2020, null), item('215', '旧名', null, 2015, 2019), item('education', '教育', null)])
    expect(m.get('215')).toBe('新名')
    expect(m.get('education')).toBe('教育')
  })

  it('moves a budget year one step forward only', () => {
    expect(nextState('planning')).toBe('executing')
    expect(nextState('executing')).toBe('closed')
    expect(nextState('closed')).toBeNull()
    expect(nextState('bogus')).toBeNull()
    expect(stateLabelKey('executing')).toBe('ref.years.state.executing')
  })

  it('code hints', () => {
    expect(codeProblem('func_class', '20502', true)).toBeNull()
    expect(codeProblem('func_class', '2050', true)).toBe('ref.form.codeNumeric')
    expect(codeProblem('sector', 'education', false)).toBeNull()
    expect(codeProblem('sector', 'Education', false)).toBe('ref.form.codeNamed')
    expect(codeProblem('sector', '', false)).toBe('ref.form.codeRequired')
    expect(impliedParent('2050202')).toBe('20502')
    expect(impliedParent('205')).toBeNull()
  })
})

describe('useRefItems: cached look-ups', () => {
  it('asks once per (kind, year), names codes, follows the year and forgets on invalidate', async () => {
    const { vi } = await import('vitest')
    const { nextTick, ref } = await import('vue')
    const { invalidateRef, useRefItems } = await import('../composables')
    const answers: Record<string, RefItem[]> = {
      '2026': [item('education', '教育', null), item('health', '卫生健康', null)],
      '2027': [item('education', '教育事业', null, 2027)],
    }
    const fetchMock = vi.fn(async (url: string) => {
      const year = new URL(url, 'http://x').searchParams.get('year') ?? ''
      const items = answers[year] ?? []
      return new Response(JSON.stringify({ items, total: items.length }), { status: 200, headers: { 'Content-Type': 'application/json' } })
    })
    vi.stubGlobal('fetch', fetchMock)
    try {
      const year = ref(2026)
      const a = useRefItems('sector', year)
      const b = useRefItems('sector', 2026)
      await vi.waitFor(() => expect(a.items.value).toHaveLength(2))
      await vi.waitFor(() => expect(b.items.value).toHaveLength(2))
      expect(fetchMock).toHaveBeenCalledTimes(1)
      expect(String(fetchMock.mock.calls[0][0])).toBe('/api/v1/ref/sector?year=2026')
      expect(a.label('education')).toBe('教育')
      expect(a.label('unknown_code')).toBe('unknown_code')
      expect(a.name('unknown_code')).toBeNull()
      year.value = 2027
      await nextTick()
      await vi.waitFor(() => expect(a.label('education')).toBe('教育事业'))
      expect(fetchMock).toHaveBeenCalledTimes(2)
      invalidateRef('sector')
      useRefItems('sector', 2026)
      await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(3))
    } finally {
      vi.unstubAllGlobals()
    }
  })
})
