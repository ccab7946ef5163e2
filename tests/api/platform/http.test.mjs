// HTTP conventions: security headers, request ids, CSRF, body limit, bad JSON, error shape and
// language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, Client, signedIn, uniqueName, sendLarge, hasChinese,
} from '../lib/harness.mjs';

let server;
let sys;
before(async () => {
  server = await startServer();
  sys = await signedIn(server, 'sysadmin');
});
after(async () => { await server?.close(); });

function assertSecurityHeaders(h, what) {
  const csp = h.get('content-security-policy');
  assert.ok(csp, `${what}: Content-Security-Policy`);
  assert.match(csp, /frame-ancestors 'none'/, `${what}: frame-ancestors 'none'`);
  assert.equal(h.get('x-content-type-options'), 'nosniff', `${what}: X-Content-Type-Options`);
  assert.ok((h.get('x-request-id') || '').length > 0, `${what}: X-Request-Id`);
}

test('security headers and X-Request-Id on success, error and signed-in responses', async () => {
  const anon = new Client(server.base);
  assertSecurityHeaders((await anon.get('/health')).headers, 'GET /health');
  assertSecurityHeaders((await anon.get('/nope')).headers, '404');
  assertSecurityHeaders((await anon.get('/me')).headers, '401');
  assertSecurityHeaders((await sys.get('/me')).headers, 'GET /me');
  const a = (await anon.get('/health')).headers.get('x-request-id');
  const b = (await anon.get('/health')).headers.get('x-request-id');
  assert.notEqual(a, b, 'each request gets its own id');
});

test('the session cookie is HttpOnly, SameSite=Strict, Path=/', async () => {
  const c = new Client(server.base);
  await c.signIn('sysadmin');
  const line = c.lastSetCookies.find((l) => l.startsWith('jx_session='));
  assert.ok(line, 'Set-Cookie jx_session');
  assert.match(line, /;\s*HttpOnly/i);
  assert.match(line, /;\s*SameSite=Strict/i);
  assert.match(line, /;\s*Path=\/(;|$)/i);
  assert.doesNotMatch(line, /;\s*Secure/i, 'no Secure flag without TLS');
});

test('errors have the documented shape, Chinese by default and English on request', async () => {
  const zh = await new Client(server.base).get('/me');
  assert.equal(zh.status, 401);
  assert.equal(zh.body.error.code, 'unauthenticated');
  assert.ok(hasChinese(zh.body.error.message), `Chinese message: ${zh.body.error.message}`);
  const en = await new Client(server.base, { lang: 'en' }).get('/me');
  assert.equal(en.status, 401);
  assert.equal(en.body.error.code, 'unauthenticated');
  assert.ok(!hasChinese(en.body.error.message) && en.body.error.message.length > 0,
    `English message: ${en.body.error.message}`);
});

test('a state-changing request without the CSRF token is 403 csrf_failed and stores nothing', async () => {
  const username = uniqueName('csrf');
  const missing = await sys.post('/admin/users', { username, display_name: '无令牌' }, { csrf: false });
  assert.equal(missing.status, 403);
  assert.equal(missing.body.error.code, 'csrf_failed');
  const wrong = await sys.post('/admin/users', { username, display_name: '错令牌' },
    { headers: { 'x-csrf-token': 'not-the-token' } });
  assert.equal(wrong.status, 403);
  assert.equal(wrong.body.error.code, 'csrf_failed');
  const list = await sys.get(`/admin/users?q=${username}`);
  assert.equal(list.status, 200);
  assert.equal(list.body.total, 0, 'no user was created');
  // The right token works, so the 403s above were about the token.
  const ok = await sys.post('/admin/users', { username, display_name: '有令牌' });
  assert.equal(ok.status, 201);
});

