// Sessions: logout ends the session on the server, idle timeout 30 min, absolute 12 h, the
// caller's own sessions, forced sign-out by the security administrator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, signedIn, advanceClock, DEMO_PASSWORD } from '../lib/harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

test('logout ends the session on the server: the old cookie gets 401', async () => {
  const c = await signedIn(server, 'auditadmin');
  const cookie = c.cookieHeader();
  const out = await c.logout();
  assert.equal(out.status, 204);
  assert.ok(!c.cookies.has('jx_session'), 'the cookie is cleared');
  const replay = new Client(server.base);
  const r = await replay.get('/me', { headers: { cookie } });
  assert.equal(r.status, 401);
  assert.ok(['unauthenticated', 'session_expired'].includes(r.body.error.code), r.body.error.code);
});

test('an unknown or forged session cookie is 401 unauthenticated', async () => {
  const r = await new Client(server.base).get('/me', { headers: { cookie: 'jx_session=forged-token-value' } });
  assert.equal(r.status, 401);
  assert.equal(r.body.error.code, 'unauthenticated');
});

test('a session used within 30 minutes stays; idle for over 30 minutes it expires', async () => {
  const c = await signedIn(server, 'auditadmin');
  await advanceClock(server, 25 * 60);
  assert.equal((await c.get('/me')).status, 200, 'used after 25 min idle');
  await advanceClock(server, 25 * 60);
  assert.equal((await c.get('/me')).status, 200, 'idle again 25 min: the last use counts');
  await advanceClock(server, 30 * 60 + 1);
  const r = await c.get('/me');
  assert.equal(r.status, 401);
  assert.equal(r.body.error.code, 'session_expired');
});

test('a session ends 12 hours after sign-in however busy it is', async () => {
  const c = await signedIn(server, 'auditadmin');
  let elapsed = 0;
  const step = 25 * 60;
  while (elapsed + step < 12 * 3600) {
    await advanceClock(server, step);
    elapsed += step;
    const r = await c.get('/me');
    assert.equal(r.status, 200, `still signed in after ${elapsed} s`);
  }
  await advanceClock(server, 12 * 3600 - elapsed + 1);
  const r = await c.get('/me');
  assert.equal(r.status, 401);
  assert.equal(r.body.error.code, 'session_expired');
  // Signing in again works.
  assert.equal((await new Client(server.base).login('auditadmin', DEMO_PASSWORD)).status, 200);
});

test('GET /me/sessions lists the caller\'s own active sessions only', async () => {
  const a = new Client(server.base, { userAgent: 'jx-api-test/A' });
  const b = new Client(server.base, { userAgent: 'jx-api-test/B' });
  await a.signIn('sysadmin');
  await b.signIn('sysadmin');
  await signedIn(server, 'secadmin');
  const r = await a.get('/me/sessions');
  assert.equal(r.status, 200);
  const items = r.body.items ?? r.body;
  assert.ok(Array.isArray(items));
  const agents = items.map((s) => s.user_agent);
  assert.ok(agents.includes('jx-api-test/A') && agents.includes('jx-api-test/B'), JSON.stringify(items));
  for (const s of items) {
    assert.ok(s.id !== undefined && s.ip && s.created_at && s.last_seen_at, JSON.stringify(s));
    if (s.username !== undefined) assert.equal(s.username, 'sysadmin');
  }
  await b.logout();
  const after = await a.get('/me/sessions');
  const afterItems = after.body.items ?? after.body;
  assert.ok(!afterItems.some((s) => s.user_agent === 'jx-api-test/B'), 'an ended session is not listed');
});

test('the security administrator lists all sessions and signs one out', async () => {
  const victim = new Client(server.base, { userAgent: 'jx-api-test/victim' });
  const bystander = new Client(server.base, { userAgent: 'jx-api-test/bystander' });
  await victim.signIn('sysadmin');
  await bystander.signIn('sysadmin');
  const sec = await signedIn(server, 'secadmin');
  const list = await sec.get('/admin/sessions?page_size=200');
  assert.equal(list.status, 200);
  assert.ok(Number.isInteger(list.body.total));
  const s = list.body.items.find((x) => x.user_agent === 'jx-api-test/victim');
  assert.ok(s, 'the victim session is listed');
  assert.equal(s.username, 'sysadmin');
  assert.equal(typeof s.user_id, 'number');
  assert.match(s.ip, /127\.0\.0\.1/);
  assert.ok(s.created_at && s.last_seen_at);
  const del = await sec.del(`/admin/sessions/${s.id}`);
  assert.equal(del.status, 204);
  assert.equal((await victim.get('/me')).status, 401, 'the signed-out session is dead');
  assert.equal((await bystander.get('/me')).status, 200, 'other sessions live on');
  const again = await sec.get('/admin/sessions?page_size=200');
  assert.ok(!again.body.items.some((x) => x.id === s.id), 'no longer listed');
  const missing = await sec.del('/admin/sessions/no-such-session');
  assert.equal(missing.status, 404);
});
