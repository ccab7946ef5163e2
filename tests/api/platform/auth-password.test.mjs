// Passwords: forced change at first sign-in and after a reset, the policy (length, classes,
// username, history), expiry after 90 days.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, Client, signedIn, createUser, advanceClock, strongPassword, hasChinese,
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

function assertPolicyError(r, field, what) {
  assert.equal(r.status, 422, `${what}: ${r.status} ${r.text}`);
  assert.equal(r.body.error.code, 'validation_failed', what);
  const d = r.body.error.details.find((x) => x.field === field);
  assert.ok(d, `${what}: a detail for ${field}: ${JSON.stringify(r.body.error.details)}`);
  assert.ok(hasChinese(d.message), `${what}: Chinese reason: ${d.message}`);
}

async function assertForcedChange(c) {
  const me = await c.get('/me');
  assert.equal(me.status, 200, '/me stays allowed');
  assert.equal(me.body.must_change_password, true);
  for (const p of ['/todo', '/me/sessions']) {
    const r = await c.get(p);
    assert.equal(r.status, 403, `${p} during a forced change`);
    assert.equal(r.body.error.code, 'password_change_required', p);
  }
}

test('a new user must change the one-time password before anything else', async () => {
  const u = await createUser(server, { sys, sec, changePassword: false });
  const c = new Client(server.base);
  const login = await c.login(u.username, u.initialPassword);
  assert.equal(login.status, 200);
  assert.equal(login.body.user.must_change_password, true);
  await assertForcedChange(c);
  const np = strongPassword();
  const ch = await c.post('/auth/password', { old_password: u.initialPassword, new_password: np });
  assert.equal(ch.status, 204);
  assert.equal((await c.get('/todo')).status, 200, 'allowed after the change');
  assert.equal((await c.get('/me')).body.must_change_password, false);
  // The one-time password no longer works; the new one does.
  assert.equal((await new Client(server.base).login(u.username, u.initialPassword)).status, 401);
  assert.equal((await new Client(server.base).login(u.username, np)).status, 200);
});

test('policy errors name new_password and change nothing', async () => {
  const u = await createUser(server, { sys, sec });
  const c = u.client;
  const cases = [
    ['short', 'Ab1#xyz'],
    ['two classes', 'abcdefgh1234'],
    ['contains the username', `X#9${u.username}`],
    ['same as now', u.password],
  ];
  for (const [what, pw] of cases) {
    assertPolicyError(await c.post('/auth/password', { old_password: u.password, new_password: pw }),
      'new_password', what);
  }
  assertPolicyError(await c.post('/auth/password', { old_password: 'Not#theOld1', new_password: strongPassword() }),
    'old_password', 'wrong old password');
  // Still the same password.
  assert.equal((await new Client(server.base).login(u.username, u.password)).status, 200);
});

test('none of the last 5 passwords may be reused', async () => {
  const u = await createUser(server, { sys, sec });
  const c = u.client;
  const used = [u.password];
  for (let i = 0; i < 3; i++) {
    const np = strongPassword();
    const r = await c.post('/auth/password', { old_password: used.at(-1), new_password: np });
    assert.equal(r.status, 204);
    used.push(np);
  }
  const current = used.at(-1);
  for (const old of used.slice(0, -1)) {
    assertPolicyError(await c.post('/auth/password', { old_password: current, new_password: old }),
      'new_password', 'a recent password');
  }
  assert.equal((await new Client(server.base).login(u.username, current)).status, 200);
});

test('a password reset ends the user\'s sessions and forces a change', async () => {
  const u = await createUser(server, { sys, sec });
  const r = await sys.post(`/admin/users/${u.id}/reset-password`);
  assert.equal(r.status, 200);
  assert.equal(typeof r.body.initial_password, 'string');
  assert.notEqual(r.body.initial_password, u.password);
  assert.equal((await u.client.get('/me')).status, 401, 'old session ended');
  assert.equal((await new Client(server.base).login(u.username, u.password)).status, 401, 'old password gone');
  const c = new Client(server.base);
  const login = await c.login(u.username, r.body.initial_password);
  assert.equal(login.status, 200);
  assert.equal(login.body.user.must_change_password, true);
  await assertForcedChange(c);
  const list = await sys.get(`/admin/users?q=${u.username}`);
  assert.equal(list.body.items[0].must_change_password, true);
});

test('a password older than 90 days must be changed', async () => {
  const u = await createUser(server, { sys, sec });
  const me = await u.client.get('/me');
  assert.ok(me.body.password_expires_at, 'password_expires_at is set');
  const expires = Date.parse(me.body.password_expires_at);
  assert.ok(!Number.isNaN(expires));
  const days = (expires - Date.now()) / 86400e3;
  assert.ok(days > 89 && days <= 90.01, `expires in ${days.toFixed(2)} days`);
  await advanceClock(server, 91 * 86400);
  const c = new Client(server.base);
  const login = await c.login(u.username, u.password);
  assert.equal(login.status, 200);
  assert.equal(login.body.user.must_change_password, true, 'expired: change required');
  await assertForcedChange(c);
  const ch = await c.post('/auth/password', { old_password: u.password, new_password: strongPassword() });
  assert.equal(ch.status, 204);
  assert.equal((await c.get('/todo')).status, 200);
});
