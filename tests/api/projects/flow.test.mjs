// The project library and the joint 事前绩效评估 + 预算评审 case (docs/api-projects.md): the
// decision told to the unit, assignment, sheets, the review, the conclusion written back, the
// budget ceiling, resubmission after 调整, the veto, and scope (units, experts, drafts).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, hasChinese } from '../lib/harness.mjs';
import { readXlsx, unzip } from '../../lib/xlsx-read.mjs';
import { signInAll } from '../org/org-lib.mjs';
import { WAN, PDF, application, attach, submitted, caseOf, allRated, expertIds } from './projects-lib.mjs';
import { approvedTargets } from '../targets/targets-lib.mjs';

let server;
let as;
let experts;
before(async () => {
  server = await startServer();
  as = await signInAll(server);
  experts = await expertIds(as.fin_perf, ['周敏']);
  const others = (await as.fin_perf.get('/org/experts?page_size=200')).body.items.filter((e) => e.name !== '周敏');
  experts.push(others[0].id);
});
after(async () => { await server?.close(); });

test('a draft is saved as you go, checked fully at submission, and told why it needs 事前评估', async () => {
  const draft = await as.unit_clerk.post('/projects', { name: '只有名称的草稿' });
  assert.equal(draft.status, 201, draft.text);
  assert.equal(draft.body.state, 'draft');
  assert.equal(draft.body.code, null);
  assert.equal(draft.body.org_name, '冠县第一中学');
  const bad = await as.unit_clerk.post('/projects', { name: '错', func_class: '205', sector: 'mars', amounts: [{ year: 2035, source: 'x', requested_fen: -1 }] });
  assert.equal(bad.status, 422);
  const fields = bad.body.error.details.map((d) => d.field);
  for (const f of ['name', 'func_class', 'sector', 'amounts.0.year', 'amounts.0.source', 'amounts.0.requested_fen'])
    assert.ok(fields.includes(f), `${f} in ${fields}`);
  for (const d of bad.body.error.details) assert.ok(hasChinese(d.message), d.message);

  const empty = await as.unit_clerk.post(`/projects/${draft.body.id}/submit`, { version: draft.body.version });
  assert.equal(empty.status, 422);
  const missing = empty.body.error.details.map((d) => d.field);
  for (const f of ['category', 'budget_type', 'func_class', 'sector', 'amounts', 'description', 'contact', 'phone'])
    assert.ok(missing.includes(f), `${f} in ${missing}`);

  const full = await as.unit_clerk.put(`/projects/${draft.body.id}`, { ...application(), version: draft.body.version });
  assert.equal(full.status, 200, full.text);
  assert.equal(full.body.requested_total_fen, 420 * WAN);
  const noFile = await as.unit_clerk.post(`/projects/${draft.body.id}/submit`, { version: full.body.version });
  assert.equal(noFile.status, 422);
  assert.deepEqual(noFile.body.error.details.map((d) => d.field), ['attachments']);
  const exe = await attach(as.unit_clerk, draft.body.id, '申报书.pdf', 'application', Buffer.from('MZ\x90\x00\x03 not a pdf'));
  assert.equal(exe.status, 422);
  assert.ok((await attach(as.unit_clerk, draft.body.id)).status === 201);
  const p = (await as.unit_clerk.get(`/projects/${draft.body.id}`)).body;
  assert.equal(p.attachments.length, 1);
  const s = await as.unit_clerk.post(`/projects/${p.id}/submit`, { version: p.version });
  assert.equal(s.status, 200, s.text);
  assert.match(s.body.code, /^371525-2027-\d{5}$/);
  assert.equal(s.body.state, 'submitted');
  assert.equal(s.body.preassess.required, true);
  assert.match(s.body.preassess.reasons[0], /投资发展类.*420 万元.*300 万元/);
  assert.equal((await as.unit_clerk.put(`/projects/${p.id}`, { name: '改名', version: s.body.version })).status, 409);

  const small = await submitted(as.unit_clerk, { category: 'operating', amounts: [{ year: 2027, source: 'local', requested_fen: 80 * WAN }] });
  assert.equal(small.preassess.required, false);
  assert.match(small.preassess.reasons[0], /运转类.*80 万元.*未超过 500 万元/);
  const bond = await submitted(as.unit_clerk, { category: 'specific', amounts: [{ year: 2027, source: 'special_bond', requested_fen: 50 * WAN }] });
  assert.equal(bond.preassess.required, true);
  assert.match(bond.preassess.reasons.join(), /专项债券/);
});

