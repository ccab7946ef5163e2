// Authorization-matrix rows of the projects module (see tests/api/org/authz-rows.mjs).
import { application, attach, submitted } from './projects-lib.mjs';

const READERS = ['fin_perf', 'fin_business', 'fin_review', 'dept_admin', 'unit_clerk', 'township_finance', 'third_party', 'expert', 'oversight'];
const APPLY = ['dept_admin', 'unit_clerk', 'township_finance'];
const REVIEW = ['fin_perf', 'fin_business', 'fin_review'];

export async function setup(ctx) {
  const p = await submitted(ctx.as.unit_clerk, { category: 'operating', amounts: [{ year: 2027, source: 'local', requested_fen: 1000000 }] });
  ctx.ids.project = p.id;
  const d = await ctx.as.fin_perf.get(`/projects/${p.id}`);
  ctx.ids.case = d.body.cases[0].id;
  ctx.ids.attachment = d.body.attachments[0].id;
}

export const rows = [
  { method: 'GET', path: '/projects', allow: READERS },
  // A project of 冠县第一中学: out of scope for the township, the review centre and the assigned-only roles.
  { method: 'GET', path: '/projects/{project}', allow: ['fin_perf', 'fin_business', 'dept_admin', 'unit_clerk', 'oversight'],
    hidden: ['fin_review', 'township_finance', 'third_party', 'expert'] },
  { method: 'GET', path: '/projects/{project}/attachments/{attachment}', allow: ['fin_perf', 'fin_business', 'dept_admin', 'unit_clerk', 'oversight'],
    hidden: ['fin_review', 'township_finance', 'third_party', 'expert'] },
  { method: 'POST', path: '/projects', allow: APPLY, prepare: async () => ({ path: '/projects', body: { name: '矩阵草稿' } }) },
  { method: 'POST', path: '/projects/{id}/attachments', allow: APPLY,
    prepare: async (ctx, role) => {
      const d = await ctx.as[role].post('/projects', application());
      const a = await attach(ctx.as[role], d.body.id);
      if (a.status !== 201) throw new Error(a.text);
      return { path: `/projects/${d.body.id}/attachments?name=b.pdf&kind=basis`, body: Buffer.from('%PDF-1.4 x') };
    } },
  { method: 'GET', path: '/projects/stats?year=2027', allow: READERS },
  { method: 'GET', path: '/projects/export', allow: READERS },
  { method: 'GET', path: '/projects/settings/preassess_rule', allow: READERS },
  { method: 'PUT', path: '/projects/settings/preassess_cutoffs', allow: ['fin_perf'],
    prepare: async (ctx) => {
      const cur = (await ctx.as.fin_perf.get('/projects/settings/preassess_cutoffs')).body;
      return { path: '/projects/settings/preassess_cutoffs', body: { value: cur.value, version: cur.version } };
    } },
  { method: 'GET', path: '/cases', allow: [...REVIEW, 'third_party', 'expert'] },
  { method: 'GET', path: '/cases/reviewers', allow: REVIEW },
  { method: 'GET', path: '/projects/import/template', allow: APPLY },
  { method: 'GET', path: '/cases/{case}', allow: ['fin_perf', 'fin_business'], hidden: ['fin_review', 'third_party', 'expert'] },
  { method: 'POST', path: '/cases/{case}/assign', allow: [], hidden: [] , note: 'covered by flow tests' },
];

// The assign row would change the shared case for every role: keep the matrix to reads and
// creations, and the writes in flow.test.mjs.
rows.pop();
