// The indicator library (docs/api-indicators.md): the tree of a year, creating, listing and
// reading indicators, versions by year, proposals approved or rejected with their history,
// retirement, and who may do what (403) and see what (404), including another county's rows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, hasChinese } from '../lib/harness.mjs';
import { signInAll } from '../org/org-lib.mjs';
import { indicator, tag, otherCountyManager } from './indicators-lib.mjs';

let server;
let as;
before(async () => {
  server = await startServer();
  as = await signInAll(server);
});
after(async () => { await server?.close(); });

const fields = (r) => (r.body?.error?.details ?? []).map((d) => d.field);
const count = async (who, q, extra = '') => (await who.get(`/indicators?q=${encodeURIComponent(q)}&status=all${extra}`)).body.total;

test('tree: 101号 from 2022 and 88号 before by default, with roles', async () => {
  const t = await as.expert.get('/indicators/tree?year=2027');
  assert.equal(t.status, 200);
  assert.equal(t.body.value.scheme, '101');
  assert.equal(t.body.version, 0);
  assert.equal(t.body.default, true);
  assert.equal(t.body.region_code, '371525');
  assert.deepEqual(t.body.value.items.map((i) => [i.level1, i.role]), [['成本指标', 'cost'], ['产出指标', 'output'], ['效益指标', 'benefit'], ['满意度指标', 'satisfaction']]);
  assert.deepEqual(t.body.value.items[0].children.map((c) => c.role), ['cost', 'cost', 'cost']);
  const old = await as.unit_clerk.get('/indicators/tree?year=2021');
  assert.equal(old.body.value.scheme, '88');
  const out = old.body.value.items.find((i) => i.role === 'output');
  assert.deepEqual(out.children.find((c) => c.level2 === '成本指标'), { level2: '成本指标', role: 'cost' });
  assert.equal((await as.expert.get('/indicators/tree?year=1999')).status, 422);
  assert.equal((await as.sysadmin.get('/indicators/tree?year=2027')).status, 403);
});

test('tree: the county sets its own for a year; malformed trees are refused and nothing is stored', async () => {
  const cur = (await as.fin_perf.get('/indicators/tree?year=2030')).body;
  const custom = structuredClone(cur.value);
  custom.scheme = 'custom';
  custom.items[1].children.push({ level2: '覆盖指标', role: 'quantity' });
  const bad = structuredClone(custom);
  bad.items[2].role = 'profit';
  bad.items[1].children[0].level2 = '';
  const r1 = await as.fin_perf.put('/indicators/tree?year=2030', { value: bad, version: 0 });
  assert.equal(r1.status, 422);
  assert.ok(fields(r1).includes('value.items.2.role'), r1.text);
  assert.ok(fields(r1).includes('value.items.1.children.0.level2'), r1.text);
  assert.ok(hasChinese(r1.body.error.details[0].message));
  const noBenefit = structuredClone(custom);
  noBenefit.items.splice(2, 1);
  const r2 = await as.fin_perf.put('/indicators/tree?year=2030', { value: noBenefit, version: 0 });
  assert.equal(r2.status, 422);
  assert.ok(fields(r2).includes('value.items'));
  assert.equal((await as.fin_perf.get('/indicators/tree?year=2030')).body.version, 0, 'nothing stored');
  assert.equal((await as.unit_clerk.put('/indicators/tree?year=2030', { value: custom, version: 0 })).status, 403);
  assert.equal((await as.fin_perf.put('/indicators/tree', { value: custom, version: 0 })).status, 422, 'year is required');
  const ok = await as.fin_perf.put('/indicators/tree?year=2030', { value: custom, version: 0 });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.version, 1);
  assert.equal(ok.body.value.scheme, 'custom');
  assert.ok(ok.body.value.items[1].children.some((c) => c.level2 === '覆盖指标'));
  assert.equal((await as.fin_perf.put('/indicators/tree?year=2030', { value: custom, version: 0 })).status, 409);
  // Other years keep the default; the new 二级 is usable in 2030 only.
  assert.equal((await as.fin_perf.get('/indicators/tree?year=2029')).body.default, true);
  const in2030 = await as.fin_perf.post('/indicators', indicator({ level2: '覆盖指标', from_year: 2030 }));
  assert.equal(in2030.status, 201, in2030.text);
  const in2029 = await as.fin_perf.post('/indicators', indicator({ level2: '覆盖指标', from_year: 2029 }));
  assert.equal(in2029.status, 422);
  assert.deepEqual(fields(in2029), ['level2']);
});