test('the joint case: assign, experts score, the review sets 审定, the conclusion writes back; budgets stay under 审定', async () => {
  const p = await submitted(as.unit_clerk);
  let k = await caseOf(as.fin_perf, p.id);
  assert.equal(k.state, 'assigning');
  assert.equal(k.scheme.dimensions.length, 5);
  // Experts not yet assigned see nothing.
  assert.equal((await as.expert.get(`/cases/${k.id}`)).status, 404);
  assert.equal((await as.expert.get(`/projects/${p.id}`)).status, 404);
  const noExperts = await as.fin_perf.post(`/cases/${k.id}/assign`, { expert_ids: [], version: k.version });
  assert.equal(noExperts.status, 422);
  assert.equal((await as.unit_clerk.post(`/cases/${k.id}/assign`, { expert_ids: experts, version: k.version })).status, 403);
  // Who can lead or review: the county's holders of projects.review, nobody else.
  const reviewers = (await as.fin_perf.get('/cases/reviewers')).body.items;
  const idOf = async (client) => (await client.get('/me')).body.id;
  const ids = reviewers.map((r) => r.id);
  for (const role of ['fin_perf', 'fin_business', 'fin_review']) assert.ok(ids.includes(await idOf(as[role])), role);
  for (const role of ['unit_clerk', 'expert', 'oversight']) assert.ok(!ids.includes(await idOf(as[role])), role);
  assert.ok(reviewers.every((r) => r.name && r.org_name));
  k = (await as.fin_perf.post(`/cases/${k.id}/assign`, { expert_ids: experts, version: k.version })).body;
  assert.equal(k.state, 'working');
  assert.equal((await as.fin_perf.get(`/projects/${p.id}`)).body.state, 'reviewing');

  // 周敏 (an account) scores herself; the other expert's paper sheet is entered by the reviewer.
  assert.equal((await as.expert.get('/cases')).body.items.some((c) => c.id === k.id), true);
  const badNote = await as.expert.put(`/cases/${k.id}/sheet`, { ratings: {}, comments: { 'no.such': '说明', 'economy.thrift': '长'.repeat(501) } });
  assert.equal(badNote.status, 422);
  assert.deepEqual(badNote.body.error.details.map((d) => d.field).sort(), ['comments.economy.thrift', 'comments.no.such']);
  const partial = await as.expert.put(`/cases/${k.id}/sheet`, { ratings: { 'necessity.purpose': '优' }, comments: { 'necessity.purpose': '与县十四五规划衔接' } });
  assert.equal(partial.status, 200, partial.text);
  assert.deepEqual(partial.body.experts.find((x) => x.name === '周敏').sheet.comments, { 'necessity.purpose': '与县十四五规划衔接' }, 'notes per item are kept');
  const incomplete = await as.expert.put(`/cases/${k.id}/sheet`, { ratings: { 'necessity.purpose': '优' }, opinion: '同意', submit: true });
  assert.equal(incomplete.status, 422);
  assert.ok(incomplete.body.error.details.some((d) => d.field === 'ratings.financing.legal'));
  const mine = await as.expert.put(`/cases/${k.id}/sheet`, { ratings: allRated(k.scheme, '良', { 'economy.thrift': '优' }), opinion: '必要，测算基本合理', submit: true });
  assert.equal(mine.status, 200, mine.text);
  const me = mine.body.experts.find((x) => x.name === '周敏');
  assert.equal(me.total, 81);
  const other = mine.body.experts.find((x) => x.name !== '周敏');
  assert.equal(other.total, undefined, 'an expert does not see another expert\'s sheet before the conclusion');
  assert.equal((await as.expert.put(`/cases/${k.id}/sheet`, { ratings: allRated(k.scheme, '优'), opinion: 'x', submit: true })).status, 409, 'a submitted sheet is locked');
  k = (await as.fin_perf.put(`/cases/${k.id}/sheet`, { expert_id: other.expert_id, ratings: allRated(k.scheme, '优'), opinion: '同意', submit: true })).body;

  const early = await as.fin_perf.post(`/cases/${k.id}/conclude`, { version: k.version });
  assert.equal(early.status, 422, 'the review comes first');
  const badLines = await as.fin_perf.put(`/cases/${k.id}/review`, { version: k.version, lines: [{ item: '土建工程', submitted_fen: 300 * WAN, approved_fen: 260 * WAN }] });
  assert.equal(badLines.status, 422);
  assert.equal(badLines.body.error.details[0].field, 'lines.0.reason');
  k = (await as.fin_perf.put(`/cases/${k.id}/review`, { version: k.version, lines: [
    { item: '土建工程', submitted_fen: 300 * WAN, approved_fen: 260 * WAN, reason: '工程量核减' },
    { item: '设备购置', submitted_fen: 120 * WAN, approved_fen: 120 * WAN, reason: '' },
  ] })).body;
  assert.equal(k.review.cut_fen, 40 * WAN);
  assert.equal(k.review.cut_rate, 9.52); // 40 / 420 = 9.5238 %
  const done = await as.fin_perf.post(`/cases/${k.id}/conclude`, { version: k.version });
  assert.equal(done.status, 200, done.text);
  assert.equal(done.body.combined, 90.5); // (81 + 100) / 2
  assert.equal(done.body.conclusion, 'support');
  assert.equal(done.body.conclusion_name, '予以支持');
  const lib = (await as.unit_clerk.get(`/projects/${p.id}`)).body;
  assert.equal(lib.state, 'in_library');
  assert.equal(lib.approved_fen, 380 * WAN);
  assert.deepEqual(lib.history.map((h) => h.to_state), ['draft', 'submitted', 'reviewing', 'in_library']);
  // who: the account as recorded and the person's name
  assert.ok(lib.history.every((h) => h.actor_name && typeof h.actor_display_name === 'string'));
  assert.ok(lib.history.some((h) => h.actor_display_name && h.actor_display_name !== h.actor_name), JSON.stringify(lib.history[0]));
  assert.ok(lib.cases[0].experts.every((x) => x.total !== undefined), 'after the conclusion the sheets are open');

  // 无目标不安排预算: no budget before the year's targets are approved.
  const noTargets = await as.fin_perf.post(`/projects/${p.id}/budget`, { year: 2027, approved_fen: 300 * WAN, version: lib.version });
  assert.equal(noTargets.status, 409, noTargets.text);
  assert.equal(noTargets.body.error.code, 'targets_missing');
  await approvedTargets(as.unit_clerk, as.fin_perf, p.id, 2027);
  await approvedTargets(as.unit_clerk, as.fin_perf, p.id, 2028);
  const over = await as.fin_perf.post(`/projects/${p.id}/budget`, { year: 2027, approved_fen: 300 * WAN, version: lib.version });
  assert.equal(over.status, 200, over.text);
  const tooMuch = await as.fin_perf.post(`/projects/${p.id}/budget`, { year: 2028, approved_fen: 81 * WAN, version: over.body.version });
  assert.equal(tooMuch.status, 422);
  assert.match(tooMuch.body.error.details[0].message, /超过审定金额 380\.00 万元/);
  const ok = await as.fin_perf.post(`/projects/${p.id}/budget`, { year: 2028, approved_fen: 80 * WAN, version: over.body.version });
  assert.equal(ok.status, 200);
  assert.equal(ok.body.state, 'budgeted');
  assert.deepEqual(ok.body.budgets.map((b) => b.year), [2027, 2028]);
  assert.equal((await as.unit_clerk.post(`/projects/${p.id}/budget`, { year: 2027, approved_fen: 1, version: ok.body.version })).status, 403);
});

