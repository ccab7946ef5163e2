// Custom business roles by the 安全管理员 (POST/PUT /admin/roles): 三员分立, validation, built-in
// roles read-only, versions, and the new role's data scope taking effect.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, createUser, hasChinese } from '../lib/harness.mjs';
import { allOrgs, byName } from './org-lib.mjs';

let server;
let sec;
let sys;
let aud;
before(async () => {
  server = await startServer();
  sec = await signedIn(server, 'secadmin');
  sys = await signedIn(server, 'sysadmin');
  aud = await signedIn(server, 'auditadmin');
});
after(async () => { await server?.close(); });

const role = (code, extra = {}) => ({
  code, name: '学校出纳', permissions: ['org.read'], scope_kind: 'own_unit', description: '只看本单位', ...extra,
});

test('the 安全管理员 creates a business role; it is listed with its scope', async () => {
  const r = await sec.post('/admin/roles', role('school_cashier'));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.builtin, false);
  assert.equal(r.body.admin_kind, null);
  assert.equal(r.body.scope_kind, 'own_unit');
  assert.deepEqual(r.body.permissions, ['org.read']);
  assert.equal(r.body.version, 1);
  const list = await sec.get('/admin/roles');
  const found = list.body.items.find((x) => x.code === 'school_cashier');
  assert.ok(found);
  assert.equal(found.scope_kind, 'own_unit');
  const one = await sec.get(`/admin/roles/${r.body.id}`);
  assert.equal(one.status, 200);
  assert.equal(one.body.version, 1);
  const log = await aud.get(`/audit/logs?action=role.create&object_id=${r.body.id}`);
  assert.equal(log.body.total, 1);
});

test('三员分立: only the 安全管理员 may create or edit roles', async () => {
  for (const [who, c] of [['sysadmin', sys], ['auditadmin', aud], ['zhangwei', await signedIn(server, 'zhangwei')]]) {
    const r = await c.post('/admin/roles', role(`x_${who}`));
    assert.equal(r.status, 403, who);
    const p = await c.put('/admin/roles/1', { name: '改名', permissions: ['org.read'], scope_kind: 'all', version: 1 });
    assert.equal(p.status, 403, who);
  }
  const list = await sec.get('/admin/roles');
  assert.ok(!list.body.items.some((x) => x.code.startsWith('x_')));
});

test('no administrator permission in a business role; unknown permission or scope: 422', async () => {
  const admin = await sec.post('/admin/roles', role('bad_admin', { permissions: ['org.read', 'system.user.manage'] }));
  assert.equal(admin.status, 422);
  const d = admin.body.error.details.find((x) => x.field === 'permissions.1');
  assert.ok(d && hasChinese(d.message) && d.message.includes('system.user.manage'), JSON.stringify(admin.body));
  const unknown = await sec.post('/admin/roles', role('bad_unknown', { permissions: ['no.such'] }));
  assert.equal(unknown.status, 422);
  assert.equal(unknown.body.error.details[0].field, 'permissions.0');
  const scope = await sec.post('/admin/roles', role('bad_scope', { scope_kind: 'galaxy' }));
  assert.equal(scope.status, 422);
  assert.equal(scope.body.error.details[0].field, 'scope_kind');
  const code = await sec.post('/admin/roles', role('Bad Code'));
  assert.equal(code.status, 422);
  assert.equal(code.body.error.details[0].field, 'code');
  const dup = await sec.post('/admin/roles', role('fin_perf'));
  assert.equal(dup.status, 409);
  const list = await sec.get('/admin/roles');
  assert.ok(!list.body.items.some((x) => x.code.startsWith('bad_')), 'nothing stored');
});

test('built-in roles are read-only (409); a custom role updates with its version', async () => {
  const list = await sec.get('/admin/roles');
  const builtin = list.body.items.find((x) => x.code === 'fin_perf');
  const b = await sec.put(`/admin/roles/${builtin.id}`, { name: '改内置', permissions: ['org.read'], scope_kind: 'all', version: 1 });
  assert.equal(b.status, 409);
  assert.equal(b.body.error.code, 'builtin_role');
  const c = await sec.post('/admin/roles', role('dept_viewer', { scope_kind: 'own_department', name: '部门查看' }));
  assert.equal(c.status, 201);
  const u = await sec.put(`/admin/roles/${c.body.id}`, { name: '部门查看员', permissions: ['org.read'], scope_kind: 'region', version: 1 });
  assert.equal(u.status, 200, u.text);
  assert.equal(u.body.version, 2);
  assert.equal(u.body.scope_kind, 'region');
  assert.equal(u.body.code, 'dept_viewer');
  const stale = await sec.put(`/admin/roles/${c.body.id}`, { name: '旧版本', permissions: ['org.read'], scope_kind: 'all', version: 1 });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.code, 'version_conflict');
  const missing = await sec.put('/admin/roles/99999999', { name: '无此角色', permissions: ['org.read'], scope_kind: 'all', version: 1 });
  assert.equal(missing.status, 404);
});

test('a custom role grants its scope; editing the role changes what its holders see', async () => {
  const orgs = await allOrgs(sys);
  const school = byName(orgs, '冠县第二中学');
  const r = await sec.post('/admin/roles', role('school_viewer'));
  assert.equal(r.status, 201);
  const user = await createUser(server, { sys, sec, roles: ['school_viewer'], displayName: '二中出纳' });
  const me = (await sys.get(`/admin/users?q=${user.username}`)).body.items[0];
  const put = await sys.put(`/admin/users/${user.id}`, { display_name: me.display_name, phone: '', email: '', org_id: school.id, version: me.version });
  assert.equal(put.status, 200, put.text);
  const c = await signedIn(server, user.username, user.password);
  const mine = await c.get('/org/units');
  assert.deepEqual(mine.body.items.map((o) => o.id), [school.id]);
  const wider = await sec.put(`/admin/roles/${r.body.id}`, { name: '学校出纳', permissions: ['org.read'], scope_kind: 'own_department', version: 1 });
  assert.equal(wider.status, 200);
  const after = await c.get('/org/units');
  assert.equal(after.body.total, orgs.filter((o) => o.department_id === school.department_id).length);
});