test('create, read, list with filters and paging, and the 领域 of a sector', async () => {
  const t = tag();
  const c = await as.fin_perf.post('/indicators', indicator({ name: `义务教育巩固率${t}`, unit: '%', recommended_value: '99.5' }));
  assert.equal(c.status, 201, c.text);
  const x = c.body;
  assert.match(x.code, /^JY-\d{4}$/);
  assert.equal(x.status, 'active');
  assert.equal(x.region_code, '371525');
  assert.equal(x.sector_name, '教育');
  assert.equal(x.from_year, 2027);
  assert.equal(x.to_year, null);
  assert.equal(x.usage_count, 0);
  assert.equal(x.versions.length, 1);
  const c2 = await as.fin_perf.post('/indicators', indicator({ name: `校舍安全事故${t}`, field: '校舍安全', nature: 'qual', unit: '', recommended_value: '无', is_core: false, level2: '质量指标' }));
  assert.equal(c2.status, 201, c2.text);
  assert.notEqual(c2.body.code, x.code);
  const h = await as.fin_perf.post('/indicators', indicator({ sector: 'health', field: '公共卫生', name: `孕产妇系统管理率${t}`, unit: '%', recommended_value: '90' }));
  assert.match(h.body.code, /^WS-\d{4}$/);
  // Every reader sees the county's active rows.
  const d = await as.expert.get(`/indicators/${x.id}`);
  assert.equal(d.status, 200);
  assert.equal(d.body.name, `义务教育巩固率${t}`);
  const list = await as.oversight.get(`/indicators?year=2027&q=${t}`);
  assert.equal(list.body.total, 3);
  assert.deepEqual(list.body.items.map((i) => i.code), [...list.body.items.map((i) => i.code)].sort());
  const sector = await as.fin_perf.get(`/indicators?year=2027&q=${t}&sector=education`);
  assert.equal(sector.body.total, 2);
  assert.equal((await as.fin_perf.get(`/indicators?year=2027&q=${t}&nature=qual`)).body.items[0].name, `校舍安全事故${t}`);
  assert.equal((await as.fin_perf.get(`/indicators?year=2027&q=${t}&is_core=true`)).body.total, 2);
  assert.equal((await as.fin_perf.get(`/indicators?year=2027&q=${t}&level2=质量指标`)).body.total, 1);
  assert.equal((await as.fin_perf.get(`/indicators?year=2027&q=${t}&field=校舍安全`)).body.total, 1);
  assert.equal((await as.fin_perf.get(`/indicators?year=2027&q=${x.code}`)).body.items[0].id, x.id, 'q matches the code');
  assert.equal((await as.fin_perf.get(`/indicators?year=2026&q=${t}`)).body.total, 0, 'not in force before its first year');
  const page = await as.fin_perf.get(`/indicators?year=2027&q=${t}&page_size=1&page=2&sort=name`);
  assert.equal(page.body.total, 3);
  assert.equal(page.body.items.length, 1);
  for (const bad of ['sort=size', 'status=gone', 'nature=~', 'is_core=yes', 'year=abc', 'page_size=0'])
    assert.equal((await as.fin_perf.get(`/indicators?${bad}`)).status, 422, bad);
  const f = await as.unit_clerk.get('/indicators/fields?sector=education');
  assert.equal(f.status, 200);
  assert.ok(f.body.items.includes('义务教育') && f.body.items.includes('校舍安全'));
  assert.ok(!f.body.items.includes('公共卫生'));
});