test('调整: returned with the opinion, revised and resubmitted into the same case, then supported', async () => {
  const p = await submitted(as.unit_clerk);
  let k = await caseOf(as.fin_perf, p.id);
  k = (await as.fin_perf.post(`/cases/${k.id}/assign`, { expert_ids: [experts[1]], version: k.version })).body;
  k = (await as.fin_perf.put(`/cases/${k.id}/sheet`, { expert_id: experts[1], ratings: allRated(k.scheme, '中'), opinion: '目标不够明确', submit: true })).body;
  k = (await as.fin_perf.put(`/cases/${k.id}/review`, { version: k.version, lines: [{ item: '全部', submitted_fen: 420 * WAN, approved_fen: 400 * WAN, reason: '单价调整' }] })).body;
  const noOpinion = await as.fin_perf.post(`/cases/${k.id}/conclude`, { version: k.version });
  assert.equal(noOpinion.status, 422, 'an 调整 needs the opinion');
  k = (await as.fin_perf.post(`/cases/${k.id}/conclude`, { version: k.version, opinion: '请细化产出指标后重新申报' })).body;
  assert.equal(k.combined, 60);
  assert.equal(k.conclusion, 'adjust');
  assert.equal(k.state, 'returned');
  let back = (await as.unit_clerk.get(`/projects/${p.id}`)).body;
  assert.equal(back.state, 'returned');
  assert.match(back.history.at(-1).comment, /建议调整完善后予以支持.*请细化产出指标/);
  assert.equal(back.state_comment, back.history.at(-1).comment, 'the detail says why it came back');
  const mine = (await as.unit_clerk.get(`/projects?state=returned&q=${encodeURIComponent(back.name)}`)).body.items;
  assert.equal(mine.find((x) => x.id === p.id)?.state_comment, back.state_comment, 'and so does the list');
  back = (await as.unit_clerk.put(`/projects/${p.id}`, { description: '对教学楼进行抗震加固，完善消防设施；产出指标细化为加固面积与验收合格率。', version: back.version })).body;
  const again = await as.unit_clerk.post(`/projects/${p.id}/submit`, { version: back.version });
  assert.equal(again.status, 200, again.text);
  const detail = (await as.fin_perf.get(`/projects/${p.id}`)).body;
  assert.equal(detail.cases.length, 1, 'the same case continues');
  k = detail.cases[0];
  assert.equal(k.round, 2);
  assert.equal(k.state, 'working', 'assignments are kept');
  // Re-open the sheets and score again.
  k = (await as.fin_perf.post(`/cases/${k.id}/assign`, { expert_ids: [experts[1]], rescore: true, version: k.version })).body;
  assert.equal(k.experts[0].submitted, false);
  const rescored = await as.fin_perf.put(`/cases/${k.id}/sheet`, { expert_id: experts[1], ratings: allRated(k.scheme, '良'), opinion: '已完善', submit: true });
  assert.equal(rescored.status, 200, rescored.text);
  const second = await as.fin_perf.post(`/cases/${k.id}/conclude`, { version: rescored.body.version });
  assert.match((await as.unit_clerk.get(`/projects/${p.id}`)).body.state_comment, /^予以支持/, 'the conclusion replaces the return reason');
  assert.equal(second.status, 200, second.text);
  assert.equal(second.body.combined, 80);
  assert.equal(second.body.conclusion, 'support');
  assert.deepEqual(second.body.rounds.map((r) => [r.round, r.conclusion, r.combined]), [[1, 'adjust', 60], [2, 'support', 80]],
    'every conclusion of the case is kept, round by round');
  assert.match(second.body.rounds[0].opinion, /请细化产出指标/);
  assert.equal((await as.unit_clerk.get(`/projects/${p.id}`)).body.state, 'in_library');
});

