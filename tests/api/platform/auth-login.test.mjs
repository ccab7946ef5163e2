// POST /auth/login: success, failures, lockout after 5 failures (15 min), unlock, disabled
// accounts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, Client, signedIn, createUser, advanceClock, DEMO_PASSWORD, hasChinese,
} from '../lib/harness.mjs';

let server;
let sys;
let sec;
before(async () => {
  server = await startServer();
  sys = await signedIn(server, 'sysadmin');
  sec = await signedIn(server, 'secadmin');
});
after(async () => { await server?.close(); });

test('login as a demo administrator returns Me, the CSRF token and a session cookie', async () => {
  const c = new Client(server.base);
  const r = await c.login('sysadmin', DEMO_PASSWORD);
  assert.equal(r.status, 200);
  const me = r.body.user;
  assert.equal(me.username, 'sysadmin');
  assert.equal(typeof me.id, 'number');
  assert.equal(typeof me.display_name, 'string');
  assert.ok(Array.isArray(me.roles) && me.roles.some((x) => x.code === 'sysadmin' && x.name), 'role sysadmin with a name');
  assert.ok(Array.isArray(me.permissions) && me.permissions.includes('system.user.read'));
  assert.equal(me.must_change_password, false, 'demo accounts need not change the password');
  assert.ok(Array.isArray(me.menu));
  assert.equal(typeof r.body.csrf_token, 'string');
  assert.ok(c.cookies.has('jx_session'), 'jx_session cookie set');
  const again = await c.get('/me');
  assert.equal(again.status, 200);
  assert.equal(again.body.username, 'sysadmin');
});

test('a wrong password and an unknown user get the same 401 invalid_credentials', async () => {
  const wc = new Client(server.base);
  const wrong = await wc.login('secadmin', 'Wrong@2026jx');
  const unknown = await new Client(server.base).login('nobody_here', 'Wrong@2026jx');
  assert.equal(wrong.status, 401);
  assert.equal(unknown.status, 401);
  assert.equal(wrong.body.error.code, 'invalid_credentials');
  assert.equal(unknown.body.error.code, 'invalid_credentials');
  assert.equal(wrong.body.error.message, unknown.body.error.message, 'no hint whether the user exists');
  assert.ok(hasChinese(wrong.body.error.message));
  assert.ok(!wc.cookies.has('jx_session'), 'no session cookie after a failed login');
  const empty = await new Client(server.base).login('', '');
  assert.ok([401, 422].includes(empty.status), `empty credentials: ${empty.status}`);
});

async function failFiveTimes(username) {
  const statuses = [];
  for (let i = 0; i < 5; i++) {
    statuses.push((await new Client(server.base).login(username, `Wrong#pass${i}X`)).status);
  }
  return statuses;
}

test('an administrator unlocks a locked account', async () => {
  const u = await createUser(server, { sys, sec });
  const statuses = await failFiveTimes(u.username);
  assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401]);
  assert.ok([401, 423].includes(statuses[4]));
  const locked = await new Client(server.base).login(u.username, u.password);
  assert.equal(locked.status, 423);
  assert.equal(locked.body.error.code, 'account_locked');
  const list = await sys.get(`/admin/users?q=${u.username}`);
  assert.equal(list.body.items[0].locked, true, 'the list shows the lock');
  const unlock = await sys.post(`/admin/users/${u.id}/unlock`);
  assert.equal(unlock.status, 204);
  assert.equal((await sys.get(`/admin/users?q=${u.username}`)).body.items[0].locked, false);
  const ok = await new Client(server.base).login(u.username, u.password);
  assert.equal(ok.status, 200);
});

test('a disabled account gets 403 account_disabled, and enabling it lets it in again', async () => {
  const u = await createUser(server, { sys, sec });
  assert.equal((await sys.post(`/admin/users/${u.id}/disable`)).status, 204);
  assert.equal((await u.client.get('/me')).status, 401, 'disabling ends the sessions');
  const r = await new Client(server.base).login(u.username, u.password);
  assert.equal(r.status, 403);
  assert.equal(r.body.error.code, 'account_disabled');
  assert.equal((await sys.post(`/admin/users/${u.id}/enable`)).status, 204);
  assert.equal((await new Client(server.base).login(u.username, u.password)).status, 200);
});

test('5 failures lock the account for 15 minutes, even against the right password', async () => {
  const u = await createUser(server, { sys, sec });
  await failFiveTimes(u.username);
  const locked = await new Client(server.base).login(u.username, u.password);
  assert.equal(locked.status, 423);
  assert.equal(locked.body.error.code, 'account_locked');
  await advanceClock(server, 901);
  const ok = await new Client(server.base).login(u.username, u.password);
  assert.equal(ok.status, 200, `after 15 min: ${ok.text}`);
});
