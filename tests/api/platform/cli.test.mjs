// The administration CLI against the same database the server uses: init, demo, user,
// backup/restore, audit verify, version.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { existsSync } from 'node:fs';
import {
  startServer, freshDatabase, runCli, Client, signedIn, uniqueName, strongPassword,
} from '../lib/harness.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.close(); });

test('jixiao version prints the version /health reports', async () => {
  const v = await runCli(['version']);
  assert.equal(v.code, 0);
  const health = await new Client(server.base).get('/health');
  assert.ok(v.stdout.includes(health.body.version), `${v.stdout} vs ${health.body.version}`);
});

test('jixiao init prints one-time passwords for the three administrators, and refuses to run twice', async () => {
  const db = await freshDatabase();
  try {
    const r = await runCli(['init', '--db', db.url]);
    assert.equal(r.code, 0, r.stderr);
    const lines = Object.fromEntries(r.stdout.split('\n').filter((l) => l.includes('\t')).map((l) => l.split('\t')));
    for (const name of ['sysadmin', 'secadmin', 'auditadmin']) {
      assert.ok(lines[name] && lines[name].length >= 8, `${name}<TAB>password`);
    }
    assert.equal(new Set(Object.values(lines)).size, Object.keys(lines).length, 'different passwords');
    const again = await runCli(['init', '--db', db.url]);
    assert.notEqual(again.code, 0, 'init on an initialized database');
    const demo = await runCli(['demo', '--db', db.url]);
    assert.notEqual(demo.code, 0, 'demo refuses a non-empty database');
  } finally {
    await db.drop();
  }
});

test('jixiao user create | reset-password | disable | enable | unlock work on a live database', async () => {
  const username = uniqueName('cli');
  const created = await runCli(['user', 'create', '--db', server.url, '--username', username, '--display-name', '命令行用户']);
  assert.equal(created.code, 0, created.stderr);
  const line = created.stdout.split('\n').find((l) => l.startsWith(`${username}\t`));
  assert.ok(line, `"${username}<TAB>password" in ${created.stdout}`);
  const initial = line.split('\t')[1];
  const c = new Client(server.base);
  const login = await c.login(username, initial);
  assert.equal(login.status, 200);
  assert.equal(login.body.user.must_change_password, true);
  const np = strongPassword();
  assert.equal((await c.post('/auth/password', { old_password: initial, new_password: np })).status, 204);

  const dis = await runCli(['user', 'disable', '--db', server.url, '--username', username]);
  assert.equal(dis.code, 0, dis.stderr);
  assert.equal((await c.get('/me')).status, 401, 'disabling from the CLI ends the sessions');
  assert.equal((await new Client(server.base).login(username, np)).status, 403);
  assert.equal((await runCli(['user', 'enable', '--db', server.url, '--username', username])).code, 0);
  assert.equal((await new Client(server.base).login(username, np)).status, 200);

  const reset = await runCli(['user', 'reset-password', '--db', server.url, '--username', username]);
  assert.equal(reset.code, 0, reset.stderr);
  const again = reset.stdout.split('\n').find((l) => l.startsWith(`${username}\t`)).split('\t')[1];
  assert.equal((await new Client(server.base).login(username, np)).status, 401, 'the old password is gone');
  const after = await new Client(server.base).login(username, again);
  assert.equal(after.status, 200);
  assert.equal(after.body.user.must_change_password, true);

  const missing = await runCli(['user', 'unlock', '--db', server.url, '--username', 'no_such_user_here']);
  assert.notEqual(missing.code, 0);
  const dup = await runCli(['user', 'create', '--db', server.url, '--username', username, '--display-name', '重复']);
  assert.notEqual(dup.code, 0, 'a duplicate username is refused');

  // CLI changes are audited like any other.
  const aud = await signedIn(server, 'auditadmin');
  const logs = JSON.stringify((await aud.get('/audit/logs?page_size=200')).body.items);
  assert.ok(logs.includes('cli:'), 'an audit row names the CLI as the actor');
});

test('backup, more changes, restore: the database is back as it was at the backup', async () => {
  const sys = await signedIn(server, 'sysadmin');
  const before1 = uniqueName('keep');
  assert.equal((await sys.post('/admin/users', { username: before1, display_name: '备份前' })).status, 201);
  const file = path.join(server.dir, 'jixiao-backup.bak');
  const out = await runCli(['backup', '--db', server.url, '--out', file]);
  assert.equal(out.code, 0, out.stderr);
  assert.ok(existsSync(file), 'the backup file exists');
  const later = uniqueName('gone');
  assert.equal((await sys.post('/admin/users', { username: later, display_name: '备份后' })).status, 201);

  await server.stop();
  const res = await runCli(['restore', '--db', server.url, '--from', file]);
  assert.equal(res.code, 0, res.stdout + res.stderr);
  await server.start();
  const sys2 = await signedIn(server, 'sysadmin');
  assert.equal((await sys2.get(`/admin/users?q=${before1}`)).body.total, 1, 'made before the backup: there');
  assert.equal((await sys2.get(`/admin/users?q=${later}`)).body.total, 0, 'made after the backup: gone');
  const v = await runCli(['audit', 'verify', '--db', server.url]);
  assert.equal(v.code, 0, v.stdout + v.stderr);
  assert.match(v.stdout, /audit chain OK: \d+ rows/);
});
