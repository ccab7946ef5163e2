// Helpers for the indicators API tests: an indicator body, unique names, and a finance bureau of
// another county with its own 财政绩效管理员 (for out-of-scope rows).
import { createUser, signedIn } from '../lib/harness.mjs';
import { newUscc } from '../org/org-lib.mjs';

let seq = 0;
export const tag = () => `${Date.now().toString(36).slice(-4)}${(seq += 1)}`;

export function indicator(over = {}) {
  return {
    sector: 'education',
    field: '义务教育',
    level1: '产出指标',
    level2: '数量指标',
    name: `资助学生人数${tag()}`,
    nature: '>=',
    unit: '人',
    recommended_value: '1200',
    basis: 'plan',
    method: '统计年度内获得资助的学生人数',
    data_source: '学生资助管理系统',
    is_core: true,
    from_year: 2027,
    ...over,
  };
}

// A fin_perf account of 莘县 (371526): its own county, its own rows (one per server).
const managers = new WeakMap();
export async function otherCountyManager(server, as) {
  if (!managers.has(server)) managers.set(server, makeOtherCountyManager(server, as));
  return managers.get(server);
}

async function makeOtherCountyManager(server, as) {
  const reg = await as.sysadmin.post('/org/regions', { code: '371526', name: '莘县' });
  if (reg.status !== 201 && reg.status !== 409) throw new Error(`region: ${reg.status} ${reg.text}`);
  const b = await as.sysadmin.post('/org/units', { kind: 'finance_bureau', name: '莘县财政局', code: '117', uscc: newUscc('11'), region_code: '371526', unit_type: '行政单位' });
  if (b.status !== 201) throw new Error(`bureau: ${b.status} ${b.text}`);
  const u = await createUser(server, { sys: as.sysadmin, sec: as.secadmin, roles: ['fin_perf'], displayName: '莘县绩效科' });
  const me = (await as.sysadmin.get(`/admin/users?q=${u.username}`)).body.items[0];
  const put = await as.sysadmin.put(`/admin/users/${u.id}`, { display_name: me.display_name, phone: '', email: '', org_id: b.body.id, version: me.version });
  if (put.status !== 200) throw new Error(`user org: ${put.status} ${put.text}`);
  return signedIn(server, u.username, u.password);
}