test('the 筹资合规性 veto: 不予支持 whatever the score, only when an expert raised it', async () => {
  const p = await submitted(as.unit_clerk);
  let k = await caseOf(as.fin_perf, p.id);
  k = (await as.fin_perf.post(`/cases/${k.id}/assign`, { expert_ids: [experts[1]], version: k.version })).body;
  const wrongDim = await as.fin_perf.put(`/cases/${k.id}/sheet`, { expert_id: experts[1], ratings: allRated(k.scheme, '优'), veto: true, veto_dimension: 'necessity', veto_reason: '重复立项', opinion: 'x', submit: true });
  assert.equal(wrongDim.status, 422);
  k = (await as.fin_perf.put(`/cases/${k.id}/sheet`, { expert_id: experts[1], ratings: allRated(k.scheme, '优'), veto: true, veto_dimension: 'financing', veto_reason: '拟通过融资平台举债，新增隐性债务', opinion: '不予支持', submit: true })).body;
  k = (await as.fin_perf.put(`/cases/${k.id}/review`, { version: k.version, lines: [{ item: '全部', submitted_fen: 420 * WAN, approved_fen: 0, reason: '不予安排' }] })).body;
  k = (await as.fin_perf.post(`/cases/${k.id}/conclude`, { veto_confirmed: true, opinion: '筹资不合规，一票否决', version: k.version })).body;
  assert.equal(k.combined, 100);
  assert.equal(k.conclusion, 'reject');
  assert.equal((await as.unit_clerk.get(`/projects/${p.id}`)).body.state, 'rejected');
  assert.equal((await as.fin_perf.post(`/projects/${p.id}/budget`, { year: 2027, approved_fen: 1, version: 1 })).status, 409, 'only library projects get a budget');

  const q = await submitted(as.unit_clerk);
  let c = await caseOf(as.fin_perf, q.id);
  c = (await as.fin_perf.post(`/cases/${c.id}/assign`, { expert_ids: [experts[1]], version: c.version })).body;
  c = (await as.fin_perf.put(`/cases/${c.id}/sheet`, { expert_id: experts[1], ratings: allRated(c.scheme, '良'), opinion: '同意', submit: true })).body;
  c = (await as.fin_perf.put(`/cases/${c.id}/review`, { version: c.version, lines: [{ item: '全部', submitted_fen: 420 * WAN, approved_fen: 420 * WAN, reason: '' }] })).body;
  const noVeto = await as.fin_perf.post(`/cases/${c.id}/conclude`, { veto_confirmed: true, opinion: '否决', version: c.version });
  assert.equal(noVeto.status, 422);
});

