import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { check, leaf, revision, settle, tree101 } from './fixtures'

// Whole pages with Element Plus mount slowly on a busy machine (two cores shared by several builds).
vi.setConfig({ testTimeout: 30_000 })

// The api module is mocked: the pages must send what the contract says and show what comes back.
const api = {
  revision: vi.fn(),
  get: vi.fn(),
  tree: vi.fn(),
  setting: vi.fn(),
  check: vi.fn(),
  save: vi.fn(),
  submit: vi.fn(),
  review: vi.fn(),
  projects: vi.fn(),
  saveSetting: vi.fn(),
}
vi.mock('../api', async (orig) => {
  const real = await orig<typeof import('../api')>()
  const mocked = Object.fromEntries(Object.keys(api).map((k) => [k, (...a: unknown[]) => (api as Record<string, (...x: unknown[]) => unknown>)[k](...a)]))
  return { ...real, targetsApi: { ...real.targetsApi, ...mocked } }
})
const confirm = vi.fn()
const message = vi.fn()
vi.mock('element-plus', async (orig) => {
  const real = await orig<typeof import('element-plus')>()
  return { ...real, ElMessage: (...a: unknown[]) => message(...a), ElMessageBox: { ...real.ElMessageBox, confirm: (...a: unknown[]) => confirm(...a), alert: vi.fn() } }
})
// The library picker is the indicators module's; here a stub that picks one row when opened.
vi.mock('@/modules/indicators/components/IndicatorPicker.vue', () => ({
  default: defineComponent({
    props: ['modelValue', 'year', 'sector', 'level1', 'level2'],
    emits: ['update:modelValue', 'pick'],
    setup(props, { emit }) {
      return () =>
        props.modelValue
          ? h('button', {
              'data-test': 'stub-pick',
              'data-filter': `${props.year}|${props.sector}|${props.level1}|${props.level2}`,
              onClick: () => {
                emit('pick', [
                  { id: 31, code: 'JY-0031', sector: 'education', level1: '产出指标', level2: '时效指标', name: '设备采购按期完成率', nature: '>=', unit: '%', recommended_value: '100', basis: 'plan', method: '按期完成的采购数/计划采购数', data_source: '采购合同', is_core: false },
                ])
                emit('update:modelValue', false)
              },
            })
          : null
    },
  }),
}))

const { i18n, setLocale } = await import('@/platform/i18n')
const { ApiError } = await import('@/platform/api')
const EditorPage = (await import('../pages/EditorPage.vue')).default
const ReviewPage = (await import('../pages/ReviewPage.vue')).default
const SettingsPage = (await import('../pages/SettingsPage.vue')).default
const { useAuthStore } = await import('@/platform/auth')
const { useYearStore } = await import('@/platform/year')
const { sysadminMe } = await import('@/platform/__tests__/fixtures')

let wrapper: VueWrapper | null = null

function makeRouter() {
  const empty = defineComponent({ render: () => h('div') })
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/targets/mine', component: empty },
      { path: '/targets/review', component: empty },
      { path: '/targets/:id', component: empty },
      { path: '/targets/revisions/:rid/edit', component: EditorPage, props: (r) => ({ rid: Number(r.params.rid) }) },
      { path: '/targets/revisions/:rid/review', component: ReviewPage, props: (r) => ({ rid: Number(r.params.rid) }) },
    ],
  })
}

async function mountAt(path: string) {
  const router = makeRouter()
  await router.push(path)
  await router.isReady()
  const App = defineComponent({ render: () => h(router.currentRoute.value.matched[0]?.components?.default as never, { rid: Number(router.currentRoute.value.params.rid) }) })
  wrapper = mount(App, { attachTo: document.body, global: { plugins: [ElementPlus, i18n, router], stubs: { transition: false, 'transition-group': false } } }) as VueWrapper
  await settle()
  return { wrapper, router }
}

beforeEach(() => {
  setLocale('zh-CN')
  setActivePinia(createPinia())
  for (const f of Object.values(api)) f.mockReset()
  confirm.mockReset().mockResolvedValue('confirm')
  message.mockReset()
  api.revision.mockResolvedValue(revision())
  api.tree.mockResolvedValue({ value: tree101(), version: 0 })
  api.setting.mockResolvedValue({ key: 'check_rules', year: 2027, value: { weight_total: 100 }, version: 0 })
  api.check.mockResolvedValue(check())
  api.projects.mockResolvedValue({ items: [], total: 0 })
  Element.prototype.scrollIntoView = vi.fn()
})
afterEach(() => {
  vi.useRealTimers()
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})

