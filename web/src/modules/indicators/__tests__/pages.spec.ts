import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { indicator, settle, tree2026 } from './fixtures'

// The pages against a mocked api module: what they ask the server, what they show of its
// answers, and how they take its refusals (422 under fields, 409 reload).
const { calls, message } = vi.hoisted(() => ({
  calls: {
    list: vi.fn(),
    get: vi.fn(),
    create: vi.fn(),
    update: vi.fn(),
    approve: vi.fn(),
    reject: vi.fn(),
    retire: vi.fn(),
    tree: vi.fn(),
    saveTree: vi.fn(),
    fields: vi.fn(),
    exportList: vi.fn(),
  },
  message: vi.fn(),
}))
vi.mock('../api', async (orig) => {
  const real = await orig<typeof import('../api')>()
  const wrap = Object.fromEntries(Object.entries(calls).map(([k, f]) => [k, (...a: unknown[]) => f(...a)]))
  return { ...real, loadFields: async (s: string) => (await calls.fields(s)).items as string[], indicatorsApi: { ...real.indicatorsApi, ...wrap } }
})
vi.mock('@/modules/ref/api', async (orig) => {
  const real = await orig<typeof import('@/modules/ref/api')>()
  const item = (id: number, code: string, name: string) => ({ id, code, name, parent_code: null, level: 1, sort: id, attrs: null, from_year: 2020, to_year: null })
  return { ...real, refApi: { ...real.refApi, items: async () => ({ items: [item(1, 'education', '教育'), item(2, 'health', '卫生健康')], total: 2 }) } }
})
vi.mock('element-plus', async (orig) => {
  const real = await orig<typeof import('element-plus')>()
  const fn = Object.assign((o: unknown) => message(o), { success: message, error: message, warning: message, info: message, closeAll: () => {} })
  return { ...real, ElMessage: fn }
})

const { i18n, setLocale } = await import('@/platform/i18n')
const { ApiError } = await import('@/platform/api')
const { useAuthStore } = await import('@/platform/auth')
const { useYearStore } = await import('@/platform/year')
const { forgetTree } = await import('../composables')
const LibraryPage = (await import('../pages/LibraryPage.vue')).default
const ProposalsPage = (await import('../pages/ProposalsPage.vue')).default
const TreePage = (await import('../pages/TreePage.vue')).default
const { preset88 } = await import('../model')

vi.setConfig({ testTimeout: 90_000 })
let wrapper: VueWrapper | null = null

function signIn(permissions: string[], orgId = 1) {
  useAuthStore().setUser({ id: 1, username: 'u', display_name: 'U', org_id: orgId, roles: [], permissions, must_change_password: false, password_expires_at: null, menu: [] }, 'tok')
}

async function mountPage(component: Parameters<typeof mount>[0], path = '/') {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { template: '<div />' } }] })
  await router.push(path)
  wrapper = mount(component, { attachTo: document.body, global: { plugins: [ElementPlus, i18n, router], stubs: { transition: false, 'transition-group': false } } }) as VueWrapper
  await settle()
  return wrapper
}

const $ = (sel: string) => document.querySelector(sel) as HTMLElement | null
const text = (sel: string) => $(sel)?.textContent ?? ''