test('a project without 事前评估: the review alone decides', async () => {
  const p = await submitted(as.unit_clerk, { category: 'operating', amounts: [{ year: 2027, source: 'local', requested_fen: 80 * WAN }] });
  let k = await caseOf(as.fin_perf, p.id);
  k = (await as.fin_perf.post(`/cases/${k.id}/assign`, { version: k.version })).body;
  assert.equal((await as.fin_perf.put(`/cases/${k.id}/sheet`, { expert_id: experts[1], ratings: {} })).status, 409);
  k = (await as.fin_perf.put(`/cases/${k.id}/review`, { version: k.version, lines: [{ item: '运转经费', submitted_fen: 80 * WAN, approved_fen: 70 * WAN, reason: '压减一般性支出' }] })).body;
  const noResult = await as.fin_perf.post(`/cases/${k.id}/conclude`, { version: k.version });
  assert.equal(noResult.status, 422);
  k = (await as.fin_perf.post(`/cases/${k.id}/conclude`, { result: 'support', version: k.version })).body;
  assert.equal(k.combined, null);
  const lib = (await as.fin_perf.get(`/projects/${p.id}`)).body;
  assert.equal(lib.state, 'in_library');
  assert.equal(lib.approved_fen, 70 * WAN);
});

test('scope: siblings, other departments and experts see nothing they should not; finance never sees drafts', async () => {
  const draft = (await as.unit_clerk.post('/projects', { name: '内部草稿项目' })).body;
  const p = await submitted(as.unit_clerk);
  // The township office and the review centre (not overseeing 教体局) see neither.
  for (const role of ['township_finance', 'fin_review', 'expert', 'third_party']) {
    assert.equal((await as[role].get(`/projects/${p.id}`)).status, 404, role);
    const list = await as[role].get('/projects?page_size=200');
    assert.equal(list.status, 200, role);
    assert.ok(!list.body.items.some((x) => x.id === p.id), role);
  }
  // 教体局 (its department), 教科文股 (归口), 绩效管理股 and the 人大 see it.
  for (const role of ['dept_admin', 'fin_business', 'fin_perf', 'oversight'])
    assert.equal((await as[role].get(`/projects/${p.id}`)).status, 200, role);
  // Drafts: the unit and its department only.
  assert.equal((await as.dept_admin.get(`/projects/${draft.id}`)).status, 200);
  for (const role of ['fin_perf', 'fin_business', 'oversight']) {
    assert.equal((await as[role].get(`/projects/${draft.id}`)).status, 404, role);
    assert.ok(!(await as[role].get('/projects?state=draft')).body.items.length, role);
  }
  // Guessing ids: the same 404 as a missing one.
  assert.equal((await as.township_finance.get('/projects/99999999')).status, 404);
  assert.equal((await as.oversight.post('/projects', application())).status, 403, '人大 reads only');
  assert.equal((await as.sysadmin.get('/projects')).status, 403, 'administrators see no business data');
  // Attachments follow the project's scope.
  const full = (await as.fin_perf.get(`/projects/${p.id}`)).body;
  const att = full.attachments[0];
  const dl = await as.fin_perf.request('GET', `/projects/${p.id}/attachments/${att.id}`, undefined, { raw: true });
  assert.equal(dl.status, 200);
  assert.deepEqual(dl.bytes, PDF);
  assert.equal((await as.township_finance.get(`/projects/${p.id}/attachments/${att.id}`)).status, 404);
  // A sibling unit of the same department cannot change it.
  assert.equal((await as.township_finance.put(`/projects/${p.id}`, { name: 'x', version: 1 })).status, 404);
});

