// Reference data (versioned by year) and budget years: docs/api-org.md "Reference data".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, hasChinese } from '../lib/harness.mjs';
import { signInAll, newUscc, allOrgs, byName } from './org-lib.mjs';

let server;
let as;
before(async () => {
  server = await startServer();
  as = await signInAll(server);
});
after(async () => { await server?.close(); });

const codes = (r) => r.body.items.map((i) => i.code);
const item = (r, code) => r.body.items.find((i) => i.code === code);

test('kinds: the eight kinds with Chinese names', async () => {
  const r = await as.unit_clerk.get('/ref/kinds');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.map((k) => k.kind), ['func_class', 'econ_class', 'gov_econ_class', 'budget_type',
    'project_category', 'sector', 'special_tag', 'funding_source']);
  for (const k of r.body) assert.ok(hasChinese(k.name), k.kind);
});

test('支出功能分类: every 类 of DOMAIN.md §9.1, 款 and 项 under their parents, versioned by year', async () => {
  const y26 = await as.fin_perf.get('/ref/func_class?year=2026');
  assert.equal(y26.status, 200);
  const lei = y26.body.items.filter((i) => i.level === 1).map((i) => i.code);
  assert.deepEqual(lei, ['201', '202', '203', '204', '205', '206', '207', '208', '209', '210', '211', '212', '213',
    '214', '215', '216', '217', '219', '220', '221', '222', '223', '224', '227', '229', '230', '231', '232', '233']);
  assert.equal(item(y26, '205').name, '教育支出');
  assert.equal(item(y26, '20502').parent_code, '205');
  assert.equal(item(y26, '2050202').name, '小学教育');
  assert.equal(item(y26, '2050202').level, 3);
  // 234 抗疫特别国债 only in 2020; 21305 renamed in 2021.
  const y20 = await as.fin_perf.get('/ref/func_class?year=2020');
  assert.ok(codes(y20).includes('234'));
  assert.equal(item(y20, '21305').name, '扶贫');
  assert.equal(item(y26, '21305').name, '巩固脱贫攻坚成果衔接乡村振兴');
  const all = await as.fin_perf.get('/ref/func_class?all=1&q=21305');
  assert.deepEqual(all.body.items.map((i) => [i.from_year, i.to_year]), [[2020, 2020], [2021, null]]);
  // Without a year: the current budget year (2026 executing in the demo).
  assert.equal((await as.fin_perf.get('/ref/func_class')).body.year, 2026);
  const q = await as.fin_perf.get(`/ref/func_class?year=2026&q=${encodeURIComponent('教育')}`);
  assert.ok(q.body.items.every((i) => i.name.includes('教育')));
  assert.ok(q.body.total >= 8);
});

test('the other kinds: 四本预算, categories, sectors with their 功能分类, tags, funding sources', async () => {
  const get = async (k) => (await as.dept_admin.get(`/ref/${k}?year=2026`)).body.items;
  assert.deepEqual((await get('budget_type')).map((i) => i.name), ['一般公共预算', '政府性基金预算', '国有资本经营预算', '社会保险基金预算']);
  const cat = await get('project_category');
  assert.deepEqual(cat.map((i) => i.code), ['personnel', 'operating', 'specific', 'investment']);
  assert.equal(cat[3].parent_code, 'specific');
  const sectors = await get('sector');
  assert.equal(sectors.length, 18);
  for (const n of ['教育', '卫生健康', '农业农村', '城市管理与环卫', '交通运输', '水利', '社会保障', '一般公共服务', '城市建设'])
    assert.ok(sectors.some((s) => s.name === n), n);
  assert.equal(sectors.find((s) => s.code === 'education').attrs.func_class, '205');
  assert.deepEqual((await get('special_tag')).map((i) => i.name), ['政府专项债券', '政府采购', '政府购买服务', '国有资产']);
  assert.deepEqual((await get('funding_source')).map((i) => i.name), ['本级财政', '上级转移支付', '专项债券', '其他']);
  assert.equal((await as.dept_admin.get('/ref/nope')).status, 404);
  assert.equal((await as.dept_admin.get('/ref/sector?year=1999')).status, 422);
});

test('create: field errors in Chinese, duplicates refused, nothing stored on failure', async () => {
  const before = (await as.sysadmin.get('/ref/func_class?all=1')).body.total;
  const bad = [
    [{ code: '2a5', name: '错', from_year: 2026 }, 'code'],
    [{ code: '2059', name: '四位', from_year: 2026 }, 'code'],
    [{ code: '20599', name: '上级不对', parent_code: '204', from_year: 2026 }, 'parent_code'],
    [{ code: '21899', name: '上级不存在', parent_code: '218', from_year: 2026 }, 'parent_code'],
    [{ code: '218', name: '', from_year: 2026 }, 'name'],
    [{ code: '218', name: '年度不对', from_year: 1990 }, 'from_year'],
  ];
  for (const [body, field] of bad) {
    const r = await as.sysadmin.post('/ref/func_class', body);
    assert.equal(r.status, 422, JSON.stringify(body) + r.text);
    const d = r.body.error.details.find((x) => x.field === field);
    assert.ok(d && hasChinese(d.message), `${field}: ${r.text}`);
  }
  const dup = await as.sysadmin.post('/ref/func_class', { code: '205', name: '教育支出', from_year: 2027 });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.error.code, 'ref_exists');
  assert.equal((await as.sysadmin.get('/ref/func_class?all=1')).body.total, before);
  assert.equal((await as.fin_perf.post('/ref/func_class', { code: '218', name: '测试', from_year: 2026 })).status, 403);
});