test('bad input names the field in Chinese and stores nothing; a role that may not gets 403', async () => {
  const t = tag();
  const cases = [
    [{ name: '' }, 'name'],
    [{ name: '长'.repeat(61) }, 'name'],
    [{ nature: 'about' }, 'nature'],
    [{ unit: '' }, 'unit'],
    [{ recommended_value: '很多' }, 'recommended_value'],
    [{ basis: 'guess' }, 'basis'],
    [{ sector: 'space' }, 'sector'],
    [{ level1: '投入指标' }, 'level1'],
    [{ level2: '成本指标' }, 'level2'],
    [{ from_year: 1990 }, 'from_year'],
    [{ is_core: 'yes' }, 'is_core'],
  ];
  for (const [over, field] of cases) {
    const r = await as.fin_perf.post('/indicators', indicator({ name: `坏指标${t}`, ...over }));
    assert.equal(r.status, 422, `${field}: ${r.text}`);
    assert.ok(fields(r).includes(field), `${field}: ${r.text}`);
    assert.ok(r.body.error.details.every((e) => hasChinese(e.message)));
  }
  assert.equal(await count(as.fin_perf, t), 0, 'nothing stored');
  // The same name under the same sector and 二级 is refused.
  const first = await as.fin_perf.post('/indicators', indicator({ name: `重复指标${t}` }));
  assert.equal(first.status, 201);
  const again = await as.fin_perf.post('/indicators', indicator({ name: `重复指标${t}` }));
  assert.equal(again.status, 422);
  assert.deepEqual(fields(again), ['name']);
  assert.ok(again.body.error.details[0].message.includes(first.body.code));
  for (const role of ['fin_business', 'fin_review', 'expert', 'third_party', 'oversight', 'sysadmin'])
    assert.equal((await as[role].post('/indicators', indicator({ name: `无权${t}` }))).status, 403, role);
  assert.equal(await count(as.fin_perf, `无权${t}`), 0);
});

test('versions by year: an edit in the first year changes the row, a later one opens a new version', async () => {
  const t = tag();
  const c = (await as.fin_perf.post('/indicators', indicator({ name: `培训人次${t}`, from_year: 2025, recommended_value: '100' }))).body;
  const same = await as.fin_perf.put(`/indicators/${c.id}`, { recommended_value: '120', year: 2025, version: c.version });
  assert.equal(same.status, 200, same.text);
  assert.equal(same.body.id, c.id);
  assert.equal(same.body.version, c.version + 1);
  assert.equal(same.body.recommended_value, '120');
  const stale = await as.fin_perf.put(`/indicators/${c.id}`, { recommended_value: '130', year: 2027, version: c.version });
  assert.equal(stale.status, 409);
  const early = await as.fin_perf.put(`/indicators/${c.id}`, { recommended_value: '130', year: 2024, version: same.body.version });
  assert.equal(early.status, 422);
  assert.deepEqual(fields(early), ['year']);
  const noYear = await as.fin_perf.put(`/indicators/${c.id}`, { recommended_value: '130', version: same.body.version });
  assert.deepEqual(fields(noYear), ['year']);
  const badValue = await as.fin_perf.put(`/indicators/${c.id}`, { recommended_value: 'abc', year: 2027, version: same.body.version });
  assert.deepEqual(fields(badValue), ['recommended_value']);
  assert.equal((await as.fin_perf.get(`/indicators/${c.id}`)).body.to_year, null, 'nothing stored');
  assert.equal((await as.dept_admin.put(`/indicators/${c.id}`, { recommended_value: '1', year: 2027, version: same.body.version })).status, 403);
  const next = await as.fin_perf.put(`/indicators/${c.id}`, { recommended_value: '150', year: 2027, version: same.body.version });
  assert.equal(next.status, 200, next.text);
  assert.notEqual(next.body.id, c.id);
  assert.equal(next.body.code, c.code);
  assert.equal(next.body.from_year, 2027);
  assert.equal(next.body.to_year, null);
  assert.deepEqual(next.body.versions.map((v) => [v.from_year, v.to_year, v.recommended_value]), [[2025, 2026, '120'], [2027, null, '150']]);
  const old = (await as.fin_perf.get(`/indicators/${c.id}`)).body;
  assert.equal(old.to_year, 2026);
  assert.equal(old.status, 'active');
  const in2026 = (await as.fin_perf.get(`/indicators?year=2026&q=${t}`)).body.items;
  assert.deepEqual(in2026.map((i) => i.recommended_value), ['120']);
  const in2028 = (await as.fin_perf.get(`/indicators?year=2028&q=${t}`)).body.items;
  assert.deepEqual(in2028.map((i) => [i.id, i.recommended_value]), [[next.body.id, '150']]);
  // The closed version no longer takes edits after its end.
  assert.equal((await as.fin_perf.put(`/indicators/${c.id}`, { recommended_value: '9', year: 2027, version: old.version })).status, 422);
  // An unchanged edit writes nothing.
  const noop = await as.fin_perf.put(`/indicators/${next.body.id}`, { recommended_value: '150', year: 2029, version: next.body.version });
  assert.equal(noop.body.version, next.body.version);
  assert.equal(noop.body.versions.length, 2);
});

