import type { CheckResult, IndicatorTree, Leaf, Revision, TargetSet } from '../api'

// Answers shaped as src/modules/targets/service.cpp sends them (set_json, revision_detail).

export function tree101(): IndicatorTree {
  return {
    scheme: '101',
    items: [
      { level1: '成本指标', role: 'cost', children: [{ level2: '经济成本指标', role: 'cost' }, { level2: '社会成本指标', role: 'cost' }, { level2: '生态环境成本指标', role: 'cost' }] },
      { level1: '产出指标', role: 'output', children: [{ level2: '数量指标', role: 'quantity' }, { level2: '质量指标', role: 'quality' }, { level2: '时效指标', role: 'timeliness' }] },
      { level1: '效益指标', role: 'benefit', children: [{ level2: '经济效益指标', role: 'economic' }, { level2: '社会效益指标', role: 'social' }, { level2: '生态效益指标', role: 'ecological' }, { level2: '可持续影响指标', role: 'sustainable' }] },
      { level1: '满意度指标', role: 'satisfaction', children: [{ level2: '服务对象满意度指标', role: 'satisfaction' }] },
    ],
  }
}

export function leaf(over: Partial<Leaf> = {}): Leaf {
  return {
    id: 1,
    key: 'k1',
    level1: '产出指标',
    level2: '数量指标',
    name: '资助学生人数',
    nature: '>=',
    value: '1200',
    period_value: '',
    unit: '人',
    weight: 30,
    basis: 'plan',
    explanation: '按学籍系统统计',
    is_core: true,
    library_id: 11,
    last_actual: null,
    review_comment: '',
    ...over,
  }
}

export function set(over: Partial<TargetSet> = {}): TargetSet {
  return {
    id: 7,
    kind: 'project',
    project_id: 42,
    project_code: '371525-2027-00042',
    project_name: '冠县第一中学教学设备更新',
    org_id: 5,
    org_name: '冠县第一中学',
    department_id: 3,
    department_name: '冠县教育和体育局',
    region_code: '371525',
    year: 2027,
    published: false,
    current_revision_id: 70,
    approved_revision_id: null,
    state: 'draft',
    state_name: '草稿',
    grade: null,
    version: 1,
    ...over,
  }
}

export function check(issues: CheckResult['issues'] = []): CheckResult {
  return { issues, errors: issues.filter((i) => i.severity === 'error').length, warnings: issues.filter((i) => i.severity === 'warning').length }
}

export function revision(over: Partial<Revision> = {}): Revision {
  return {
    id: 70,
    set_id: 7,
    revision: 1,
    state: 'draft',
    state_name: '草稿',
    tree_scheme: '101',
    period_goal: '',
    year_goal: '更新教学设备，改善办学条件',
    serves_public: false,
    change_reason: '',
    indicators: [leaf(), leaf({ id: 2, key: 'k2', level2: '质量指标', name: '设备验收合格率', value: '100', unit: '%', weight: 30, library_id: null, is_core: false })],
    tasks: [],
    total_weight: 60,
    reviews: [],
    check: check([{ rule: 'weights', severity: 'error', message: '权重合计应为100（现为60）', leaf_key: null, field: 'indicators' }]),
    state_comment: null,
    history: [{ action: 'create', from_state: '', to_state: 'draft', actor_name: '刘洋', comment: '', at: '2026-11-27T08:00:00Z' }],
    version: 3,
    created_at: '2026-11-27T08:00:00Z',
    updated_at: '2026-11-27T08:00:00Z',
    set: set(),
    multi_year: false,
    start_year: 2027,
    end_year: 2027,
    sector: 'education',
    actions: ['save', 'submit', 'delete'],
    ...over,
  }
}

export async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) await new Promise((r) => setTimeout(r, 0))
}
