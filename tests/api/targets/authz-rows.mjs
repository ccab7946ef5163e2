// Authorization-matrix rows of the targets module (see tests/api/org/authz-rows.mjs).
import { application } from '../projects/projects-lib.mjs';
import { drafted } from './targets-lib.mjs';

const READERS = ['fin_perf', 'fin_business', 'fin_review', 'dept_admin', 'unit_clerk', 'township_finance', 'oversight'];
const EDIT = ['dept_admin', 'unit_clerk', 'township_finance'];
// A set of 冠县第一中学: out of scope for the review centre and the township.
const SEE_SCHOOL = ['fin_perf', 'fin_business', 'dept_admin', 'unit_clerk', 'oversight'];
const HIDE_SCHOOL = ['fin_review', 'township_finance'];

export async function setup(ctx) {
  const p = await ctx.as.unit_clerk.post('/projects', application());
  if (p.status !== 201) throw new Error(p.text);
  const r = await drafted(ctx.as.unit_clerk, p.body.id, 2027);
  ctx.ids.target_set = r.set_id;
  ctx.ids.target_revision = r.id;
}

export const rows = [
  { method: 'GET', path: '/targets', allow: READERS },
  { method: 'GET', path: '/targets/projects?year=2026', allow: READERS },
  { method: 'GET', path: '/targets/departments?year=2026', allow: READERS },
  { method: 'GET', path: '/targets/coverage?year=2026', allow: READERS },
  { method: 'GET', path: '/targets/settings/check_rules', allow: READERS },
  { method: 'GET', path: '/targets/{target_set}', allow: SEE_SCHOOL, hidden: HIDE_SCHOOL },
  { method: 'GET', path: '/targets/revisions/{target_revision}', allow: SEE_SCHOOL, hidden: HIDE_SCHOOL },
  { method: 'GET', path: '/targets/revisions/{target_revision}/diff', allow: SEE_SCHOOL, hidden: HIDE_SCHOOL },
  { method: 'GET', path: '/targets/{target_set}/declaration.xlsx', allow: SEE_SCHOOL, hidden: HIDE_SCHOOL },
  { method: 'POST', path: '/targets/revisions/{target_revision}/check', allow: SEE_SCHOOL, hidden: HIDE_SCHOOL },
  { method: 'PUT', path: '/targets/settings/check_rules?year=2030', allow: ['fin_perf'],
    prepare: async (ctx) => {
      const cur = (await ctx.as.fin_perf.get('/targets/settings/check_rules?year=2030')).body;
      return { path: '/targets/settings/check_rules?year=2030', body: { value: cur.value, version: cur.version } };
    } },
  { method: 'POST', path: '/targets', allow: EDIT,
    prepare: async (ctx, role) => {
      const p = await ctx.as[role].post('/projects', application());
      if (p.status !== 201) throw new Error(p.text);
      return { path: '/targets', body: { kind: 'project', project_id: p.body.id, year: 2027 } };
    } },
];
