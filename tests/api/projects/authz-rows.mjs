// Authorization-matrix rows of the projects module (see tests/api/org/authz-rows.mjs).
import { application, attach, submitted } from './projects-lib.mjs';

const READERS = ['fin_perf', 'fin_business', 'fin_review', 'dept_admin', 'unit_clerk', 'township_finance', 'third_party', 'expert', 'oversight'];
const APPLY = ['dept_admin', 'unit_clerk', 'township_finance'];
const REVIEW = ['fin_perf', 'fin_business', 'fin_review'];
const STALE = { version: 999999 };  // a stale version: the allowed roles hear 409, nothing changes

export async function setup(ctx) {
  const p = await submitted(ctx.as.unit_clerk, { category: 'operating', amounts: [{ year: 2027, source: 'local', requested_fen: 1000000 }] });
  ctx.ids.project = p.id;
  const d = await ctx.as.fin_perf.get(`/projects/${p.id}`);
  ctx.ids.case = d.body.cases[0].id;
  ctx.ids.attachment = d.body.attachments[0].id;
  const w = await submitted(ctx.as.unit_clerk, { category: 'operating', amounts: [{ year: 2027, source: 'local', requested_fen: 500000 }] });
  ctx.ids.withdrawable = w.id;
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
  // Writes on the shared submitted project and its case: `reach` (see tests/api/org/authz-rows.mjs);
  // the writes themselves are in flow.test.mjs.
  ...['PUT /projects/{project}', 'DELETE /projects/{project}', 'POST /projects/{project}/submit',
    'POST /projects/{project}/start', 'POST /projects/{project}/complete',
    'DELETE /projects/{project}/attachments/{attachment}'].map((e) => {
    const [method, path] = e.split(' ');
    return { method, path: method === 'DELETE' ? `${path}?version=999999` : path, body: STALE,
      allow: ['dept_admin', 'unit_clerk'], hidden: ['township_finance'], reach: true };
  }),
  // withdrawn by the first allowed role; the second hears 409
  { method: 'POST', path: '/projects/{withdrawable}/withdraw', body: { version: 1 }, allow: ['dept_admin', 'unit_clerk'], hidden: ['township_finance'], reach: true },
  { method: 'POST', path: '/projects/import', allow: APPLY, reach: true },
  { method: 'POST', path: '/projects/{project}/budget', body: { year: 2027, approved_fen: 1 }, allow: ['fin_perf'], reach: true },
  { method: 'POST', path: '/projects/{project}/exit', body: { version: 999999, reason: '矩阵' }, allow: ['fin_perf', 'fin_business'], hidden: ['fin_review'], reach: true },
  ...[['POST /cases/{case}/assign', STALE],
    ['PUT /cases/{case}/review', { version: 999999, lines: [{ item: '矩阵', submitted_fen: 100, approved_fen: 100, reason: '' }] }],
    ['POST /cases/{case}/conclude', { version: 999999, conclusion: 'support', opinion: '矩阵' }],
    ['GET /cases/{case}/report.docx'], ['GET /cases/{case}/sheets.xlsx']].map(([e, body]) => {
    const [method, path] = e.split(' ');
    return { method, path, body, allow: ['fin_perf', 'fin_business'], hidden: ['fin_review'], reach: true };
  }),
  // experts and agencies score only the cases assigned to them; reviewers enter paper sheets
  { method: 'PUT', path: '/cases/{case}/sheet', body: { version: 999999 }, allow: ['fin_perf', 'fin_business'], hidden: ['fin_review', 'third_party', 'expert'], reach: true },
];
