// Authorization-matrix rows of the org module and the platform's /admin/* endpoints.
//
// How the matrix works (tests/api/org/authz-matrix.test.mjs): it imports every
// tests/api/<module>/authz-rows.mjs, signs in as every demo account of DEMO_USERS, and calls each
// row's endpoint as each role. A row names the roles that are allowed (a 2xx answer) and the
// roles for which the record is out of scope (404); every other role must get 403. To add a
// module's endpoints, write tests/api/<module>/authz-rows.mjs exporting
//   export async function setup(ctx) { … }   // optional: find or create records, store on ctx
//   export const rows = [{ method, path, allow: [roles], hidden: [roles], prepare: async (ctx, role) => ({ path, body }) }]
// `path` may contain {name} placeholders filled from ctx.ids; `prepare` (optional) runs before
// each call and may return a concrete path and body (e.g. a fresh record for a write that the
// allowed role will really perform). `reach: true` (writes that would change a shared record):
// the allowed roles get any answer but 401, 403, 404 and 5xx — a 409 for a stale version or the
// record's state is heard only past the permission and the scope. `body` (default {}) must pass
// the request's validation, which comes before the record is looked up (a 422 says nothing about
// a record), so that the roles out of scope reach the lookup and get their 404.
import { Client } from '../lib/harness.mjs';
import { allOrgs, byName, newUscc } from './org-lib.mjs';
import { makeXlsx } from '../../lib/xlsx.mjs';

export const ADMINS = ['sysadmin', 'secadmin', 'auditadmin'];
export const BUSINESS = ['fin_perf', 'fin_business', 'fin_review', 'dept_admin', 'unit_clerk',
  'township_finance', 'third_party', 'expert', 'oversight'];
const READERS = ['sysadmin', ...BUSINESS];
const EVERYONE = [...ADMINS, ...BUSINESS];
const tinyXlsx = () => makeXlsx([{ name: 'Sheet1', rows: [['编码', '名称'], ['mx_a', '矩阵']] }]);

export async function setup(ctx) {
  const orgs = await allOrgs(ctx.as.sysadmin);
  const school = byName(orgs, '冠县第一中学');
  ctx.ids.school = school.id;
  ctx.ids.edu = school.department_id;
  ctx.ids.office = byName(orgs, '农业农村股').id;
  const ex = await ctx.as.sysadmin.get('/org/experts?page_size=1');
  ctx.ids.expert = ex.body.items[0].id;
  const roles = await ctx.as.secadmin.get('/admin/roles');
  ctx.ids.builtin_role = roles.body.items.find((r) => r.code === 'fin_perf').id;
  const victim = await ctx.as.sysadmin.post('/admin/users', { username: `mx${Date.now() % 100000}`, display_name: '矩阵测试' });
  ctx.ids.user = victim.body.user.id;
  // A second account whose sessions the 安全管理员 ends (the first one's password gets reset).
  const other = await ctx.as.sysadmin.post('/admin/users', { username: `mxs${Date.now() % 100000}`, display_name: '会话测试' });
  ctx.victim = { username: other.body.user.username, password: other.body.initial_password };
  ctx.seq = 0;
}

// A fresh unit under 冠县教育和体育局 (for writes the system administrator really performs).
async function freshUnit(ctx) {
  ctx.seq += 1;
  const code = `111${String(800 + ctx.seq).padStart(3, '0')}`;
  const r = await ctx.as.sysadmin.post('/org/units', {
    kind: 'unit', name: `矩阵测试单位${ctx.seq}`, code, uscc: newUscc(), parent_id: ctx.ids.edu, unit_type: '事业单位',
  });
  if (r.status !== 201) throw new Error(`fresh unit: ${r.status} ${r.text}`);
  return r.body;
}

const onFresh = (suffix, body) => async (ctx) => {
  const u = await freshUnit(ctx);
  return { path: `/org/units/${u.id}${suffix}`, body: await body(ctx, u) };
};

