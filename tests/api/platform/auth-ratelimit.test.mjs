// POST /auth/login is rate-limited per IP (default 30 a minute): 429 too_many_requests.
// Its own file (its own server) so the other files' logins never meet the limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO_PASSWORD } from '../lib/harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

test('too many logins from one IP get 429, whoever the account', async () => {
  const statuses = [];
  let limited = null;
  for (let i = 0; i < 45; i++) {
    const r = await new Client(server.base).login(`nobody${i}`, 'Wrong@2026jx');
    statuses.push(r.status);
    if (r.status === 429) { limited = r; break; }
  }
  assert.ok(limited, `no 429 after ${statuses.length} attempts: ${statuses.join(',')}`);
  assert.equal(limited.body.error.code, 'too_many_requests');
  assert.ok(statuses.length > 5, `limited already at attempt ${statuses.length}`);
  assert.ok(statuses.slice(0, -1).every((s) => s === 401), 'earlier attempts were plain failures');
  // The limit is per IP: the right password for a real account is refused too, and no
  // session is made.
  const c = new Client(server.base);
  const right = await c.login('sysadmin', DEMO_PASSWORD);
  assert.equal(right.status, 429);
  assert.ok(!c.cookies.has('jx_session'));
  // Other routes are not affected.
  assert.equal((await new Client(server.base).get('/health')).status, 200);
});
