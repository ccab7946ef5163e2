import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { i18n, setLocale } from '@/platform/i18n'
import { resetApiHooks } from '@/platform/api'
import { jsonResponse } from '@/platform/__tests__/fixtures'
import RuleForm from '../components/RuleForm.vue'
import CutoffsForm from '../components/CutoffsForm.vue'
import SchemeEditor from '../components/SchemeEditor.vue'

type Handler = (method: string, url: string, body: unknown) => Response | undefined
let fetchMock: ReturnType<typeof vi.fn>
let calls: { method: string; url: string; body: unknown }[]
let wrapper: VueWrapper | null = null

function serve(handler: Handler) {
  calls = []
  fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET'
    const body = init?.body ? JSON.parse(String(init.body)) : undefined
    calls.push({ method, url: String(url), body })
    return handler(method, String(url), body) ?? jsonResponse(404, { error: { code: 'not_found', message: 'x' } })
  })
  vi.stubGlobal('fetch', fetchMock)
}

beforeEach(() => {
  setLocale('zh-CN')
  setActivePinia(createPinia())
  resetApiHooks()
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
  vi.unstubAllGlobals()
})

async function settle() {
  for (let i = 0; i < 5; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
  }
  await new Promise((r) => setTimeout(r, 150))
  await flushPromises()
}

function mountIt(component: Parameters<typeof mount>[0], props: Record<string, unknown>) {
  wrapper = mount(component, { props, attachTo: document.body, global: { plugins: [ElementPlus, i18n], stubs: { transition: false, 'transition-group': false } } }) as VueWrapper
  return wrapper
}

const setting = (key: string, value: unknown, over: Record<string, unknown> = {}) => ({
  key,
  region_code: '371525',
  year: 2031,
  value,
  version: 0,
  inherited: true,
  default: true,
  ...over,
})

describe('评估范围', () => {
  it('shows the thresholds in 万元, sends fen, and puts the server\'s 422 under the field', async () => {
    serve((method, url) => {
      if (method === 'GET' && url.includes('/projects/settings/preassess_rule?year=2031'))
        return jsonResponse(200, setting('preassess_rule', { investment_threshold_fen: 300_000_000, operating_threshold_fen: 500_000_000, special_bond_always: true, continuing_policies: false }))
      if (method === 'PUT')
        return jsonResponse(422, { error: { code: 'validation_failed', message: '数据校验未通过', details: [{ field: 'value.operating_threshold_fen', message: '评估金额标准应为不小于0的金额（分）' }] } })
    })
    const w = mountIt(RuleForm, { year: 2031, canEdit: true })
    await settle()
    const inv = w.find('input[data-test="rule-investment"]')
    expect((inv.element as HTMLInputElement).value).toBe('300')
    expect(w.find('[data-test="setting-source"]').text()).toContain('系统默认值')
    await inv.setValue('250.5')
    await w.find('[data-test="rule-save"]').trigger('click')
    await settle()
    const put = calls.find((c) => c.method === 'PUT')!
    expect(put.url).toContain('/api/v1/projects/settings/preassess_rule?year=2031')
    expect(put.body).toEqual({ value: { investment_threshold_fen: 250_500_000, operating_threshold_fen: 500_000_000, special_bond_always: true, continuing_policies: false }, version: 0 })
    expect(w.findAll('.el-form-item__error').map((e) => e.text())).toEqual(['评估金额标准应为不小于0的金额（分）'])
  })

  it('refuses a bad amount on the client', async () => {
    serve((method) => (method === 'GET' ? jsonResponse(200, setting('preassess_rule', { investment_threshold_fen: 300_000_000, operating_threshold_fen: 500_000_000, special_bond_always: true, continuing_policies: false })) : undefined))
    const w = mountIt(RuleForm, { year: 0, canEdit: true })
    await settle()
    await w.find('input[data-test="rule-investment"]').setValue('-3')
    await w.find('[data-test="rule-save"]').trigger('click')
    await settle()
    expect(calls.some((c) => c.method === 'PUT')).toBe(false)
    expect(w.text()).toContain('请输入不小于0的金额')
  })
})

