// 绩效目标 over HTTP (docs/api-targets.md), on the demo county: the demo's year, drafting with the
// live check, submission refused with the fields, the graded review with per-indicator comments,
// locking, changes with their diff, 部门整体 targets, publication, scope and roles, the check-rule
// settings, and the official 申报表 read back by LibreOffice and imported all or nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startServer, hasChinese } from '../lib/harness.mjs';
import { signInAll } from '../org/org-lib.mjs';
import { application } from '../projects/projects-lib.mjs';
import { makeXlsx } from '../../lib/xlsx.mjs';
import { goodLeaves, GOALS, drafted } from './targets-lib.mjs';

let server;
let as;
before(async () => {
  server = await startServer();
  as = await signInAll(server);
});
after(async () => { await server?.close(); });

// A new draft project of the unit for 2027–2028 (targets may be drafted with the application).
async function newProject(unit = as.unit_clerk, over = {}) {
  const c = await unit.post('/projects', application(over));
  assert.equal(c.status, 201, c.text);
  return c.body;
}

async function revision(client, id) {
  const r = await client.get(`/targets/revisions/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

function rules(check) { return check.issues.map((i) => i.rule); }

test('the demo county: the year has full coverage, and the weak targets show how they were caught', async () => {
  const cov = (await as.fin_perf.get('/targets/coverage?year=2026')).body;
  assert.ok(cov.projects.needing > 100, JSON.stringify(cov.projects));
  assert.equal(cov.projects.approved, cov.projects.needing);
  assert.equal(cov.projects.rate, 100);
  assert.ok(cov.departments.total >= 40);
  assert.equal(cov.departments.approved, cov.departments.total);
  assert.ok(cov.by_department.some((d) => d.department_name === '冠县教育和体育局' && d.projects > 0));

  // 交通运输局 set its 客运量 below last year's actual: returned (中), raised, approved (良).
  const list = (await as.fin_perf.get(`/targets?year=2026&q=${encodeURIComponent('城乡公交运营补贴')}`)).body;
  assert.equal(list.total, 1);
  const set = (await as.fin_perf.get(`/targets/${list.items[0].id}`)).body;
  assert.deepEqual(set.current.reviews.map((r) => r.grade), ['中', '良']);
  assert.match(set.current.reviews[0].comment, /目标值偏低/);
  assert.deepEqual(set.current.history.map((h) => h.action), ['create', 'submit', 'return', 'submit', 'approve']);
  const bus = set.current.indicators.find((l) => l.name === '城乡公交年客运量');
  assert.equal(bus.value, '520');
  assert.equal(bus.last_actual, '512');
  assert.equal(set.current.check.errors, 0);

  // Next year is being drawn up: waiting for review, returned, drafts.
  for (const state of ['draft', 'submitted', 'returned']) {
    const r = (await as.fin_perf.get(`/targets?year=2027&state=${state}`)).body;
    assert.ok(r.total >= 1, `${state}: ${r.total}`);
  }
  // A change after approval was made in the demo: some set has two revisions.
  const approved = (await as.fin_perf.get('/targets?year=2026&kind=project&page_size=200')).body.items;
  let changed = null;
  for (const s of approved) {
    const d = (await as.fin_perf.get(`/targets/${s.id}`)).body;
    if (d.revisions.length > 1) { changed = d; break; }
  }
  assert.ok(changed, 'a set with a change');
  assert.deepEqual(changed.revisions.map((r) => r.state), ['superseded', 'approved']);
  const diff = (await as.fin_perf.get(`/targets/revisions/${changed.revisions[1].id}/diff`)).body;
  assert.equal(diff.against_revision, 1);
  assert.ok(diff.indicators.some((c) => c.change === 'changed' && c.fields.some((f) => f.field === 'value')));
});

test('drafting: the live check, submission refused with the fields, graded review per indicator, and the lock', async () => {
  const p = await newProject();
  const created = await as.unit_clerk.post('/targets', { kind: 'project', project_id: p.id, year: 2027 });
  assert.equal(created.status, 201, created.text);
  let r = created.body.current;
  assert.equal(r.state, 'draft');
  assert.equal(r.tree_scheme, '101');
  assert.ok(r.check.errors > 0, 'an empty set has errors');
  assert.ok(r.actions.includes('submit'));

  // The live check of a draft without 时效 and with weights of 90 saves nothing.
  const partial = goodLeaves().filter((l) => l.key !== 'd');
  const live = await as.unit_clerk.post(`/targets/revisions/${r.id}/check`, { ...GOALS, indicators: partial });
  assert.equal(live.status, 200, live.text);
  assert.ok(rules(live.body).includes('core_cost_quality_time'));
  assert.ok(rules(live.body).includes('weights'));
  assert.ok(live.body.issues.every((i) => hasChinese(i.message)));
  assert.equal((await revision(as.unit_clerk, r.id)).indicators.length, 0);

  // Bad shapes are 422 with the field, and nothing is stored.
  const bad = goodLeaves();
  bad[0].nature = '约等于';
  bad[1].weight = 1.005;
  bad[2].basis = 'guess';
  const refused = await as.unit_clerk.put(`/targets/revisions/${r.id}`, { ...GOALS, indicators: bad, version: r.version });
  assert.equal(refused.status, 422);
  const fields = refused.body.error.details.map((d) => d.field);
  for (const f of ['indicators.0.nature', 'indicators.1.weight', 'indicators.2.basis']) assert.ok(fields.includes(f), `${f} in ${fields}`);
  assert.equal((await revision(as.unit_clerk, r.id)).version, r.version);

  // Saved with the problems; submission refuses with them.
  r = (await as.unit_clerk.put(`/targets/revisions/${r.id}`, { ...GOALS, indicators: partial, version: r.version })).body;
  assert.ok(r.check.errors >= 2);
  const early = await as.unit_clerk.post(`/targets/revisions/${r.id}/submit`, { version: r.version });
  assert.equal(early.status, 422, early.text);
  const why = early.body.error.details.map((d) => d.field);
  assert.ok(why.includes('indicators'), why.join());
  assert.ok(why.includes('core_cost_quality_time'), why.join());

  // Fixed: a warning may remain, errors may not.
  const leaves = goodLeaves();
  leaves[5].level1 = '效益指标';
  leaves[5].level2 = '社会效益指标';  // 满意度 in the wrong branch: a warning (and no 满意度 leaf: an error)
  r = (await as.unit_clerk.put(`/targets/revisions/${r.id}`, { indicators: leaves, version: r.version })).body;
  assert.ok(rules(r.check).includes('branch'));
  assert.ok(rules(r.check).includes('satisfaction'));
  r = (await as.unit_clerk.put(`/targets/revisions/${r.id}`, { indicators: goodLeaves(), version: r.version })).body;
  assert.equal(r.check.errors, 0, JSON.stringify(r.check.issues));
  r = (await as.unit_clerk.post(`/targets/revisions/${r.id}/submit`, { version: r.version })).body;
  assert.equal(r.state, 'submitted');
  assert.equal((await as.unit_clerk.put(`/targets/revisions/${r.id}`, { indicators: goodLeaves(), version: r.version })).status, 409);

  // The review: roles, comments, grades.
  assert.equal((await as.unit_clerk.post(`/targets/revisions/${r.id}/review`, { grade: '优', version: r.version })).status, 403);
  const noWhy = await as.fin_perf.post(`/targets/revisions/${r.id}/review`, { grade: '中', comment: ' ', version: r.version });
  assert.equal(noWhy.status, 422);
  assert.equal(noWhy.body.error.details[0].field, 'comment');
  const badKey = await as.fin_perf.post(`/targets/revisions/${r.id}/review`, { grade: '中', comment: '请修改', indicator_comments: { nope: 'x' }, version: r.version });
  assert.equal(badKey.status, 422);
  assert.equal(badKey.body.error.details[0].field, 'indicator_comments.nope');
  assert.equal((await as.fin_perf.post(`/targets/revisions/${r.id}/review`, { grade: '甲', version: r.version })).status, 422);
  assert.equal((await as.fin_perf.post(`/targets/revisions/${r.id}/review`, { grade: '优', version: r.version - 1 })).status, 409);
  r = (await as.fin_perf.post(`/targets/revisions/${r.id}/review`, {
    grade: '中', comment: '受助学生人数与学籍系统不符，请核实。', indicator_comments: { b: '应与学籍系统一致' }, version: r.version,
  })).body;
  assert.equal(r.state, 'returned');
  assert.equal(r.grade, '中');
  assert.equal(r.indicators.find((l) => l.key === 'b').review_comment, '应与学籍系统一致');
  assert.match(r.state_comment, /学籍系统/);

  // The unit revises and resubmits; 优 approves and locks.
  const fixed = goodLeaves();
  fixed[1].value = '12480';
  r = (await as.unit_clerk.put(`/targets/revisions/${r.id}`, { indicators: fixed, version: r.version })).body;
  assert.equal(r.indicators.find((l) => l.key === 'b').review_comment, '应与学籍系统一致', 'the comment stays until the next review');
  r = (await as.unit_clerk.post(`/targets/revisions/${r.id}/submit`, { version: r.version })).body;
  r = (await as.fin_perf.post(`/targets/revisions/${r.id}/review`, { grade: '优', comment: '', version: r.version })).body;
  assert.equal(r.state, 'approved');
  assert.deepEqual(r.reviews.map((v) => v.grade), ['中', '优']);
  const set = (await as.unit_clerk.get(`/targets/${r.set_id}`)).body;
  assert.equal(set.approved_revision_id, r.id);
  assert.ok(set.actions.includes('change'));
  assert.equal((await as.unit_clerk.put(`/targets/revisions/${r.id}`, { indicators: goodLeaves(), version: r.version })).status, 409);
  // One set per project and year.
  const again = await as.unit_clerk.post('/targets', { kind: 'project', project_id: p.id, year: 2027 });
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'targets_exist');
  const outside = await as.unit_clerk.post('/targets', { kind: 'project', project_id: p.id, year: 2031 });
  assert.equal(outside.status, 422);
  assert.equal(outside.body.error.details[0].field, 'year');
});

test('a change after approval is its own revision and review, with a diff; the old revision stays as it was', async () => {
  const p = await newProject();
  let r = await drafted(as.unit_clerk, p.id, 2027);
  r = (await as.unit_clerk.post(`/targets/revisions/${r.id}/submit`, { version: r.version })).body;
  r = (await as.fin_perf.post(`/targets/revisions/${r.id}/review`, { grade: '优', version: r.version })).body;
  let set = (await as.unit_clerk.get(`/targets/${r.set_id}`)).body;

  const noReason = await as.unit_clerk.post(`/targets/${set.id}/changes`, { reason: '', version: set.version });
  assert.equal(noReason.status, 422);
  assert.equal(noReason.body.error.details[0].field, 'reason');
  const opened = await as.unit_clerk.post(`/targets/${set.id}/changes`, { reason: '受助范围扩大到学前教育', version: set.version });
  assert.equal(opened.status, 201, opened.text);
  let r2 = opened.body;
  assert.equal(r2.revision, 2);
  assert.equal(r2.state, 'draft');
  assert.equal(r2.change_reason, '受助范围扩大到学前教育');
  set = (await as.unit_clerk.get(`/targets/${set.id}`)).body;
  assert.equal(set.approved_revision_id, r.id, 'revision 1 stays in force');
  assert.equal((await as.unit_clerk.post(`/targets/${set.id}/changes`, { reason: '再来一次', version: set.version })).status, 409);

  const leaves = goodLeaves();
  leaves[1].value = '15200';
  leaves[4].weight = 20;
  leaves.push({ key: 'g', level1: '效益指标', level2: '可持续影响指标', name: '学生营养健康监测机制', nature: 'qual', value: '健全', unit: '', weight: 10, basis: 'other' });
  r2 = (await as.unit_clerk.put(`/targets/revisions/${r2.id}`, { indicators: leaves, version: r2.version })).body;
  assert.equal(r2.check.errors, 0, JSON.stringify(r2.check.issues));
  r2 = (await as.unit_clerk.post(`/targets/revisions/${r2.id}/submit`, { version: r2.version })).body;
  r2 = (await as.fin_perf.post(`/targets/revisions/${r2.id}/review`, { grade: '良', comment: '同意调整', version: r2.version })).body;
  assert.equal(r2.state, 'approved');

  set = (await as.unit_clerk.get(`/targets/${set.id}`)).body;
  assert.deepEqual(set.revisions.map((x) => x.state), ['superseded', 'approved']);
  assert.equal(set.approved_revision_id, r2.id);
  const old = await revision(as.unit_clerk, r.id);
  assert.equal(old.indicators.find((l) => l.key === 'b').value, '12600', 'revision 1 is kept as it was');
  assert.ok(old.history.some((h) => h.action === 'supersede'));

  const diff = (await as.unit_clerk.get(`/targets/revisions/${r2.id}/diff`)).body;
  assert.equal(diff.against_id, r.id);
  const byKey = Object.fromEntries(diff.indicators.map((c) => [c.key, c]));
  assert.equal(byKey.b.change, 'changed');
  assert.deepEqual(byKey.b.fields, [{ field: 'value', before: '12600', after: '15200' }]);
  assert.equal(byKey.e.fields[0].field, 'weight');
  assert.equal(byKey.g.change, 'added');
  assert.equal(diff.indicators.length, 3);
  const other = (await as.fin_perf.get('/targets?year=2026&page_size=1')).body.items[0];
  assert.equal((await as.fin_perf.get(`/targets/revisions/${r2.id}/diff?against=${other.current_revision_id}`)).status, 422);

  // Publication: approved sets, by the bureau.
  assert.equal((await as.unit_clerk.post(`/targets/${set.id}/publish`, { published: true, version: set.version })).status, 403);
  const pub = await as.fin_perf.post(`/targets/${set.id}/publish`, { published: true, version: set.version });
  assert.equal(pub.status, 200, pub.text);
  assert.equal(pub.body.published, true);
  assert.equal((await as.fin_perf.get(`/targets?published=true&q=${encodeURIComponent(p.name)}`)).body.total, 1);

  // The next year copied from this one, and the project's years side by side.
  const copied = await as.unit_clerk.post('/targets', { kind: 'project', project_id: p.id, year: 2028, copy_from_year: 2027 });
  assert.equal(copied.status, 201, copied.text);
  assert.deepEqual(copied.body.current.indicators.map((l) => l.key), leaves.map((l) => l.key));
  assert.equal(copied.body.current.indicators.find((l) => l.key === 'b').value, '15200');
  const years = (await as.unit_clerk.get(`/targets/projects/${p.id}/years`)).body;
  assert.deepEqual(years.years.map((y) => y.year), [2027, 2028]);
  const row = years.indicators.find((l) => l.name === '受助学生人数');
  assert.deepEqual(row.values, { 2027: '>=15200', 2028: '>=15200' });
  const none = await as.unit_clerk.post('/targets', { kind: 'project', project_id: (await newProject()).id, year: 2028, copy_from_year: 2027 });
  assert.equal(none.status, 422);
  assert.equal(none.body.error.details[0].field, 'copy_from_year');
});

test('部门整体 targets: the main tasks with their amounts and linked projects, checked like the rest', async () => {
  const depts = (await as.dept_admin.get('/targets/departments?year=2028')).body.items;
  const edu = depts.find((d) => d.org_name === '冠县教育和体育局');
  assert.ok(edu, 'the department admin sees the department');
  assert.equal((await as.unit_clerk.post('/targets', { kind: 'department', org_id: edu.org_id, year: 2028 })).status, 404);
  const school = (await as.unit_clerk.get('/org/units?page_size=5')).body.items[0];
  const notDept = await as.dept_admin.post('/targets', { kind: 'department', org_id: school.id === edu.org_id ? 0 : school.id, year: 2028 });
  assert.ok([404, 422].includes(notDept.status), notDept.text);
  const made = edu.set_id
    ? (await as.dept_admin.get(`/targets/${edu.set_id}`))
    : await as.dept_admin.post('/targets', { kind: 'department', org_id: edu.org_id, year: 2028 });
  assert.ok([200, 201].includes(made.status), made.text);
  let r = made.body.current;
  const W = 1000000;
  const tasks = [{ key: 't1', name: '义务教育保障', content: '保障义务教育学校正常运转', total_fen: 5000 * W, fiscal_fen: 4000 * W, other_fen: 500 * W }];
  r = (await as.dept_admin.put(`/targets/revisions/${r.id}`, { year_goal: '全面提升教育质量', indicators: goodLeaves(), tasks, version: r.version })).body;
  assert.ok(r.check.issues.some((i) => i.rule === 'tasks' && i.field === 'tasks.0.total_fen'), JSON.stringify(r.check.issues));
  assert.ok(!rules(r.check).includes('core_cost_quality_time'), 'not required of a department by default');
  tasks[0].other_fen = 1000 * W;
  r = (await as.dept_admin.put(`/targets/revisions/${r.id}`, { tasks, version: r.version })).body;
  assert.equal(r.check.errors, 0, JSON.stringify(r.check.issues));
  assert.equal(r.tasks[0].total_fen, 5000 * W);
  const neg = await as.dept_admin.put(`/targets/revisions/${r.id}`, { tasks: [{ name: 'x', total_fen: -1 }], version: r.version });
  assert.equal(neg.status, 422);
  assert.equal(neg.body.error.details[0].field, 'tasks.0.total_fen');
  // Tasks belong to 部门整体 only.
  const p = await newProject();
  const pr = await drafted(as.unit_clerk, p.id, 2027);
  const wrong = await as.unit_clerk.put(`/targets/revisions/${pr.id}`, { tasks, version: pr.version });
  assert.equal(wrong.status, 422);
  assert.equal(wrong.body.error.details[0].field, 'tasks');
});

test('scope and roles: who reads, who files, who reviews; another unit\'s targets are a 404', async () => {
  const bus = (await as.fin_perf.get(`/targets?year=2026&q=${encodeURIComponent('城乡公交运营补贴')}`)).body.items[0];
  for (const who of ['unit_clerk', 'township_finance']) {
    assert.equal((await as[who].get(`/targets/${bus.id}`)).status, 404, who);
    assert.equal((await as[who].get(`/targets/revisions/${bus.current_revision_id}`)).status, 404, who);
    assert.equal((await as[who].get(`/targets/${bus.id}/declaration.xlsx`)).status, 404, who);
    assert.equal((await as[who].post(`/targets/revisions/${bus.current_revision_id}/check`, {})).status, 404, who);
  }
  assert.equal((await as.oversight.get(`/targets/${bus.id}`)).status, 200);
  assert.equal((await as.oversight.post('/targets', { kind: 'project', project_id: bus.project_id, year: 2026 })).status, 403);
  for (const who of ['expert', 'sysadmin', 'auditadmin']) assert.equal((await as[who].get('/targets')).status, 403, who);
  assert.equal((await as.fin_review.post(`/targets/revisions/${bus.current_revision_id}/review`, { grade: '优', version: 1 })).status, 403);
  // The unit lists only its own.
  const mine = (await as.unit_clerk.get('/targets?year=2026&page_size=200')).body.items;
  assert.ok(mine.length >= 1);
  assert.ok(mine.every((s) => s.org_name === '冠县第一中学'), mine.map((s) => s.org_name).join());
  const needing = (await as.unit_clerk.get('/targets/projects?year=2026')).body.items;
  assert.ok(needing.every((x) => x.org_name === '冠县第一中学'));
  assert.equal((await as.unit_clerk.get('/targets/projects')).status, 422, 'year is required');
});

test('the county\'s check rules are settings: severities, numbers, patterns, review outcomes', async () => {
  const cur = (await as.fin_perf.get('/targets/settings/check_rules?year=0')).body;
  assert.equal(cur.version, 0);
  assert.equal(cur.value.project.core_cost_quality_time, 'error');
  assert.ok(cur.rules.length >= 15);
  const bad = await as.fin_perf.put('/targets/settings/check_rules?year=0', { value: { project: { core_cost_quality_time: 'maybe', nope: 'off' }, leaf_min: -1 }, version: 0 });
  assert.equal(bad.status, 422);
  const fields = bad.body.error.details.map((d) => d.field);
  for (const f of ['value.project.core_cost_quality_time', 'value.project.nope', 'value.leaf_min']) assert.ok(fields.includes(f), fields.join());
  assert.equal((await as.unit_clerk.put('/targets/settings/check_rules?year=0', { value: {}, version: 0 })).status, 403);

  const p = await newProject();
  const r = await drafted(as.unit_clerk, p.id, 2027, goodLeaves().filter((l) => l.key !== 'a'));
  assert.ok(rules(r.check).includes('core_cost_quality_time'));
  const put = await as.fin_perf.put('/targets/settings/check_rules?year=2027', { value: { project: { core_cost_quality_time: 'warning' } }, version: 0 });
  assert.equal(put.status, 200, put.text);
  const again = await revision(as.unit_clerk, r.id);
  const core = again.check.issues.find((i) => i.rule === 'core_cost_quality_time');
  assert.equal(core.severity, 'warning');
  const reset = await as.fin_perf.put('/targets/settings/check_rules?year=2027', { value: {}, version: put.body.version });
  assert.equal(reset.status, 200);

  const out = await as.fin_perf.put('/targets/settings/review_outcomes?year=0', { value: { 优: 'return', 良: 'approve', 中: 'return', 差: 'reject' }, version: 0 });
  assert.equal(out.status, 422);
  assert.equal((await as.fin_perf.get('/targets/settings/nothing')).status, 404);
});

// ---- the 申报表 read back by LibreOffice ----

function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else if (ch !== '\r') cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

// LibreOffice converts the xlsx to CSV (UTF-8): an independent reader of what we wrote.
function libreOfficeRows(bytes) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jx-lo-'));
  try {
    writeFileSync(path.join(dir, 'in.xlsx'), bytes);
    execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76', '--outdir', dir, path.join(dir, 'in.xlsx')], { timeout: 120_000, stdio: 'pipe' });
    return parseCsv(readFileSync(path.join(dir, 'in.csv'), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the 申报表: LibreOffice reads the export as the API shows it; a filled one imports all or nothing', async () => {
  const p = await newProject();
  let r = await drafted(as.unit_clerk, p.id, 2027);
  const dl = await as.unit_clerk.get(`/targets/${r.set_id}/declaration.xlsx`, { raw: true });
  assert.equal(dl.status, 200);
  assert.match(dl.headers.get('content-type'), /spreadsheetml/);
  const rows = libreOfficeRows(dl.bytes);
  assert.equal(rows[0][0], '项目支出绩效目标申报表');
  assert.equal(rows[1][0], '（2027年度）');
  const named = rows.find((x) => x[0] === '项目名称');
  assert.equal(named[1], p.name);
  const funds = rows.find((x) => x[1] === '中期资金总额');
  assert.equal(funds[3], '420.00');
  const goals = rows.findIndex((x) => x[1] === '实施期目标');
  assert.equal(rows[goals + 1][1], GOALS.period_goal);
  assert.equal(rows[goals + 1][6], GOALS.year_goal);
  const h = rows.findIndex((x) => x[0] === '一级指标');
  assert.deepEqual(rows[h], ['一级指标', '二级指标', '三级指标', '指标性质', '年度指标值', '中期指标值', '度量单位', '权重', '设定依据', '指标说明', '核心指标', '指标标识']);
  const NATURE = { '>=': '≥', '<=': '≤', '=': '=', qual: '定性' };
  const BASIS = { plan: '计划标准', industry: '行业标准' };
  const leafRows = rows.slice(h + 1).filter((x) => x.some((c) => c));
  assert.equal(leafRows.length, r.indicators.length);
  r.indicators.forEach((l, i) => {
    assert.deepEqual(leafRows[i], [l.level1, l.level2, l.name, NATURE[l.nature], l.value, l.period_value, l.unit,
      l.weight.toFixed(2), BASIS[l.basis], l.explanation, l.is_core ? '是' : '否', l.key], `row ${i}`);
  });

  // Filled offline: a value changed, a leaf added with a new name; imported over the draft.
  const filled = rows.map((x) => [...x]);
  const hi = filled.findIndex((x) => x[0] === '一级指标');
  filled[hi + 2][4] = '13000';
  filled[hi + 5][7] = '20';
  filled.push(['效益指标', '可持续影响指标', '学生营养健康监测机制', '定性', '健全', '', '', '10', '其他标准', '建立监测档案', '否', '']);
  const file = makeXlsx([{ name: '项目支出绩效目标申报表', rows: filled }]);
  const imp = await as.unit_clerk.post(`/targets/revisions/${r.id}/import?version=${r.version}`, file, { headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(imp.status, 200, imp.text);
  r = imp.body;
  assert.equal(r.indicators.length, 7);
  assert.equal(r.indicators.find((l) => l.key === 'b').value, '13000');
  assert.equal(r.indicators.find((l) => l.key === 'e').weight, 20);
  assert.equal(r.indicators[6].name, '学生营养健康监测机制');
  assert.ok(r.indicators[6].key.length > 0);
  assert.equal(r.check.errors, 0, JSON.stringify(r.check.issues));

  // Bad rows: every one reported, nothing written.
  const broken = filled.map((x) => [...x]);
  broken[hi + 1][3] = '大约';
  broken[hi + 3][7] = '十';
  broken[hi + 4][8] = '拍脑袋';
  broken[hi + 2][4] = '99999';
  const no = await as.unit_clerk.post(`/targets/revisions/${r.id}/import?version=${r.version}`,
    makeXlsx([{ name: 'x', rows: broken }]), { headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(no.status, 422, no.text);
  const bad = no.body.error.details.map((d) => d.field);
  assert.deepEqual(bad, [`rows.${hi + 2}.指标性质`, `rows.${hi + 4}.权重`, `rows.${hi + 5}.设定依据`]);
  assert.ok(no.body.error.details.every((d) => /^第\d+行【/.test(d.message)));
  const still = await revision(as.unit_clerk, r.id);
  assert.equal(still.indicators.find((l) => l.key === 'b').value, '13000');
  assert.equal(still.version, r.version);

  const notOne = await as.unit_clerk.post(`/targets/revisions/${r.id}/import?version=${r.version}`,
    makeXlsx([{ name: 'x', rows: [['名称', '金额'], ['a', '1']] }]), { headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(notOne.status, 422);
  assert.equal(notOne.body.error.details[0].field, 'file');
  const garbage = await as.unit_clerk.post(`/targets/revisions/${r.id}/import?version=${r.version}`, Buffer.from('not a zip'), { headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(garbage.status, 422);
  assert.equal((await as.fin_perf.post(`/targets/revisions/${r.id}/import?version=${r.version}`, file, { headers: { 'content-type': 'application/octet-stream' } })).status, 403);
});

test('the 部门整体 申报表: tasks and totals read back by LibreOffice, and imported with their links kept', async () => {
  const edu = (await as.dept_admin.get('/targets/departments?year=2029')).body.items.find((d) => d.org_name === '冠县教育和体育局');
  const made = await as.dept_admin.post('/targets', { kind: 'department', org_id: edu.org_id, year: 2029 });
  assert.equal(made.status, 201, made.text);
  let r = made.body.current;
  const W = 1000000;
  const projectId = (await as.dept_admin.get('/targets/projects?year=2027&page_size=1')).body.items[0]?.project_id;
  const tasks = [
    { key: 't1', name: '义务教育保障', content: '保障义务教育学校正常运转', total_fen: 5000 * W, fiscal_fen: 4000 * W, other_fen: 1000 * W, project_ids: projectId ? [projectId] : [] },
    { key: 't2', name: '学前教育普惠', content: '普惠性幼儿园生均补助', total_fen: 1234.56 * W, fiscal_fen: 1234.56 * W, other_fen: 0 },
  ];
  r = (await as.dept_admin.put(`/targets/revisions/${r.id}`, { year_goal: '全面提升教育质量，办好人民满意的教育。', indicators: goodLeaves(), tasks, version: r.version })).body;
  const dl = await as.dept_admin.get(`/targets/${r.set_id}/declaration.xlsx`, { raw: true });
  assert.equal(dl.status, 200);
  const rows = libreOfficeRows(dl.bytes);
  assert.equal(rows[0][0], '部门整体支出绩效目标申报表');
  assert.equal(rows.find((x) => x[0] === '部门（单位）名称')[2], '冠县教育和体育局');
  const t1 = rows.find((x) => x[0] === '义务教育保障');
  assert.deepEqual([t1[2], t1[6], t1[8], t1[10]], ['保障义务教育学校正常运转', '5000.00', '4000.00', '1000.00']);
  const sum = rows.find((x) => x[0] === '金额合计');
  assert.deepEqual([sum[6], sum[8], sum[10]], ['6234.56', '5234.56', '1000.00']);
  assert.equal(rows.find((x) => x[0] === '年度总体目标')[2], '全面提升教育质量，办好人民满意的教育。');

  const filled = rows.map((x) => [...x]);
  const i1 = filled.findIndex((x) => x[0] === '义务教育保障');
  filled[i1][6] = '6000';
  filled[i1][8] = '5000';
  const imp = await as.dept_admin.post(`/targets/revisions/${r.id}/import?version=${r.version}`,
    makeXlsx([{ name: '部门整体支出绩效目标申报表', rows: filled }]), { headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(imp.status, 200, imp.text);
  const t = imp.body.tasks.find((x) => x.name === '义务教育保障');
  assert.equal(t.total_fen, 6000 * W);
  assert.equal(t.fiscal_fen, 5000 * W);
  assert.deepEqual(t.project_ids, tasks[0].project_ids, 'the links of a task of the same name stay');
  assert.equal(imp.body.tasks.length, 2);
  assert.equal(imp.body.year_goal, '全面提升教育质量，办好人民满意的教育。');
});