test('retire: valid up to the year before; the latest version only; a role that may not', async () => {
  const t = tag();
  const c = (await as.fin_perf.post('/indicators', indicator({ name: `停用测试${t}`, from_year: 2025 }))).body;
  assert.equal((await as.unit_clerk.post(`/indicators/${c.id}/retire`, { year: 2028, version: c.version })).status, 403);
  const early = await as.fin_perf.post(`/indicators/${c.id}/retire`, { year: 2024, version: c.version });
  assert.equal(early.status, 422);
  assert.deepEqual(fields(early), ['year']);
  assert.equal((await as.fin_perf.post(`/indicators/${c.id}/retire`, { year: 2028 })).status, 422, 'version is required');
  assert.equal((await as.fin_perf.post(`/indicators/${c.id}/retire`, { year: 2028, version: c.version + 5 })).status, 409);
  const r = await as.fin_perf.post(`/indicators/${c.id}/retire`, { year: 2028, version: c.version });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'retired');
  assert.equal(r.body.to_year, 2027);
  assert.equal((await as.fin_perf.get(`/indicators?year=2028&q=${t}`)).body.total, 0);
  assert.equal((await as.fin_perf.get(`/indicators?year=2027&q=${t}`)).body.total, 1, 'still in force in 2027');
  assert.equal((await as.fin_perf.get(`/indicators?status=retired&q=${t}`)).body.total, 1);
  assert.equal((await as.fin_perf.post(`/indicators/${c.id}/retire`, { year: 2028, version: r.body.version })).status, 409);
  assert.equal((await as.fin_perf.put(`/indicators/${c.id}`, { name: 'x', year: 2026, version: r.body.version })).status, 409);
});

