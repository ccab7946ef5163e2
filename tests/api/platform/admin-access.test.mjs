// Who may call what: every admin and audit endpoint refuses anonymous callers (401) and
// callers without its permission (403); 三员分立 (separation of the three administrators).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, Client, signedIn, uniqueName, CONTRACT_ROUTES, TEST_ROUTES, ADMIN_PERMISSIONS, API, fillPath,
} from '../lib/harness.mjs';

let server;
const admins = {};
let target; // a throwaway user the calls below aim at
before(async () => {
  server = await startServer();
  for (const name of Object.keys(ADMIN_PERMISSIONS)) admins[name] = await signedIn(server, name);
  const r = await admins.sysadmin.post('/admin/users', { username: uniqueName('target'), display_name: '靶子' });
  assert.equal(r.status, 201);
  target = r.body.user;
});
after(async () => { await server?.close(); });

// Routes that need a permission; a route open to any of several lists them all.
const PROTECTED = CONTRACT_ROUTES.filter(([, , perm]) => perm !== 'public' && perm !== 'signed_in');
const anyOf = (perm) => (Array.isArray(perm) ? perm : [perm]);

function bodyFor(method, path) {
  if (method === 'GET' || method === 'DELETE') return undefined;
  if (path.endsWith('/roles')) return { role_codes: ['auditadmin'] };
  if (path === '/admin/users') return { username: uniqueName('nope'), display_name: '不该创建' };
  if (path === '/admin/security-policy') return { min_length: 20 };
  return {};
}

function pathFor(p) {
  let q = fillPath(p, String(target.id));
  if (p.endsWith('/export')) q += '?format=csv';
  if (p === '/admin/sessions/{id}') q = '/admin/sessions/any-session-id';
  return q;
}

test('every admin and audit endpoint is 401 unauthenticated for an anonymous caller', async () => {
  const anon = new Client(server.base);
  const wrong = [];
  for (const [method, p] of PROTECTED) {
    const r = await anon.request(method, pathFor(p), bodyFor(method, p));
    if (r.status !== 401 || r.body?.error?.code !== 'unauthenticated') wrong.push(`${method} ${p} -> ${r.status}`);
  }
  assert.deepEqual(wrong, []);
});

test('every admin and audit endpoint is 403 forbidden for an administrator without its permission', async () => {
  const wrong = [];
  let checked = 0;
  for (const [method, p, perm] of PROTECTED) {
    for (const [name, perms] of Object.entries(ADMIN_PERMISSIONS)) {
      if (anyOf(perm).some((x) => perms.includes(x))) continue;
      checked += 1;
      const r = await admins[name].request(method, pathFor(p), bodyFor(method, p));
      if (r.status !== 403 || r.body?.error?.code !== 'forbidden') wrong.push(`${name}: ${method} ${p} -> ${r.status}`);
    }
  }
  assert.ok(checked >= PROTECTED.length, `only ${checked} refusals checked`);
  assert.deepEqual(wrong, []);
  // Nothing above changed the target.
  const t = (await admins.sysadmin.get(`/admin/users?q=${target.username}`)).body.items[0];
  assert.equal(t.version, target.version);
  assert.deepEqual(t.roles, []);
  const pol = await admins.secadmin.get('/admin/security-policy');
  assert.notEqual(pol.body.min_length, 20);
});

test('each administrator holds exactly the permissions of the contract, none of them business ones', async () => {
  for (const [name, perms] of Object.entries(ADMIN_PERMISSIONS)) {
    const me = (await admins[name].get('/me')).body;
    assert.deepEqual([...me.permissions].sort(), [...perms].sort(), name);
    assert.deepEqual(me.roles.map((r) => r.code), [name]);
  }
});

test('the system administrator cannot grant roles', async () => {
  const r = await admins.sysadmin.put(`/admin/users/${target.id}/roles`, { role_codes: ['sysadmin'] });
  assert.equal(r.status, 403);
});

test('the security administrator cannot create users', async () => {
  const username = uniqueName('sec');
  const r = await admins.secadmin.post('/admin/users', { username, display_name: '安全员建的' });
  assert.equal(r.status, 403);
  const list = await admins.sysadmin.get(`/admin/users?q=${username}`);
  assert.equal(list.body.total, 0);
});

test('the audit administrator reads and exports logs and nothing else', async () => {
  const a = admins.auditadmin;
  assert.equal((await a.get('/audit/logs')).status, 200);
  assert.equal((await a.get('/audit/login-logs')).status, 200);
  assert.equal((await a.get('/audit/logs/export?format=csv')).status, 200);
  for (const p of ['/admin/users', '/admin/roles', '/admin/sessions', '/admin/security-policy', '/admin/permissions']) {
    assert.equal((await a.get(p)).status, 403, p);
  }
});