test('rename from a year keeps the old name for earlier years; retire ends the item and its descendants', async () => {
  const mk = async (code, name, parent_code) => {
    const r = await as.sysadmin.post('/ref/func_class', { code, name, parent_code, from_year: 2024 });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  await mk('218', '测试类');
  await mk('21801', '测试款', '218');
  await mk('2180101', '测试项', '21801');
  const ren = await as.sysadmin.put('/ref/func_class/21801', { name: '测试款（新）', from_year: 2026 });
  assert.equal(ren.status, 200, ren.text);
  assert.equal(ren.body.from_year, 2026);
  assert.equal(item(await as.sysadmin.get('/ref/func_class?year=2025&q=218'), '21801').name, '测试款');
  assert.equal(item(await as.sysadmin.get('/ref/func_class?year=2026&q=218'), '21801').name, '测试款（新）');
  // The version starting 2026 is ended when the whole 类 is retired from 2027.
  const early = await as.sysadmin.post('/ref/func_class/218/retire', { year: 2024 });
  assert.equal(early.status, 422, 'cannot retire from the year it starts');
  const later = await as.sysadmin.post('/ref/func_class/218/retire', { year: 2026 });
  assert.equal(later.status, 422, '21801 has a version starting 2026');
  const ret = await as.sysadmin.post('/ref/func_class/218/retire', { year: 2027 });
  assert.equal(ret.status, 200, ret.text);
  assert.equal(ret.body.retired, 3);
  assert.deepEqual(codes(await as.sysadmin.get('/ref/func_class?year=2027&q=218')), []);
  assert.deepEqual(codes(await as.sysadmin.get('/ref/func_class?year=2026&q=218')), ['218', '21801', '2180101']);
  assert.equal((await as.sysadmin.put('/ref/func_class/999', { name: 'x', from_year: 2026 })).status, 404);
  const logs = await as.auditadmin.get('/audit/logs?action=ref.retire&page_size=10');
  assert.equal(logs.status, 200);
  assert.ok(logs.body.items.some((l) => l.object_id === 'func_class:2180101'), 'each retired item is audited');
});

test('an organization\'s sector must be a sector of the reference data', async () => {
  const orgs = await allOrgs(as.sysadmin);
  const edu = byName(orgs, '冠县教育和体育局');
  const bad = await as.sysadmin.post('/org/units', { kind: 'unit', name: '行业测试学校', code: '111950', uscc: newUscc(),
    parent_id: edu.id, unit_type: '事业单位', sector_code: '205' });
  assert.equal(bad.status, 422);
  assert.ok(bad.body.error.details.some((d) => d.field === 'sector_code' && hasChinese(d.message)));
  const good = await as.sysadmin.post('/org/units', { kind: 'unit', name: '行业测试学校', code: '111950', uscc: newUscc(),
    parent_id: edu.id, unit_type: '事业单位', sector_code: 'education' });
  assert.equal(good.status, 201, good.text);
  assert.equal(edu.sector_code, 'education');
});

test('budget years: the demo county\'s three years, /meta offers them, one step forward at a time', async () => {
  const r = await as.unit_clerk.get('/ref/years');
  assert.equal(r.status, 200);
  assert.equal(r.body.region_code, '371525');
  assert.deepEqual(r.body.items.map((y) => [y.year, y.state, y.state_name]),
    [[2027, 'planning', '编制中'], [2026, 'executing', '执行中'], [2025, 'closed', '已决算']]);
  const meta = await as.unit_clerk.get('/meta');
  assert.deepEqual(meta.body.years, [2025, 2026, 2027]);
  assert.equal(meta.body.current_year, 2026);

  const y27 = r.body.items[0];
  const skip = await as.sysadmin.put('/ref/years/2027', { state: 'closed', version: y27.version });
  assert.equal(skip.status, 409);
  assert.equal(skip.body.error.code, 'state_order');
  assert.ok(hasChinese(skip.body.error.message));
  assert.equal((await as.sysadmin.put('/ref/years/2027', { state: 'executing', version: y27.version + 5 })).status, 409);
  assert.equal((await as.fin_perf.put('/ref/years/2027', { state: 'executing', version: y27.version })).status, 403);
  assert.equal((await as.sysadmin.put('/ref/years/2031', { state: 'executing', version: 1 })).status, 404);
  assert.equal((await as.sysadmin.put('/ref/years/2027', { state: 'open', version: y27.version })).status, 422);
  assert.equal((await as.sysadmin.get('/ref/years')).body.items[0].state, 'planning', 'nothing changed');

  const open = await as.sysadmin.post('/ref/years', { year: 2028 });
  assert.equal(open.status, 201, open.text);
  assert.equal(open.body.state, 'planning');
  assert.equal((await as.sysadmin.post('/ref/years', { year: 2028 })).status, 409);
  assert.equal((await as.sysadmin.post('/ref/years', { year: 2028, region_code: '371500' })).status, 422, 'a city is no county');
  assert.equal((await as.sysadmin.post('/ref/years', { year: 1888 })).status, 422);
  const adv = await as.sysadmin.put('/ref/years/2028', { state: 'executing', version: open.body.version, reason: '测试' });
  assert.equal(adv.status, 200, adv.text);
  assert.equal(adv.body.state_name, '执行中');
  assert.equal((await as.unit_clerk.get('/meta')).body.current_year, 2028, 'the latest year executing');
});
