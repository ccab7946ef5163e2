// Data scope: each demo role lists, fetches and guesses only what its scope allows (404
// otherwise), in lists, the tree, regions, experts and the export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, signedIn } from '../lib/harness.mjs';
import { allOrgs, byName, signInAll } from './org-lib.mjs';

let server;
let as;
let orgs;
before(async () => {
  server = await startServer();
  as = await signInAll(server);
  orgs = await allOrgs(as.sysadmin);
});
after(async () => { await server?.close(); });

async function visibleIds(client) {
  const all = await allOrgs(client);
  return all.map((o) => o.id).sort((a, b) => a - b);
}
const ids = (list) => list.map((o) => o.id).sort((a, b) => a - b);

test('unit clerk: only its own unit, a sibling is 404 by id, and guessing finds nothing', async () => {
  const me = byName(orgs, '冠县第一中学');
  const sibling = byName(orgs, '冠县第二中学');
  const c = as.unit_clerk;
  assert.deepEqual(await visibleIds(c), [me.id]);
  assert.equal((await c.get(`/org/units/${me.id}`)).status, 200);
  const r = await c.get(`/org/units/${sibling.id}`);
  assert.equal(r.status, 404);
  assert.equal(r.body.error.code, 'not_found');
  for (const o of orgs.filter((x) => x.id !== me.id).slice(0, 60)) {
    assert.equal((await c.get(`/org/units/${o.id}`)).status, 404, o.name);
  }
  assert.equal((await c.get(`/org/tree?parent_id=${me.department_id}`)).status, 404);
  const roots = await c.get('/org/tree');
  assert.deepEqual(roots.body.items.map((o) => o.id), [me.id]);
  const q = await c.get(`/org/tree?q=${encodeURIComponent('中学')}`);
  assert.deepEqual(q.body.items.map((o) => o.id), [me.id]);
  assert.deepEqual(q.body.items[0].ancestors, [], 'no names outside the scope');
  const regions = await c.get('/org/regions');
  assert.equal(regions.body[0].children[0].children[0].code, '371525');
  assert.deepEqual(regions.body[0].children[0].children[0].children, []);
});

test('department admin: its department and every unit of it, nothing of another department', async () => {
  const edu = byName(orgs, '冠县教育和体育局');
  const expected = ids(orgs.filter((o) => o.department_id === edu.id));
  assert.equal(expected.length, 19);
  assert.deepEqual(await visibleIds(as.dept_admin), expected);
  const hospital = byName(orgs, '冠县人民医院');
  assert.equal((await as.dept_admin.get(`/org/units/${hospital.id}`)).status, 404);
  const list = await as.dept_admin.get(`/org/units?department_id=${hospital.department_id}`);
  assert.equal(list.body.total, 0);
});

test('归口 finance staff see exactly their departments and their units', async () => {
  const office = byName(orgs, '教科文股');
  const depts = new Set(office.overseen_department_ids);
  assert.equal(depts.size, 5);
  const expected = ids(orgs.filter((o) => depts.has(o.department_id)));
  assert.deepEqual(await visibleIds(as.fin_business), expected);
  const review = byName(orgs, '冠县财政投资评审中心');
  const rdepts = new Set(review.overseen_department_ids);
  assert.deepEqual(await visibleIds(as.fin_review), ids(orgs.filter((o) => rdepts.has(o.department_id))));
  const hospital = byName(orgs, '冠县人民医院');
  assert.equal((await as.fin_business.get(`/org/units/${hospital.id}`)).status, 404);
});

test('region roles (绩效管理股, 人大) see the whole county; township finance its township', async () => {
  const all = ids(orgs);
  assert.deepEqual(await visibleIds(as.fin_perf), all);
  assert.deepEqual(await visibleIds(as.oversight), all);
  const town = byName(orgs, '清泉街道办事处');
  assert.deepEqual(await visibleIds(as.township_finance), ids(orgs.filter((o) => o.department_id === town.id)));
  const regions = await as.fin_perf.get('/org/regions');
  assert.equal(regions.body[0].children[0].children[0].children.length, 18);
});

