// Behind a reverse proxy (jixiao.toml trusted_proxies): the client's address comes from
// X-Forwarded-For in sessions, the login log and the per-IP login limit; from an untrusted peer
// the header is ignored. Its own servers, so that the login limit meets no other file's logins.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, Client, DEMO_PASSWORD } from '../lib/harness.mjs';

let proxied;  // trusts 127.0.0.1, where the tests connect from
let direct;   // trusts nobody
before(async () => {
  [proxied, direct] = await Promise.all([
    startServer({ env: { JIXIAO_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/8' } }),
    startServer(),
  ]);
});
after(async () => { await Promise.all([proxied?.close(), direct?.close()]); });

const via = (server, xff) => new Client(server.base, { headers: { 'X-Forwarded-For': xff } });

async function sessionIp(client) {
  const r = await client.get('/me/sessions');
  assert.equal(r.status, 200);
  return r.body.items.find((s) => s.current).ip;
}

test('behind a trusted proxy the session and the login log carry the forwarded address', async () => {
  const c = via(proxied, '203.0.113.7');
  await c.signIn('zhangwei');
  assert.equal(await sessionIp(c), '203.0.113.7');
  // what the client wrote itself, left of the proxy's hop, is not believed; trusted hops are passed
  const chained = via(proxied, '198.51.100.1, 203.0.113.8, 10.1.2.3');
  await chained.signIn('wangfang');
  assert.equal(await sessionIp(chained), '203.0.113.8');
  const audit = new Client(proxied.base);
  await audit.signIn('auditadmin');
  const logs = await audit.get('/audit/login-logs?page_size=50');
  assert.equal(logs.status, 200);
  const ips = logs.body.items.filter((l) => ['zhangwei', 'wangfang'].includes(l.username)).map((l) => l.ip);
  assert.ok(ips.includes('203.0.113.7') && ips.includes('203.0.113.8'), JSON.stringify(logs.body.items.slice(0, 5)));
});

test('from an untrusted peer X-Forwarded-For is ignored', async () => {
  const c = via(direct, '203.0.113.7');
  await c.signIn('zhangwei');
  assert.equal(await sessionIp(c), '127.0.0.1');
});

test('the login limit counts each forwarded address apart', async () => {
  const statuses = [];
  for (let i = 0; i < 45; i++) {
    const r = await via(proxied, '198.51.100.20').login(`nobody${i}`, 'Wrong@2026jx');
    statuses.push(r.status);
    if (r.status === 429) break;
  }
  assert.equal(statuses.at(-1), 429, `no 429 after ${statuses.length} attempts`);
  // another client behind the same proxy still signs in
  const other = via(proxied, '198.51.100.21');
  assert.equal((await other.login('lina', DEMO_PASSWORD)).status, 200);
  // and the limited one stays limited
  assert.equal((await via(proxied, '198.51.100.20').login('lina', DEMO_PASSWORD)).status, 429);
});

test('a bad trusted_proxies entry stops the server with its name', async () => {
  const r = await direct.cli(['serve', '--db', direct.url, '--listen', '127.0.0.1:0'], { env: { JIXIAO_TRUSTED_PROXIES: '127.0.0.1, 10.0.0.0/40' } });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr + r.stdout, /trusted_proxies/);
  assert.match(r.stderr + r.stdout, /10\.0\.0\.0\/40/);
});
