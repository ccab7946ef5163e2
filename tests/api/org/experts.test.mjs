// 专家库: create and update by the 系统管理员 with validation and versions; read by business roles
// within their scope; no write for business roles.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, hasChinese } from '../lib/harness.mjs';
import { allOrgs, byName } from './org-lib.mjs';

let server;
let sys;
let orgs;
before(async () => {
  server = await startServer();
  sys = await signedIn(server, 'sysadmin');
  orgs = await allOrgs(sys);
});
after(async () => { await server?.close(); });

test('create an expert with an employer: region from the employer, listed and searchable', async () => {
  const hospital = byName(orgs, '冠县人民医院');
  const r = await sys.post('/org/experts', {
    name: '欧阳明', org_id: hospital.id, title: '主任医师', fields: ['卫生健康', '绩效评价'], phone: '13806350001', id_card_tail: '123x',
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.region_code, hospital.region_code);
  assert.equal(r.body.id_card_tail, '123X');
  assert.equal(r.body.status, 'active');
  assert.equal(r.body.version, 1);
  const q = await sys.get(`/org/experts?q=${encodeURIComponent('欧阳')}`);
  assert.equal(q.body.total, 1);
  assert.equal(q.body.items[0].org_name, '冠县人民医院');
  const field = await sys.get(`/org/experts?field=${encodeURIComponent('卫生健康')}&status=active`);
  assert.ok(field.body.items.some((e) => e.id === r.body.id));
  const lina = await signedIn(server, 'lina');
  assert.ok(!(await lina.get('/org/experts?page_size=200')).body.items.some((e) => e.id === r.body.id), 'out of 教体局 scope');
  const zhangwei = await signedIn(server, 'zhangwei');
  assert.ok((await zhangwei.get('/org/experts?page_size=200')).body.items.some((e) => e.id === r.body.id));
});

test('bad input: 422 naming the fields; nothing stored', async () => {
  const r = await sys.post('/org/experts', { name: '张', fields: [], id_card_tail: '12345', phone: 'abc', status: 'retired' });
  assert.equal(r.status, 422);
  const fields = r.body.error.details.map((d) => d.field).sort();
  assert.deepEqual(fields, ['fields', 'id_card_tail', 'name', 'phone', 'region_code', 'status'].sort(), JSON.stringify(r.body));
  assert.ok(r.body.error.details.every((d) => hasChinese(d.message)));
  const noOrg = await sys.post('/org/experts', { name: '无单位专家', fields: ['法律'], org_id: 99999999 });
  assert.equal(noOrg.status, 422);
  assert.equal(noOrg.body.error.details[0].field, 'org_id');
  assert.equal((await sys.get(`/org/experts?q=${encodeURIComponent('无单位')}`)).body.total, 0);
});

test('update with version; stale is 409; business roles may not write (403)', async () => {
  const c = await sys.post('/org/experts', { name: '司马青', fields: ['法律'], region_code: '371525' });
  assert.equal(c.status, 201, c.text);
  const u = await sys.put(`/org/experts/${c.body.id}`, { name: '司马青', fields: ['法律', '政府采购'], region_code: '371525', status: 'inactive', version: 1 });
  assert.equal(u.status, 200, u.text);
  assert.deepEqual(u.body.fields, ['法律', '政府采购']);
  assert.equal(u.body.status, 'inactive');
  assert.equal(u.body.version, 2);
  const stale = await sys.put(`/org/experts/${c.body.id}`, { name: '司马青', fields: ['法律'], region_code: '371525', version: 1 });
  assert.equal(stale.status, 409);
  const missing = await sys.put('/org/experts/99999999', { name: '不存在', fields: ['法律'], region_code: '371525', version: 1 });
  assert.equal(missing.status, 404);
  const fin = await signedIn(server, 'zhangwei');
  assert.equal((await fin.post('/org/experts', { name: '越权专家', fields: ['法律'], region_code: '371525' })).status, 403);
  assert.equal((await fin.put(`/org/experts/${c.body.id}`, { name: '越权', fields: ['法律'], region_code: '371525', version: 2 })).status, 403);
  const aud = await signedIn(server, 'auditadmin');
  const log = await aud.get(`/audit/logs?action=expert.update&object_id=${c.body.id}`);
  assert.equal(log.body.total, 1);
});
