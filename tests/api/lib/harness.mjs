// Harness for the API tests: starts a real `jixiao serve` on a fresh demo database and drives
// it over HTTP like a browser would (cookie jar, CSRF header).
//
// Environment
//   JX_TEST_DIALECT  sqlite (default) | postgres
//   JX_TEST_PG_URL   base URL of the throwaway cluster (postgresql://postgres@127.0.0.1:PORT/postgres)
//   JX_BIN           the jixiao binary (default build/release/jixiao)
//   JX_TEST_TMP      where SQLite files and logs go (default the OS temp dir)
import { spawn, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = process.env.JX_BIN || path.join(ROOT, 'build/release/jixiao');
export const DIALECT = process.env.JX_TEST_DIALECT || 'sqlite';
export const DEMO_PASSWORD = 'Demo@2026jx';
export const API = '/api/v1';

if (!['sqlite', 'postgres'].includes(DIALECT)) {
  throw new Error(`JX_TEST_DIALECT must be sqlite or postgres, not ${DIALECT}`);
}

const children = new Set();
process.on('exit', () => {
  for (const c of children) {
    try { c.kill('SIGKILL'); } catch { /* already gone */ }
  }
});

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

// Runs `jixiao ARGS…`; resolves {code, stdout, stderr} (never rejects on a non-zero exit).
export function runCli(args, { timeoutMs = 120_000, env } = {}) {
  return new Promise((resolve) => {
    execFile(BIN, args, { timeout: timeoutMs, maxBuffer: 64 << 20, env: { ...process.env, ...env } },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr, signal: err?.signal ?? null });
      });
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function tmpRoot() {
  return process.env.JX_TEST_TMP || os.tmpdir();
}

// A fresh, empty database for the current dialect: {url, drop()}.
export async function freshDatabase() {
  if (DIALECT === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpRoot(), 'jx-api-'));
    return { url: `sqlite://${path.join(dir, 'jixiao.db')}`, dir, drop: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = process.env.JX_TEST_PG_URL;
  if (!base) throw new Error('JX_TEST_DIALECT=postgres needs JX_TEST_PG_URL (the cluster base URL)');
  const name = `jx_api_${randomBytes(6).toString('hex')}`;
  await psql(base, `CREATE DATABASE ${name}`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  const dir = mkdtempSync(path.join(tmpRoot(), 'jx-api-'));
  return {
    url: u.toString(),
    dir,
    drop: async () => {
      rmSync(dir, { recursive: true, force: true });
      await psql(base, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
    },
  };
}

function psql(url, sql) {
  return new Promise((resolve, reject) => {
    execFile('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql], (err, stdout, stderr) => {
      if (err) reject(new Error(`psql ${sql}: ${stderr || err.message}`));
      else resolve(stdout);
    });
  });
}

// Starts `jixiao serve` on a fresh demo database. Options:
//   fixtures (default true)  --test-fixtures
//   demo (default true)      run `jixiao demo` first (else `jixiao init`)
//   env                      more environment for `jixiao serve` (JIXIAO_* settings)
// Returns {base, url, port, log(), stop(), kill9(), restart(), cli(args), initOutput}.
export async function startServer({ fixtures = true, demo = true, env = {} } = {}) {
  const db = await freshDatabase();
  const setup = await runCli([demo ? 'demo' : 'init', '--db', db.url]);
  if (setup.code !== 0) {
    throw new Error(`jixiao ${demo ? 'demo' : 'init'} failed (${setup.code}):\n${setup.stdout}\n${setup.stderr}`);
  }
  const port = await freePort();
  const listen = `127.0.0.1:${port}`;
  const base = `http://${listen}`;
  const args = ['serve', '--db', db.url, '--listen', listen];
  if (fixtures) args.push('--test-fixtures');
  let child = null;
  let output = '';
  let exited = null;

  async function launch() {
    exited = null;
    const c = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, JIXIAO_ACCESS_LOG: 'off', ...env } });
    child = c;
    children.add(c);
    const onData = (d) => {
      output += d.toString();
      if (output.length > 4_000_000) output = output.slice(-2_000_000);
    };
    c.stdout.on('data', onData);
    c.stderr.on('data', onData);
    c.exitPromise = new Promise((resolve) => c.on('exit', (code, signal) => {
      children.delete(c);
      exited = { code, signal };
      resolve(exited);
    }));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (exited) throw new Error(`jixiao serve exited (${JSON.stringify(exited)}) before it was ready:\n${output.slice(-4000)}`);
      try {
        const r = await fetch(`${base}${API}/health`, { signal: AbortSignal.timeout(2000) });
        await r.arrayBuffer();
        if (r.status === 200) return;
      } catch { /* not up yet */ }
      await sleep(50);
    }
    c.kill('SIGKILL');
    throw new Error(`jixiao serve did not answer /health within 30 s:\n${output.slice(-4000)}`);
  }

  await launch();
  const server = {
    base,
    url: db.url,
    dir: db.dir, // a scratch folder for this server's files, removed by close()
    port,
    dialect: DIALECT,
    setupOutput: setup.stdout,
    log: () => output,
    get pid() { return child?.pid; },
    async stop() {
      if (!child || exited) return exited;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const r = await child.exitPromise;
      clearTimeout(t);
      return r;
    },
    async kill9() {
      if (!child || exited) return exited;
      child.kill('SIGKILL');
      return child.exitPromise;
    },
    async restart() {
      await server.stop();
      await launch();
    },
    async start() {
      await launch();
    },
    cli(more, opts) {
      return runCli(more, opts);
    },
    async close() {
      await server.stop();
      await db.drop();
    },
  };
  return server;
}

