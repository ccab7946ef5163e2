// Organizations: the demo county, create/update/move/merge/deactivate with validation, versions
// and history, 归口, regions and the export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, hasChinese } from '../lib/harness.mjs';
import { allOrgs, byName, newUscc, badCheckDigit } from './org-lib.mjs';

let server;
let sys;
let orgs;
before(async () => {
  server = await startServer();
  sys = await signedIn(server, 'sysadmin');
  orgs = await allOrgs(sys);
});
after(async () => { await server?.close(); });

const BUDGET_KINDS = ['department', 'finance_bureau', 'township', 'dev_zone', 'unit'];

test('the demo county: 131 budget units, 18 乡镇街道, one 经济开发区, the 财政局 and its 股室', () => {
  const budget = orgs.filter((o) => BUDGET_KINDS.includes(o.kind));
  assert.equal(budget.length, 131);
  assert.equal(orgs.filter((o) => o.kind === 'township').length, 18);
  assert.equal(orgs.filter((o) => o.kind === 'dev_zone').length, 1);
  assert.equal(new Set(orgs.filter((o) => o.kind === 'township').map((o) => o.region_code)).size, 18);
  const bureau = byName(orgs, '冠县财政局');
  assert.equal(bureau.kind, 'finance_bureau');
  const offices = orgs.filter((o) => o.kind === 'finance_office');
  for (const n of ['绩效管理股', '预算股', '国库股', '行政政法股', '教科文股', '经济建设股', '农业农村股', '社会保障股']) {
    const o = byName(offices, n);
    assert.equal(o.parent_id, bureau.id);
    assert.equal(o.department_id, bureau.id);
  }
  const edu = byName(orgs, '冠县教育和体育局');
  assert.ok(byName(offices, '教科文股').overseen_department_ids.includes(edu.id));
  assert.equal(orgs.filter((o) => o.kind === 'third_party').length, 3);
  assert.equal(orgs.filter((o) => o.kind === 'oversight').length, 2);
  for (const o of budget) {
    assert.match(o.uscc, /^[0-9A-HJ-NPQRTUWXY]{18}$/, o.name);
    assert.equal(o.department_id, ['unit'].includes(o.kind) ? o.department_id : o.id);
  }
  const school = byName(orgs, '冠县第一中学');
  assert.equal(school.department_id, edu.id);
  assert.equal(school.code.slice(0, 3), edu.code);
  assert.equal(school.path, `${edu.id}/${school.id}`);
});

test('regions: 山东省 › 聊城市 › 冠县 with its 18 townships', async () => {
  const r = await sys.get('/org/regions');
  assert.equal(r.status, 200);
  assert.equal(r.body.length, 1);
  const [prov] = r.body;
  assert.equal(prov.code, '370000');
  const city = prov.children[0];
  assert.equal(city.code, '371500');
  const county = city.children[0];
  assert.deepEqual([county.code, county.name, county.level], ['371525', '冠县', 'county']);
  assert.equal(county.children.length, 18);
  assert.equal(county.children[0].code, '371525001');
  assert.equal(county.children[0].name, '清泉街道');
  assert.equal(county.children[0].level, 'township');
});

test('tree: roots, lazy children with has_children, search with ancestors', async () => {
  const roots = await sys.get('/org/tree');
  assert.equal(roots.status, 200);
  const names = roots.body.items.map((o) => o.name);
  assert.equal(names[0], '冠县财政局');
  assert.ok(names.includes('冠县教育和体育局'));
  assert.ok(!names.includes('冠县第一中学'));
  const edu = roots.body.items.find((o) => o.name === '冠县教育和体育局');
  assert.equal(edu.has_children, true);
  const kids = await sys.get(`/org/tree?parent_id=${edu.id}`);
  assert.equal(kids.status, 200);
  assert.equal(kids.body.items.length, 18);
  assert.ok(kids.body.items.every((o) => o.parent_id === edu.id && o.has_children === false));
  const found = await sys.get(`/org/tree?q=${encodeURIComponent('第一中学')}`);
  assert.equal(found.status, 200);
  const school = found.body.items.find((o) => o.name === '冠县第一中学');
  assert.deepEqual(school.ancestors, [{ id: edu.id, name: '冠县教育和体育局' }]);
  assert.equal((await sys.get('/org/tree?parent_id=99999999')).status, 404);
  const town = await sys.get('/org/tree?region_code=371525001');
  assert.deepEqual(town.body.items.map((o) => o.name), ['清泉街道办事处']);
  assert.equal((await sys.get('/org/tree?region_code=3715')).status, 422);
});