describe('the target editor', () => {
  it('shows the tree with the leaves and the server check, and the weight total against 100', async () => {
    const { wrapper } = await mountAt('/targets/revisions/70/edit')
    expect(wrapper.findAll('[data-test="leaf-row"]').length).toBe(2)
    // every 二级 of the year's tree can take a leaf
    expect(wrapper.findAll('[data-test="leaf-add"]').length).toBe(11)
    expect(wrapper.find('[data-test="weight-total"]').text()).toContain('60')
    expect(wrapper.find('[data-test="weight-total"]').text()).toContain('100')
    const issues = wrapper.findAll('[data-test="check-issue"]')
    expect(issues.map((i) => i.text())).toEqual(['权重合计应为100（现为60）'])
    expect(api.get).not.toHaveBeenCalled() // the revision names its set
  })

  it('checks the draft live, debounced, and shows the answer', async () => {
    const { wrapper } = await mountAt('/targets/revisions/70/edit')
    vi.useFakeTimers()
    api.check.mockResolvedValue(check([{ rule: 'value_unit', severity: 'error', message: '“资助学生人数”缺少指标值', leaf_key: 'k1', field: 'indicators[0].value' }]))
    const input = wrapper.find('input[data-test="leaf-value"]')
    await input.setValue('')
    await input.setValue('1')
    await input.setValue('')
    vi.advanceTimersByTime(399)
    expect(api.check).not.toHaveBeenCalled()
    vi.advanceTimersByTime(10)
    vi.useRealTimers()
    await settle()
    expect(api.check).toHaveBeenCalledTimes(1)
    const [id, body] = api.check.mock.calls[0]
    expect(id).toBe(70)
    expect(body.indicators[0]).toMatchObject({ key: 'k1', value: '' })
    expect(body.version).toBeUndefined()
    expect(wrapper.find('[data-test="check-issue"]').attributes('data-severity')).toBe('error')
    expect(wrapper.find('tr[data-leaf-key="k1"]').classes()).toContain('has-error')
    expect(wrapper.find('[data-test="dirty-state"]').text()).toBe('有未保存的修改')
    // clicking the issue brings the leaf into view
    await wrapper.find('[data-test="check-issue"]').trigger('click')
    expect(Element.prototype.scrollIntoView).toHaveBeenCalled()
    expect(wrapper.find('tr[data-leaf-key="k1"]').classes()).toContain('is-flash')
  })

  it('adds a leaf from the library under the branch asked for, with its explanation and library id', async () => {
    const { wrapper } = await mountAt('/targets/revisions/70/edit')
    const timely = wrapper.findAll('[data-test="leaf-library"]')[5] // 产出指标/时效指标
    await timely.trigger('click')
    await settle()
    const stub = wrapper.find('[data-test="stub-pick"]')
    expect(stub.attributes('data-filter')).toBe('2027|education|产出指标|时效指标')
    await stub.trigger('click')
    await settle()
    const rows = wrapper.findAll('[data-test="leaf-row"]')
    expect(rows.length).toBe(3)
    api.save.mockImplementation(async (_id: number, body: { indicators: unknown[] }) => revision({ indicators: body.indicators as never, version: 4 }))
    await wrapper.find('[data-test="target-save"]').trigger('click')
    await settle()
    const [, body] = api.save.mock.calls[0]
    expect(body.version).toBe(3)
    expect(body.indicators[2]).toMatchObject({ level1: '产出指标', level2: '时效指标', name: '设备采购按期完成率', library_id: 31, value: '100', unit: '%', explanation: '按期完成的采购数/计划采购数；数据来源：采购合同' })
    expect(wrapper.find('[data-test="dirty-state"]').text()).toBe('已保存全部修改')
  })

  it('puts 422 field errors under the cell, and on 409 offers to reload', async () => {
    const { wrapper } = await mountAt('/targets/revisions/70/edit')
    api.save.mockRejectedValueOnce(new ApiError(422, 'validation_failed', '输入有误', [{ field: 'indicators.1.weight', message: '权重应为0到100之间、最多两位小数的数' }]))
    await wrapper.find('[data-test="target-save"]').trigger('click')
    await settle()
    expect(wrapper.find('tr[data-leaf-key="k2"] [data-cell="weight"]').text()).toContain('权重应为0到100之间')
    api.save.mockRejectedValueOnce(new ApiError(409, 'version_conflict', '数据已被他人修改'))
    api.revision.mockResolvedValue(revision({ version: 5, year_goal: '别人改过的目标' }))
    await wrapper.find('[data-test="target-save"]').trigger('click')
    await settle()
    expect(confirm).toHaveBeenCalledWith(expect.stringContaining('已被他人修改'), expect.anything(), expect.anything())
    expect((wrapper.find('textarea[data-test="year-goal"]').element as HTMLTextAreaElement).value).toBe('别人改过的目标')
  })

  it('shows the issues that refused a submission in the panel', async () => {
    const { wrapper } = await mountAt('/targets/revisions/70/edit')
    api.submit.mockRejectedValueOnce(new ApiError(422, 'check_failed', '绩效目标未通过审核', [{ field: 'indicators', message: '缺少时效指标' }]))
    api.check.mockResolvedValue(check([{ rule: 'core_cost_quality_time', severity: 'error', message: '缺少时效指标', leaf_key: null, field: 'indicators' }]))
    await wrapper.find('[data-test="target-submit"]').trigger('click')
    await settle()
    expect(api.submit).toHaveBeenCalledWith(70, 3)
    expect(wrapper.find('[data-test="submit-refused"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="check-issue"]').text()).toBe('缺少时效指标')
  })

  it('shows a returned revision with the reviewer’s reasons and leaf comments', async () => {
    api.revision.mockResolvedValue(
      revision({
        state: 'returned',
        state_name: '退回修改',
        state_comment: '请补充时效指标',
        indicators: [leaf({ review_comment: '目标值低于上年实际' })],
      }),
    )
    const { wrapper } = await mountAt('/targets/revisions/70/edit')
    expect(wrapper.find('[data-test="return-reason"]').text()).toContain('请补充时效指标')
    expect(wrapper.find('[data-test="leaf-review-note"]').text()).toContain('目标值低于上年实际')
  })

  it('shows a submitted revision read only', async () => {
    api.revision.mockResolvedValue(revision({ state: 'submitted', state_name: '待审核', actions: ['withdraw'] }))
    const { wrapper } = await mountAt('/targets/revisions/70/edit')
    expect(wrapper.find('[data-test="target-save"]').exists()).toBe(false)
    expect(wrapper.find('[data-test="leaf-name"]').exists()).toBe(false)
    expect(wrapper.findAll('[data-test="leaf-name-text"]').length).toBe(2)
  })
})

