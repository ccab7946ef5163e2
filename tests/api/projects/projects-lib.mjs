// Helpers for the projects API tests: a complete application body, a tiny PDF, and the steps of
// the joint case (assign, score, review, conclude) as the demo roles.
export const WAN = 1000000; // 分 per 万元
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let seq = 0;
export function application(over = {}) {
  seq += 1;
  return {
    name: `测试项目${Date.now() % 100000}-${seq}`,
    category: 'investment',
    budget_type: 'general',
    func_class: '2050204',
    sector: 'education',
    start_year: 2027,
    end_year: 2028,
    description: '对建于1998年的教学楼进行抗震加固和内部改造，完善消防设施。',
    contact: '刘洋',
    phone: '0635-5210002',
    amounts: [
      { year: 2027, source: 'local', requested_fen: 300 * WAN },
      { year: 2028, source: 'transfer', requested_fen: 120 * WAN },
    ],
    ...over,
  };
}

export async function attach(client, id, name = '申报书.pdf', kind = 'application', bytes = PDF) {
  return client.request('POST', `/projects/${id}/attachments?name=${encodeURIComponent(name)}&kind=${kind}`, bytes,
    { headers: { 'content-type': 'application/octet-stream' } });
}

// Creates, attaches and submits; returns the submitted project.
export async function submitted(unit, over = {}) {
  const c = await unit.post('/projects', application(over));
  if (c.status !== 201) throw new Error(`create: ${c.status} ${c.text}`);
  const a = await attach(unit, c.body.id);
  if (a.status !== 201) throw new Error(`attach: ${a.status} ${a.text}`);
  const p = (await unit.get(`/projects/${c.body.id}`)).body;
  const s = await unit.post(`/projects/${p.id}/submit`, { version: p.version });
  if (s.status !== 200) throw new Error(`submit: ${s.status} ${s.text}`);
  return s.body;
}

export async function caseOf(fin, projectId) {
  const d = await fin.get(`/projects/${projectId}`);
  return d.body.cases[d.body.cases.length - 1];
}

export function allRated(scheme, rating, overrides = {}) {
  const r = {};
  for (const d of scheme.dimensions) for (const i of d.items) r[i.code] = rating;
  return { ...r, ...overrides };
}

export async function expertIds(fin, names) {
  const list = (await fin.get('/org/experts?page_size=200')).body.items;
  return names.map((n) => {
    const e = list.find((x) => x.name === n);
    if (!e) throw new Error(`no expert ${n}`);
    return e.id;
  });
}
