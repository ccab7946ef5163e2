// Authorization-matrix rows of the indicators module (see tests/api/org/authz-rows.mjs).
import { indicator } from './indicators-lib.mjs';

const READERS = ['fin_perf', 'fin_business', 'fin_review', 'dept_admin', 'unit_clerk', 'township_finance', 'third_party', 'expert', 'oversight'];
const PROPOSE = ['dept_admin', 'unit_clerk', 'township_finance'];

export async function setup(ctx) {
  const a = await ctx.as.fin_perf.post('/indicators', indicator({ name: '矩阵指标' }));
  if (a.status !== 201) throw new Error(a.text);
  ctx.ids.indicator = a.body.id;
  const p = await ctx.as.unit_clerk.post('/indicators', indicator({ name: '矩阵建议' }));
  if (p.status !== 201) throw new Error(p.text);
  ctx.ids.proposal = p.body.id;
}

let n = 0;
export const rows = [
  { method: 'GET', path: '/indicators', allow: READERS },
  { method: 'GET', path: '/indicators/tree?year=2027', allow: READERS },
  { method: 'GET', path: '/indicators/fields?sector=education', allow: READERS },
  { method: 'GET', path: '/indicators/export', allow: READERS },
  { method: 'GET', path: '/indicators/{indicator}', allow: READERS },
  // A proposal of 冠县第一中学: its clerk and the bureau see it; the other proposers do not.
  { method: 'GET', path: '/indicators/{proposal}', allow: ['fin_perf', 'unit_clerk'],
    hidden: ['fin_business', 'fin_review', 'dept_admin', 'township_finance', 'third_party', 'expert', 'oversight'] },
  { method: 'POST', path: '/indicators', allow: ['fin_perf', ...PROPOSE],
    prepare: async () => ({ path: '/indicators', body: indicator({ name: `矩阵新增${(n += 1)}` }) }) },
  { method: 'PUT', path: '/indicators/tree?year=2032', allow: ['fin_perf'],
    prepare: async (ctx) => {
      const cur = (await ctx.as.fin_perf.get('/indicators/tree?year=2032')).body;
      return { path: '/indicators/tree?year=2032', body: { value: cur.value, version: cur.version } };
    } },
  { method: 'GET', path: '/indicators/import/template', allow: ['fin_perf'] },
  { method: 'POST', path: '/indicators/import', allow: ['fin_perf'], reach: true },
  // the clerk's proposal: its clerk edits it, the bureau decides; the other proposers do not see it
  { method: 'PUT', path: '/indicators/{proposal}', body: { version: 999999 }, allow: ['fin_perf', 'unit_clerk'], hidden: ['dept_admin', 'township_finance'], reach: true },
  { method: 'POST', path: '/indicators/{proposal}/reject', allow: ['fin_perf'], reach: true },
  { method: 'POST', path: '/indicators/{proposal}/approve', allow: ['fin_perf'], reach: true },
  { method: 'POST', path: '/indicators/{indicator}/retire', allow: ['fin_perf'], reach: true },
];