test('proposals: a unit proposes, sees only its own; the bureau rejects with a reason or approves, with history', async () => {
  const t = tag();
  const p = await as.unit_clerk.post('/indicators', indicator({ name: `实验室开放时长${t}`, unit: '小时', recommended_value: '600' }));
  assert.equal(p.status, 201, p.text);
  assert.equal(p.body.status, 'proposed');
  assert.equal(p.body.proposed_by_org_name, '冠县第一中学');
  assert.deepEqual(p.body.history.map((h) => h.action), ['create']);
  // Not in the library yet; the proposer's organization and the bureau see it, nobody else.
  assert.equal((await as.unit_clerk.get(`/indicators?year=2027&q=${t}`)).body.total, 0);
  assert.equal((await as.unit_clerk.get(`/indicators?status=proposed&q=${t}`)).body.total, 1);
  assert.equal((await as.fin_perf.get(`/indicators?status=proposed&q=${t}`)).body.total, 1);
  for (const role of ['dept_admin', 'township_finance', 'expert', 'fin_business', 'oversight']) {
    assert.equal((await as[role].get(`/indicators/${p.body.id}`)).status, 404, role);
    assert.equal((await as[role].get(`/indicators?status=proposed&q=${t}`)).body.total, 0, role);
  }
  assert.equal((await as.township_finance.put(`/indicators/${p.body.id}`, { name: `改${t}`, version: p.body.version })).status, 404);
  // The bureau's 待办.
  const todo = (await as.fin_perf.get('/todo?page_size=100')).body.items;
  assert.ok(todo.some((i) => i.doc_type === 'indicator' && i.doc_id === p.body.code), JSON.stringify(todo.slice(0, 3)));
  // The proposer edits their proposal in place.
  const e = await as.unit_clerk.put(`/indicators/${p.body.id}`, { recommended_value: '650', version: p.body.version });
  assert.equal(e.status, 200, e.text);
  assert.equal(e.body.id, p.body.id);
  assert.equal(e.body.recommended_value, '650');
  // Only the bureau reviews; a rejection needs a reason.
  assert.equal((await as.unit_clerk.post(`/indicators/${p.body.id}/approve`, { version: e.body.version })).status, 403);
  const noReason = await as.fin_perf.post(`/indicators/${p.body.id}/reject`, { comment: '', version: e.body.version });
  assert.equal(noReason.status, 422);
  assert.deepEqual(fields(noReason), ['comment']);
  assert.equal((await as.fin_perf.get(`/indicators/${p.body.id}`)).body.status, 'proposed', 'nothing stored');
  assert.equal((await as.fin_perf.post(`/indicators/${p.body.id}/reject`, { comment: '已有同类', version: 1 })).status, 409);
  const rej = await as.fin_perf.post(`/indicators/${p.body.id}/reject`, { comment: '与现有“实验课开出率”重复', version: e.body.version });
  assert.equal(rej.status, 200, rej.text);
  assert.equal(rej.body.status, 'rejected');
  const seen = (await as.unit_clerk.get(`/indicators/${p.body.id}`)).body;
  assert.equal(seen.review_comment, '与现有“实验课开出率”重复');
  assert.deepEqual(seen.history.map((h) => [h.action, h.to_state, h.comment]), [['create', 'proposed', ''], ['reject', 'rejected', '与现有“实验课开出率”重复']]);
  assert.equal((await as.unit_clerk.put(`/indicators/${p.body.id}`, { name: `再改${t}`, version: seen.version })).status, 409);
  assert.equal((await as.fin_perf.post(`/indicators/${p.body.id}/approve`, { version: seen.version })).status, 409);
  // A second proposal, from the township, approved: in the library for everyone.
  const q = await as.township_finance.post('/indicators', indicator({ sector: 'agriculture', field: '高标准农田', name: `高标准农田建设面积${t}`, unit: '亩', recommended_value: '5000' }));
  assert.equal(q.status, 201, q.text);
  assert.match(q.body.code, /^NY-\d{4}$/);
  const ok = await as.fin_perf.post(`/indicators/${q.body.id}/approve`, { comment: '采纳', version: q.body.version });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.status, 'active');
  assert.deepEqual(ok.body.history.map((h) => h.action), ['create', 'approve']);
  assert.equal((await as.expert.get(`/indicators?year=2027&q=${t}`)).body.total, 1);
  assert.equal((await as.township_finance.put(`/indicators/${q.body.id}`, { recommended_value: '1', year: 2027, version: ok.body.version })).status, 403, 'no longer a proposal');
  // 已通过 (the bureau's proposals page): the adopted proposals, newest first, paged by the server
  const adopted = await as.fin_perf.get('/indicators?year=2027&status=active&origin=proposal&sort=updated&page_size=5');
  assert.equal(adopted.status, 200, adopted.text);
  assert.equal(adopted.body.items[0].id, q.body.id);
  assert.ok(adopted.body.items.every((i) => i.proposed_by_org_id !== null));
  const stamps = adopted.body.items.map((i) => i.updated_at);
  assert.deepEqual(stamps, [...stamps].sort().reverse());
  const library = await as.fin_perf.get(`/indicators?year=2027&origin=library&q=${t}`);
  assert.equal(library.body.total, 0);
  const all = await as.fin_perf.get(`/indicators?year=2027&q=${t}`);
  assert.equal(all.body.total, 1);
  const bad = await as.fin_perf.get('/indicators?origin=someone');
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.details[0].field, 'origin');
});

test('another county: its rows and tree are its own; ours are a 404 to it and its rows to us', async () => {
  const t = tag();
  const shen = await otherCountyManager(server, as);
  const mine = (await as.fin_perf.post('/indicators', indicator({ name: `冠县指标${t}` }))).body;
  const theirs = await shen.post('/indicators', indicator({ name: `莘县指标${t}` }));
  assert.equal(theirs.status, 201, theirs.text);
  assert.equal(theirs.body.region_code, '371526');
  assert.deepEqual((await shen.get(`/indicators?year=2027&q=${t}`)).body.items.map((i) => i.name), [`莘县指标${t}`]);
  assert.deepEqual((await as.fin_perf.get(`/indicators?year=2027&q=${t}`)).body.items.map((i) => i.name), [`冠县指标${t}`]);
  assert.equal((await as.fin_perf.get(`/indicators/${theirs.body.id}`)).status, 404);
  assert.equal((await as.fin_perf.put(`/indicators/${theirs.body.id}`, { name: '改', year: 2027, version: 1 })).status, 404);
  assert.equal((await as.fin_perf.post(`/indicators/${theirs.body.id}/retire`, { year: 2028, version: 1 })).status, 404);
  assert.equal((await shen.get(`/indicators/${mine.id}`)).status, 404);
  assert.equal((await shen.post(`/indicators/${mine.id}/approve`, { version: 1 })).status, 404);
  // The same name in two counties is not a duplicate.
  assert.equal((await shen.post('/indicators', indicator({ name: `冠县指标${t}` }))).status, 201);
  const tree = (await shen.get('/indicators/tree?year=2031')).body;
  assert.equal(tree.region_code, '371526');
  const custom = structuredClone(tree.value);
  custom.scheme = 'custom';
  custom.items[2].children.push({ level2: '莘县特色效益', role: 'social' });
  assert.equal((await shen.put('/indicators/tree?year=2031', { value: custom, version: 0 })).status, 200);
  assert.equal((await as.fin_perf.get('/indicators/tree?year=2031')).body.default, true, 'ours unchanged');
});