describe('the review', () => {
  beforeEach(() => {
    api.revision.mockResolvedValue(revision({ state: 'submitted', state_name: '待审核' }))
    api.setting.mockResolvedValue({ key: 'review_outcomes', year: 2027, value: { 优: 'approve', 良: 'approve', 中: 'return', 差: 'reject' }, version: 0 })
  })

  it('shows each grade with its consequence and wants a comment for 中', async () => {
    const { wrapper } = await mountAt('/targets/revisions/70/review')
    const grades = wrapper.findAll('[data-grade]')
    expect(grades.map((g) => g.text())).toEqual(['优通过，进入预算安排', '良通过，按审核意见完善', '中退回修改', '差不予安排预算'])
    await wrapper.find('[data-grade="中"] input').setValue(true)
    await wrapper.find('[data-test="review-submit"]').trigger('click')
    await settle()
    expect(api.review).not.toHaveBeenCalled()
    expect(wrapper.find('[data-test="review-form"]').text()).toContain('须填写审核意见')
  })

  it('sends the grade, the comment and the per-leaf comments with the version, then goes back to the list', async () => {
    const { wrapper, router } = await mountAt('/targets/revisions/70/review')
    const comments = wrapper.findAll('input[data-test="leaf-comment"]')
    expect(comments.length).toBe(2)
    await comments[1].setValue('建议细化验收标准')
    await wrapper.find('[data-grade="优"] input').setValue(true)
    api.review.mockResolvedValue(revision({ state: 'approved' }))
    await wrapper.find('[data-test="review-submit"]').trigger('click')
    await settle()
    expect(api.review).toHaveBeenCalledWith(70, { grade: '优', comment: '', indicator_comments: { k2: '建议细化验收标准' }, version: 3 })
    expect(router.currentRoute.value.path).toBe('/targets/review')
  })
})

