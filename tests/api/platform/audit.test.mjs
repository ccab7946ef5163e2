// The audit log and the login log: every change made by the administrators appears with actor,
// IP, request id and before/after; filters; CSV (with BOM) and xlsx exports. Passwords never
// appear.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  startServer, Client, signedIn, uniqueName, strongPassword, DEMO_PASSWORD, DIALECT,
} from '../lib/harness.mjs';

const exec = promisify(execFile);

let server;
let sys;
let sec;
let aud;
const secrets = [];
let user;       // the user the changes were made to
let sessionId;  // the session the security administrator ended
let requestIdOfCreate;
before(async () => {
  server = await startServer();
  sys = await signedIn(server, 'sysadmin');
  sec = await signedIn(server, 'secadmin');
  aud = await signedIn(server, 'auditadmin');
  // Changes, each by the one administrator allowed to make it.
  const username = uniqueName('aud');
  const created = await sys.post('/admin/users', { username, display_name: '审计前' });
  assert.equal(created.status, 201);
  requestIdOfCreate = created.headers.get('x-request-id');
  user = created.body.user;
  secrets.push(created.body.initial_password);
  const upd = await sys.put(`/admin/users/${user.id}`, {
    display_name: '审计后', phone: '', email: '', org_id: user.org_id ?? null, version: user.version,
  });
  assert.equal(upd.status, 200);
  const reset = await sys.post(`/admin/users/${user.id}/reset-password`);
  assert.equal(reset.status, 200);
  secrets.push(reset.body.initial_password);
  assert.equal((await sys.post(`/admin/users/${user.id}/disable`)).status, 204);
  assert.equal((await sys.post(`/admin/users/${user.id}/enable`)).status, 204);
  const grant = await sec.put(`/admin/users/${user.id}/roles`, { role_codes: ['auditadmin'] });
  assert.ok(grant.status >= 200 && grant.status < 300, grant.text);
  const pol = (await sec.get('/admin/security-policy')).body;
  const put = await sec.put('/admin/security-policy', { ...pol, history: 7 });
  assert.equal(put.status, 200, put.text);
  // The user signs in (changing the password) and the security administrator ends that session.
  const uc = new Client(server.base, { userAgent: 'jx-api-test/audited' });
  await uc.signIn(username, reset.body.initial_password);
  const np = strongPassword();
  secrets.push(np);
  assert.equal((await uc.post('/auth/password', { old_password: reset.body.initial_password, new_password: np })).status, 204);
  const sessions = await sec.get('/admin/sessions?page_size=200');
  sessionId = sessions.body.items.find((s) => s.user_agent === 'jx-api-test/audited').id;
  assert.equal((await sec.del(`/admin/sessions/${sessionId}`)).status, 204);
  // Logins: one failure, one success.
  const wrongPassword = 'Wrong#Secret42';
  secrets.push(wrongPassword);
  assert.equal((await new Client(server.base).login('sysadmin', wrongPassword)).status, 401);
  assert.equal((await new Client(server.base).login('sysadmin', DEMO_PASSWORD)).status, 200);
  assert.equal((await new Client(server.base).login('ghost_user', wrongPassword)).status, 401);
});
after(async () => { await server?.close(); });

function asJson(v) {
  if (typeof v !== 'string') return v;
  try { return JSON.parse(v); } catch { return v; }
}

