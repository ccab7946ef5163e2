// Imports of organizations, users and reference data (docs/api-org.md "Import"): templates, all
// rows or none, every bad row reported, hostile files refused, job files for their owner only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startServer, signedIn, Client, hasChinese, until, DEMO_PASSWORD } from '../lib/harness.mjs';
import { readXlsx } from '../../lib/xlsx-read.mjs';
import { makeXlsx, zip } from '../../lib/xlsx.mjs';
import { signInAll, newUscc, badCheckDigit } from './org-lib.mjs';

let server;
let as;
before(async () => {
  server = await startServer();
  as = await signInAll(server);
});
after(async () => { await server?.close(); });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ORG_HEADER = ['机构类型', '名称', '简称', '预算单位编码', '统一社会信用代码', '行政区划代码', '上级单位编码', '单位性质', '行业领域', '联系人', '联系电话'];
const USER_HEADER = ['登录名', '姓名', '所属机构行政区划代码', '所属机构编码', '手机', '邮箱'];
const sheet = (rows) => makeXlsx([{ name: 'Sheet1', rows }]);

// Uploads bytes and waits for the job; returns { status, job } (job null unless 202).
async function upload(who, path, bytes) {
  const r = await who.request('POST', path, bytes, { headers: { 'content-type': XLSX } });
  if (r.status !== 202) return { status: r.status, body: r.body, job: null };
  const job = await until(async () => {
    const j = await who.get(`/jobs/${r.body.job_id}`);
    return ['succeeded', 'failed', 'cancelled'].includes(j.body.state) ? j.body : null;
  }, { timeoutMs: 60_000, what: 'the import job' });
  return { status: 202, job };
}

async function counts() {
  const orgs = (await as.sysadmin.get('/org/units?page_size=1')).body.total;
  const users = (await as.sysadmin.get('/admin/users?page_size=1')).body.total;
  const refs = (await as.sysadmin.get('/ref/func_class?all=1')).body.total;
  return { orgs, users, refs };
}

test('templates: xlsx with the data sheet and a 说明 sheet, for the right administrator only', async () => {
  for (const [type, first] of [['orgs', '*机构类型'], ['users', '*登录名']]) {
    const r = await as.sysadmin.request('GET', `/org/import/template?type=${type}`, undefined, { raw: true });
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /spreadsheetml/);
    const x = readXlsx(r.bytes);
    assert.ok(x.names.includes('说明'), x.names.join());
    assert.equal(x.rows[0][0], first);
  }
  const ref = await as.sysadmin.request('GET', '/ref/import/template?kind=func_class', undefined, { raw: true });
  assert.equal(readXlsx(ref.bytes).rows[0][0], '*编码');
  assert.equal((await as.sysadmin.get('/org/import/template?type=roles')).status, 422);
  assert.equal((await as.secadmin.get('/org/import/template?type=users')).status, 403);
  assert.equal((await as.fin_perf.get('/org/import/template?type=orgs')).status, 403);
});

test('organizations: a department and its unit (the unit names a row above) are written together', async () => {
  const before = await counts();
  const dept = newUscc('11');
  const unit = newUscc('12');
  const r = await upload(as.sysadmin, '/org/import?type=orgs', sheet([ORG_HEADER,
    ['预算部门', '冠县导入测试局', '导入局', '171', dept, '371525', '', '行政单位', '一般公共服务', '张三', '0635-5211111'],
    ['预算单位', '冠县导入测试中心', '', '171001', unit, '371525', '171', '事业单位', 'education', '', ''],
  ]));
  assert.equal(r.status, 202);
  assert.equal(r.job.state, 'succeeded', JSON.stringify(r.job));
  assert.equal(r.job.result.written, 2, JSON.stringify(r.job.result));
  assert.deepEqual(r.job.result.files, []);
  const after = await counts();
  assert.equal(after.orgs, before.orgs + 2);
  const found = await as.sysadmin.get(`/org/units?q=${encodeURIComponent('导入测试')}`);
  const d = found.body.items.find((o) => o.code === '171');
  const u = found.body.items.find((o) => o.code === '171001');
  assert.equal(u.parent_id, d.id);
  assert.equal(u.department_id, d.id);
  assert.equal(u.sector_code, 'education');
  assert.equal(d.sector_code, 'general_public');
  const detail = await as.sysadmin.get(`/org/units/${u.id}`);
  assert.equal(detail.body.history[0].action, 'create');
});