test('a shipped indicator: the county\'s own version from a year, its retirement for the county; other counties keep it', async (t) => {
  const shipped = (await as.fin_perf.get('/indicators?year=2027&sector=education&page_size=200')).body.items.filter((i) => i.shipped);
  if (shipped.length < 2) return t.skip('the starter library (migration 0013) is not in this build');
  const [a, b] = shipped;
  const shen = await otherCountyManager(server, as);
  assert.equal((await as.unit_clerk.put(`/indicators/${a.id}`, { name: `改${tag()}`, year: 2027, version: a.version })).status, 403);
  const early = await as.fin_perf.put(`/indicators/${a.id}`, { method: '按县标准', year: 2019, version: a.version });
  assert.equal(early.status, 422);
  assert.deepEqual(fields(early), ['year']);
  const own = await as.fin_perf.put(`/indicators/${a.id}`, { method: '按本县标准核定', is_core: !a.is_core, year: 2027, version: a.version });
  assert.equal(own.status, 200, own.text);
  assert.notEqual(own.body.id, a.id);
  assert.deepEqual([own.body.code, own.body.region_code, own.body.shipped, own.body.from_year, own.body.to_year, own.body.method],
    [a.code, '371525', false, 2027, null, '按本县标准核定']);
  assert.deepEqual(own.body.versions.map((v) => [v.id, v.from_year]), [[a.id, a.from_year], [own.body.id, 2027]]);
  const still = (await as.fin_perf.get(`/indicators/${a.id}`)).body;
  assert.deepEqual([still.method, still.to_year, still.version], [a.method, null, a.version], 'the shipped row is untouched');
  const ours = async (who, year, code) => (await who.get(`/indicators?year=${year}&q=${code}`)).body.items.map((i) => i.id);
  assert.deepEqual(await ours(as.fin_perf, 2027, a.code), [own.body.id]);
  assert.deepEqual(await ours(as.fin_perf, 2026, a.code), [a.id]);
  assert.deepEqual(await ours(shen, 2027, a.code), [a.id], 'another county keeps the shipped row');
  const again = await as.fin_perf.put(`/indicators/${a.id}`, { method: '再改', year: 2028, version: a.version });
  assert.equal(again.status, 409);
  assert.equal(again.body.error.code, 'county_version_exists');
  // Retired for the county from 2028: in force up to 2027 here, everywhere else still.
  assert.equal((await as.township_finance.post(`/indicators/${b.id}/retire`, { year: 2028, version: b.version })).status, 403);
  const r = await as.fin_perf.post(`/indicators/${b.id}/retire`, { year: 2028, version: b.version });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual([r.body.code, r.body.status, r.body.region_code, r.body.from_year, r.body.to_year], [b.code, 'retired', '371525', 2028, 2027]);
  assert.deepEqual(await ours(as.fin_perf, 2028, b.code), []);
  assert.deepEqual(await ours(as.fin_perf, 2027, b.code), [b.id]);
  assert.deepEqual(await ours(shen, 2028, b.code), [b.id]);
  assert.equal((await as.fin_perf.post(`/indicators/${b.id}/retire`, { year: 2029, version: b.version })).status, 409);
  assert.equal((await as.fin_perf.get(`/indicators/${b.id}`)).body.status, 'active');
});
