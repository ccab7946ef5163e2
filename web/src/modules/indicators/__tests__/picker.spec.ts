import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { indicator, settle, tree2026 } from './fixtures'

// The api module is mocked: the picker's filters must reach GET /indicators, and 选用 must hand
// back the ticked rows as the server sent them.
const list = vi.fn()
const tree = vi.fn()
vi.mock('../api', async (orig) => {
  const real = await orig<typeof import('../api')>()
  return { ...real, indicatorsApi: { ...real.indicatorsApi, list: (...a: unknown[]) => list(...a), tree: (...a: unknown[]) => tree(...a) } }
})
vi.mock('@/modules/ref/api', async (orig) => {
  const real = await orig<typeof import('@/modules/ref/api')>()
  return {
    ...real,
    refApi: {
      ...real.refApi,
      items: async () => ({ items: [{ id: 1, code: 'education', name: '教育', parent_code: null, level: 1, sort: 1, attrs: null, from_year: 2020, to_year: null }, { id: 2, code: 'health', name: '卫生健康', parent_code: null, level: 1, sort: 2, attrs: null, from_year: 2020, to_year: null }], total: 2 }),
    },
  }
})

const { i18n, setLocale } = await import('@/platform/i18n')
const IndicatorPicker = (await import('../components/IndicatorPicker.vue')).default

vi.setConfig({ testTimeout: 30_000 })
let wrapper: VueWrapper | null = null
const rows = [
  indicator(),
  indicator({ id: 2, code: 'JY-0002', name: '学生资助应助尽助率', is_core: false }),
  indicator({ id: 3, code: 'JY-0003', name: '营养改善计划补助标准', unit: '元/生·天', recommended_value: '5' }),
]

beforeEach(() => {
  setLocale('zh-CN')
  setActivePinia(createPinia())
  list.mockReset()
  tree.mockReset()
  list.mockResolvedValue({ items: rows, total: 3 })
  tree.mockResolvedValue(tree2026())
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

function mountPicker(props: { modelValue: boolean; year: number; sector?: string; level1?: string; level2?: string }) {
  wrapper = mount(IndicatorPicker, {
    props,
    attachTo: document.body,
    global: { plugins: [ElementPlus, i18n], stubs: { transition: false, 'transition-group': false } },
  }) as VueWrapper
  return wrapper
}

describe('IndicatorPicker', () => {
  it('starts from the given sector, 一级 and 二级, searches the year\'s active library', async () => {
    mountPicker({ modelValue: true, year: 2026, sector: 'education', level1: '产出指标', level2: '数量指标' })
    await settle()
    expect(list).toHaveBeenCalled()
    const [filters, page, size] = list.mock.calls.at(-1)!
    expect(filters).toMatchObject({ year: 2026, sector: 'education', level1: '产出指标', level2: '数量指标', status: 'active' })
    expect(page).toBe(1)
    expect(size).toBe(10)
    const dialog = document.querySelector('[data-test="indicator-picker"]')!
    expect(dialog.textContent).toContain('从指标库选择（2026 年）')
    expect(dialog.textContent).toContain('学生资助应助尽助率')
    expect(dialog.textContent).toContain('元/生·天')
    // 核心 tag only on core rows: rows 1 and 3
    expect(dialog.querySelectorAll('.jx-core').length).toBe(2)
  })

  it('lets the user change the starting filter (clear filters searches the whole library)', async () => {
    mountPicker({ modelValue: true, year: 2026, sector: 'education' })
    await settle()
    const clear = [...document.querySelectorAll('[data-test="indicator-picker"] button')].find((b) => b.textContent?.includes('清空筛选')) as HTMLButtonElement
    clear.click()
    await settle()
    expect(list.mock.calls.at(-1)![0]).toMatchObject({ year: 2026, sector: '', level1: '', level2: '' })
  })

  it('emits the ticked rows as they came from the server and closes', async () => {
    const w = mountPicker({ modelValue: true, year: 2026 })
    await settle()
    const confirm = document.querySelector('[data-test="picker-confirm"]') as HTMLButtonElement
    expect(confirm.disabled).toBe(true)
    const trs = document.querySelectorAll('[data-test="picker-table"] .el-table__body tr')
    expect(trs.length).toBe(3)
    ;(trs[0] as HTMLElement).click()
    ;(trs[2] as HTMLElement).click()
    await settle()
    expect(document.querySelector('[data-test="picker-count"]')!.textContent).toContain('已选 2 个')
    ;(document.querySelector('[data-test="picker-confirm"]') as HTMLButtonElement).click()
    await settle()
    const picked = w.emitted('pick')![0][0] as typeof rows
    expect(picked.map((r) => r.id).sort()).toEqual([1, 3])
    expect(picked.find((r) => r.id === 3)).toEqual(rows[2])
    expect(w.emitted('update:modelValue')!.at(-1)).toEqual([false])
  })

  it('forgets the ticks of an earlier opening', async () => {
    const w = mountPicker({ modelValue: true, year: 2026 })
    await settle()
    ;(document.querySelector('[data-test="picker-table"] .el-table__body tr') as HTMLElement).click()
    await settle()
    expect(document.querySelector('[data-test="picker-count"]')!.textContent).toContain('已选 1 个')
    await w.setProps({ modelValue: false })
    await settle()
    await w.setProps({ modelValue: true })
    await settle()
    expect(document.querySelector('[data-test="picker-count"]')!.textContent).toContain('已选 0 个')
  })
})
