// Crash safety: a stream of writes, kill -9 in the middle, restart. Every write that was
// answered 2xx is there (with its audit row), and the audit chain verifies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn, uniqueName, sleep } from '../lib/harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

async function everything(client, path) {
  const items = [];
  for (let page = 1; ; page++) {
    const r = await client.get(`${path}${path.includes('?') ? '&' : '?'}page=${page}&page_size=200`);
    assert.equal(r.status, 200, r.text);
    items.push(...r.body.items);
    if (r.body.items.length < 200 || items.length >= r.body.total) return items;
  }
}

test('writes acknowledged before a kill -9 survive it, and the audit chain verifies', async () => {
  const sys = await signedIn(server, 'sysadmin');
  const acked = [];
  let attempted = 0;
  let stop = false;
  async function writer(n) {
    while (!stop) {
      const username = uniqueName(`crash${n}`);
      attempted += 1;
      try {
        const r = await sys.post('/admin/users', { username, display_name: `崩溃测试${n}` });
        if (r.status === 201) acked.push({ username, id: r.body.user.id });
        else if (r.status >= 400) throw new Error(`unexpected ${r.status} ${r.text}`);
      } catch (e) {
        if (stop) return;
        if (/unexpected/.test(e.message)) throw e;
        return; // the connection died with the server
      }
    }
  }
  const writers = [1, 2, 3, 4].map(writer);
  // Let a few writes land, then kill the server while others are in flight.
  const t0 = Date.now();
  while (acked.length < 8 && Date.now() - t0 < 20_000) await sleep(20);
  await sleep(150 + Math.floor(Math.random() * 200));
  await server.kill9();
  await Promise.all(writers);
  stop = true;
  assert.ok(acked.length >= 8, `only ${acked.length} writes acknowledged`);
  assert.ok(attempted > acked.length, 'some writes were in flight at the kill');

  await server.start();
  const sys2 = await signedIn(server, 'sysadmin');
  const users = new Map((await everything(sys2, '/admin/users')).map((u) => [u.username, u]));
  const lost = acked.filter((a) => !users.has(a.username) || users.get(a.username).id !== a.id);
  assert.deepEqual(lost, [], `acknowledged writes lost (${lost.length} of ${acked.length})`);

  const aud = await signedIn(server, 'auditadmin');
  const logs = JSON.stringify(await everything(aud, '/audit/logs?actor=sysadmin'));
  const unaudited = acked.filter((a) => !logs.includes(a.username));
  assert.deepEqual(unaudited, [], 'every acknowledged write has its audit row');

  // The server still takes writes after the crash.
  const more = await sys2.post('/admin/users', { username: uniqueName('after'), display_name: '崩溃之后' });
  assert.equal(more.status, 201);

  await server.stop();
  const v = await server.cli(['audit', 'verify', '--db', server.url]);
  assert.equal(v.code, 0, `audit verify: ${v.stdout}${v.stderr}`);
  const m = /audit chain OK: (\d+) rows/.exec(v.stdout);
  assert.ok(m, v.stdout);
  assert.ok(Number(m[1]) >= acked.length + 1);
});