function parseSetCookie(line) {
  const parts = line.split(';').map((s) => s.trim());
  const [nv, ...attrs] = parts;
  const eq = nv.indexOf('=');
  const name = nv.slice(0, eq);
  const value = nv.slice(eq + 1);
  const a = {};
  for (const at of attrs) {
    const i = at.indexOf('=');
    const k = (i < 0 ? at : at.slice(0, i)).toLowerCase();
    a[k] = i < 0 ? true : at.slice(i + 1);
  }
  return { name, value, attrs: a };
}

// An HTTP client with a cookie jar that sends X-CSRF-Token on state-changing requests once it
// has one (from login or GET /me). Paths not starting with /api/ are relative to /api/v1.
export class Client {
  // headers: sent with every request (X-Forwarded-For, as a reverse proxy would add it).
  constructor(base, { lang, userAgent, headers } = {}) {
    this.base = base;
    this.userAgent = userAgent;
    this.headers = headers || {};
    this.cookies = new Map();
    this.csrf = null;
    this.lang = lang;
    this.sendCsrf = true;
    this.lastSetCookies = [];
  }

  url(p) {
    if (/^https?:/.test(p)) return p;
    return this.base + (p.startsWith('/api/') || p === '/' || !p.startsWith('/') ? p : API + p);
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method, p, body, { headers = {}, raw = false, csrf } = {}) {
    const h = { ...this.headers, ...headers };
    if (this.cookies.size) h.cookie = this.cookieHeader();
    if (this.lang) h['accept-language'] = this.lang;
    if (this.userAgent) h['user-agent'] = this.userAgent;
    const sendCsrf = csrf ?? this.sendCsrf;
    if (sendCsrf && this.csrf && !['GET', 'HEAD'].includes(method) && !('x-csrf-token' in h)) {
      h['x-csrf-token'] = this.csrf;
    }
    let payload;
    if (body !== undefined) {
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        payload = body;
        if (!h['content-type']) h['content-type'] = 'application/json';
      } else {
        payload = JSON.stringify(body);
        h['content-type'] = 'application/json';
      }
    }
    const res = await fetch(this.url(p), { method, headers: h, body: payload, redirect: 'manual' });
    const bytes = Buffer.from(await res.arrayBuffer());
    this.lastSetCookies = res.headers.getSetCookie();
    for (const line of this.lastSetCookies) {
      const c = parseSetCookie(line);
      const expired = c.value === '' || c.attrs['max-age'] === '0' ||
        (c.attrs.expires && Date.parse(c.attrs.expires) < Date.now());
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const ct = res.headers.get('content-type') || '';
    let parsed = null;
    const text = raw ? null : bytes.toString('utf8');
    if (!raw && ct.includes('json') && bytes.length) {
      try { parsed = JSON.parse(text); } catch { parsed = null; }
    }
    if (parsed && typeof parsed === 'object' && typeof parsed.csrf_token === 'string') {
      this.csrf = parsed.csrf_token;
    }
    return { status: res.status, body: parsed, text, bytes, headers: res.headers };
  }

