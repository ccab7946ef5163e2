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
  ctx.ids.target_project = p.body.id;
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
  { method: 'GET', path: '/targets/projects/{target_project}/years', allow: SEE_SCHOOL, hidden: HIDE_SCHOOL },
  // Writes on the shared draft: `reach` (see tests/api/org/authz-rows.mjs); the writes themselves
  // are in targets.test.mjs.
  ...['PUT /targets/revisions/{target_revision}', 'DELETE /targets/revisions/{target_revision}',
    'POST /targets/revisions/{target_revision}/submit', 'POST /targets/revisions/{target_revision}/withdraw',
    'POST /targets/revisions/{target_revision}/import', 'POST /targets/{target_set}/changes'].map((e) => {
    const [method, path] = e.split(' ');
    return { method, path: method === 'DELETE' || path.endsWith('/import') ? `${path}?version=999999` : path,
      body: { version: 999999 }, allow: ['dept_admin', 'unit_clerk'], hidden: ['township_finance'], reach: true };
  }),
  { method: 'POST', path: '/targets/revisions/{target_revision}/review', body: { version: 999999, grade: 'good' }, allow: ['fin_perf', 'fin_business'], reach: true },
  { method: 'POST', path: '/targets/{target_set}/publish', body: { published: true }, allow: ['fin_perf', 'fin_business'], reach: true },
  { method: 'POST', path: '/targets', allow: EDIT,
    prepare: async (ctx, role) => {
      const p = await ctx.as[role].post('/projects', application());
      if (p.status !== 201) throw new Error(p.text);
      return { path: '/targets', body: { kind: 'project', project_id: p.body.id, year: 2027 } };
    } },
];