test('organizations: every bad row is reported with row, column and reason, and nothing is written', async () => {
  const before = await counts();
  const good = newUscc('12');
  const r = await upload(as.sysadmin, '/org/import?type=orgs', sheet([ORG_HEADER,
    ['预算部门', '冠县坏数据局', '', '172', badCheckDigit(newUscc('11')), '371525', '', '行政单位', '', '', ''], // row 2: USCC
    ['预算单位', '冠县坏数据中心', '', '173001', newUscc('12'), '371525', '172', '事业单位', '', '', ''], // row 3: code not under 172
    ['预算单位', '冠县重复中心', '', '111001', good, '371525', '111', '事业单位', '', '', ''], // row 4: code taken in the DB
    ['预算单位', '冠县重复中心二', '', '111901', good, '371525', '111', '事业单位', '', '', ''], // row 5: USCC repeats row 4
    ['预算单位', '冠县没上级', '', '999001', newUscc('12'), '371525', '999', '事业单位', '', '', ''], // row 6: no parent 999
    ['预算单位', '冠县行业错', '', '111902', newUscc('12'), '371525', '111', '事业单位', '火星', '', ''], // row 7: sector
    ['预算部门', '冠县类型错', '', '174', newUscc('11'), '371525', '', '外星单位', '', '', ''], // row 8: unit_type choice
    ['部委', '冠县机构类型错', '', '175', newUscc('11'), '371525', '', '行政单位', '', '', ''], // row 9: kind choice
  ]));
  assert.equal(r.job.state, 'succeeded');
  const res = r.job.result;
  assert.equal(res.written, 0);
  const at = (row, column) => res.errors.find((e) => e.row === row && e.column === column);
  // parse() stops at template errors (rows 8 and 9) before the rules run: fix those first.
  assert.ok(at(8, '单位性质') && hasChinese(at(8, '单位性质').message), JSON.stringify(res.errors));
  assert.ok(at(9, '机构类型'), JSON.stringify(res.errors));
  assert.deepEqual(await counts(), before);

  // With the template errors fixed, every rule error of every row comes back at once.
  const r2 = await upload(as.sysadmin, '/org/import?type=orgs', sheet([ORG_HEADER,
    ['预算部门', '冠县坏数据局', '', '172', badCheckDigit(newUscc('11')), '371525', '', '行政单位', '', '', ''],
    ['预算单位', '冠县坏数据中心', '', '173001', newUscc('12'), '371525', '172', '事业单位', '', '', ''],
    ['预算单位', '冠县重复中心', '', '111001', good, '371525', '111', '事业单位', '', '', ''],
    ['预算单位', '冠县重复中心二', '', '111901', good, '371525', '111', '事业单位', '', '', ''],
    ['预算单位', '冠县没上级', '', '999001', newUscc('12'), '371525', '999', '事业单位', '', '', ''],
    ['预算单位', '冠县行业错', '', '111902', newUscc('12'), '371525', '111', '事业单位', '火星', '', ''],
  ]));
  const e2 = r2.job.result.errors;
  const at2 = (row, column) => e2.find((e) => e.row === row && e.column === column);
  assert.equal(r2.job.result.written, 0);
  assert.match(at2(2, '统一社会信用代码').message, /校验/);
  assert.ok(at2(3, '预算单位编码') || at2(3, '上级单位编码'), JSON.stringify(e2));
  assert.ok(at2(4, '预算单位编码'), JSON.stringify(e2));
  assert.ok(at2(5, '统一社会信用代码'), JSON.stringify(e2));
  assert.ok(at2(6, '上级单位编码'), JSON.stringify(e2));
  assert.ok(at2(7, '行业领域'), JSON.stringify(e2));
  for (const e of e2) assert.ok(hasChinese(e.message), e.message);
  assert.deepEqual(await counts(), before);

  // The error report is the owner's file; others get 404.
  const f = r2.job.result.files.find((x) => x.name === 'errors.xlsx');
  assert.ok(f);
  const report = await as.sysadmin.request('GET', `/jobs/${r2.job.id}/files/errors.xlsx`, undefined, { raw: true });
  assert.equal(report.status, 200);
  const rows = readXlsx(report.bytes).rows;
  assert.deepEqual(rows[0], ['行号', '列', '错误说明']);
  assert.equal(rows.length - 1, e2.length);
  assert.equal((await as.sysadmin.get(`/jobs/${r2.job.id}/files/errors.xlsx`)).status, 200, 'not a once file');
  assert.equal((await as.secadmin.get(`/jobs/${r2.job.id}/files/errors.xlsx`)).status, 404);
  assert.equal((await as.sysadmin.get(`/jobs/${r2.job.id}/files/nope.xlsx`)).status, 404);
});