describe('the check rules', () => {
  const rules = () => ({
    key: 'check_rules',
    region_code: '371525',
    year: 2027,
    version: 0,
    inherited: true,
    default: true,
    rules: [{ code: 'tree', name: '指标体系', name_en: 'Indicator tree' }],
    value: {
      project: { goals: 'error', tree: 'error', core_cost_quality_time: 'error', leaf_count: 'warning' },
      department: { goals: 'error', tree: 'error', core_cost_quality_time: 'off', leaf_count: 'warning' },
      leaf_min: 3,
      leaf_max: 15,
      department_leaf_max: 30,
      weight_total: 100,
      input_patterns: ['资金投入'],
      process_patterns: ['预算执行率'],
      growth_patterns: ['增长'],
    },
  })

  async function mountSettings(perms: string[]) {
    const auth = useAuthStore()
    auth.setUser(sysadminMe({ username: 'zhangwei', permissions: perms, menu: [] }), 'csrf')
    const years = useYearStore()
    years.applyMeta({ version: 'x', years: [2026, 2027], current_year: 2027 })
    api.setting.mockImplementation(async (key: string) => (key === 'check_rules' ? rules() : { key, year: 2027, value: { 优: 'approve', 良: 'approve', 中: 'return', 差: 'reject' }, version: 0 }))
    const router = makeRouter()
    wrapper = mount(SettingsPage, { attachTo: document.body, global: { plugins: [ElementPlus, i18n, router], stubs: { transition: false, 'transition-group': false } } }) as VueWrapper
    await settle()
    return wrapper
  }

  it('lists every rule in Chinese with its severity per kind, the numbers and the word lists', async () => {
    const w = await mountSettings(['targets.read', 'targets.settings'])
    const rows = w.findAll('[data-test="rules-table"] tbody tr')
    expect(rows.map((r) => r.attributes('data-rule'))).toEqual(['goals', 'tree', 'core_cost_quality_time', 'leaf_count'])
    expect(rows[2].text()).toContain('成本、质量、时效指标')
    expect(w.find('[data-test="rules-source"]').text()).toContain('默认')
    expect(w.text()).toContain('不得作为产出/效益指标的过程管理类字样')
    expect(w.findAll('[data-test="patterns-input_patterns"] .el-tag').map((t) => t.text())).toEqual(['资金投入'])
  })

  it('saves the whole value with the version read, and reloads on a conflict', async () => {
    const w = await mountSettings(['targets.read', 'targets.settings'])
    const input = w.find('[data-test="patterns-process_patterns"] input[data-test="pattern-input"]')
    await input.setValue('资金拨付率，资金到位率')
    await input.trigger('keydown', { key: 'Enter' })
    api.saveSetting.mockImplementationOnce(async (_k: string, _y: number, value: unknown) => ({ ...rules(), value, version: 1, inherited: false, default: false }))
    await w.find('[data-test="rules-save"]').trigger('click')
    await settle()
    const [key, year, value, version] = api.saveSetting.mock.calls[0]
    expect([key, year, version]).toEqual(['check_rules', 2027, 0])
    expect(value.process_patterns).toEqual(['预算执行率', '资金拨付率', '资金到位率'])
    expect(value.project.goals).toBe('error')
    expect(w.find('[data-test="rules-source"]').text()).toContain('第 1 版')
    api.saveSetting.mockRejectedValueOnce(new ApiError(409, 'version_conflict', '数据已被他人修改'))
    const again = w.find('[data-test="patterns-input_patterns"] input[data-test="pattern-input"]')
    await again.setValue('财政投入')
    await again.trigger('keydown', { key: 'Enter' })
    const calls = api.setting.mock.calls.length
    await w.find('[data-test="rules-save"]').trigger('click')
    await settle()
    expect(api.setting.mock.calls.length).toBeGreaterThan(calls) // reloaded
  })

  it('shows the rules read only without targets.settings', async () => {
    const w = await mountSettings(['targets.read'])
    expect(w.find('[data-test="rules-save"]').exists()).toBe(false)
    expect(w.text()).toContain('仅可查看')
  })
})