describe('结论分数线', () => {
  it('a preset fills both cut-offs; a 409 reloads the latest and says so', async () => {
    let gets = 0
    serve((method) => {
      if (method === 'GET') {
        gets++
        return jsonResponse(200, gets === 1 ? setting('preassess_cutoffs', { support: 80, adjust: 60 }, { version: 2, inherited: false, default: false }) : setting('preassess_cutoffs', { support: 85, adjust: 65 }, { version: 3, inherited: false, default: false }))
      }
      if (method === 'PUT') return jsonResponse(409, { error: { code: 'version_conflict', message: '数据已被他人修改' } })
    })
    const w = mountIt(CutoffsForm, { year: 2031, canEdit: true })
    await settle()
    expect(w.find('[data-test="setting-version"]').attributes('data-version')).toBe('2')
    expect(w.find('[data-test="source-own"]').exists()).toBe(true)
    await w.find('[data-test="preset-V"] input').setValue(true)
    await settle()
    expect((w.find('[data-test="cutoffs-support"] input').element as HTMLInputElement).value).toBe('90')
    expect(w.find('[data-test="cutoffs-bands"]').text()).toContain('70 分（含）至 90 分')
    await w.find('[data-test="cutoffs-save"]').trigger('click')
    await settle()
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ value: { support: 90, adjust: 70 }, version: 2 })
    expect(document.body.textContent).toContain('该设置已被他人修改，已重新加载最新内容')
    expect(w.find('[data-test="setting-version"]').attributes('data-version')).toBe('3')
    expect((w.find('[data-test="cutoffs-support"] input').element as HTMLInputElement).value).toBe('85')
  })

  it('read-only without projects.settings', async () => {
    serve((method) => (method === 'GET' ? jsonResponse(200, setting('preassess_cutoffs', { support: 80, adjust: 60 })) : undefined))
    const w = mountIt(CutoffsForm, { year: 0, canEdit: false })
    await settle()
    expect(w.find('[data-test="cutoffs-save"]').exists()).toBe(false)
    expect(w.find('[data-test="cutoffs-support"] input').attributes('disabled')).toBeDefined()
  })
})

describe('评分方案', () => {
  const scheme = {
    dimensions: ['necessity', 'economy', 'targets', 'feasibility', 'financing'].map((code, d) => ({
      code,
      name: ['立项必要性', '投入经济性', '绩效目标合理性', '实施方案可行性', '筹资合规性'][d],
      veto: code === 'financing',
      points: 20,
      items: [1, 2].map((i) => ({ code: `${code}.i${i}`, name: `${code}子项${i}`, points: 10, guidance: '要点' })),
    })),
    scale: { 优: 100, 良: 80, 中: 60, 差: 30 },
    cutoffs: { support: 80, adjust: 60 },
  }

  it('checks the sums live and does not send a scheme that does not add up', async () => {
    serve((method) => (method === 'GET' ? jsonResponse(200, setting('preassess_scheme', scheme)) : undefined))
    const w = mountIt(SchemeEditor, { year: 2031, canEdit: true })
    await settle()
    expect(w.find('[data-test="scheme-total"]').text()).toBe('维度分值合计 100 / 100 分')
    await w.find('[data-test="item-remove-2-1"]').trigger('click')
    await settle()
    expect(w.find('[data-test="dim-sum-2"]').text()).toBe('子项合计 10 / 20 分')
    expect(w.find('[data-test="scheme-dim-2"]').text()).toContain('“绩效目标合理性”的子项分值合计为10分，应等于维度分值20分')
    await w.find('[data-test="scheme-save"]').trigger('click')
    await settle()
    expect(calls.some((c) => c.method === 'PUT')).toBe(false)
    await w.find('[data-test="item-add-2"]').trigger('click')
    await settle()
    expect(w.findAll('[data-test="scheme-dim-2"] [data-test="item-name"]')).toHaveLength(2)
    expect(w.find('[data-test="scheme-dim-2"]').text()).toContain('评分子项“新评分子项”的分值须大于0')
  }, 30_000)

  it('sends the scheme with its cut-offs kept and places the server\'s messages by name', async () => {
    serve((method) => {
      if (method === 'GET') return jsonResponse(200, setting('preassess_scheme', scheme))
      return jsonResponse(422, { error: { code: 'validation_failed', message: '数据校验未通过', details: [{ field: 'value', message: '评分子项编码“economy.i2”重复' }, { field: 'value', message: '其他问题' }] } })
    })
    const w = mountIt(SchemeEditor, { year: 2031, canEdit: true })
    await settle()
    await w.find('[data-test="scheme-save"]').trigger('click')
    await settle()
    const put = calls.find((c) => c.method === 'PUT')!
    expect(put.body).toMatchObject({ version: 0, value: { cutoffs: { support: 80, adjust: 60 }, scale: scheme.scale } })
    expect((put.body as { value: typeof scheme }).value.dimensions[1].items[1]).toEqual({ code: 'economy.i2', name: 'economy子项2', points: 10, guidance: '要点' })
    expect(w.find('[data-test="scheme-dim-1"] [data-test="item-error"]').text()).toBe('评分子项编码“economy.i2”重复')
    expect(w.find('[data-test="scheme-problems"]').text()).toContain('其他问题')
  }, 30_000)
})
