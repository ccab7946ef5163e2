// Helpers for the targets API tests: a target set that passes every check (营养改善计划 of a
// school, DOMAIN.md §2 and §9.4), and the steps to get one approved.
import assert from 'node:assert/strict';

export function goodLeaves() {
  const leaf = (key, level1, level2, name, nature, value, unit, weight, extra = {}) =>
    ({ key, level1, level2, name, nature, value, unit, weight, basis: 'plan', explanation: '按学生资助管理信息系统统计', ...extra });
  return [
    leaf('a', '成本指标', '经济成本指标', '营养改善计划补助标准', '<=', '5', '元/生·天', 10, { basis: 'industry', is_core: true }),
    leaf('b', '产出指标', '数量指标', '受助学生人数', '>=', '12600', '人', 20),
    leaf('c', '产出指标', '质量指标', '食品安全抽检合格率', '=', '100', '%', 20),
    leaf('d', '产出指标', '时效指标', '补助资金按月拨付及时率', '=', '100', '%', 10),
    leaf('e', '效益指标', '社会效益指标', '学生营养不良率下降', '>=', '2', '个百分点', 30),
    leaf('f', '满意度指标', '服务对象满意度指标', '学生家长满意度', '>=', '90', '%', 10),
  ];
}

export const GOALS = {
  period_goal: '两年内为全县义务教育阶段学生提供营养膳食补助，学生营养健康状况明显改善。',
  year_goal: '为全县义务教育阶段学生提供营养膳食补助，食品安全零事故，家长满意度不低于90%。',
};

// A new project set of `year` for the unit, drafted with goodLeaves(); returns the revision.
export async function drafted(unit, projectId, year, leaves = goodLeaves()) {
  const s = await unit.post('/targets', { kind: 'project', project_id: projectId, year });
  assert.equal(s.status, 201, s.text);
  const r = s.body.current;
  const saved = await unit.put(`/targets/revisions/${r.id}`, { ...GOALS, serves_public: true, indicators: leaves, version: r.version });
  assert.equal(saved.status, 200, saved.text);
  return saved.body;
}

// Drafted, submitted and graded 优: returns the approved revision.
export async function approvedTargets(unit, reviewer, projectId, year) {
  const r = await drafted(unit, projectId, year);
  const sub = await unit.post(`/targets/revisions/${r.id}/submit`, { version: r.version });
  assert.equal(sub.status, 200, sub.text);
  const ok = await reviewer.post(`/targets/revisions/${r.id}/review`, { grade: '优', comment: '', version: sub.body.version });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.state, 'approved');
  return ok.body;
}
