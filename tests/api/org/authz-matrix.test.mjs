// The authorization matrix: every demo role × every endpoint of tests/api/*/authz-rows.mjs.
// Allowed roles get a 2xx answer, roles for which the record is out of scope get 404, every
// other role 403. See authz-rows.mjs for how a module adds its rows.
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
        let body = row.method === 'GET' ? undefined : {};
        if (row.prepare && expect === 'allow') ({ path: p, body } = await row.prepare(ctx, role));
        else if (row.prepare && row.path.includes('{id}')) p = row.path.replace('{id}', String(ctx.ids.school));
        const r = await ctx.as[role].request(row.method, p, body);
        calls += 1;
        const ok = expect === 'allow' ? r.status >= 200 && r.status < 300
          : expect === 'hide' ? r.status === 404 : r.status === 403;
        if (!ok) wrong.push(`${role} ${row.method} ${row.path}: ${r.status} (want ${expect}) ${r.status >= 400 ? r.text.slice(0, 160) : ''}`);
      }
    }
    assert.ok(calls >= m.rows.length * Object.keys(DEMO_USERS).length);
    assert.deepEqual(wrong, []);
  });
}
