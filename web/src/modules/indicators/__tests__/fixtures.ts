import type { Indicator } from '../api'
import { preset101 } from '../model'

// Rows shaped as GET /indicators sends them (docs/api-indicators.md "Model").
export function indicator(over: Partial<Indicator> = {}): Indicator {
  return {
    id: 1,
    code: 'JY-0001',
    sector: 'education',
    sector_name: '教育',
    field: '义务教育',
    level1: '产出指标',
    level2: '数量指标',
    name: '义务教育生均公用经费拨付到位率',
    nature: '=',
    unit: '%',
    recommended_value: '100',
    basis: 'plan',
    method: '实际拨付金额 ÷ 应拨付金额 × 100%',
    data_source: '国库集中支付系统',
    is_core: true,
    from_year: 2020,
    to_year: null,
    status: 'active',
    region_code: '',
    proposed_by_org_id: null,
    proposed_by_org_name: null,
    review_comment: null,
    usage_count: 3,
    version: 1,
    created_at: '2026-01-05T02:00:00Z',
    updated_at: '2026-01-05T02:00:00Z',
    ...over,
  }
}

export const tree2026 = () => ({ year: 2026, value: preset101(), version: 0, inherited: false, isDefault: true })

export async function settle() {
  const { flushPromises } = await import('@vue/test-utils')
  for (let i = 0; i < 5; i++) {
    await flushPromises()
    await new Promise((r) => setTimeout(r, 0))
  }
  await new Promise((r) => setTimeout(r, 120))
  await flushPromises()
}
