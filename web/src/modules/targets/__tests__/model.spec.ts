import { describe, expect, it } from 'vitest'
import zh from '@/platform/i18n/zh-CN'
import en from '@/platform/i18n/en'
import * as m from '../model'
import { targetRoutes } from '../routes'
import { todoLink } from '@/modules/home/todoLinks'
import { leaf, tree101 } from './fixtures'

function lookup(messages: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), messages)
}
function keys(o: unknown, prefix = ''): string[] {
  if (!o || typeof o !== 'object') return [prefix]
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

describe('labels', () => {
  it('has the same keys in Chinese and English, and names every state, grade and rule in Chinese', () => {
    expect(keys(en.targets).sort()).toEqual(keys(zh.targets).sort())
    for (const s of m.STATES) expect(lookup(zh, m.stateLabelKey(s))).toMatch(/[\u4e00-\u9fff]/)
    expect(lookup(zh, m.stateLabelKey('submitted'))).toBe('待审核')
    expect(lookup(zh, m.stateLabelKey('approved'))).toBe('已审核')
    expect(m.stateLabelKey('teleported')).toBe('targets.state.none')
    for (const r of m.CHECK_RULES) expect(lookup(zh, `targets.rules.${r}.name`)).toMatch(/[\u4e00-\u9fff]/)
    // the consequence of each grade, as DOMAIN §2.4 says
    expect(lookup(zh, 'targets.grade.consequence.优')).toBe('通过，进入预算安排')
    expect(lookup(zh, 'targets.grade.consequence.良')).toBe('通过，按审核意见完善')
    expect(lookup(zh, 'targets.grade.consequence.中')).toBe('退回修改')
    expect(lookup(zh, 'targets.grade.consequence.差')).toBe('不予安排预算')
  })

  it('colours states and grades', () => {
    expect(m.stateTagType('approved')).toBe('success')
    expect(m.stateTagType('returned')).toBe('warning')
    expect(m.stateTagType('rejected')).toBe('danger')
    expect(m.stateTagType('superseded')).toBe('info')
    expect(m.gradeTagType('优')).toBe('success')
    expect(m.gradeTagType('差')).toBe('danger')
    expect(m.gradeTagType(null)).toBe('info')
  })
})

describe('what a state allows the unit', () => {
  it('declares when there is nothing, edits drafts and returned ones, withdraws submitted, changes approved', () => {
    expect(m.editorActions(null)).toMatchObject({ create: true, edit: false })
    expect(m.editorActions('draft')).toMatchObject({ create: false, edit: true, submit: true, withdraw: false, change: false })
    expect(m.editorActions('returned')).toMatchObject({ edit: true, submit: true })
    expect(m.editorActions('submitted')).toMatchObject({ edit: false, withdraw: true })
    expect(m.editorActions('approved')).toMatchObject({ edit: false, change: true })
    for (const s of ['rejected', 'superseded'] as const) expect(m.editorActions(s)).toEqual({ create: false, edit: false, submit: false, withdraw: false, change: false })
  })

  it('wants a comment for the grades that send targets back or refuse them', () => {
    expect(m.gradeNeedsComment('优')).toBe(false)
    expect(m.gradeNeedsComment('良')).toBe(false)
    expect(m.gradeNeedsComment('中')).toBe(true)
    expect(m.gradeNeedsComment('差')).toBe(true)
    expect(m.gradeNeedsComment('')).toBe(false)
    // a county that returns 良 wants the reasons too
    expect(m.gradeNeedsComment('良', { ...m.DEFAULT_OUTCOMES, 良: 'return' })).toBe(true)
  })
})

describe('the tree table', () => {
  it('groups leaves under the year tree, keeps empty branches while editing and puts unknown branches last', () => {
    const leaves = [leaf({ key: 'a' }), leaf({ key: 'b', level2: '时效指标', name: '完成时间' }), leaf({ key: 'c', level1: '产出指标', level2: '成本指标', name: '旧树成本' })]
    const rows = m.treeRows(tree101(), leaves)
    const l1 = rows.filter((r) => r.type === 'l1').map((r) => (r as { level1: string }).level1)
    expect(l1).toEqual(['成本指标', '产出指标', '效益指标', '满意度指标'])
    const output = rows.findIndex((r) => r.type === 'l1' && r.level1 === '产出指标')
    expect(rows.slice(output, output + 4).map((r) => r.id)).toEqual(['l1:产出指标', 'l2:产出指标/数量指标', 'leaf:a', 'l2:产出指标/质量指标'])
    // 88号's 产出/成本 is not in the 101号 tree: shown under 产出 after its own 二级, flagged
    const unknown = rows.find((r) => r.type === 'l2' && r.level2 === '成本指标')
    expect(unknown).toMatchObject({ known: false, count: 1 })
    // read mode: only branches with leaves
    const read = m.treeRows(tree101(), leaves, { emptyBranches: false })
    expect(read.filter((r) => r.type === 'l1').length).toBe(1)
    expect(read.filter((r) => r.type === 'leaf').map((r) => r.id)).toEqual(['leaf:a', 'leaf:b', 'leaf:c'])
  })

  it('adds weights exactly and moves a leaf only within its 二级', () => {
    expect(m.weightSum([{ weight: 33.33 }, { weight: 33.33 }, { weight: 33.34 }])).toBe(100)
    expect(m.weightSum([{ weight: 0.1 }, { weight: 0.2 }])).toBe(0.3)
    expect(m.weightSum([{ weight: null }, { weight: 10 }])).toBe(10)
    const leaves = [leaf({ key: 'a' }), leaf({ key: 'x', level2: '质量指标' }), leaf({ key: 'b' })]
    expect(m.moveLeaf(leaves, 'b', -1).map((l) => l.key)).toEqual(['b', 'x', 'a'])
    expect(m.moveLeaf(leaves, 'a', -1)).toBe(leaves)
    expect(m.moveLeaf(leaves, 'x', 1)).toBe(leaves)
  })

  it('places server issues and field errors on the right leaf, task or field', () => {
    const leaves = [leaf({ key: 'a' }), leaf({ key: 'b' })]
    expect(m.parseLeafField('indicators[1].value')).toEqual({ index: 1, field: 'value' })
    expect(m.parseLeafField('indicators.0.unit')).toEqual({ index: 0, field: 'unit' })
    expect(m.parseLeafField('year_goal')).toBeNull()
    expect(m.locateIssue({ leaf_key: 'b', field: 'indicators[1].value' }, leaves)).toEqual({ leafKey: 'b', field: 'value', taskIndex: null })
    expect(m.locateIssue({ leaf_key: null, field: 'indicators.0.weight' }, leaves)).toEqual({ leafKey: 'a', field: 'weight', taskIndex: null })
    expect(m.locateIssue({ leaf_key: null, field: 'tasks.2.name' }, leaves)).toEqual({ leafKey: null, field: 'name', taskIndex: 2 })
    expect(m.locateIssue({ leaf_key: null, field: 'year_goal' }, leaves)).toEqual({ leafKey: null, field: 'year_goal', taskIndex: null })
    expect(
      m.spreadFieldErrors(
        [
          { field: 'indicators.1.weight', message: '权重应为0到100之间' },
          { field: 'tasks.0.fiscal_fen', message: '金额不能为负数' },
          { field: 'year_goal', message: '年度目标过长' },
        ],
        leaves,
      ),
    ).toEqual({ 'b.weight': '权重应为0到100之间', 'task.0.fiscal_fen': '金额不能为负数', year_goal: '年度目标过长' })
    const by = m.issuesByLeaf(
      {
        issues: [
          { rule: 'below_last_year', severity: 'warning', message: '目标值偏低', leaf_key: 'a', field: null },
          { rule: 'value_unit', severity: 'error', message: '缺少计量单位', leaf_key: 'a', field: null },
        ],
        errors: 1,
        warnings: 1,
      },
      leaves,
    )
    expect(by.a.map((i) => i.severity)).toEqual(['error', 'warning'])
  })
})

describe('the draft sent to the server', () => {
  it('trims, clears the unit of a 定性 leaf, rounds weights and recomputes task totals', () => {
    const body = m.draftBody(
      {
        period_goal: ' ',
        year_goal: ' 年度目标 ',
        serves_public: true,
        indicators: [leaf({ name: ' 家长满意度 ', nature: 'qual', value: ' 好 ', unit: '%', weight: 10.005 })],
        tasks: [{ key: 't1', name: ' 义务教育保障 ', content: '', total_fen: 1, fiscal_fen: 300_000_000, other_fen: 50_000_000, project_ids: [42] }],
      },
      9,
    )
    expect(body.version).toBe(9)
    expect(body.indicators[0]).toMatchObject({ name: '家长满意度', value: '好', unit: '', key: 'k1', library_id: 11 })
    expect(body.indicators[0].weight).toBeCloseTo(10.01, 5)
    expect(body.tasks[0]).toEqual({ key: 't1', name: '义务教育保障', content: '', fiscal_fen: 300_000_000, other_fen: 50_000_000, total_fen: 350_000_000, project_ids: [42] })
    expect(m.taskTotal({ fiscal_fen: 1, other_fen: 2 })).toBe(3)
  })

  it('fills a leaf from a library row: value, unit, basis, method and data source as the explanation', () => {
    const l = m.leafFromLibrary(
      { id: 9, code: 'JY-0001', sector: 'education', level1: '产出指标', level2: '数量指标', name: '资助学生人数', nature: '>=', unit: '人', recommended_value: '1000', basis: 'history', method: '受资助学生人数之和。', data_source: '学生资助管理系统', is_core: true },
      '产出指标',
      '数量指标',
    )
    expect(l).toMatchObject({ name: '资助学生人数', nature: '>=', value: '1000', unit: '人', basis: 'history', is_core: true, library_id: 9, explanation: '受资助学生人数之和；数据来源：学生资助管理系统' })
    expect(l.key).toMatch(/^k/)
    expect(m.newKey()).not.toBe(m.newKey())
    expect(m.newKey().length).toBeLessThanOrEqual(40) // the server keeps keys of at most 40 characters
  })

  it('says why targets came back: the state comment, else the last review', () => {
    expect(m.returnReason({ state: 'returned', state_comment: '补充时效指标', reviews: [], history: [] })).toBe('补充时效指标')
    expect(m.returnReason({ state: 'returned', state_comment: null, reviews: [{ grade: '中', comment: '指标不完整', indicator_comments: {}, reviewer_name: '王芳', at: '' }], history: [] })).toBe('指标不完整')
    expect(m.returnReason({ state: 'draft', state_comment: 'x', reviews: [], history: [] })).toBeNull()
  })
})

describe('server answers', () => {
  it('reads the diff as the server sends it', () => {
    const d = m.normalizeDiff({
      revision_id: 71,
      against_id: 70,
      goals: [{ field: 'year_goal', before: '旧', after: '新' }],
      indicators: [
        { change: 'added', key: 'n', before: null, after: leaf({ key: 'n', name: '新指标' }), fields: [] },
        { change: 'removed', key: 'o', before: leaf({ key: 'o', name: '旧指标' }), after: null, fields: [] },
        { change: 'changed', key: 'k1', before: leaf(), after: leaf({ value: '1300' }), fields: [{ field: 'value', before: '1200', after: '1300' }] },
      ],
    })
    expect(d.added.map((l) => l.name)).toEqual(['新指标'])
    expect(d.removed.map((l) => l.name)).toEqual(['旧指标'])
    expect(d.changed).toEqual([{ key: 'k1', level1: '产出指标', level2: '数量指标', name: '资助学生人数', changes: [{ field: 'value', old: '1200', new: '1300' }] }])
    expect(d.goals).toEqual([{ field: 'year_goal', old: '旧', new: '新' }])
    expect(m.diffIsEmpty(d)).toBe(false)
    expect(m.diffIsEmpty(m.normalizeDiff({ goals: [], indicators: [] }))).toBe(true)
  })

  it('reads the multi-year view with the nature written as a symbol', () => {
    const y = m.normalizeYears({
      project_id: 42,
      years: [{ year: 2028 }, { year: 2027 }],
      indicators: [{ level1: '产出指标', level2: '数量指标', name: '资助学生人数', unit: '人', values: { '2027': '>=1200', '2028': '>=1300' } }, { level1: '满意度指标', level2: '服务对象满意度指标', name: '满意度', unit: '', values: { '2027': '好' } }],
    })
    expect(y.years).toEqual([2027, 2028])
    expect(y.rows[0].values).toEqual({ 2027: '≥1200', 2028: '≥1300' })
    expect(y.rows[1].values[2028]).toBeUndefined()
  })

  it('reads the coverage, computing nothing it was sent', () => {
    const c = m.normalizeCoverage({
      year: 2027,
      projects: { needing: 10, approved: 4, drafted: 7, rate: 40 },
      departments: { total: 3, approved: 1, rate: 33.33 },
      by_department: [
        { department_id: 3, department_name: '冠县教育和体育局', projects: 6, projects_approved: 3, projects_drafted: 5, rate: 50, department_target: 'approved' },
        { department_id: 4, department_name: '冠县卫生健康局', projects: 4, projects_approved: 1, projects_drafted: 2, rate: 25, department_target: 'drafted' },
      ],
    })
    expect(c).toMatchObject({ projects_needing: 10, projects_approved: 4, projects_drafted: 7, rate: 40, departments_total: 3, departments_approved: 1 })
    expect(c.rows.map((r) => r.department_target)).toEqual(['approved', 'drafted'])
    // no rate sent: computed from the counts, none for no projects
    expect(m.normalizeCoverage({ by_department: [{ department_id: 1, department_name: 'x', projects: 3, projects_approved: 1 }] }).rows[0].rate).toBe(33.33)
    expect(m.normalizeCoverage({ by_department: [{ department_id: 1, department_name: 'x', projects: 0, projects_approved: 0 }] }).rows[0].rate).toBeNull()
  })

  it('finds the rules, numbers and word lists in the check_rules setting', () => {
    const value = {
      project: { goals: 'error', leaf_count: 'warning', tasks: 'off' },
      department: { goals: 'error', core_cost_quality_time: 'off' },
      leaf_min: 3,
      leaf_max: 15,
      department_leaf_max: 30,
      weight_total: 100,
      input_patterns: ['资金投入'],
      process_patterns: ['预算执行率'],
      growth_patterns: ['增长率'],
    }
    const l = m.settingLayout(value)
    expect(l.rules.map((r) => r.rule)).toEqual(['goals', 'core_cost_quality_time', 'leaf_count', 'tasks'])
    expect(l.rules[0]).toEqual({ rule: 'goals', project: ['project', 'goals'], department: ['department', 'goals'] })
    expect(l.rules[1].project).toBeNull()
    expect(l.numbers.map((n) => n.key)).toEqual(['leaf_min', 'leaf_max', 'department_leaf_max', 'weight_total'])
    expect(l.patterns.map((p) => p.key)).toEqual(['input_patterns', 'process_patterns', 'growth_patterns'])
    const copy = JSON.parse(JSON.stringify(value))
    m.setPath(copy, ['project', 'goals'], 'warning')
    expect(m.getPath(copy, ['project', 'goals'])).toBe('warning')
    expect(m.outcomePaths({ 优: 'approve' }).中).toEqual(['中'])
  })
})

describe('routes', () => {
  it('match the menu paths of the contract, with their permissions', () => {
    const by = Object.fromEntries(targetRoutes.map((r) => [r.path, r.meta?.permission]))
    expect(by['targets/mine']).toBe('targets.edit')
    expect(by['targets/review']).toBe('targets.review')
    expect(by['targets']).toBe('targets.read')
    expect(by['targets/coverage']).toBe('targets.read')
    expect(by['targets/settings']).toBe('targets.settings')
    expect(by['targets/revisions/:rid(\\d+)/edit']).toBe('targets.edit')
    expect(by['targets/revisions/:rid(\\d+)/review']).toBe('targets.review')
    for (const r of targetRoutes) expect(lookup(zh, String(r.meta?.title))).toMatch(/[\u4e00-\u9fff]/)
  })

  it('links a target to-do to the revision', () => {
    expect(todoLink({ doc_type: 'target', doc_id: 70 })).toBe('/targets/revisions/70')
  })
})