  get(p, opts) { return this.request('GET', p, undefined, opts); }
  post(p, body, opts) { return this.request('POST', p, body, opts); }
  put(p, body, opts) { return this.request('PUT', p, body, opts); }
  patch(p, body, opts) { return this.request('PATCH', p, body, opts); }
  del(p, opts) { return this.request('DELETE', p, undefined, opts); }

  async login(username, password = DEMO_PASSWORD) {
    const r = await this.post('/auth/login', { username, password });
    return r;
  }

  // Logs in and fails loudly unless it worked.
  async signIn(username, password = DEMO_PASSWORD) {
    const r = await this.login(username, password);
    if (r.status !== 200) {
      throw new Error(`login ${username}: ${r.status} ${r.text}`);
    }
    return r.body;
  }

  async logout() {
    return this.post('/auth/logout');
  }
}

// A signed-in client for a demo account.
export async function signedIn(server, username, password = DEMO_PASSWORD) {
  const c = new Client(server.base);
  await c.signIn(username, password);
  return c;
}

let seq = 0;
// A username that is unique within a test run and valid under the contract's rule.
export function uniqueName(prefix = 'u') {
  seq += 1;
  return `${prefix}${process.pid % 10000}_${seq}_${randomBytes(2).toString('hex')}`;
}

// A password that satisfies the default policy (length ≥ 8, ≥ 3 character classes) and is
// different each call.
export function strongPassword() {
  return `Jx#${randomBytes(6).toString('hex')}Q9`;
}

// Creates a user as sysadmin, grants roles as secadmin (if any), signs the user in and changes
// the one-time password. Returns {id, username, password, client}.
export async function createUser(server, { sys, sec, roles = [], displayName, changePassword = true } = {}) {
  const username = uniqueName('t');
  const r = await sys.post('/admin/users', { username, display_name: displayName || `测试用户${username.slice(-4)}` });
  if (r.status !== 201) throw new Error(`create user: ${r.status} ${r.text}`);
  const id = r.body.user.id;
  if (roles.length) {
    const g = await sec.put(`/admin/users/${id}/roles`, { role_codes: roles });
    if (g.status < 200 || g.status >= 300) throw new Error(`grant ${roles}: ${g.status} ${g.text}`);
  }
  let password = r.body.initial_password;
  const client = new Client(server.base);
  if (changePassword) {
    await client.signIn(username, password);
    const np = strongPassword();
    const c = await client.post('/auth/password', { old_password: password, new_password: np });
    if (c.status !== 204) throw new Error(`change password: ${c.status} ${c.text}`);
    password = np;
  }
  return { id, username, password, client, initialPassword: r.body.initial_password };
}

// Moves the server clock (test fixtures only).
export async function advanceClock(server, seconds) {
  const c = new Client(server.base);
  const r = await c.post('/_test/clock', { advance_seconds: seconds });
  if (r.status < 200 || r.status >= 300) throw new Error(`clock advance: ${r.status} ${r.text}`);
  return r;
}

// Sends a POST that announces a body of `size` bytes, over a raw socket: the headers first,
// then (only if the server has not answered within a second) the body. A server that enforces
// its limit answers 413 from the Content-Length alone; reading the answer before sending more
// avoids losing it to the TCP reset a server causes when it closes with unread input.
export function sendLarge(base, p, size, headers = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(base + p);
    const sock = net.connect({ host: u.hostname, port: Number(u.port) });
    const chunks = [];
    let settled = false;
    const finish = () => {
      if (settled) return;
      const raw = Buffer.concat(chunks).toString('utf8');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(raw);
      if (!m) { settled = true; reject(new Error(`no HTTP answer (${raw.length} bytes)`)); return; }
      const sep = raw.indexOf('\r\n\r\n');
      const head = raw.slice(0, sep);
      const hdrs = {};
      for (const line of head.split('\r\n').slice(1)) {
        const i = line.indexOf(':');
        hdrs[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const len = hdrs['content-length'] !== undefined ? Number(hdrs['content-length']) : null;
      const bodyText = sep < 0 ? '' : raw.slice(sep + 4);
      if (len !== null && Buffer.byteLength(bodyText) < len && !sock.destroyed) return; // wait for more
      settled = true;
      let body = null;
      try { body = JSON.parse(bodyText); } catch { /* not JSON */ }
      sock.destroy();
      resolve({ status: Number(m[1]), body, text: bodyText, headers: hdrs });
    };
    sock.on('data', (d) => { chunks.push(d); finish(); });
    sock.on('end', finish);
    sock.on('close', finish);
    sock.on('error', () => { /* a reset after the answer is expected */ });
    const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    sock.write(`POST ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${size}\r\n${extra}\r\n`);
    setTimeout(() => {
      if (chunks.length || sock.destroyed) return;
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < size && !sock.destroyed && !chunks.length) {
          const n = Math.min(chunk.length, size - sent);
          sent += n;
          if (!sock.write(n === chunk.length ? chunk : chunk.subarray(0, n))) { sock.once('drain', pump); return; }
        }
      };
      pump();
    }, 1000);
    setTimeout(() => { if (!settled) { settled = true; sock.destroy(); reject(new Error('no answer within 30 s')); } }, 30_000);
  });
}

