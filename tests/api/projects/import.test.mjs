// The project import (docs/api-projects.md "Import"): the template, a multi-year project from two
// rows, every error of every row at once with nothing written, and who may import.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, hasChinese, until } from '../lib/harness.mjs';
import { readXlsx } from '../../lib/xlsx-read.mjs';
import { makeXlsx } from '../../lib/xlsx.mjs';
import { signInAll } from '../org/org-lib.mjs';
import { WAN } from './projects-lib.mjs';

let server;
let as;
before(async () => {
  server = await startServer();
  as = await signInAll(server);
});
after(async () => { await server?.close(); });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['项目名称', '申报单位', '单位行政区划代码', '项目类别', '项目或政策', '预算类型', '支出功能分类', '行业领域', '专项领域标签',
  '新增或延续', '起始年度', '结束年度', '资金年度', '本级财政（万元）', '上级转移支付（万元）', '专项债券（万元）', '其他资金（万元）',
  '项目概述', '立项依据', '联系人', '联系电话'];
const sheet = (rows) => makeXlsx([{ name: '项目', rows: [HEADER, ...rows] }]);
const tag = () => Date.now().toString(36).slice(-5);

async function upload(who, bytes) {
  const r = await who.request('POST', '/projects/import', bytes, { headers: { 'content-type': XLSX } });
  if (r.status !== 202) return { status: r.status, body: r.body, job: null };
  const job = await until(async () => {
    const j = await who.get(`/jobs/${r.body.job_id}`);
    return ['succeeded', 'failed', 'cancelled'].includes(j.body.state) ? j.body : null;
  }, { timeoutMs: 60_000, what: 'the import job' });
  return { status: 202, job };
}

const total = async (who) => (await who.get('/projects?page_size=1')).body.total;

test('the template: the data sheet with every column, a 说明 sheet; only for applicants', async () => {
  const r = await as.unit_clerk.request('GET', '/projects/import/template', undefined, { raw: true });
  assert.equal(r.status, 200);
  const x = readXlsx(r.bytes);
  assert.ok(x.names.includes('说明'));
  assert.equal(x.rows[0][0], '*项目名称');
  assert.equal(x.rows[0].length, HEADER.length);
  assert.equal((await as.fin_perf.get('/projects/import/template')).status, 403);
  assert.equal((await as.expert.request('POST', '/projects/import', Buffer.from('x'), { headers: { 'content-type': XLSX } })).status, 403);
});

test('a two-year project from two rows and a one-year one become drafts of the unit, amounts exact', async () => {
  const t = tag();
  const before = await total(as.unit_clerk);
  const name = `导入抗震加固${t}`;
  const r = await upload(as.unit_clerk, sheet([
    [name, '', '', '投资发展类', '项目', '一般公共预算', '2050204', '教育', '政府采购', '新增', '2027', '2028', '2027', '300.1234', '', '', '', '对教学楼进行抗震加固和内部改造。', '校舍安全文件', '刘洋', '0635-5210002'],
    [name, '', '', '投资发展类', '项目', '一般公共预算', '2050204', '教育', '政府采购', '新增', '2027', '2028', '2028', '', '120', '', '', '', '', '', ''],
    [`导入设备更新${t}`, '冠县第一中学', '371525', '特定目标类', '', '一般公共预算', '2050204', 'education', '', '延续', '2027', '2027', '2027', '1,000', '', '', '0.5', '', '', '', ''],
  ]));
  assert.equal(r.job.state, 'succeeded', JSON.stringify(r.job));
  assert.equal(r.job.result.written, 3, JSON.stringify(r.job.result));
  assert.equal(await total(as.unit_clerk), before + 2);
  const mine = (await as.unit_clerk.get(`/projects?q=${encodeURIComponent(t)}&page_size=10`)).body.items;
  const p = mine.find((x) => x.name === name);
  assert.equal(p.state, 'draft');
  assert.equal(p.start_year, 2027);
  assert.equal(p.end_year, 2028);
  assert.deepEqual(p.tags, ['procurement']);
  assert.deepEqual(p.amounts.map((a) => [a.year, a.source, a.requested_fen]), [[2027, 'local', 3001234 * 100], [2028, 'transfer', 120 * WAN]]);
  const q = mine.find((x) => x.name === `导入设备更新${t}`);
  assert.equal(q.is_new, false);
  assert.equal(q.requested_total_fen, 1000 * WAN + WAN / 2);
  // Drafts carry on like any other: the unit can submit one after adding its 申报书.
  const d = (await as.unit_clerk.get(`/projects/${p.id}`)).body;
  assert.equal(d.description, '对教学楼进行抗震加固和内部改造。');
});

test('every error of every row at once, the report to download, and nothing written', async () => {
  const t = tag();
  const before = await total(as.unit_clerk);
  const r = await upload(as.unit_clerk, sheet([
    [`坏行一${t}`, '', '', '投资发展类', '', '一般公共预算', '2050204', '不存在的行业', '', '新增', '2027', '2027', '2027', '-5', '', '', '', '', '', '', ''],
    [`坏行二${t}`, '冠县人民医院', '371525', '运转类', '', '一般公共预算', '9999999', '卫生健康', '', '新增', '2027', '2026', '2027', '10', '', '', '', '', '', '', ''],
    [`好行${t}`, '', '', '运转类', '', '一般公共预算', '2050204', '教育', '', '新增', '2027', '2027', '2027', '10', '', '', '', '', '', '', ''],
    [`好行${t}`, '', '', '运转类', '', '一般公共预算', '2050204', '教育', '', '新增', '2027', '2027', '2027', '11', '', '', '', '', '', '', ''],
  ]));
  assert.equal(r.job.state, 'succeeded', JSON.stringify(r.job));
  const errs = r.job.result.errors;
  const at = (row, column) => errs.find((e) => e.row === row && e.column === column);
  assert.ok(at(2, '行业领域'), JSON.stringify(errs));
  assert.ok(at(2, '本级财政（万元）'), JSON.stringify(errs));
  assert.ok(at(3, '支出功能分类') || at(3, '结束年度'), JSON.stringify(errs));
  assert.ok(at(3, '申报单位'), 'a unit outside the clerk\'s scope: ' + JSON.stringify(errs));
  assert.ok(at(5, '资金年度'), 'the same year twice: ' + JSON.stringify(errs));
  assert.ok(errs.every((e) => hasChinese(e.message)));
  assert.equal(await total(as.unit_clerk), before, 'nothing written');
  assert.ok(r.job.result.files.find((f) => f.name === 'errors.xlsx'));
  const report = await as.unit_clerk.request('GET', `/jobs/${r.job.id}/files/errors.xlsx`, undefined, { raw: true });
  assert.equal(report.status, 200);
  assert.ok(readXlsx(report.bytes).rows.length > errs.length - 1);
});

test('not a spreadsheet, an empty body, a file too large', async () => {
  const before = await total(as.unit_clerk);
  const junk = await upload(as.unit_clerk, Buffer.from('%PDF-1.4 not a workbook'));
  assert.equal(junk.job.state, 'succeeded');
  assert.ok(junk.job.result.errors.length > 0 && hasChinese(junk.job.result.errors[0].message));
  assert.equal((await as.unit_clerk.request('POST', '/projects/import', Buffer.alloc(0), { headers: { 'content-type': XLSX } })).status, 422);
  assert.equal((await as.unit_clerk.request('POST', '/projects/import', Buffer.alloc(6 * 1024 * 1024, 1), { headers: { 'content-type': XLSX } })).status, 413);
  assert.equal(await total(as.unit_clerk), before);
});