test('CSRF applies to PUT and DELETE too, and a logout without the token keeps the session', async () => {
  const sec = await signedIn(server, 'secadmin');
  const pol = await sec.get('/admin/security-policy');
  assert.equal(pol.status, 200);
  const put = await sec.put('/admin/security-policy', { ...pol.body, min_length: 12 }, { csrf: false });
  assert.equal(put.status, 403);
  assert.equal(put.body.error.code, 'csrf_failed');
  assert.equal((await sec.get('/admin/security-policy')).body.min_length, pol.body.min_length);

  const victim = await signedIn(server, 'auditadmin');
  const sessions = await sec.get('/admin/sessions?page_size=200');
  const s = sessions.body.items.find((x) => x.username === 'auditadmin');
  assert.ok(s, 'auditadmin has a session');
  const del = await sec.del(`/admin/sessions/${s.id}`, { csrf: false });
  assert.equal(del.status, 403);
  assert.equal(del.body.error.code, 'csrf_failed');
  assert.equal((await victim.get('/me')).status, 200, 'the session was not ended');

  const out = await victim.post('/auth/logout', undefined, { csrf: false });
  assert.equal(out.status, 403);
  assert.equal(out.body.error.code, 'csrf_failed');
  assert.equal((await victim.get('/me')).status, 200);
});

test('GET /me returns the csrf_token the login returned', async () => {
  const c = new Client(server.base);
  const login = await c.login('sysadmin', 'Demo@2026jx');
  assert.equal(login.status, 200);
  assert.equal(typeof login.body.csrf_token, 'string');
  assert.ok(login.body.csrf_token.length >= 16);
  const me = await c.get('/me');
  assert.equal(me.body.csrf_token, login.body.csrf_token);
});

test('a body over the limit is 413 payload_too_large', async () => {
  const r = await sendLarge(server.base, '/api/v1/auth/login', 11 * 1024 * 1024);
  assert.equal(r.status, 413);
  assert.equal(r.body?.error?.code, 'payload_too_large');
  // The server is still fine afterwards.
  assert.equal((await new Client(server.base).get('/health')).status, 200);
});

test('bad JSON is 400 and stores nothing', async () => {
  const anon = await new Client(server.base).post('/auth/login', '{"username": "sysadmin", ');
  assert.equal(anon.status, 400);
  assert.ok(anon.body.error.code, 'an error code');
  const username = uniqueName('bad');
  const r = await sys.post('/admin/users', `{"username":"${username}","display_name":"坏"`);
  assert.equal(r.status, 400);
  assert.ok(hasChinese(r.body.error.message));
  assert.equal((await sys.get(`/admin/users?q=${username}`)).body.total, 0);
  const notObject = await sys.post('/admin/users', '[1,2,3]');
  assert.ok([400, 422].includes(notObject.status), `a JSON array instead of an object: ${notObject.status}`);
});

test('404 and 405 for API paths, also when signed in', async () => {
  const a = await sys.get('/admin/no-such-thing');
  assert.equal(a.status, 404);
  assert.equal(a.body.error.code, 'not_found');
  const b = await sys.request('PATCH', '/admin/users');
  assert.equal(b.status, 405);
  assert.equal(b.body.error.code, 'method_not_allowed');
  const c = await sys.get('/admin/users/999999999/reset-password');
  assert.equal(c.status, 405);
});

test('lists honour page and page_size (max 200)', async () => {
  const r = await sys.get('/admin/users?page=1&page_size=1');
  assert.equal(r.status, 200);
  assert.ok(r.body.total >= 3);
  assert.equal(r.body.items.length, 1);
  const p2 = await sys.get('/admin/users?page=2&page_size=1');
  assert.equal(p2.body.items.length, 1);
  assert.notEqual(p2.body.items[0].id, r.body.items[0].id, 'page 2 is another user');
  const big = await sys.get('/admin/users?page_size=100000');
  assert.ok(big.status === 422 || (big.status === 200 && big.body.items.length <= 200),
    `page_size over 200: ${big.status}`);
});