export const rows = [
  { method: 'GET', path: '/org/regions', allow: READERS },
  { method: 'GET', path: '/org/tree', allow: READERS },
  { method: 'GET', path: '/org/units', allow: READERS },
  { method: 'GET', path: '/org/units/export', allow: READERS },
  // 冠县第一中学: in scope for the county-wide roles, 教体局, the school itself and 教科文股.
  { method: 'GET', path: '/org/units/{school}', allow: ['sysadmin', 'fin_perf', 'fin_business', 'dept_admin', 'unit_clerk', 'oversight'],
    hidden: ['fin_review', 'township_finance', 'third_party', 'expert'] },
  { method: 'POST', path: '/org/units', allow: ['sysadmin'],
    prepare: async (ctx) => {
      ctx.seq += 1;
      return { path: '/org/units', body: { kind: 'unit', name: `矩阵新建${ctx.seq}`, code: `111${700 + ctx.seq}`, uscc: newUscc(), parent_id: ctx.ids.edu, unit_type: '事业单位' } };
    } },
  { method: 'PUT', path: '/org/units/{id}', allow: ['sysadmin'], prepare: onFresh('', (ctx, u) => ({ name: `${u.name}改`, version: u.version })) },
  { method: 'POST', path: '/org/units/{id}/move', allow: ['sysadmin'],
    prepare: async (ctx) => {
      const a = await freshUnit(ctx);
      const b = await freshUnit(ctx);
      return { path: `/org/units/${a.id}/move`, body: { parent_id: b.id, code: `${b.code}001`, version: a.version } };
    } },
  { method: 'POST', path: '/org/units/{id}/merge', allow: ['sysadmin'],
    prepare: async (ctx) => {
      const a = await freshUnit(ctx);
      const b = await freshUnit(ctx);
      return { path: `/org/units/${a.id}/merge`, body: { into_id: b.id, version: a.version } };
    } },
  { method: 'POST', path: '/org/units/{id}/deactivate', allow: ['sysadmin'], prepare: onFresh('/deactivate', (ctx, u) => ({ version: u.version })) },
  { method: 'POST', path: '/org/units/{id}/reactivate', allow: ['sysadmin'],
    prepare: async (ctx) => {
      const u = await freshUnit(ctx);
      const d = await ctx.as.sysadmin.post(`/org/units/${u.id}/deactivate`, { version: u.version });
      return { path: `/org/units/${u.id}/reactivate`, body: { version: d.body.version } };
    } },
  { method: 'PUT', path: '/org/offices/{office}/oversight', allow: ['sysadmin'],
    prepare: async (ctx) => {
      const o = (await ctx.as.sysadmin.get(`/org/units/${ctx.ids.office}`)).body;
      return { path: `/org/offices/${o.id}/oversight`, body: { department_ids: o.overseen_department_ids, version: o.version } };
    } },
  { method: 'GET', path: '/org/experts', allow: READERS },
  { method: 'GET', path: '/org/experts/export', allow: READERS },
  { method: 'POST', path: '/org/experts', allow: ['sysadmin'],
    prepare: async () => ({ path: '/org/experts', body: { name: '矩阵专家', fields: ['绩效评价'], region_code: '371525' } }) },
  { method: 'PUT', path: '/org/experts/{expert}', allow: ['sysadmin'],
    prepare: async (ctx) => {
      const e = (await ctx.as.sysadmin.get('/org/experts?page_size=200')).body.items.find((x) => x.id === ctx.ids.expert);
      return { path: `/org/experts/${e.id}`, body: { ...e, version: e.version } };
    } },
  // The 安全管理员's custom roles.
  { method: 'POST', path: '/admin/roles', allow: ['secadmin'],
    prepare: async (ctx) => {
      ctx.seq += 1;
      return { path: '/admin/roles', body: { code: `mx_role_${ctx.seq}`, name: '矩阵角色', permissions: ['org.read'], scope_kind: 'own_unit' } };
    } },
  { method: 'GET', path: '/admin/roles/{builtin_role}', allow: ['secadmin'] },
  { method: 'PUT', path: '/admin/roles/{id}', allow: ['secadmin'],
    prepare: async (ctx) => {
      ctx.seq += 1;
      const r = await ctx.as.secadmin.post('/admin/roles', { code: `mx_edit_${ctx.seq}`, name: '矩阵可改', permissions: ['org.read'], scope_kind: 'own_unit' });
      return { path: `/admin/roles/${r.body.id}`, body: { name: '矩阵已改', permissions: ['org.read'], scope_kind: 'region', version: r.body.version } };
    } },
  // The platform's administrator endpoints: no business role reaches any of them.
  { method: 'GET', path: '/admin/users', allow: ['sysadmin', 'secadmin'] },
  { method: 'GET', path: '/admin/users/export', allow: ['sysadmin', 'secadmin'] },
  { method: 'POST', path: '/admin/users', allow: ['sysadmin'],
    prepare: async (ctx) => {
      ctx.seq += 1;
      return { path: '/admin/users', body: { username: `mxu${ctx.seq}_${Date.now() % 100000}`, display_name: '矩阵账号' } };
    } },
  { method: 'PUT', path: '/admin/users/{user}', allow: ['sysadmin'],
    prepare: async (ctx) => {
      const u = (await ctx.as.sysadmin.get('/admin/users?page_size=200')).body.items.find((x) => x.id === ctx.ids.user);
      return { path: `/admin/users/${u.id}`, body: { display_name: u.display_name, phone: '', email: '', org_id: null, version: u.version } };
    } },
  { method: 'POST', path: '/admin/users/{user}/reset-password', allow: ['sysadmin'] },
  { method: 'POST', path: '/admin/users/{user}/unlock', allow: ['sysadmin'] },
  { method: 'POST', path: '/admin/users/{user}/disable', allow: ['sysadmin'] },
  { method: 'POST', path: '/admin/users/{user}/enable', allow: ['sysadmin'] },
  { method: 'GET', path: '/admin/roles', allow: ['secadmin'] },
  { method: 'GET', path: '/admin/permissions', allow: ['secadmin'] },
  { method: 'PUT', path: '/admin/users/{user}/roles', allow: ['secadmin'], prepare: async (ctx) => ({ path: `/admin/users/${ctx.ids.user}/roles`, body: { role_codes: [] } }) },
  { method: 'GET', path: '/admin/sessions', allow: ['secadmin'] },
  { method: 'DELETE', path: '/admin/sessions/{id}', allow: ['secadmin'],
    prepare: async (ctx) => {
      const c = new Client(ctx.as.secadmin.base);
      await c.signIn(ctx.victim.username, ctx.victim.password);
      const list = (await ctx.as.secadmin.get('/admin/sessions?page_size=200')).body.items;
      const s = list.find((x) => x.username === ctx.victim.username);
      return { path: `/admin/sessions/${s.id}` };
    } },
  { method: 'GET', path: '/admin/security-policy', allow: ['secadmin'] },
  { method: 'PUT', path: '/admin/security-policy', allow: ['secadmin'],
    prepare: async (ctx) => ({ path: '/admin/security-policy', body: (await ctx.as.secadmin.get('/admin/security-policy')).body }) },
  // Reference data: read by everyone signed in (it is not business data), kept by the 系统管理员.
  { method: 'GET', path: '/ref/kinds', allow: EVERYONE },
  { method: 'GET', path: '/ref/func_class?year=2026', allow: EVERYONE },
  { method: 'GET', path: '/ref/years', allow: EVERYONE },
  { method: 'POST', path: '/ref/years', allow: ['sysadmin'],
    prepare: async (ctx) => { ctx.seq += 1; return { path: '/ref/years', body: { year: 2040 + ctx.seq } }; } },
  { method: 'PUT', path: '/ref/years/2027', allow: ['sysadmin'],
    prepare: async (ctx) => {
      ctx.seq += 1;
      const y = await ctx.as.sysadmin.post('/ref/years', { year: 2040 + ctx.seq });
      return { path: `/ref/years/${y.body.year}`, body: { state: 'executing', version: y.body.version } };
    } },
  { method: 'POST', path: '/ref/special_tag', allow: ['sysadmin'],
    prepare: async (ctx) => { ctx.seq += 1; return { path: '/ref/special_tag', body: { code: `mx_tag_${ctx.seq}`, name: '矩阵标签', from_year: 2026 } }; } },
  { method: 'PUT', path: '/ref/special_tag/procurement', allow: ['sysadmin'],
    prepare: async (ctx) => {
      ctx.seq += 1;
      await ctx.as.sysadmin.post('/ref/special_tag', { code: `mx_ren_${ctx.seq}`, name: '矩阵改名前', from_year: 2020 });
      return { path: `/ref/special_tag/mx_ren_${ctx.seq}`, body: { name: '矩阵改名后', from_year: 2026 } };
    } },
  { method: 'POST', path: '/ref/special_tag/procurement/retire', allow: ['sysadmin'],
    prepare: async (ctx) => {
      ctx.seq += 1;
      await ctx.as.sysadmin.post('/ref/special_tag', { code: `mx_ret_${ctx.seq}`, name: '矩阵停用', from_year: 2020 });
      return { path: `/ref/special_tag/mx_ret_${ctx.seq}/retire`, body: { year: 2026 } };
    } },
  { method: 'GET', path: '/ref/import/template?kind=sector', allow: ['sysadmin'] },
  { method: 'GET', path: '/ref/sector/export', allow: EVERYONE },
  { method: 'POST', path: '/ref/import?kind=special_tag&year=2026', allow: ['sysadmin'],
    prepare: async () => ({ path: '/ref/import?kind=special_tag&year=2026', body: tinyXlsx() }) },
  // Imports: organizations need system.org.manage, accounts system.user.manage (both 系统管理员).
  { method: 'GET', path: '/org/import/template?type=orgs', allow: ['sysadmin'] },
  { method: 'GET', path: '/org/import/template?type=regions', allow: ['sysadmin'] },
  { method: 'POST', path: '/org/regions', allow: ['sysadmin'],
    prepare: async (ctx) => { ctx.seq += 1; return { path: '/org/regions', body: { code: `371525${String(800 + ctx.seq).padStart(3, '0')}`, name: `矩阵乡${ctx.seq}` } }; } },
  { method: 'GET', path: '/org/import/template?type=users', allow: ['sysadmin'] },
  { method: 'POST', path: '/org/import?type=orgs', allow: ['sysadmin'],
    prepare: async () => ({ path: '/org/import?type=orgs', body: tinyXlsx() }) },
  { method: 'POST', path: '/org/import?type=users', allow: ['sysadmin'],
    prepare: async () => ({ path: '/org/import?type=users', body: tinyXlsx() }) },
  { method: 'GET', path: '/audit/logs', allow: ['auditadmin'] },
  { method: 'GET', path: '/audit/login-logs', allow: ['auditadmin', 'secadmin'] },
];