test('lists filter by state, year, category, sector and search; withdraw and delete drafts', async () => {
  const p = await submitted(as.unit_clerk, { name: '冠县第一中学操场改造筛选测试' });
  const q = await as.fin_perf.get(`/projects?q=${encodeURIComponent('操场改造筛选')}`);
  assert.equal(q.body.total, 1);
  assert.equal(q.body.items[0].id, p.id);
  assert.ok((await as.fin_perf.get('/projects?year=2028&category=investment&sector=education&page_size=200')).body.items.some((x) => x.id === p.id));
  assert.ok(!(await as.fin_perf.get('/projects?year=2030&page_size=200')).body.items.some((x) => x.id === p.id));
  assert.equal((await as.fin_perf.get('/projects?sort=bogus')).status, 422);
  const w = await as.unit_clerk.post(`/projects/${p.id}/withdraw`, { version: p.version });
  assert.equal(w.status, 200, w.text);
  assert.equal(w.body.state, 'draft');
  assert.equal((await as.unit_clerk.del(`/projects/${p.id}?version=${w.body.version}`)).status, 409, 'it was submitted once: it has a code');
  const fresh = (await as.unit_clerk.post('/projects', { name: '可删除的草稿' })).body;
  assert.equal((await as.unit_clerk.del(`/projects/${fresh.id}?version=${fresh.version}`)).status, 204);
  assert.equal((await as.unit_clerk.get(`/projects/${fresh.id}`)).status, 404);
});

test('the year\'s statistics count first conclusions by sector and 审减 on the final totals', async () => {
  const Y = 2029;
  const one = (over) => ({ start_year: Y, end_year: Y, amounts: [{ year: Y, source: 'local', requested_fen: 400 * WAN }], ...over });
  // Three assessed projects in two sectors (support, adjust → later support, reject) and one
  // reviewed only.
  const runs = [
    { over: one({ sector: 'education' }), ratings: '良', approved: 360, result: null },
    { over: one({ sector: 'health', func_class: '2100408' }), ratings: '中', approved: 380, result: null, resubmit: true },
    { over: one({ sector: 'health', func_class: '2100408' }), ratings: '差', approved: 300, result: null },
    { over: one({ sector: 'water', category: 'operating', func_class: '2130301', amounts: [{ year: Y, source: 'local', requested_fen: 100 * WAN }] }), approved: 90, result: 'support' },
  ];
  for (const r of runs) {
    const p = await submitted(as.unit_clerk, r.over);
    let k = await caseOf(as.fin_perf, p.id);
    const assessed = k.preassess_required;
    k = (await as.fin_perf.post(`/cases/${k.id}/assign`, { expert_ids: assessed ? [experts[1]] : [], version: k.version })).body;
    if (assessed) k = (await as.fin_perf.put(`/cases/${k.id}/sheet`, { expert_id: experts[1], ratings: allRated(k.scheme, r.ratings), opinion: '意见', submit: true })).body;
    const submittedFen = p.requested_total_fen;
    k = (await as.fin_perf.put(`/cases/${k.id}/review`, { version: k.version, lines: [{ item: '全部', submitted_fen: submittedFen, approved_fen: r.approved * WAN, reason: '核减' }] })).body;
    const c = await as.fin_perf.post(`/cases/${k.id}/conclude`, { result: r.result ?? undefined, opinion: '请按意见修改', version: k.version });
    assert.equal(c.status, 200, c.text);
    if (r.resubmit) {
      const back = (await as.unit_clerk.get(`/projects/${p.id}`)).body;
      await as.unit_clerk.post(`/projects/${p.id}/submit`, { version: back.version });
      let k2 = (await as.fin_perf.get(`/projects/${p.id}`)).body.cases[0];
      k2 = (await as.fin_perf.post(`/cases/${k2.id}/assign`, { expert_ids: [experts[1]], rescore: true, version: k2.version })).body;
      k2 = (await as.fin_perf.put(`/cases/${k2.id}/sheet`, { expert_id: experts[1], ratings: allRated(k2.scheme, '优'), opinion: '已改', submit: true })).body;
      const again = await as.fin_perf.post(`/cases/${k2.id}/conclude`, { version: k2.version });
      assert.equal(again.body.conclusion, 'support');
    }
  }
  const s = await as.fin_perf.get(`/projects/stats?year=${Y}&region_code=371525`);
  assert.equal(s.status, 200, s.text);
  assert.equal(s.body.assessed.total, 3);
  assert.equal(s.body.assessed.sectors, 2);
  assert.deepEqual(s.body.assessed.by_conclusion, { support: 1, adjust: 1, reject: 1 }, 'the first conclusion counts');
  const health = s.body.assessed.by_sector.find((x) => x.key === 'health');
  assert.equal(health.name, '卫生健康');
  assert.equal(health.count, 2);
  assert.equal(s.body.reviewed.total, 4);
  assert.equal(s.body.reviewed.submitted_fen, 1300 * WAN);
  assert.equal(s.body.reviewed.approved_fen, 1130 * WAN);
  assert.equal(s.body.reviewed.cut_rate, 13.08); // 170 / 1300
  assert.equal(s.body.reviewed.by_department[0].name, '冠县教育和体育局');
  // Scope: the township office sees none of these; bad input is a field error.
  const other = await as.township_finance.get(`/projects/stats?year=${Y}&region_code=371525`);
  assert.equal(other.body.reviewed.total, 0);
  assert.equal((await as.fin_perf.get('/projects/stats')).status, 422);
  assert.equal((await as.fin_perf.get(`/projects/stats?year=${Y}&region_code=37x`)).status, 422);
});