test('assigned roles (third party, expert) see no organization by default', async () => {
  for (const role of ['third_party', 'expert']) {
    const c = as[role];
    const r = await c.get('/org/units');
    assert.equal(r.status, 200);
    assert.equal(r.body.total, 0, role);
    const me = (await c.get('/me')).body;
    const own = orgs.find((o) => o.id === me.user?.org_id || o.id === me.org_id);
    if (own) assert.equal((await c.get(`/org/units/${own.id}`)).status, 404);
    assert.deepEqual((await c.get('/org/tree')).body.items, []);
    assert.deepEqual((await c.get('/org/regions')).body, []);
    assert.equal((await c.get('/org/experts')).body.total, 0);
  }
});

test('experts are scoped by employer and region', async () => {
  const all = await as.sysadmin.get('/org/experts?page_size=200');
  assert.equal(all.status, 200);
  assert.equal(all.body.total, 20);
  const edu = byName(orgs, '冠县教育和体育局');
  const inEdu = new Set(orgs.filter((o) => o.department_id === edu.id).map((o) => o.id));
  const expected = all.body.items.filter((e) => inEdu.has(e.org_id)).map((e) => e.id).sort();
  assert.ok(expected.length >= 2);
  const mine = await as.dept_admin.get('/org/experts?page_size=200');
  assert.deepEqual(mine.body.items.map((e) => e.id).sort(), expected);
  assert.equal((await as.fin_perf.get('/org/experts')).body.total, 20);
  const cost = await as.fin_perf.get(`/org/experts?field=${encodeURIComponent('工程造价')}`);
  assert.ok(cost.body.total >= 2 && cost.body.items.every((e) => e.fields.includes('工程造价')));
});

test('the export holds only what the caller may see', async () => {
  const r = await as.unit_clerk.get('/org/units/export');
  assert.equal(r.status, 200);
  const big = await as.sysadmin.get('/org/units/export');
  assert.ok(big.bytes.length > r.bytes.length);
});

test('a scope change (归口) reaches a signed-in user', async () => {
  const office = byName(orgs, '教科文股');
  const water = byName(orgs, '冠县水利局');
  const cur = (await as.sysadmin.get(`/org/units/${office.id}`)).body;
  const r = await as.sysadmin.put(`/org/offices/${office.id}/oversight`, {
    department_ids: [...cur.overseen_department_ids, water.id], version: cur.version,
  });
  assert.equal(r.status, 200, r.text);
  assert.equal((await as.fin_business.get(`/org/units/${water.id}`)).status, 200);
  const fresh = await signedIn(server, 'wangfang');
  assert.equal((await fresh.get(`/org/units/${water.id}`)).status, 200);
});

test('a move reaches the department admins of both departments at once', async () => {
  const edu = byName(orgs, '冠县教育和体育局');
  const health = byName(orgs, '冠县卫生健康局');
  const { newUscc } = await import('./org-lib.mjs');
  const u = (await as.sysadmin.post('/org/units', {
    kind: 'unit', name: '冠县学校卫生保健所', code: '111950', uscc: newUscc(), parent_id: edu.id, unit_type: '事业单位',
  })).body;
  assert.equal((await as.dept_admin.get(`/org/units/${u.id}`)).status, 200);
  const m = await as.sysadmin.post(`/org/units/${u.id}/move`, { parent_id: health.id, code: '126950', version: u.version });
  assert.equal(m.status, 200, m.text);
  assert.equal((await as.dept_admin.get(`/org/units/${u.id}`)).status, 404, 'no longer 教体局');
});

test('menus: 基础数据 for business roles and the 系统管理员, not for the other administrators', async () => {
  const group = async (c) => (await c.get('/me')).body.menu.find((m) => m.title === '基础数据');
  for (const role of ['sysadmin', 'fin_perf', 'unit_clerk', 'expert']) {
    const g = await group(as[role]);
    assert.ok(g, role);
    assert.deepEqual(g.children.map((x) => x.path), ['/org/tree', '/org/units', '/org/experts', '/ref/items', '/ref/years'], role);
  }
  for (const role of ['secadmin', 'auditadmin']) assert.equal(await group(as[role]), undefined, role);
});
