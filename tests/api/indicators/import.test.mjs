// The indicator import and export (docs/api-indicators.md): the template, new indicators from a
// sheet, an edit of an existing one from a later year (a new version), every error of every row
// at once with nothing written, the export in the template's layout that imports back unchanged,
// and who may.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, hasChinese, until } from '../lib/harness.mjs';
import { readXlsx } from '../../lib/xlsx-read.mjs';
import { makeXlsx } from '../../lib/xlsx.mjs';
import { signInAll } from '../org/org-lib.mjs';
import { indicator, tag } from './indicators-lib.mjs';

let server;
let as;
before(async () => {
  server = await startServer();
  as = await signInAll(server);
});
after(async () => { await server?.close(); });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['指标编码', '行业', '领域', '一级指标', '二级指标', '三级指标', '指标性质', '计量单位', '推荐值', '标准类型',
  '计算方法', '数据来源', '核心指标', '起始年度'];
const sheet = (rows, header = HEADER) => makeXlsx([{ name: '指标', rows: [header, ...rows] }]);

async function upload(who, bytes) {
  const r = await who.request('POST', '/indicators/import', bytes, { headers: { 'content-type': XLSX } });
  if (r.status !== 202) return { status: r.status, body: r.body, job: null };
  const job = await until(async () => {
    const j = await who.get(`/jobs/${r.body.job_id}`);
    return ['succeeded', 'failed', 'cancelled'].includes(j.body.state) ? j.body : null;
  }, { timeoutMs: 60_000, what: 'the import job' });
  return { status: 202, job };
}

const total = async (q) => (await as.fin_perf.get(`/indicators?status=all&q=${encodeURIComponent(q)}`)).body.total;

test('the template: every column with a 说明 sheet; only for the bureau', async () => {
  const r = await as.fin_perf.request('GET', '/indicators/import/template', undefined, { raw: true });
  assert.equal(r.status, 200);
  const x = readXlsx(r.bytes);
  assert.ok(x.names.includes('说明'));
  assert.deepEqual(x.rows[0].map((c) => c.replace(/^\*/, '')), HEADER);
  assert.equal(x.rows[0][1], '*行业');
  for (const role of ['unit_clerk', 'expert', 'fin_business'])
    assert.equal((await as[role].get('/indicators/import/template')).status, 403, role);
  assert.equal((await as.unit_clerk.request('POST', '/indicators/import', Buffer.from('x'), { headers: { 'content-type': XLSX } })).status, 403);
});

test('new indicators from a sheet, and an edit from a later year as a new version', async () => {
  const t = tag();
  const old = (await as.fin_perf.post('/indicators', indicator({ name: `导入修改${t}`, from_year: 2025, recommended_value: '10' }))).body;
  const r = await upload(as.fin_perf, sheet([
    ['', '教育', '学前教育', '产出指标', '数量指标', `普惠性幼儿园覆盖率${t}`, '≥', '%', '85', '行业标准', '普惠性幼儿园在园幼儿数/在园幼儿总数', '教育统计年报', '是', '2027'],
    ['', 'health', '公共卫生', '满意度指标', '服务对象满意度指标', `群众满意度${t}`, '定性', '', '满意', '', '', '问卷', '', '2027'],
    [old.code, '教育', '义务教育', '产出指标', '数量指标', `导入修改${t}`, '≥', '人', '20', '计划标准', old.method, old.data_source, '是', '2027'],
  ]));
  assert.equal(r.job.state, 'succeeded', JSON.stringify(r.job));
  assert.equal(r.job.result.written, 3, JSON.stringify(r.job.result));
  assert.equal(r.job.result.errors.length, 0);
  const rows = (await as.fin_perf.get(`/indicators?year=2027&q=${t}&sort=name`)).body.items;
  assert.equal(rows.length, 3);
  const kg = rows.find((x) => x.name === `普惠性幼儿园覆盖率${t}`);
  assert.match(kg.code, /^JY-\d{4}$/);
  assert.deepEqual([kg.field, kg.nature, kg.unit, kg.recommended_value, kg.basis, kg.is_core, kg.status], ['学前教育', '>=', '%', '85', 'industry', true, 'active']);
  const my = rows.find((x) => x.name === `群众满意度${t}`);
  assert.deepEqual([my.sector, my.nature, my.basis, my.is_core], ['health', 'qual', 'plan', false]);
  const edited = rows.find((x) => x.code === old.code);
  assert.equal(edited.recommended_value, '20');
  assert.equal(edited.from_year, 2027);
  assert.equal((await as.fin_perf.get(`/indicators/${old.id}`)).body.to_year, 2026);
});