test('settings: the county\'s 事前评估 rule per year, validated, versioned, and used at submission', async () => {
  const d = await as.fin_perf.get('/projects/settings/preassess_rule?year=2030');
  assert.equal(d.status, 200, d.text);
  assert.equal(d.body.default, true);
  assert.equal(d.body.version, 0);
  assert.equal(d.body.value.investment_threshold_fen, 300 * WAN);
  assert.equal(d.body.region_code, '371525');
  const value = { ...d.body.value, investment_threshold_fen: 500 * WAN };
  assert.equal((await as.unit_clerk.put('/projects/settings/preassess_rule?year=2030', { value, version: 0 })).status, 403);
  const bad = await as.fin_perf.put('/projects/settings/preassess_rule?year=2030', { value: { ...value, investment_threshold_fen: -1 }, version: 0 });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.details[0].field, 'value.investment_threshold_fen');
  const ok = await as.fin_perf.put('/projects/settings/preassess_rule?year=2030', { value, version: 0 });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.version, 1);
  assert.equal(ok.body.inherited, false);
  assert.equal((await as.fin_perf.put('/projects/settings/preassess_rule?year=2030', { value, version: 0 })).status, 409);
  assert.equal((await as.fin_perf.get('/projects/settings/preassess_rule?year=2031')).body.default, true);
  const p = await submitted(as.unit_clerk, { start_year: 2030, end_year: 2030, amounts: [{ year: 2030, source: 'local', requested_fen: 420 * WAN }] });
  assert.equal(p.preassess.required, false);
  assert.match(p.preassess.reasons[0], /低于 500 万元/);
  const scheme = (await as.fin_perf.get('/projects/settings/preassess_scheme')).body;
  assert.equal(scheme.value.dimensions.length, 5);
  scheme.value.dimensions[0].items[0].points = 6;
  const sum = await as.fin_perf.put('/projects/settings/preassess_scheme', { value: scheme.value, version: 0 });
  assert.equal(sum.status, 422);
  assert.match(sum.body.error.details[0].message, /合计应为100分/);
  const cut = await as.fin_perf.put('/projects/settings/preassess_cutoffs', { value: { support: 60, adjust: 80 }, version: 0 });
  assert.equal(cut.status, 422);
  assert.equal((await as.fin_perf.get('/projects/settings/nope')).status, 404);
});

test('the library exports as xlsx with the list\'s filters', async () => {
  const p = await submitted(as.unit_clerk, { name: '导出测试项目' });
  const x = await as.fin_perf.request('GET', `/projects/export?q=${encodeURIComponent('导出测试')}`, undefined, { raw: true });
  assert.equal(x.status, 200);
  const rows = readXlsx(x.bytes).rows;
  assert.deepEqual(rows[0].slice(0, 3), ['项目编码', '项目名称', '申报单位']);
  assert.equal(rows.length, 2);
  assert.equal(rows[1][0], p.code);
  assert.equal(rows[1][3], '投资发展类');
  assert.equal(rows[1][9], '420.00');
  assert.equal((await as.sysadmin.get('/projects/export')).status, 403);
  // The assessment and review results ride along: a demo project supported in round 2.
  const name = '冠县城区雨污分流改造工程';
  const y = await as.fin_perf.request('GET', `/projects/export?q=${encodeURIComponent(name)}`, undefined, { raw: true });
  const [head, row] = readXlsx(y.bytes).rows;
  const col = (t) => row[head.indexOf(t)];
  const d = (await as.fin_perf.get(`/projects?q=${encodeURIComponent(name)}`)).body.items[0];
  const k = (await as.fin_perf.get(`/projects/${d.id}`)).body.cases.at(-1);
  assert.equal(col('评估评审结论'), '予以支持');
  assert.equal(col('评审轮次'), '2');
  assert.equal(col('综合得分'), k.combined.toFixed(2));
  assert.equal(col('审减率(%)'), k.review.cut_rate.toFixed(2));
  assert.ok(Number(col('送审金额(万元)')) > Number(col('审定金额(万元)')));
});

