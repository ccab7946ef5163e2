// The authorization matrix: every demo role × every endpoint of tests/api/*/authz-rows.mjs.
// Allowed roles get a 2xx answer, roles for which the record is out of scope get 404, every
// other role 403. See authz-rows.mjs for how a module adds its rows. Every endpoint a module
// serves (its tag in /api/v1/openapi.json) must have a row, or be in the module's `exempt`
// list with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startServer } from '../lib/harness.mjs';
import { DEMO_USERS, signInAll } from './org-lib.mjs';

const API_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = [];
for (const dir of readdirSync(API_DIR).sort()) {
  const f = path.join(API_DIR, dir, 'authz-rows.mjs');
  if (existsSync(f)) modules.push({ name: dir, ...(await import(pathToFileURL(f).href)) });
}

let server;
const ctx = { as: {}, ids: {} };
before(async () => {
  server = await startServer();
  ctx.as = await signInAll(server);
  for (const m of modules) if (m.setup) await m.setup(ctx);
});
after(async () => { await server?.close(); });

function fill(p) {
  return p.replace(/\{([^}]+)\}/g, (_, k) => String(ctx.ids[k] ?? 999999999));
}

for (const m of modules) {
  test(`authorization matrix: ${m.name}`, async () => {
    const wrong = [];
    let calls = 0;
    for (const row of m.rows) {
      for (const role of Object.keys(DEMO_USERS)) {
        const expect = row.allow.includes(role) ? 'allow' : (row.hidden ?? []).includes(role) ? 'hide' : 'deny';
        let p = fill(row.path);
        let body = row.method === 'GET' ? undefined : (row.body ?? {});
        if (row.prepare && expect === 'allow') ({ path: p, body } = await row.prepare(ctx, role));
        else if (row.prepare && row.path.includes('{id}')) p = row.path.replace('{id}', String(ctx.ids.school));
        const r = await ctx.as[role].request(row.method, p, body);
        calls += 1;
        // reach: the write is refused for its content or the record's state (422, 409: an empty
        // body), which only a role past the permission and the scope gets to hear.
        const ok = expect === 'allow' && row.reach ? r.status < 500 && ![401, 403, 404].includes(r.status)
          : expect === 'allow' ? r.status >= 200 && r.status < 300
          : expect === 'hide' ? r.status === 404 : r.status === 403;
        if (!ok) wrong.push(`${role} ${row.method} ${row.path}: ${r.status} (want ${expect}) ${r.status >= 400 ? r.text.slice(0, 160) : ''}`);
      }
    }
    assert.ok(calls >= m.rows.length * Object.keys(DEMO_USERS).length);
    assert.deepEqual(wrong, []);
  });
}

// Every endpoint of a module with rows is in the matrix: a new endpoint without a row fails here.
// A row covers the endpoint the router would pick for its path (literal segments before
// parameters: /projects/export is not /projects/{id}).
test('authorization matrix: every endpoint of the modules has a row', async () => {
  const spec = await ctx.as.sysadmin.get('/openapi.json');
  assert.equal(spec.status, 200);
  const routes = [];
  for (const [p, ops] of Object.entries(spec.body.paths))
    for (const [method, op] of Object.entries(ops)) {
      const segs = p.replace(/^\/api\/v1/, '').split('/');
      routes.push({
        method: method.toUpperCase(), path: p, tags: op.tags ?? [],
        re: new RegExp(`^${segs.map((x) => (x.startsWith('{') ? '[^/]+' : x.replace(/[.]/g, '\\.'))).join('/')}$`),
        literal: segs.filter((x) => !x.startsWith('{')).length,
      });
    }
  const missing = [];
  for (const m of modules) {
    const covered = new Set();
    for (const row of [...m.rows, ...(m.exempt ?? [])]) {
      const p = row.path.replace(/\?.*$/, '');
      const best = routes.filter((r) => r.method === row.method && r.re.test(p))
        .sort((x, y) => y.literal - x.literal)[0];
      if (best) covered.add(`${best.method} ${best.path}`);
    }
    for (const r of routes)
      if (r.tags.includes(m.name) && !covered.has(`${r.method} ${r.path}`)) missing.push(`${m.name}: ${r.method} ${r.path}`);
  }
  assert.deepEqual(missing, []);
});