test('every error of every row at once, the report to download, and nothing written', async () => {
  const t = tag();
  const r = await upload(as.fin_perf, sheet([
    ['', '航天', '', '产出指标', '数量指标', `坏行业${t}`, '≥', '个', '1', '', '', '', '', '2027'],
    ['', '教育', '', '产出指标', '数量指标', `缺单位${t}`, '≥', '', '很多', '', '', '', '', '2027'],
    ['', '教育', '', '投入指标', '数量指标', `坏一级${t}`, '≥', '个', '1', '', '', '', '', '2027'],
    ['', '教育', '', '产出指标', '数量指标', `好行${t}`, '≥', '个', '1', '', '', '', '', '2027'],
    ['', '教育', '', '产出指标', '数量指标', `好行${t}`, '≥', '个', '2', '', '', '', '', '2027'],
    ['XX-9999', '教育', '', '产出指标', '数量指标', `坏编码${t}`, '≥', '个', '1', '', '', '', '', '2027'],
    ['', '教育', '', '产出指标', '数量指标', `坏年度${t}`, '≥', '个', '1', '', '', '', '', '27'],
  ]));
  assert.equal(r.job.state, 'succeeded', JSON.stringify(r.job));
  const errs = r.job.result.errors;
  const at = (row, column) => errs.find((e) => e.row === row && e.column === column);
  assert.ok(at(2, '行业'), JSON.stringify(errs));
  assert.ok(at(3, '计量单位') && at(3, '推荐值'), JSON.stringify(errs));
  assert.ok(at(4, '一级指标'), JSON.stringify(errs));
  assert.ok(at(6, '三级指标'), 'the same name twice in the file: ' + JSON.stringify(errs));
  assert.ok(at(7, '指标编码'), JSON.stringify(errs));
  assert.ok(at(8, '起始年度'), JSON.stringify(errs));
  assert.ok(!errs.some((e) => e.row === 5), 'the good row has no error');
  assert.ok(errs.every((e) => hasChinese(e.message)));
  assert.equal(r.job.result.written, 0);
  assert.equal(await total(t), 0, 'nothing written');
  assert.ok(r.job.result.files.find((f) => f.name === 'errors.xlsx'));
  const report = await as.fin_perf.request('GET', `/jobs/${r.job.id}/files/errors.xlsx`, undefined, { raw: true });
  assert.equal(report.status, 200);
  assert.ok(readXlsx(report.bytes).rows.length > errs.length - 1);
  // A sheet that is not the template.
  const wrong = await upload(as.fin_perf, sheet([['x']], ['名称']));
  assert.ok(wrong.job.result.errors.length > 0);
  assert.equal((await as.fin_perf.request('POST', '/indicators/import', Buffer.alloc(0), { headers: { 'content-type': XLSX } })).status, 422);
  assert.equal((await as.fin_perf.request('POST', '/indicators/import', Buffer.alloc(6 * 1024 * 1024, 1), { headers: { 'content-type': XLSX } })).status, 413);
});

test('export: the list\'s filters in the template layout; it imports back unchanged', async () => {
  const t = tag();
  for (const n of ['甲', '乙'])
    assert.equal((await as.fin_perf.post('/indicators', indicator({ name: `导出${n}${t}`, field: '导出领域' }))).status, 201);
  await as.fin_perf.post('/indicators', indicator({ sector: 'water', field: '水利', name: `导出丙${t}`, unit: '公里', recommended_value: '12.5' }));
  const r = await as.expert.request('GET', `/indicators/export?year=2027&sector=education&q=${encodeURIComponent(t)}`, undefined, { raw: true });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), XLSX);
  const x = readXlsx(r.bytes);
  assert.deepEqual(x.rows[0], HEADER);
  assert.equal(x.rows.length, 3);
  const row = x.rows.find((c) => c[5] === `导出甲${t}`);
  assert.deepEqual(row.slice(1, 10), ['教育', '导出领域', '产出指标', '数量指标', `导出甲${t}`, '≥', '人', '1200', '计划标准']);
  assert.equal(row[12], '是');
  assert.equal(row[13], '2027');
  assert.equal((await as.fin_perf.get('/indicators/export?sort=size')).status, 422);
  assert.equal((await as.sysadmin.get('/indicators/export')).status, 403);
  // Back in: nothing changes.
  const back = await upload(as.fin_perf, sheet(x.rows.slice(1)));
  assert.equal(back.job.state, 'succeeded', JSON.stringify(back.job));
  assert.equal(back.job.result.errors.length, 0, JSON.stringify(back.job.result.errors));
  const after = (await as.fin_perf.get(`/indicators?status=all&q=${encodeURIComponent(t)}`)).body.items;
  assert.equal(after.length, 3);
  assert.ok(after.every((i) => i.version === 1));
});

test('a shipped indicator\'s code in the sheet gives the county its own version; other rows of the export stay', async (t) => {
  const x = (await as.fin_perf.request('GET', '/indicators/export?year=2027&sector=water', undefined, { raw: true }));
  const rows = readXlsx(x.bytes).rows.slice(1);
  const shipped = (await as.fin_perf.get('/indicators?year=2027&sector=water&page_size=200')).body.items.filter((i) => i.shipped);
  if (shipped.length < 2) return t.skip('the starter library (migration 0013) is not in this build');
  assert.equal(rows.length, (await as.fin_perf.get('/indicators?year=2027&sector=water&page_size=1')).body.total);
  const row = rows.find((r) => r[0] === shipped[0].code);
  row[10] = '本县口径：按县水利局年度台账统计';
  row[13] = '2027';
  const own = async () => (await as.fin_perf.get('/indicators?year=2027&sector=water&page_size=200')).body.items.filter((i) => !i.shipped).length;
  const before = await own();
  const r = await upload(as.fin_perf, sheet(rows));
  assert.equal(r.job.state, 'succeeded', JSON.stringify(r.job));
  assert.equal(r.job.result.errors.length, 0, JSON.stringify(r.job.result.errors));
  const now = (await as.fin_perf.get(`/indicators?year=2027&q=${shipped[0].code}`)).body.items;
  assert.equal(now.length, 1);
  assert.deepEqual([now[0].region_code, now[0].from_year, now[0].method], ['371525', 2027, '本县口径：按县水利局年度台账统计']);
  assert.equal((await as.fin_perf.get(`/indicators/${shipped[0].id}`)).body.version, shipped[0].version, 'the shipped row is untouched');
  assert.equal(await own(), before + 1, 'only the changed row has a county version');
});