test('the 事前绩效评估报告 (.docx) and the experts\' score sheets (.xlsx) of a concluded case', async () => {
  const p = await submitted(as.unit_clerk, { name: '报告测试项目' });
  let k = await caseOf(as.fin_perf, p.id);
  k = (await as.fin_perf.post(`/cases/${k.id}/assign`, { expert_ids: experts, version: k.version })).body;
  assert.equal((await as.fin_perf.get(`/cases/${k.id}/report.docx`)).status, 409, 'no report before the conclusion');
  k = (await as.expert.put(`/cases/${k.id}/sheet`, { ratings: allRated(k.scheme, '良'), opinion: '建议细化实施进度', submit: true })).body;
  const other = k.experts.find((x) => x.name !== '周敏');
  k = (await as.fin_perf.put(`/cases/${k.id}/sheet`, { expert_id: other.expert_id, ratings: allRated(k.scheme, '优'), opinion: '同意', submit: true })).body;
  k = (await as.fin_perf.put(`/cases/${k.id}/review`, { version: k.version, lines: [{ item: '土建工程', submitted_fen: 420 * WAN, approved_fen: 360 * WAN, reason: '工程量核减' }] })).body;
  k = (await as.fin_perf.post(`/cases/${k.id}/conclude`, { version: k.version })).body;
  const r = await as.fin_perf.request('GET', `/cases/${k.id}/report.docx`, undefined, { raw: true });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /wordprocessingml/);
  const xml = unzip(r.bytes)['word/document.xml'].toString('utf8');
  for (const s of ['报告测试项目', '事前绩效评估及预算评审报告', '一、评估对象基本情况', '二、评估工作开展情况',
    '三、综合评估情况与结论', '四、相关建议', '五、其他问题', '附件', '立项必要性', '综合得分 90.00 分（优）',
    '予以支持', '审减率 14.29%', '周敏', '建议细化实施进度', '申报书.pdf'])
    assert.ok(xml.includes(s), s);
  const x = await as.fin_perf.request('GET', `/cases/${k.id}/sheets.xlsx`, undefined, { raw: true });
  const rows = readXlsx(x.bytes).rows;
  assert.deepEqual(rows[0], ['专家', '评估维度', '评分子项', '分值', '评级', '得分', '一票否决', '专家意见']);
  assert.equal(rows.length, 1 + 2 * 21);
  const zm = rows.filter((row) => row[0] === '周敏');
  assert.deepEqual(zm[0].slice(1, 6), ['立项必要性', '目的明确', '5.00', '良', '4.00']);
  assert.deepEqual(zm.at(-1).slice(1, 6), ['合计', '', '100.00', '', '80.00']);
  assert.equal((await as.unit_clerk.get(`/cases/${k.id}/report.docx`)).status, 403);
  assert.equal((await as.expert.get(`/cases/${k.id}/sheets.xlsx`)).status, 403);
});

test('the demo county\'s year reads as the county reported it, because its projects ran through the flow', async () => {
  const year = (await as.fin_perf.get('/meta')).body.current_year;
  const s = (await as.fin_perf.get(`/projects/stats?year=${year}&region_code=371525`)).body;
  assert.equal(s.assessed.total, 18);
  assert.equal(s.assessed.sectors, 6);
  assert.deepEqual(s.assessed.by_conclusion, { support: 10, adjust: 6, reject: 2 });
  assert.equal(s.reviewed.total, 135);
  assert.equal((s.reviewed.submitted_fen / 1e10).toFixed(1), '13.3', '13.3 亿元 submitted');
  assert.equal(s.reviewed.cut_rate.toFixed(1), '14.3');
  assert.equal(s.reviewed.submitted_fen - s.reviewed.approved_fen, s.reviewed.cut_fen);
  // Every count is backed by a case: the six 调整 projects went round again and are in the library now.
  const adjusted = (await as.fin_perf.get(`/projects?year=${year}&conclusion=support&preassess=true&page_size=100`)).body;
  assert.equal(adjusted.items.filter((p) => p.start_year === year).length, 16, '10 supported at once and 6 after revision');
  const rejected = (await as.fin_perf.get(`/projects?year=${year}&state=rejected&page_size=100`)).body.items.filter((p) => p.start_year === year);
  assert.equal(rejected.length, 2 + 4, 'two assessed and four review-only projects were not admitted');
  // The unit sees its own returned project with the reason.
  const mine = (await as.unit_clerk.get('/projects?state=returned')).body.items;
  assert.ok(mine.some((p) => /宿舍/.test(p.name) && /消防/.test(p.state_comment)), 'the return reason reaches the unit');
});