test('list filters, paging and sort', async () => {
  const edu = byName(orgs, '冠县教育和体育局');
  const r = await sys.get(`/org/units?department_id=${edu.id}&kind=unit&page_size=5&sort=code`);
  assert.equal(r.status, 200);
  assert.equal(r.body.total, 18);
  assert.equal(r.body.items.length, 5);
  const codes = r.body.items.map((o) => o.code);
  assert.deepEqual(codes, [...codes].sort());
  const q = await sys.get(`/org/units?q=${encodeURIComponent('卫生院')}`);
  assert.equal(q.body.total, 15);
  const town = await sys.get('/org/units?region_code=371525004');
  assert.ok(town.body.items.length >= 3 && town.body.items.every((o) => o.region_code === '371525004'));
  const bad = await sys.get('/org/units?kind=school');
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.details[0].field, 'kind');
  const exp = await sys.get(`/org/units/export?department_id=${edu.id}`);
  assert.equal(exp.status, 200);
  assert.match(exp.headers.get('content-type'), /spreadsheetml/);
  assert.equal(exp.bytes.subarray(0, 2).toString(), 'PK');
});

test('create a unit: 201, history, audit; then it is listed', async () => {
  const edu = byName(orgs, '冠县教育和体育局');
  const uscc = newUscc();
  const r = await sys.post('/org/units', {
    kind: 'unit', name: '冠县第四中学', code: '111901', uscc, parent_id: edu.id,
    unit_type: '事业单位', sector_code: 'education', contact: '王老师', phone: '0635-5210001',
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.department_id, edu.id);
  assert.equal(r.body.region_code, '371525');
  assert.equal(r.body.status, 'active');
  assert.equal(r.body.version, 1);
  assert.deepEqual(r.body.history.map((h) => h.action), ['create']);
  assert.equal(r.body.history[0].actor_name, 'sysadmin');
  const got = await sys.get(`/org/units/${r.body.id}`);
  assert.equal(got.body.uscc, uscc);
  assert.equal(got.body.children_count, 0);
  assert.equal(got.body.users_count, 0);
  const aud = await signedIn(server, 'auditadmin');
  const log = await aud.get(`/audit/logs?action=org.create&object_type=organization&object_id=${r.body.id}`);
  assert.equal(log.status, 200);
  assert.equal(log.body.total, 1, 'audited once');
});

test('bad input: 422 naming each field in Chinese, nothing stored', async () => {
  const edu = byName(orgs, '冠县教育和体育局');
  const uscc = badCheckDigit(newUscc());
  const r = await sys.post('/org/units', {
    kind: 'unit', name: '坏数据学校', code: '112001', uscc, parent_id: edu.id, unit_type: '学校',
  });
  assert.equal(r.status, 422);
  assert.equal(r.body.error.code, 'validation_failed');
  const byField = Object.fromEntries(r.body.error.details.map((d) => [d.field, d.message]));
  assert.match(byField.uscc, /第18位校验码/);
  assert.ok(hasChinese(byField.code) && byField.code.includes('111'), byField.code);
  assert.ok(hasChinese(byField.unit_type));
  const missing = await sys.post('/org/units', { kind: 'unit', parent_id: edu.id });
  assert.equal(missing.status, 422);
  assert.ok(missing.body.error.details.some((d) => d.field === 'name'));
  const kind = await sys.post('/org/units', { kind: 'school', name: '某学校' });
  assert.equal(kind.status, 422);
  assert.equal(kind.body.error.details[0].field, 'kind');
  const office = await sys.post('/org/units', { kind: 'finance_office', name: '某股', parent_id: edu.id, office_role: 'business' });
  assert.equal(office.status, 422);
  assert.ok(office.body.error.details.some((d) => d.field === 'parent_id' && hasChinese(d.message)));
  const list = await sys.get(`/org/units?q=${encodeURIComponent('坏数据')}`);
  assert.equal(list.body.total, 0);
  const en = await sys.request('POST', '/org/units', { kind: 'unit', name: 'x', parent_id: edu.id }, { headers: { 'accept-language': 'en' } });
  assert.equal(en.status, 422);
  assert.ok(!hasChinese(en.body.error.message));
});

test('duplicate code or USCC: 409 naming the field', async () => {
  const edu = byName(orgs, '冠县教育和体育局');
  const school = byName(orgs, '冠县第一中学');
  const dupCode = await sys.post('/org/units', {
    kind: 'unit', name: '重复编码学校', code: school.code, uscc: newUscc(), parent_id: edu.id, unit_type: '事业单位',
  });
  assert.equal(dupCode.status, 409);
  assert.equal(dupCode.body.error.code, 'code_taken');
  assert.equal(dupCode.body.error.details[0].field, 'code');
  const dupUscc = await sys.post('/org/units', {
    kind: 'unit', name: '重复代码学校', code: '111902', uscc: school.uscc, parent_id: edu.id, unit_type: '事业单位',
  });
  assert.equal(dupUscc.status, 409);
  assert.equal(dupUscc.body.error.code, 'uscc_taken');
});

async function newUnit(parent, name, code) {
  const r = await sys.post('/org/units', {
    kind: 'unit', name, code, uscc: newUscc(), parent_id: parent.id, unit_type: '事业单位',
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

test('rename keeps history; a stale version is 409 and changes nothing', async () => {
  const edu = byName(orgs, '冠县教育和体育局');
  const u = await newUnit(edu, '冠县育才学校', '111903');
  const r = await sys.put(`/org/units/${u.id}`, { name: '冠县育才实验学校', version: u.version, reason: '更名批复' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.name, '冠县育才实验学校');
  assert.equal(r.body.version, u.version + 1);
  const h = r.body.history.at(-1);
  assert.equal(h.action, 'rename');
  assert.equal(h.before.name, '冠县育才学校');
  assert.equal(h.after.name, '冠县育才实验学校');
  assert.equal(h.reason, '更名批复');
  const stale = await sys.put(`/org/units/${u.id}`, { name: '旧版本改名', version: u.version });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.code, 'version_conflict');
  assert.equal((await sys.get(`/org/units/${u.id}`)).body.name, '冠县育才实验学校');
  const noVersion = await sys.put(`/org/units/${u.id}`, { name: '没有版本' });
  assert.equal(noVersion.status, 422);
  assert.equal(noVersion.body.error.details[0].field, 'version');
});

test('move: to another department with a new code; never under itself or a descendant', async () => {
  const edu = byName(orgs, '冠县教育和体育局');
  const health = byName(orgs, '冠县卫生健康局');
  const u = await newUnit(edu, '冠县校医服务中心', '111904');
  const child = await newUnit(u, '冠县校医服务中心分站', '111904001');
  const self = await sys.post(`/org/units/${u.id}/move`, { parent_id: child.id, version: u.version });
  assert.equal(self.status, 422);
  assert.equal(self.body.error.details[0].field, 'parent_id');
  const noCode = await sys.post(`/org/units/${u.id}/move`, { parent_id: health.id, version: u.version });
  assert.equal(noCode.status, 422);
  assert.equal(noCode.body.error.details[0].field, 'code');
  const r = await sys.post(`/org/units/${u.id}/move`, { parent_id: health.id, code: '126901', version: u.version, reason: '职能划转' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.parent_id, health.id);
  assert.equal(r.body.department_id, health.id);
  assert.equal(r.body.path, `${health.id}/${u.id}`);
  assert.equal(r.body.history.at(-1).action, 'move');
  assert.equal(r.body.history.at(-1).before.parent_id, edu.id);
  const c = (await sys.get(`/org/units/${child.id}`)).body;
  assert.equal(c.department_id, health.id, 'the subtree follows');
  assert.equal(c.path, `${health.id}/${u.id}/${child.id}`);
});

test('merge: the unit is marked merged, its children move to the target, history on both', async () => {
  const edu = byName(orgs, '冠县教育和体育局');
  const a = await newUnit(edu, '冠县甲校', '111905');
  const b = await newUnit(edu, '冠县乙校', '111906');
  const kid = await newUnit(a, '冠县甲校附属幼儿园', '111905001');
  const bad = await sys.post(`/org/units/${a.id}/merge`, { into_id: kid.id, version: a.version });
  assert.equal(bad.status, 422);
  const r = await sys.post(`/org/units/${a.id}/merge`, { into_id: b.id, version: a.version, reason: '学校撤并' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'merged');
  assert.equal(r.body.merged_into_id, b.id);
  assert.equal(r.body.users_to_reassign, 0);
  assert.equal(r.body.history.at(-1).action, 'merge');
  const k = (await sys.get(`/org/units/${kid.id}`)).body;
  assert.equal(k.parent_id, b.id);
  assert.equal(k.path, `${edu.id}/${b.id}/${kid.id}`);
  assert.equal(k.history.at(-1).action, 'move');
  const again = await sys.post(`/org/units/${a.id}/merge`, { into_id: b.id, version: r.body.version });
  assert.equal(again.status, 409);
  const react = await sys.post(`/org/units/${a.id}/reactivate`, { version: r.body.version });
  assert.equal(react.status, 409);
  assert.equal((await sys.get(`/org/units/${a.id}`)).body.name, '冠县甲校', 'a merged unit stays readable');
});

test('deactivate: not a department with active units (409); a unit can, and comes back', async () => {
  const edu = byName(orgs, '冠县教育和体育局');
  const d = await sys.post(`/org/units/${edu.id}/deactivate`, { version: (await sys.get(`/org/units/${edu.id}`)).body.version });
  assert.equal(d.status, 409);
  assert.equal(d.body.error.code, 'has_active_units');
  assert.ok(hasChinese(d.body.error.message));
  const u = await newUnit(edu, '冠县停用测试学校', '111907');
  const off = await sys.post(`/org/units/${u.id}/deactivate`, { version: u.version, reason: '停办' });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.body.status, 'inactive');
  const under = await sys.post('/org/units', { kind: 'unit', name: '停用单位下属', code: '111907001', uscc: newUscc(), parent_id: u.id, unit_type: '事业单位' });
  assert.equal(under.status, 422, 'nothing new under an inactive unit');
  const on = await sys.post(`/org/units/${u.id}/reactivate`, { version: off.body.version, reason: '复办' });
  assert.equal(on.status, 200);
  assert.equal(on.body.status, 'active');
  assert.deepEqual(on.body.history.map((h) => h.action), ['create', 'deactivate', 'reactivate']);
});

test('归口: set the departments of a 股室 (version), only departments', async () => {
  const office = byName(orgs, '农业农村股');
  const water = byName(orgs, '冠县水利局');
  const school = byName(orgs, '冠县第一中学');
  const cur = (await sys.get(`/org/units/${office.id}`)).body;
  const bad = await sys.put(`/org/offices/${office.id}/oversight`, { department_ids: [school.id], version: cur.version });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.details[0].field, 'department_ids.0');
  const notOffice = await sys.put(`/org/offices/${water.id}/oversight`, { department_ids: [], version: 1 });
  assert.equal(notOffice.status, 409);
  const r = await sys.put(`/org/offices/${office.id}/oversight`, { department_ids: [water.id], version: cur.version });
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.overseen_department_ids, [water.id]);
  assert.equal(r.body.history.at(-1).action, 'oversight');
  const stale = await sys.put(`/org/offices/${office.id}/oversight`, { department_ids: [], version: cur.version });
  assert.equal(stale.status, 409);
});

test('merge of departments: units and 归口 follow; the 财政局 never merges with a department', async () => {
  const mk = async (name, code) => {
    const r = await sys.post('/org/units', { kind: 'department', name, code, uscc: newUscc('11'), region_code: '371525', unit_type: '行政单位' });
    assert.equal(r.status, 201, r.text);
    return r.body;
  };
  const a = await mk('冠县甲局', '150');
  const b = await mk('冠县乙局', '151');
  const unit = await newUnit(a, '冠县甲局服务中心', '150001');
  const office = byName(orgs, '社会保障股');
  const cur = (await sys.get(`/org/units/${office.id}`)).body;
  const ov = await sys.put(`/org/offices/${office.id}/oversight`, { department_ids: [...cur.overseen_department_ids, a.id], version: cur.version });
  assert.equal(ov.status, 200, ov.text);
  const bureau = byName(orgs, '冠县财政局');
  const bad = await sys.post(`/org/units/${a.id}/merge`, { into_id: bureau.id, version: a.version });
  assert.equal(bad.status, 422);
  assert.equal(bad.body.error.details[0].field, 'into_id');
  const m = await sys.post(`/org/units/${a.id}/merge`, { into_id: b.id, version: a.version, reason: '机构改革' });
  assert.equal(m.status, 200, m.text);
  assert.equal(m.body.status, 'merged');
  const u = (await sys.get(`/org/units/${unit.id}`)).body;
  assert.equal(u.parent_id, b.id);
  assert.equal(u.department_id, b.id);
  const o = (await sys.get(`/org/units/${office.id}`)).body;
  assert.ok(o.overseen_department_ids.includes(b.id) && !o.overseen_department_ids.includes(a.id));
  const hist = (await sys.get(`/org/units/${a.id}`)).body.history.map((h) => h.action);
  assert.deepEqual(hist, ['create', 'merge']);
});