// Polls fn() until it returns a truthy value or the time is up.
export async function until(fn, { timeoutMs = 15_000, intervalMs = 50, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await sleep(intervalMs);
  }
  throw new Error(`timed out waiting for ${what}`);
}

export function hasChinese(s) {
  return typeof s === 'string' && /[\u4e00-\u9fff]/.test(s);
}

// The contract's platform routes (docs/api-platform.md), with the permission each needs:
// 'public', 'signed_in', a permission code, or an array of codes when any one of them will do.
export const CONTRACT_ROUTES = [
  ['GET', '/health', 'public'],
  ['GET', '/openapi.json', 'public'],
  ['GET', '/meta', 'public'],
  ['POST', '/auth/login', 'public'],
  ['POST', '/auth/logout', 'signed_in'],
  ['POST', '/auth/password', 'signed_in'],
  ['GET', '/me', 'signed_in'],
  ['GET', '/me/sessions', 'signed_in'],
  ['GET', '/todo', 'signed_in'],
  ['GET', '/jobs/{id}', 'signed_in'],
  ['POST', '/jobs/{id}/cancel', 'signed_in'],
  ['GET', '/admin/users', ['system.user.read', 'security.role.grant']],
  ['POST', '/admin/users', 'system.user.manage'],
  ['PUT', '/admin/users/{id}', 'system.user.manage'],
  ['POST', '/admin/users/{id}/reset-password', 'system.user.manage'],
  ['POST', '/admin/users/{id}/unlock', 'system.user.manage'],
  ['POST', '/admin/users/{id}/disable', 'system.user.manage'],
  ['POST', '/admin/users/{id}/enable', 'system.user.manage'],
  ['GET', '/admin/roles', 'security.role.read'],
  ['GET', '/admin/permissions', 'security.role.read'],
  ['PUT', '/admin/users/{id}/roles', 'security.role.grant'],
  ['GET', '/admin/sessions', 'security.session.manage'],
  ['DELETE', '/admin/sessions/{id}', 'security.session.manage'],
  ['GET', '/admin/security-policy', 'security.policy.manage'],
  ['PUT', '/admin/security-policy', 'security.policy.manage'],
  ['GET', '/audit/logs', 'audit.log.read'],
  ['GET', '/audit/logs/export', 'audit.log.export'],
  ['GET', '/audit/login-logs', ['audit.log.read', 'security.loginlog.read']],
  ['GET', '/audit/login-logs/export', 'audit.log.export'],
];

export const TEST_ROUTES = [
  ['POST', '/_test/clock', 'public'],
  ['POST', '/_test/fixture-docs', 'signed_in'],
  ['GET', '/_test/fixture-docs/{id}', 'signed_in'],
  ['POST', '/_test/fixture-docs/{id}/transition', 'signed_in'],
  ['POST', '/_test/jobs', 'signed_in'],
];

// The three administrators and the permissions the contract gives each.
export const ADMIN_PERMISSIONS = {
  sysadmin: ['system.user.read', 'system.user.manage', 'system.org.manage'],
  secadmin: ['security.role.read', 'security.role.grant', 'security.policy.manage',
    'security.session.manage', 'security.loginlog.read'],
  auditadmin: ['audit.log.read', 'audit.log.export'],
};

export function fillPath(p, id = '1') {
  return p.replace(/\{[^}]+\}/g, id);
}
