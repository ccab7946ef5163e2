// TLS from a certificate and key in the configuration: HTTPS answers, the session cookie is
// Secure and HSTS is sent. The transport does not depend on the database, but the test runs on
// whichever dialect the layer uses.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import https from 'node:https';
import path from 'node:path';
import { BIN, API, DEMO_PASSWORD, freshDatabase, freePort, runCli, sleep } from '../lib/harness.mjs';

const db = await freshDatabase();
const cert = path.join(db.dir, 'cert.pem');
const key = path.join(db.dir, 'key.pem');
execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
  '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
const demo = await runCli(['demo', '--db', db.url]);
assert.equal(demo.code, 0, demo.stderr);
const port = await freePort();
const child = spawn(BIN, ['serve', '--db', db.url, '--listen', `127.0.0.1:${port}`], {
  stdio: ['ignore', 'pipe', 'pipe'],
  env: { ...process.env, JIXIAO_TLS_CERT: cert, JIXIAO_TLS_KEY: key, JIXIAO_ACCESS_LOG: 'off' },
});
let log = '';
child.stdout.on('data', (d) => { log += d; });
child.stderr.on('data', (d) => { log += d; });
after(async () => {
  child.kill('SIGTERM');
  await new Promise((r) => child.on('exit', r));
  await db.drop?.();
});

function request(method, p, body) {
  return new Promise((resolve, reject) => {
    const data = body ? JSON.stringify(body) : undefined;
    const req = https.request({ host: '127.0.0.1', port, path: API + p, method, rejectUnauthorized: false,
      headers: data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {} }, (res) => {
      let text = '';
      res.on('data', (c) => { text += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text }));
    });
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

async function ready() {
  for (let i = 0; i < 300; i += 1) {
    try {
      if ((await request('GET', '/health')).status === 200) return;
    } catch { /* not up yet */ }
    await sleep(50);
  }
  throw new Error(`TLS server not ready:\n${log}`);
}

test('HTTPS with the configured certificate: Secure cookie and HSTS', async () => {
  await ready();
  assert.match(log, /listening on https:\/\//);
  const r = await request('POST', '/auth/login', { username: 'sysadmin', password: DEMO_PASSWORD });
  assert.equal(r.status, 200, r.text);
  const cookie = [].concat(r.headers['set-cookie'] ?? []).join('\n');
  assert.match(cookie, /jx_session=[^;]+;.*HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.match(cookie, /; Secure/);
  assert.match(r.headers['strict-transport-security'] ?? '', /max-age=\d+/);
});

test('a bad certificate path is a clear error and a non-zero exit', async () => {
  const r = await runCli(['serve', '--db', db.url, '--listen', '127.0.0.1:1'],
    { env: { ...process.env, JIXIAO_TLS_CERT: '/nonexistent/cert.pem', JIXIAO_TLS_KEY: key } });
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /TLS/);
});
