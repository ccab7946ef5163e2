// /admin/security-policy: defaults, the floor nobody may go below, versions, and that a
// stricter policy takes effect.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, signedIn, createUser, hasChinese } from '../lib/harness.mjs';

let server;
let sec;
let sys;
before(async () => {
  server = await startServer();
  sec = await signedIn(server, 'secadmin');
  sys = await signedIn(server, 'sysadmin');
});
after(async () => { await server?.close(); });

const DEFAULTS = {
  min_length: 8, min_classes: 3, history: 5, expiry_days: 90, max_failures: 5,
  lockout_minutes: 15, idle_timeout_minutes: 30, absolute_timeout_hours: 12,
};

function policyOf(body) {
  return Object.fromEntries(Object.keys(DEFAULTS).map((k) => [k, body[k]]));
}

test('the default policy is the documented one', async () => {
  const r = await sec.get('/admin/security-policy');
  assert.equal(r.status, 200);
  assert.deepEqual(policyOf(r.body), DEFAULTS);
  assert.ok(Number.isInteger(r.body.version));
});

test('anything weaker than the floor is 422 naming the field, and nothing changes', async () => {
  const cur = (await sec.get('/admin/security-policy')).body;
  const weaker = [
    ['min_length', 7], ['min_classes', 2], ['history', 4], ['expiry_days', 0], ['expiry_days', 91],
    ['max_failures', 6], ['lockout_minutes', 14], ['idle_timeout_minutes', 31], ['absolute_timeout_hours', 13],
  ];
  for (const [field, value] of weaker) {
    const r = await sec.put('/admin/security-policy', { ...policyOf(cur), [field]: value, version: cur.version });
    assert.equal(r.status, 422, `${field}=${value}: ${r.status} ${r.text}`);
    assert.equal(r.body.error.code, 'validation_failed');
    const d = r.body.error.details.find((x) => x.field === field);
    assert.ok(d, `${field}=${value} names the field: ${JSON.stringify(r.body.error.details)}`);
    assert.ok(hasChinese(d.message));
  }
  const after1 = (await sec.get('/admin/security-policy')).body;
  assert.deepEqual(policyOf(after1), policyOf(cur));
  assert.equal(after1.version, cur.version);
});

test('a stricter policy is saved with a new version; a stale version is 409', async () => {
  const cur = (await sec.get('/admin/security-policy')).body;
  const stricter = { ...policyOf(cur), min_length: 12, history: 6, expiry_days: 60, lockout_minutes: 30, idle_timeout_minutes: 20 };
  const r = await sec.put('/admin/security-policy', { ...stricter, version: cur.version });
  assert.equal(r.status, 200, r.text);
  const now = (await sec.get('/admin/security-policy')).body;
  assert.deepEqual(policyOf(now), stricter);
  assert.ok(now.version > cur.version);
  const stale = await sec.put('/admin/security-policy', { ...stricter, min_length: 14, version: cur.version });
  assert.equal(stale.status, 409);
  assert.equal(stale.body.error.code, 'version_conflict');
  assert.equal((await sec.get('/admin/security-policy')).body.min_length, 12);
});

test('the stricter minimum length applies to the next password change', async () => {
  const u = await createUser(server, { sys, sec, changePassword: false });
  const c = new Client(server.base);
  await c.signIn(u.username, u.initialPassword);
  const short = await c.post('/auth/password', { old_password: u.initialPassword, new_password: 'Abc#12345x' });
  assert.equal(short.status, 422, 'ten characters are too few under min_length 12');
  assert.ok(short.body.error.details.some((d) => d.field === 'new_password'));
  const ok = await c.post('/auth/password', { old_password: u.initialPassword, new_password: 'Abc#12345xyz9' });
  assert.equal(ok.status, 204);
});