test('hostile and wrong files: wrong columns, a 10 MB junk file, a zip bomb, not an xlsx; nothing written', async () => {
  const before = await counts();
  const wrongCols = await upload(as.sysadmin, '/org/import?type=orgs', sheet([['名称', '编码', '备注'], ['冠县某局', '181', '']]));
  assert.equal(wrongCols.job.result.written, 0);
  assert.ok(wrongCols.job.result.errors.some((e) => e.row === 1 && hasChinese(e.message)), JSON.stringify(wrongCols.job.result));

  const junk = crypto.randomBytes(10 * 1024 * 1024);
  const big = await as.sysadmin.request('POST', '/org/import?type=orgs', junk, { headers: { 'content-type': XLSX } });
  assert.equal(big.status, 413);
  assert.ok(hasChinese(big.body.error.message));

  // 60 MB of XML that deflates to a few dozen KB: the reader stops at its limits.
  const bomb = zip({
    '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/workbook.xml': '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets><sheet name="机构" sheetId="1" r:id="rId1" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></sheets></workbook>',
    'xl/worksheets/sheet1.xml': Buffer.alloc(60 * 1024 * 1024, 0x20),
  });
  assert.ok(bomb.length < 1024 * 1024, `bomb is ${bomb.length} bytes`);
  const b = await upload(as.sysadmin, '/org/import?type=orgs', bomb);
  assert.equal(b.job.result.written, 0);
  assert.equal(b.job.result.errors[0].row, 0);
  assert.ok(hasChinese(b.job.result.errors[0].message));

  for (const bytes of [Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\n'), Buffer.from('机构类型,名称\n预算部门,冠县\n'), crypto.randomBytes(4096)]) {
    const x = await upload(as.sysadmin, '/org/import?type=orgs', bytes);
    assert.equal(x.job.state, 'succeeded');
    assert.equal(x.job.result.written, 0);
    assert.equal(x.job.result.errors[0].row, 0, JSON.stringify(x.job.result));
  }
  const empty = await as.sysadmin.request('POST', '/org/import?type=orgs', Buffer.alloc(0), { headers: { 'content-type': XLSX } });
  assert.equal(empty.status, 422);
  assert.deepEqual(await counts(), before);
});

test('users: accounts without roles, one-time passwords downloadable once, and they sign in', async () => {
  const before = await counts();
  const stamp = Date.now() % 100000;
  const names = [`imp_a${stamp}`, `imp_b${stamp}`];
  const r = await upload(as.sysadmin, '/org/import?type=users', sheet([USER_HEADER,
    [names[0], '导入甲', '371525', '111001', '13800000001', ''],
    [names[1], '导入乙', '371525', '绩效管理股', '', 'yi@example.cn'],
  ]));
  assert.equal(r.job.result.written, 2, JSON.stringify(r.job.result));
  assert.equal((await counts()).users, before.users + 2);
  const f = r.job.result.files.find((x) => x.name === 'passwords.xlsx');
  assert.equal(f.once, true);
  assert.equal((await as.secadmin.get(`/jobs/${r.job.id}/files/passwords.xlsx`)).status, 404);
  const dl = await as.sysadmin.request('GET', `/jobs/${r.job.id}/files/passwords.xlsx`, undefined, { raw: true });
  assert.equal(dl.status, 200);
  assert.equal(dl.headers.get('cache-control'), 'no-store');
  const again = await as.sysadmin.get(`/jobs/${r.job.id}/files/passwords.xlsx`);
  assert.equal(again.status, 410);
  assert.ok(hasChinese(again.body.error.message));
  const rows = readXlsx(dl.bytes).rows;
  assert.deepEqual(rows[0], ['登录名', '姓名', '初始密码']);
  assert.equal(rows.length, 3);
  const c = new Client(server.base);
  const login = await c.login(rows[1][0], rows[1][2]);
  assert.equal(login.status, 200, login.text);
  const me = await c.get('/me');
  assert.equal(me.body.must_change_password ?? me.body.user?.must_change_password, true);
  const listed = (await as.sysadmin.get(`/admin/users?q=${names[0]}`)).body.items[0];
  assert.deepEqual(listed.roles, [], 'the 安全管理员 grants roles (三员分立)');
  assert.ok(listed.org_id);
  const logs = await as.auditadmin.get('/audit/logs?action=job.file.take&page_size=5');
  assert.ok(logs.body.items.length >= 1, 'the password download is audited');
});

test('users: every bad row reported, nothing written; only the account administrator may import', async () => {
  const before = await counts();
  const r = await upload(as.sysadmin, '/org/import?type=users', sheet([USER_HEADER,
    ['zhangwei', '重名', '371525', '111001', '', ''], // taken
    ['dup_x1', '重复一', '371525', '111001', '', ''],
    ['dup_x1', '重复二', '371525', '111001', '', ''], // repeated in the file
    ['bad name!', '坏登录名', '371525', '111001', '', ''],
    ['nowhere1', '无单位', '371525', '999999', '', ''],
    ['bademail1', '坏邮箱', '371525', '111001', '', 'not-an-email'],
  ]));
  const e = r.job.result.errors;
  assert.equal(r.job.result.written, 0);
  const rowsWithErrors = [...new Set(e.map((x) => x.row))].sort();
  assert.deepEqual(rowsWithErrors, [2, 4, 5, 6, 7], JSON.stringify(e));
  assert.ok(e.find((x) => x.row === 6 && x.column === '所属机构编码'));
  assert.deepEqual(await counts(), before);
  const denied = await as.secadmin.request('POST', '/org/import?type=users', sheet([USER_HEADER]), { headers: { 'content-type': XLSX } });
  assert.equal(denied.status, 403);
});

test('reference data: new codes added and changed names renamed from the year, all or nothing', async () => {
  const before = await counts();
  const bad = await upload(as.sysadmin, '/ref/import?kind=func_class&year=2027', sheet([['编码', '名称', '上级编码'],
    ['2050205', '高等教育', '20502'],
    ['20588', '上级不对', '204'],
    ['2050205', '重复', '20502'],
    ['12', '位数不对', ''],
  ]));
  assert.equal(bad.job.result.written, 0);
  assert.deepEqual([...new Set(bad.job.result.errors.map((x) => x.row))].sort(), [3, 4, 5]);
  assert.deepEqual(await counts(), before);

  const ok = await upload(as.sysadmin, '/ref/import?kind=func_class&year=2027', sheet([['编码', '名称', '上级编码'],
    ['2050205', '高等教育', '20502'],
    ['20502', '普通教育（2027）', '205'],
    ['205', '教育支出', ''],
  ]));
  assert.equal(ok.job.result.written, 3, JSON.stringify(ok.job.result));
  assert.deepEqual([ok.job.result.added, ok.job.result.renamed, ok.job.result.unchanged], [1, 1, 1]);
  const y27 = (await as.fin_perf.get('/ref/func_class?year=2027&q=2050')).body.items;
  assert.ok(y27.some((i) => i.code === '2050205'));
  const y26 = (await as.fin_perf.get('/ref/func_class?year=2026&q=20502')).body.items;
  assert.equal(y26.find((i) => i.code === '20502').name, '普通教育');
  assert.equal((await as.sysadmin.request('POST', '/ref/import?kind=nope&year=2027', sheet([['编码', '名称']]))).status, 422);
  assert.equal((await as.sysadmin.request('POST', '/ref/import?kind=sector&year=99', sheet([['编码', '名称']]))).status, 422);
});

test('exports: accounts with organization and roles, the 专家库, and reference data that imports back', async () => {
  const users = await as.sysadmin.request('GET', `/admin/users/export?q=zhangwei`, undefined, { raw: true });
  assert.equal(users.status, 200);
  const u = readXlsx(users.bytes).rows;
  assert.deepEqual(u[0].slice(0, 3), ['登录名', '姓名', '所属机构']);
  const zw = u.find((r) => r[0] === 'zhangwei');
  assert.equal(zw[2], '绩效管理股');
  assert.equal(zw[8], '财政绩效管理员');
  assert.equal((await as.secadmin.get('/admin/users/export')).status, 200, 'the 安全管理员 lists accounts to grant roles');
  assert.equal((await as.fin_perf.get('/admin/users/export')).status, 403);
  assert.equal((await as.sysadmin.get('/admin/users/export?status=gone')).status, 422);

  const ex = await as.fin_perf.request('GET', '/org/experts/export', undefined, { raw: true });
  assert.equal(ex.status, 200);
  const rows = readXlsx(ex.bytes).rows;
  assert.deepEqual(rows[0], ['姓名', '工作单位', '职称', '专业领域', '联系电话', '状态']);
  const listed = (await as.fin_perf.get('/org/experts?page_size=200')).body.total;
  assert.equal(rows.length - 1, listed);
  assert.equal((await as.unit_clerk.get('/org/experts/export')).status, 200);

  // Reference data: export a year, import the same file back: nothing changes.
  const before = (await as.sysadmin.get('/ref/econ_class?all=1')).body.total;
  const file = await as.sysadmin.request('GET', '/ref/econ_class/export?year=2026', undefined, { raw: true });
  assert.equal(file.status, 200);
  const er = readXlsx(file.bytes).rows;
  assert.deepEqual(er[0], ['编码', '名称', '上级编码']);
  assert.ok(er.some((r) => r[0] === '30101' && r[1] === '基本工资' && r[2] === '301'));
  const back = await upload(as.sysadmin, '/ref/import?kind=econ_class&year=2026', file.bytes);
  assert.equal(back.job.result.written, er.length - 1, JSON.stringify(back.job.result).slice(0, 300));
  assert.equal(back.job.result.unchanged, er.length - 1);
  assert.equal((await as.sysadmin.get('/ref/econ_class?all=1')).body.total, before);
  assert.equal((await as.unit_clerk.get('/ref/nope/export')).status, 404);
});

test('regions: created one by one or imported in any order (parents first), for a new county', async () => {
  const one = await as.sysadmin.post('/org/regions', { code: '371526', name: '莘县' });
  assert.equal(one.status, 201, one.text);
  assert.equal(one.body.parent_code, '371500');
  assert.equal(one.body.level, 'county');
  assert.equal((await as.sysadmin.post('/org/regions', { code: '371526', name: '莘县' })).status, 409);
  const bad = await as.sysadmin.post('/org/regions', { code: '37152', name: '五位' });
  assert.equal(bad.status, 422);
  assert.ok(bad.body.error.details.some((d) => d.field === 'code' && hasChinese(d.message)));
  assert.equal((await as.sysadmin.post('/org/regions', { code: '381500', name: '无上级' })).status, 422);
  assert.equal((await as.fin_perf.post('/org/regions', { code: '371527', name: '东阿县' })).status, 403);

  const header = ['行政区划代码', '名称'];
  const bad2 = await upload(as.sysadmin, '/org/import?type=regions', sheet([header,
    ['371527001', '铜城街道'], ['371527', '东阿县'], ['391500', '没有上级的市']]));
  assert.equal(bad2.job.result.written, 0);
  assert.deepEqual(bad2.job.result.errors.map((e) => e.row), [4]);
  assert.equal((await as.sysadmin.get('/org/regions')).body[0].children[0].children.some((c) => c.code === '371527'), false);
  const ok = await upload(as.sysadmin, '/org/import?type=regions', sheet([header, ['371527001', '铜城街道'], ['371527', '东阿县']]));
  assert.equal(ok.job.result.written, 2, JSON.stringify(ok.job.result));
  const city = (await as.sysadmin.get('/org/regions')).body[0].children.find((c) => c.code === '371500');
  const dong = city.children.find((c) => c.code === '371527');
  assert.equal(dong.children[0].name, '铜城街道');
});
