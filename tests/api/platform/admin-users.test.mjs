// /admin/users as the system administrator: create, list, update, versions, validation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, Client, signedIn, uniqueName, hasChinese,
} from '../lib/harness.mjs';

let server;
let sys;
before(async () => {
  server = await startServer();
  sys = await signedIn(server, 'sysadmin');
});
after(async () => { await server?.close(); });

async function findUser(username) {
  const r = await sys.get(`/admin/users?q=${encodeURIComponent(username)}&page_size=200`);
  assert.equal(r.status, 200);
  return r.body.items.find((u) => u.username === username);
}

test('create a user: 201 with the user and a one-time password', async () => {
  const username = uniqueName('zhang');
  const r = await sys.post('/admin/users', {
    username, display_name: '张三', phone: '13800000000', email: 'zhangsan@example.org',
  });
  assert.equal(r.status, 201, r.text);
  const u = r.body.user;
  assert.equal(u.username, username);
  assert.equal(u.display_name, '张三');
  assert.equal(u.phone, '13800000000');
  assert.equal(u.email, 'zhangsan@example.org');
  assert.equal(u.status, 'active');
  assert.equal(u.locked, false);
  assert.equal(u.must_change_password, true);
  assert.deepEqual(u.roles, []);
  assert.ok(Number.isInteger(u.version));
  assert.ok(u.created_at);
  assert.equal(typeof r.body.initial_password, 'string');
  assert.ok(r.body.initial_password.length >= 8);
  for (const k of Object.keys(u)) assert.doesNotMatch(k, /password_hash|^password$/, 'no password in the user');

  const listed = await findUser(username);
  assert.ok(listed, 'listed');
  assert.equal(listed.id, u.id);
  assert.equal(listed.last_login_at ?? null, null, 'never signed in');
  // The one-time password signs in.
  assert.equal((await new Client(server.base).login(username, r.body.initial_password)).status, 200);
});

test('the list: q matches username and display name, status filters, items have the documented fields', async () => {
  const username = uniqueName('li');
  const display = `李四${username.slice(-4)}`;
  const c = await sys.post('/admin/users', { username, display_name: display });
  assert.equal(c.status, 201);
  const byName = await sys.get(`/admin/users?q=${encodeURIComponent(display)}`);
  assert.equal(byName.status, 200);
  assert.ok(byName.body.items.some((u) => u.username === username), 'q matches display_name');
  assert.ok(byName.body.total >= 1);
  const all = await sys.get('/admin/users?page_size=200');
  assert.ok(all.body.items.length >= 4);
  for (const u of all.body.items) {
    for (const k of ['id', 'username', 'display_name', 'status', 'locked', 'must_change_password', 'roles', 'created_at', 'version']) {
      assert.ok(k in u, `item has ${k}`);
    }
  }
  assert.equal((await sys.post(`/admin/users/${c.body.user.id}/disable`)).status, 204);
  const disabled = await sys.get('/admin/users?status=disabled&page_size=200');
  assert.ok(disabled.body.items.some((u) => u.username === username));
  assert.ok(disabled.body.items.every((u) => u.status === 'disabled'));
  const active = await sys.get('/admin/users?status=active&page_size=200');
  assert.ok(!active.body.items.some((u) => u.username === username));
  assert.ok(active.body.items.every((u) => u.status === 'active'));
});

test('update a user with the version read; a stale version is 409 and changes nothing', async () => {
  const username = uniqueName('wang');
  const c = await sys.post('/admin/users', { username, display_name: '王五' });
  const u = c.body.user;
  const upd = await sys.put(`/admin/users/${u.id}`, {
    display_name: '王五（财政局）', phone: '0571-1234567', email: 'w5@example.org', org_id: u.org_id ?? null, version: u.version,
  });
  assert.equal(upd.status, 200, upd.text);
  const after1 = await findUser(username);
  assert.equal(after1.display_name, '王五（财政局）');
  assert.equal(after1.phone, '0571-1234567');
  assert.equal(after1.email, 'w5@example.org');
  assert.ok(after1.version > u.version, 'the version moved on');

  const stale = await sys.put(`/admin/users/${u.id}`, {
    display_name: '旧版本', phone: '', email: '', org_id: u.org_id ?? null, version: u.version,
  });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.code, 'version_conflict');
  assert.ok(hasChinese(stale.body.error.message));
  assert.equal((await findUser(username)).display_name, '王五（财政局）', 'nothing lost');

  const missing = await sys.put('/admin/users/987654321', {
    display_name: 'x', phone: '', email: '', org_id: null, version: 1,
  });
  assert.equal(missing.status, 404);
});

test('invalid usernames: 422 naming the field, with a Chinese message, nothing stored', async () => {
  const bad = ['1abc', 'ab', 'Abcdef', `a${'b'.repeat(32)}`, 'abc def', '张三丰', '_abc', ''];
  for (const username of bad) {
    const r = await sys.post('/admin/users', { username, display_name: '校验' });
    assert.equal(r.status, 422, `username ${JSON.stringify(username)}: ${r.status}`);
    assert.equal(r.body.error.code, 'validation_failed');
    assert.ok(hasChinese(r.body.error.message));
    const d = r.body.error.details.find((x) => x.field === 'username');
    assert.ok(d, `details name username for ${JSON.stringify(username)}`);
    assert.ok(hasChinese(d.message), d.message);
  }
  const all = await sys.get('/admin/users?q=%E6%A0%A1%E9%AA%8C&page_size=200'); // q=校验
  assert.equal(all.body.total, 0, 'none of them was stored');
});

test('missing display name: 422 on display_name; English on request', async () => {
  const username = uniqueName('nodn');
  const r = await sys.post('/admin/users', { username });
  assert.equal(r.status, 422);
  assert.ok(r.body.error.details.some((d) => d.field === 'display_name' && hasChinese(d.message)));
  const en = new Client(server.base, { lang: 'en' });
  en.cookies = sys.cookies;
  en.csrf = sys.csrf;
  const r2 = await en.post('/admin/users', { username, display_name: '' });
  assert.equal(r2.status, 422);
  const d2 = r2.body.error.details.find((d) => d.field === 'display_name');
  assert.ok(d2 && !hasChinese(d2.message), `English detail: ${d2?.message}`);
  assert.equal(await findUser(username), undefined, 'nothing stored');
});

test('a duplicate username is 409', async () => {
  const username = uniqueName('dup');
  assert.equal((await sys.post('/admin/users', { username, display_name: '甲' })).status, 201);
  const again = await sys.post('/admin/users', { username, display_name: '乙' });
  assert.equal(again.status, 409);
  assert.ok(hasChinese(again.body.error.message));
  const r = await sys.get(`/admin/users?q=${username}`);
  assert.equal(r.body.total, 1);
  assert.equal(r.body.items[0].display_name, '甲');
});

test('actions on an unknown user id are 404', async () => {
  for (const a of ['reset-password', 'unlock', 'disable', 'enable']) {
    const r = await sys.post(`/admin/users/987654321/${a}`);
    assert.equal(r.status, 404, a);
    assert.equal(r.body.error.code, 'not_found');
  }
});