async function allLogs(query = '') {
  const r = await aud.get(`/audit/logs?page_size=200${query}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

test('every change appears with actor, IP, request id and before/after, newest first', async () => {
  const { items, total } = await allLogs();
  assert.ok(total >= items.length && items.length > 0);
  for (const k of ['id', 'at', 'actor_id', 'actor_name', 'ip', 'request_id', 'action', 'object_type', 'object_id', 'result', 'before', 'after']) {
    assert.ok(k in items[0], `item has ${k}`);
  }
  for (let i = 1; i < items.length; i++) {
    assert.ok(items[i - 1].at >= items[i].at, 'newest first');
  }
  const onUser = items.filter((x) => String(x.object_id) === String(user.id));
  const bySys = onUser.filter((x) => x.actor_name === 'sysadmin');
  const bySec = onUser.filter((x) => x.actor_name === 'secadmin');
  assert.ok(bySys.length >= 5, `create, update, reset, disable, enable by sysadmin: ${bySys.length}`);
  assert.ok(bySec.length >= 1, 'roles granted by secadmin');
  assert.ok(new Set(bySys.map((x) => x.action)).size >= 4, 'distinct actions for distinct changes');
  for (const row of [...bySys, ...bySec]) {
    assert.match(row.ip, /127\.0\.0\.1/);
    assert.ok(row.request_id, 'request id');
    assert.ok(row.actor_id, 'actor id');
    assert.ok(row.result);
  }
  const create = bySys.find((x) => String(x.request_id) === requestIdOfCreate);
  assert.ok(create, 'the create row carries the request id the response had');
  assert.ok(JSON.stringify(asJson(create.after)).includes(user.username), 'after holds the new user');
  const update = bySys.find((x) => JSON.stringify(asJson(x.before)).includes('审计前') &&
    JSON.stringify(asJson(x.after)).includes('审计后'));
  assert.ok(update, 'the update row has the old display name before and the new one after');
  const grant = bySec.find((x) => JSON.stringify(asJson(x.after)).includes('auditadmin'));
  assert.ok(grant, 'the grant row names the role');
  const policy = items.find((x) => x.actor_name === 'secadmin' &&
    JSON.stringify(asJson(x.before)).includes('history') && JSON.stringify(asJson(x.after)).includes('7'));
  assert.ok(policy, 'the policy change with before and after');
  const kill = items.find((x) => x.actor_name === 'secadmin' && JSON.stringify(x).includes(String(sessionId)));
  assert.ok(kill, 'the forced sign-out');
  const pw = onUser.find((x) => x.actor_name === user.username);
  assert.ok(pw, 'the user\'s own password change');
});

test('no password, one-time or not, ever appears in the audit or login log', async () => {
  const logs = JSON.stringify((await allLogs()).items);
  const logins = JSON.stringify((await aud.get('/audit/login-logs?page_size=200')).body.items);
  for (const s of [...secrets, DEMO_PASSWORD]) {
    assert.ok(!logs.includes(s), 'a password in the audit log');
    assert.ok(!logins.includes(s), 'a password in the login log');
  }
});

test('filters: actor, action, object_type, result, from/to', async () => {
  const all = (await allLogs()).items;
  const sample = all.find((x) => String(x.object_id) === String(user.id) && x.actor_name === 'sysadmin');
  const bySec = await allLogs('&actor=secadmin');
  assert.ok(bySec.items.length >= 3);
  assert.ok(bySec.items.every((x) => x.actor_name === 'secadmin'));
  for (const [k, field] of [['action', 'action'], ['object_type', 'object_type'], ['result', 'result']]) {
    const r = await allLogs(`&${k}=${encodeURIComponent(sample[field])}`);
    assert.ok(r.items.some((x) => x.id === sample.id), `${k} filter keeps the row`);
    assert.ok(r.items.every((x) => x[field] === sample[field]), `${k} filter`);
  }
  // Dates two days away, so that whether a date means UTC or Asia/Shanghai does not matter.
  const day = 86400e3;
  const later = new Date(Date.now() + 2 * day).toISOString().slice(0, 10);
  const earlier = new Date(Date.now() - 2 * day).toISOString().slice(0, 10);
  assert.equal((await allLogs(`&from=${later}`)).total, 0, 'nothing from the day after tomorrow on');
  assert.equal((await allLogs(`&to=${earlier}`)).total, 0, 'nothing up to two days ago');
  const window = await allLogs(`&from=${earlier}&to=${encodeURIComponent(new Date(Date.now() + day).toISOString())}`);
  assert.ok(window.items.some((x) => x.id === sample.id));
  const future = new Date(Date.now() + 3600e3).toISOString();
  assert.equal((await allLogs(`&from=${encodeURIComponent(future)}`)).total, 0, 'timestamps work as bounds too');
});

test('CSV export has a BOM and a header row; xlsx export is a zip', async () => {
  const csv = await aud.get('/audit/logs/export?format=csv', { raw: true });
  assert.equal(csv.status, 200);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  const text = csv.bytes.subarray(3).toString('utf8');
  const header = text.split(/\r?\n/)[0];
  assert.ok(header.split(',').length >= 6, `header row: ${header}`);
  assert.ok(!/^\d/.test(header), 'the first row is a header, not data');
  assert.ok(text.includes(user.username), 'the rows are there');
  assert.match(csv.headers.get('content-disposition') || '', /attachment/);
  const xlsx = await aud.get('/audit/logs/export?format=xlsx', { raw: true });
  assert.equal(xlsx.status, 200);
  assert.deepEqual([...xlsx.bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'PK zip magic');
  const filtered = await aud.get('/audit/logs/export?format=csv&actor=auditadmin&action=no-such-action', { raw: true });
  assert.equal(filtered.status, 200);
  const rows = filtered.bytes.subarray(3).toString('utf8').split(/\r?\n/).filter((l) => l.trim());
  assert.equal(rows.length, 1, 'filters apply to the export: only the header');
});

test('the login log records successes and failures, with filters and exports', async () => {
  const r = await aud.get('/audit/login-logs?username=sysadmin&page_size=200');
  assert.equal(r.status, 200);
  assert.ok(r.body.items.every((x) => x.username === 'sysadmin'));
  const results = new Set(r.body.items.map((x) => x.result));
  assert.ok(results.size >= 2, `success and failure: ${[...results]}`);
  for (const k of ['id', 'at', 'username', 'user_id', 'ip', 'user_agent', 'result', 'detail']) {
    assert.ok(k in r.body.items[0], `item has ${k}`);
  }
  assert.match(r.body.items[0].ip, /127\.0\.0\.1/);
  const ghost = await aud.get('/audit/login-logs?username=ghost_user');
  assert.equal(ghost.body.total, 1, 'a failed login of an unknown user is recorded');
  assert.equal(ghost.body.items[0].user_id ?? null, null, 'an unknown user has no id');
  const failure = ghost.body.items[0].result;
  const onlyFailures = await aud.get(`/audit/login-logs?result=${encodeURIComponent(failure)}&page_size=200`);
  assert.ok(onlyFailures.body.items.some((x) => x.username === 'ghost_user'));
  assert.ok(onlyFailures.body.items.every((x) => x.result === failure), 'result filter');
  // sysadmin signed in twice and failed once: the commoner result is the success.
  const counts = new Map();
  for (const x of r.body.items) counts.set(x.result, (counts.get(x.result) || 0) + 1);
  const successResult = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  const success = r.body.items.find((x) => x.result === successResult);
  assert.ok(success.user_id, 'the successful sign-in is recorded with the user id');
  const onlySuccess = await aud.get(`/audit/login-logs?result=${encodeURIComponent(success.result)}&page_size=200`);
  assert.ok(onlySuccess.body.items.length >= 1 && onlySuccess.body.items.every((x) => x.result === success.result));
  const later = new Date(Date.now() + 2 * 86400e3).toISOString().slice(0, 10);
  assert.equal((await aud.get(`/audit/login-logs?from=${later}`)).body.total, 0);
  const csv = await aud.get('/audit/login-logs/export?format=csv', { raw: true });
  assert.equal(csv.status, 200);
  assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  assert.ok(csv.bytes.toString('utf8').includes('ghost_user'));
  const xlsx = await aud.get('/audit/login-logs/export?format=xlsx', { raw: true });
  assert.deepEqual([...xlsx.bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
});

test('the audit chain verifies', async () => {
  const r = await server.cli(['audit', 'verify', '--db', server.url]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /audit chain OK: \d+ rows/);
});

test('jixiao audit verify names a tampered row and exits 1', async () => {
  const before = await server.cli(['audit', 'verify', '--db', server.url]);
  assert.equal(before.code, 0);
  const logs = (await allLogs()).items;
  const victim = logs[Math.floor(logs.length / 2)];
  await server.stop();
  // Tamper behind jixiao's back, as someone with database access would (table from
  // migrations/0001_platform_core.sql).
  const sql = `UPDATE audit_log SET actor_name = 'mallory' WHERE id = ${Number(victim.id)}`;
  if (DIALECT === 'sqlite') await exec('sqlite3', [server.url.replace(/^sqlite:\/\//, ''), sql]);
  else await exec('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', server.url, '-c', sql]);
  const r = await server.cli(['audit', 'verify', '--db', server.url]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout + r.stderr, new RegExp(`\\b${victim.id}\\b`), 'names the bad row');
  assert.doesNotMatch(r.stdout, /audit chain OK/);
});