test('roles: the three administrator roles are built in, with their kinds and permissions', async () => {
  const r = await admins.secadmin.get('/admin/roles');
  assert.equal(r.status, 200);
  const byCode = Object.fromEntries(r.body.items.map((x) => [x.code, x]));
  const kinds = { sysadmin: 'system', secadmin: 'security', auditadmin: 'audit' };
  for (const [code, kind] of Object.entries(kinds)) {
    const role = byCode[code];
    assert.ok(role, code);
    assert.equal(role.admin_kind, kind);
    assert.ok(role.builtin);
    assert.ok(role.name && /[\u4e00-\u9fff]/.test(role.name));
    assert.deepEqual([...role.permissions].sort(), [...ADMIN_PERMISSIONS[code]].sort());
  }
  assert.ok(byCode.fixture_clerk?.permissions.includes('fixture.submit'), 'fixture_clerk under --test-fixtures');
  assert.ok(byCode.fixture_reviewer?.permissions.includes('fixture.review'));
  for (const role of r.body.items) {
    if (role.admin_kind) continue;
    for (const p of role.permissions) {
      assert.doesNotMatch(p, /^(system|security|audit)\./, `business role ${role.code} holds ${p}`);
    }
  }
  const perms = await admins.secadmin.get('/admin/permissions');
  assert.equal(perms.status, 200);
  const list = perms.body.items ?? perms.body;
  const codes = list.map((p) => p.code);
  for (const p of Object.values(ADMIN_PERMISSIONS).flat()) assert.ok(codes.includes(p), p);
  for (const p of list) assert.ok(p.name && /[\u4e00-\u9fff]/.test(p.name), `Chinese name for ${p.code}`);
});

test('granting two administrator roles, or one with a business role, is 422 and changes nothing', async () => {
  const sec = admins.secadmin;
  const r = await admins.sysadmin.post('/admin/users', { username: uniqueName('grant'), display_name: '授权' });
  const u = r.body.user;
  for (const codes of [['sysadmin', 'auditadmin'], ['secadmin', 'sysadmin'], ['auditadmin', 'fixture_clerk']]) {
    const g = await sec.put(`/admin/users/${u.id}/roles`, { role_codes: codes });
    assert.equal(g.status, 422, `${codes}: ${g.status} ${g.text}`);
    assert.equal(g.body.error.code, 'validation_failed');
  }
  assert.deepEqual((await admins.sysadmin.get(`/admin/users?q=${u.username}`)).body.items[0].roles, []);
  const ok = await sec.put(`/admin/users/${u.id}/roles`, { role_codes: ['auditadmin'] });
  assert.ok(ok.status >= 200 && ok.status < 300, `one admin role: ${ok.status} ${ok.text}`);
  const roles = (await admins.sysadmin.get(`/admin/users?q=${u.username}`)).body.items[0].roles;
  assert.deepEqual(roles.map((x) => x.code), ['auditadmin']);
  const unknown = await sec.put(`/admin/users/${u.id}/roles`, { role_codes: ['no_such_role'] });
  assert.equal(unknown.status, 422);
  const noUser = await sec.put('/admin/users/987654321/roles', { role_codes: ['auditadmin'] });
  assert.equal(noUser.status, 404);
});

test('no administrator reaches a business route', async () => {
  // openapi.json names each route's permission in x-permission ("a | b" when any will do,
  // "signed-in" for routes open to anyone signed in);
  // a route none of whose permissions is an administration one (system.*, security.*,
  // audit.*) is a business route.
  const doc = (await new Client(server.base).get('/openapi.json')).body;
  const business = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    const full = p.startsWith('/api/') ? p : API + p;
    for (const [m, op] of Object.entries(ops)) {
      const perm = op['x-permission'];
      if (!perm || !['get', 'post', 'put', 'patch', 'delete'].includes(m)) continue;
      const codes = String(perm).split('|').map((x) => x.trim());
      if (codes.some((c) => !c.includes('.'))) continue; // "signed-in", "public"
      if (codes.some((c) => /^(system|security|audit)\./.test(c))) continue;
      business.push([m.toUpperCase(), full]);
    }
  }
  const wrong = [];
  for (const [method, p] of business) {
    for (const name of Object.keys(ADMIN_PERMISSIONS)) {
      const r = await admins[name].request(method, fillPath(p, '1'), method === 'GET' || method === 'DELETE' ? undefined : {});
      if (r.status !== 403) wrong.push(`${name}: ${method} ${p} -> ${r.status}`);
    }
  }
  assert.deepEqual(wrong, []);
  // Each has a menu (built from its permissions) in the documented shape.
  for (const name of Object.keys(ADMIN_PERMISSIONS)) {
    const menu = (await admins[name].get('/me')).body.menu;
    assert.ok(menu.length > 0, `${name} has a menu`);
    const walk = (items) => {
      for (const i of items) {
        for (const k of ['key', 'title', 'title_en']) assert.ok(i[k], `${name}: menu item has ${k}: ${JSON.stringify(i)}`);
        walk(i.children || []);
      }
    };
    walk(menu);
  }
});

test('every GET route answers each administrator with a JSON status, never a 5xx or a dropped connection', async () => {
  const doc = (await new Client(server.base).get('/openapi.json')).body;
  const bad = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    if (!ops.get) continue;
    const full = p.startsWith('/api/') ? p : API + p;
    for (const name of Object.keys(ADMIN_PERMISSIONS)) {
      try {
        const r = await admins[name].get(fillPath(full, '1'), { raw: full.endsWith('/export') });
        if (r.status >= 500) bad.push(`${name}: GET ${full} -> ${r.status}`);
      } catch (e) {
        bad.push(`${name}: GET ${full} -> ${e.cause?.message || e.message}`);
        if (!(await new Client(server.base).get('/health').catch(() => null))) {
          bad.push('the server died');
          assert.deepEqual(bad, []);
        }
      }
    }
  }
  assert.deepEqual(bad, []);
});