beforeEach(() => {
  setLocale('zh-CN')
  setActivePinia(createPinia())
  useYearStore().applyMeta({ version: 't', years: [2025, 2026, 2027], current_year: 2026 })
  for (const f of Object.values(calls)) f.mockReset()
  message.mockReset()
  forgetTree()
  calls.tree.mockImplementation(async (year: number) => ({ ...tree2026(), year }))
  calls.fields.mockResolvedValue({ items: ['义务教育', '学前教育'] })
  calls.list.mockResolvedValue({ items: [indicator(), indicator({ id: 2, code: 'JY-0002', nature: 'qual', recommended_value: '达成', unit: '', basis: 'history', is_core: false })], total: 28 })
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('指标库', () => {
  it('shows the year\'s active library with natures as symbols, the basis in Chinese and the count', async () => {
    signIn(['indicators.read', 'indicators.manage'])
    await mountPage(LibraryPage)
    expect(calls.list.mock.calls[0][0]).toMatchObject({ year: 2026, status: 'active', sort: 'code' })
    expect(text('[data-test="indicators-count"]')).toContain('共 28 个指标')
    const table = text('[data-test="indicators-table"]')
    expect(table).toContain('义务教育生均公用经费拨付到位率')
    expect(table).toContain('定性')
    expect(table).toContain('计划标准')
    expect(table).toContain('历史标准')
    expect($('[data-test="indicators-create"]')).not.toBeNull()
    expect($('[data-test="indicators-import"]')).not.toBeNull()
    expect($('[data-test="indicators-export"]')).not.toBeNull()
    expect($('[data-test="indicators-propose"]')).toBeNull()
  })

  it('offers a proposer 建议新增指标 and 我的建议 (its proposals, 待审核 then 未通过), nothing of the manager', async () => {
    signIn(['indicators.read', 'indicators.propose'], 7)
    await mountPage(LibraryPage)
    expect($('[data-test="indicators-create"]')).toBeNull()
    expect($('[data-test="indicators-import"]')).toBeNull()
    expect($('[data-test="indicators-status"]')).toBeNull()
    $('[data-test="indicators-mine"]')!.click()
    await settle()
    expect(calls.list.mock.calls.at(-1)![0]).toMatchObject({ status: 'proposed' })
    expect(text('.jx-card-title h2')).toContain('我的建议')
    ;([...document.querySelectorAll('.el-radio-button')].find((x) => x.textContent?.includes('未通过'))!.querySelector('input') as HTMLInputElement).click()
    await settle()
    expect(calls.list.mock.calls.at(-1)![0]).toMatchObject({ status: 'rejected' })
  })

  it('shows a reader neither buttons nor a status filter', async () => {
    signIn(['indicators.read'])
    await mountPage(LibraryPage)
    expect($('[data-test="indicators-create"]')).toBeNull()
    expect($('[data-test="indicators-propose"]')).toBeNull()
    expect($('[data-test="indicators-mine"]')).toBeNull()
  })

  it('opens the detail with every field and the versions', async () => {
    signIn(['indicators.read'])
    calls.get.mockResolvedValue({
      ...indicator({ shipped: true }),
      versions: [
        { id: 1, from_year: 2024, to_year: null, status: 'active', name: '义务教育生均公用经费拨付到位率', recommended_value: '100', unit: '%', nature: '=', version: 1, updated_at: '' },
        { id: 9, from_year: 2020, to_year: 2023, status: 'active', name: '生均公用经费拨付到位率', recommended_value: '95', unit: '%', nature: '>=', version: 2, updated_at: '' },
      ],
      history: [],
    })
    await mountPage(LibraryPage)
    ;(document.querySelector('[data-test="indicators-table"] .el-table__body tr') as HTMLElement).click()
    await settle()
    expect(calls.get).toHaveBeenCalledWith(1)
    const drawer = text('[data-test="indicator-drawer"]')
    expect(drawer).toContain('实际拨付金额 ÷ 应拨付金额 × 100%')
    expect(drawer).toContain('国库集中支付系统')
    expect(drawer).toContain('2024 年起')
    expect(drawer).toContain('2020—2023 年')
    expect($('[data-test="drawer-edit"]')).toBeNull()
  })

  it('puts the server\'s 422 messages under the fields of the new indicator and keeps the dialog open', async () => {
    signIn(['indicators.read', 'indicators.manage'])
    calls.create.mockRejectedValue(
      new ApiError(422, 'validation_failed', '数据校验未通过', [
        { field: 'name', message: '同一行业、同一二级指标下已有同名指标（JY-0001）' },
        { field: 'unit', message: '定量指标请填写计量单位' },
      ]),
    )
    await mountPage(LibraryPage)
    const w = wrapper!
    // Start from the filter: 教育, 产出指标/数量指标.
    const page = w.vm as unknown as { $: { setupState: Record<string, unknown> } }
    Object.assign(page.$.setupState.filters as object, { sector: 'education', level1: '产出指标', level2: '数量指标' })
    $('[data-test="indicators-create"]')!.click()
    await settle()
    const name = document.querySelector('input[data-test="form-name"]') as HTMLInputElement
    name.value = '义务教育生均公用经费拨付到位率'
    name.dispatchEvent(new Event('input'))
    await settle()
    $('[data-test="form-save"]')!.click()
    await settle()
    expect(calls.create).toHaveBeenCalledTimes(1)
    expect(calls.create.mock.calls[0][0]).toMatchObject({ sector: 'education', level1: '产出指标', level2: '数量指标', name: '义务教育生均公用经费拨付到位率', from_year: 2026 })
    const errors = [...document.querySelectorAll('[data-test="indicator-form"] .el-form-item__error')].map((e) => e.textContent?.trim())
    expect(errors).toContain('同一行业、同一二级指标下已有同名指标（JY-0001）')
    expect(errors).toContain('定量指标请填写计量单位')
    // still open: its overlay is shown
    expect(($('[data-test="indicator-form"]')!.closest('.el-overlay') as HTMLElement).style.display).not.toBe('none')
  })

  it('asks the year an edit takes effect and sends it with the version', async () => {
    signIn(['indicators.read', 'indicators.manage'])
    const own = indicator({ region_code: '371525', shipped: false, from_year: 2024, version: 4 })
    calls.list.mockResolvedValue({ items: [own], total: 1 })
    calls.get.mockResolvedValue({ ...own, versions: [], history: [] })
    calls.update.mockResolvedValue({ ...own, id: 5, from_year: 2026 })
    await mountPage(LibraryPage)
    ;(document.querySelector('[data-test="indicators-table"] .el-table__body tr') as HTMLElement).click()
    await settle()
    $('[data-test="drawer-edit"]')!.click()
    await settle()
    expect(text('[data-test="form-year-hint"]')).toContain('自 2026 年起按修改后的内容执行，2025 年及以前仍为原内容')
    $('[data-test="form-save"]')!.click()
    await settle()
    expect(calls.update).toHaveBeenCalledWith(1, expect.objectContaining({ year: 2026, version: 4 }))
    expect(calls.update.mock.calls[0][1].from_year).toBeUndefined()
  })

  it('reloads the indicator when someone else changed it (409)', async () => {
    signIn(['indicators.read', 'indicators.manage'])
    const own = indicator({ region_code: '371525', shipped: false, version: 4 })
    calls.list.mockResolvedValue({ items: [own], total: 1 })
    calls.get.mockResolvedValueOnce({ ...own, versions: [], history: [] }).mockResolvedValue({ ...own, name: '别人改过的名称', version: 5, versions: [], history: [] })
    calls.update.mockRejectedValue(new ApiError(409, 'stale', '数据已被修改'))
    await mountPage(LibraryPage)
    ;(document.querySelector('[data-test="indicators-table"] .el-table__body tr') as HTMLElement).click()
    await settle()
    $('[data-test="drawer-edit"]')!.click()
    await settle()
    $('[data-test="form-save"]')!.click()
    await settle()
    expect(message.mock.calls.some(([o]) => String((o as { message: string }).message).includes('已被他人修改'))).toBe(true)
    expect((document.querySelector('input[data-test="form-name"]') as HTMLInputElement).value).toBe('别人改过的名称')
  })
})

describe('指标建议审核', () => {
  const proposal = indicator({ id: 31, status: 'proposed', region_code: '371525', shipped: false, proposed_by_org_id: 7, proposed_by_org_name: '冠县教育和体育局', version: 2 })

  it('lists pending proposals with the proposing organization; rejecting needs a reason', async () => {
    signIn(['indicators.read', 'indicators.manage'])
    calls.list.mockResolvedValue({ items: [proposal], total: 1 })
    calls.reject.mockResolvedValue({ ...proposal, status: 'rejected' })
    await mountPage(ProposalsPage)
    expect(calls.list.mock.calls[0][0]).toMatchObject({ status: 'proposed' })
    expect(text('[data-test="proposals-table"]')).toContain('冠县教育和体育局')
    $('[data-test="proposal-reject"]')!.click()
    await settle()
    $('[data-test="review-confirm"]')!.click()
    await settle()
    expect(calls.reject).not.toHaveBeenCalled()
    expect(text('[data-test="review-dialog"] .el-form-item__error')).toContain('请填写不通过的理由')
    const ta = document.querySelector('textarea[data-test="review-comment"]') as HTMLTextAreaElement
    ta.value = '与已有指标重复'
    ta.dispatchEvent(new Event('input'))
    await settle()
    $('[data-test="review-confirm"]')!.click()
    await settle()
    expect(calls.reject).toHaveBeenCalledWith(31, { comment: '与已有指标重复', version: 2 })
  })

  it('approves with confirmation and shows the tabs\' lists', async () => {
    signIn(['indicators.read', 'indicators.manage'])
    calls.list.mockResolvedValue({ items: [proposal], total: 1 })
    calls.approve.mockResolvedValue({ ...proposal, status: 'active' })
    await mountPage(ProposalsPage, '/indicators/proposals?q=JY-0001')
    expect(calls.list.mock.calls[0][0]).toMatchObject({ q: 'JY-0001' })
    $('[data-test="proposal-approve"]')!.click()
    await settle()
    expect(text('[data-test="review-dialog"]')).toContain('纳入指标库')
    $('[data-test="review-confirm"]')!.click()
    await settle()
    expect(calls.approve).toHaveBeenCalledWith(31, { comment: '', version: 2 })
    calls.list.mockClear()
    ;($('[data-test="proposals-tab-rejected"]') as HTMLElement).click()
    await settle()
    expect(calls.list.mock.calls.at(-1)![0]).toMatchObject({ status: 'rejected' })
  })
})

describe('指标体系设置', () => {
  it('says the year uses the default and shows 101号 with Chinese roles', async () => {
    signIn(['indicators.read', 'indicators.manage'])
    await mountPage(TreePage)
    expect(calls.tree).toHaveBeenCalledWith(2026)
    expect(text('[data-test="tree-source"]')).toContain('2026 年使用系统默认的指标体系')
    expect(text('[data-test="tree-scheme"]').trim()).toBe('101号')
    const items = text('[data-test="tree-items"]')
    for (const w of ['成本指标', '经济成本指标', '可持续影响指标', '服务对象满意度指标', '产出', '时效', '生态效益']) expect(items).toContain(w)
  })

  it('says when a year has its own setting or follows an earlier one', async () => {
    signIn(['indicators.read', 'indicators.manage'])
    calls.tree.mockResolvedValue({ year: 2026, value: preset88(), version: 3, inherited: false, isDefault: false })
    await mountPage(TreePage)
    expect(text('[data-test="tree-source"]')).toContain('2026 年使用本年度单独的设置')
    expect(text('[data-test="tree-scheme"]').trim()).toBe('88号')
    wrapper!.unmount()
    wrapper = null
    forgetTree()
    calls.tree.mockResolvedValue({ year: 2026, value: preset88(), version: 0, inherited: true, isDefault: false })
    await mountPage(TreePage)
    expect(text('[data-test="tree-source"]')).toContain('沿用以前年度的设置')
  })

  it('applies 88号 and saves it with the version read', async () => {
    signIn(['indicators.read', 'indicators.manage'])
    calls.saveTree.mockImplementation(async (year: number, value: unknown) => ({ year, value, version: 1, inherited: false, isDefault: false }))
    await mountPage(TreePage)
    $('[data-test="tree-apply-88"]')!.click()
    await settle()
    ;(document.querySelector('.el-message-box .el-button--primary') as HTMLElement).click()
    await settle()
    expect(text('[data-test="tree-scheme"]').trim()).toBe('88号')
    $('[data-test="tree-save"]')!.click()
    await settle()
    expect(calls.saveTree).toHaveBeenCalledTimes(1)
    const [year, value, version] = calls.saveTree.mock.calls[0]
    expect(year).toBe(2026)
    expect(version).toBe(0)
    expect(value).toEqual(preset88())
    expect(text('[data-test="tree-source"]')).toContain('2026 年使用本年度单独的设置')
  })

  it('shows the server\'s 422 under the item it names', async () => {
    signIn(['indicators.read', 'indicators.manage'])
    calls.saveTree.mockRejectedValue(
      new ApiError(422, 'validation_failed', '数据校验未通过', [{ field: 'value.items.1.children.2.role', message: '“时效指标”的类别不属于“产出指标”' }]),
    )
    await mountPage(TreePage)
    $('[data-test="tree-edit"]')!.click()
    await settle()
    $('[data-test="tree-save"]')!.click()
    await settle()
    expect(calls.saveTree).toHaveBeenCalledTimes(1)
    const errors = [...document.querySelectorAll('[data-test="tree-l1-1"] .el-form-item__error')].map((e) => e.textContent?.trim())
    expect(errors).toEqual(['“时效指标”的类别不属于“产出指标”'])
  })

  it('refuses to send empty names, and on 409 says someone changed it and reloads', async () => {
    signIn(['indicators.read', 'indicators.manage'])
    calls.saveTree.mockRejectedValue(new ApiError(409, 'stale', '数据已被修改'))
    await mountPage(TreePage)
    $('[data-test="tree-edit"]')!.click()
    await settle()
    ;($('[data-test="tree-add-l2"]') as HTMLElement).click()
    await settle()
    expect(text('[data-test="tree-scheme"]').trim()).toBe('自定义')
    $('[data-test="tree-save"]')!.click()
    await settle()
    expect(calls.saveTree).not.toHaveBeenCalled()
    expect(text('[data-test="tree-items"]')).toContain('请填写名称')
    const inputs = document.querySelectorAll('input[data-test="tree-l2-name"]')
    const last = inputs[3] as HTMLInputElement
    last.value = '节能降耗成本'
    last.dispatchEvent(new Event('input'))
    await settle()
    const before = calls.tree.mock.calls.length
    $('[data-test="tree-save"]')!.click()
    await settle()
    expect(calls.saveTree).toHaveBeenCalledTimes(1)
    expect(calls.saveTree.mock.calls[0][1].items[0].children.at(-1)).toEqual({ level2: '节能降耗成本', role: 'cost' })
    expect(calls.saveTree.mock.calls[0][1].scheme).toBe('custom')
    expect(message.mock.calls.some(([o]) => String((o as { message: string }).message).includes('已被他人修改'))).toBe(true)
    expect(calls.tree.mock.calls.length).toBeGreaterThan(before)
    expect($('[data-test="tree-edit"]')).not.toBeNull()
  })
})
