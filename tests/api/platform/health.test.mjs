// GET /health, /meta, /openapi.json; the test-only routes exist only under --test-fixtures.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, Client, DIALECT, API, CONTRACT_ROUTES, TEST_ROUTES, fillPath,
} from '../lib/harness.mjs';

let server;
before(async () => { server = await startServer({ fixtures: true }); });
after(async () => { await server?.close(); });

// openapi paths as full request paths (/api/v1/...), whichever way the document writes them.
function openapiRoutes(doc) {
  let prefix = '';
  const s = doc.servers?.[0]?.url;
  if (typeof s === 'string' && s.startsWith('/')) prefix = s.replace(/\/$/, '');
  const out = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    const full = p.startsWith('/api/') ? p : (prefix || API) + p;
    for (const [m, op] of Object.entries(ops)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(m)) out.push({ method: m.toUpperCase(), path: full, op });
    }
  }
  return out;
}

test('GET /health answers ok with the dialect and version', async () => {
  const r = await new Client(server.base).get('/health');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /application\/json/);
  assert.equal(r.body.status, 'ok');
  assert.equal(r.body.database, 'ok');
  assert.equal(typeof r.body.version, 'string');
  assert.match(r.body.version, /^\d+\.\d+\.\d+/);
  if (DIALECT === 'sqlite') assert.equal(r.body.dialect, 'sqlite');
  else assert.match(r.body.dialect, /^postgres/);
});

test('GET /meta lists the years and the current year', async () => {
  const r = await new Client(server.base).get('/meta');
  assert.equal(r.status, 200);
  assert.equal(typeof r.body.version, 'string');
  assert.ok(Array.isArray(r.body.years) && r.body.years.length > 0, 'years is a non-empty list');
  assert.ok(r.body.years.every(Number.isInteger), 'years are integers');
  assert.ok(Number.isInteger(r.body.current_year));
  assert.ok(r.body.years.includes(r.body.current_year), 'current_year is one of years');
  assert.equal(r.body.demo, true, 'a demo database says so');
});

test('openapi.json is an OpenAPI 3.0 document with a summary on every operation', async () => {
  const r = await new Client(server.base).get('/openapi.json');
  assert.equal(r.status, 200);
  assert.match(String(r.body.openapi), /^3\.0/);
  const routes = openapiRoutes(r.body);
  assert.ok(routes.length >= CONTRACT_ROUTES.length, `only ${routes.length} operations`);
  const noSummary = routes.filter((x) => typeof x.op.summary !== 'string' || x.op.summary.trim() === '');
  assert.deepEqual(noSummary.map((x) => `${x.method} ${x.path}`), [], 'operations without a summary');
});

test('openapi.json lists every route of the contract, including the test-only ones', async () => {
  const r = await new Client(server.base).get('/openapi.json');
  const have = new Set(openapiRoutes(r.body).map((x) => `${x.method} ${x.path.replace(/\{[^}]+\}/g, '{}')}`));
  const missing = [...CONTRACT_ROUTES, ...TEST_ROUTES]
    .map(([m, p]) => `${m} ${API}${p}`.replace(/\{[^}]+\}/g, '{}'))
    .filter((k) => !have.has(k));
  assert.deepEqual(missing, [], 'contract routes missing from openapi.json');
});

test('every route in openapi.json answers its method (not 404/405)', async () => {
  const doc = (await new Client(server.base).get('/openapi.json')).body;
  const bad = [];
  for (const { method, path } of openapiRoutes(doc)) {
    // Anonymous calls with an empty object as the body: a route that exists answers 401, 400,
    // 422, 200 …, never 404/405 (the clock fixture gets no advance_seconds, so it moves nothing).
    const c = new Client(server.base);
    const body = method === 'GET' || method === 'DELETE' ? undefined : {};
    const res = await c.request(method, fillPath(path, '1'), body);
    if (res.status === 404 || res.status === 405) bad.push(`${method} ${path} -> ${res.status}`);
  }
  assert.deepEqual(bad, []);
});

test('an unknown API path is 404 not_found, a wrong method 405 method_not_allowed', async () => {
  const c = new Client(server.base);
  const r404 = await c.get('/no-such-thing');
  assert.equal(r404.status, 404);
  assert.equal(r404.body.error.code, 'not_found');
  const r405 = await c.del('/health');
  assert.equal(r405.status, 405);
  assert.equal(r405.body.error.code, 'method_not_allowed');
});

test('without --test-fixtures the test-only routes do not exist', async () => {
  const plain = await startServer({ fixtures: false });
  try {
    const c = new Client(plain.base);
    const clock = await c.post('/_test/clock', { advance_seconds: 60 });
    assert.equal(clock.status, 404);
    const jobs = await c.post('/_test/jobs', { steps: 1, step_ms: 1 });
    assert.equal(jobs.status, 404);
    const doc = await new Client(plain.base).get('/openapi.json');
    const paths = Object.keys(doc.body.paths);
    assert.deepEqual(paths.filter((p) => p.includes('/_test/')), [], 'openapi.json lists no test-only route');
  } finally {
    await plain.close();
  }
});
