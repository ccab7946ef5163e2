// The HTTP side of bench/targets/run.sh: signs in like the web client (session cookie and
// X-CSRF-Token) and times requests one at a time, so what is measured is the request alone.
//
//   node client.mjs get BASE USER PASSWORD PATH N
//       N sequential GETs (after 2 unmeasured): prints "p50 max answer" (ms; the coverage's
//       needing/approved/departments as the answer)
//   node client.mjs save BASE USER PASSWORD REVISION_ID N LEAVES
//       N sequential PUT /api/v1/targets/revisions/{id} with LEAVES leaves, each carrying the
//       version the previous answer returned, alternating two leaf sets (other keys, values and
//       weights) so each save replaces real rows; then N POST …/check of the same drafts.
//       Prints "put p50 p95 p99 max errors warnings" and "check p50 p95 p99 max" (ms).
const [mode, base, user, password, ...rest] = process.argv.slice(2);

async function signIn() {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: user, password }),
  });
  if (r.status !== 200) throw new Error(`cannot sign in as ${user}: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.get('set-cookie') || '').split(';')[0];
  const { csrf_token: csrf } = await r.json();
  return { cookie, csrf };
}

function quantile(sorted, q) {
  // nearest rank
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i];
}
const fmt = (x) => x.toFixed(1);

async function timed(fn) {
  const t0 = process.hrtime.bigint();
  const out = await fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, out];
}

async function call(s, method, path, body) {
  const headers = { Cookie: s.cookie };
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = s.csrf;
    headers['Content-Type'] = 'application/json';
  }
  const r = await fetch(base + path, { method, headers, body: body && JSON.stringify(body) });
  const text = await r.text();
  if (r.status !== 200) throw new Error(`${method} ${path}: ${r.status} ${text.slice(0, 400)}`);
  return JSON.parse(text);
}

// A 40-leaf draft of the 101号 tree: a cost, quantities, qualities, timeliness, benefits and
// satisfaction, weights adding up to 100; `variant` changes keys, values and weights.
function leaves(n, variant) {
  const parts = [
    ['成本指标', '经济成本指标', '单位成本', '<=', '元/个'],
    ['产出指标', '数量指标', '完成数量', '>=', '个'],
    ['产出指标', '质量指标', '验收合格率', '>=', '%'],
    ['产出指标', '时效指标', '按期完成率', '>=', '%'],
    ['效益指标', '社会效益指标', '受益人数', '>=', '人'],
    ['效益指标', '可持续影响指标', '长效管护机制', 'qual', ''],
    ['满意度指标', '服务对象满意度指标', '服务对象满意度', '>=', '%'],
  ];
  const out = [];
  let spent = 0;
  for (let i = 0; i < n; i++) {
    const [level1, level2, name, nature, unit] = parts[i % parts.length];
    const pct = unit === '%';
    const weight = i === n - 1 ? Math.round((100 - spent) * 100) / 100 : variant ? 2.5 : 2.25;
    spent = Math.round((spent + weight) * 100) / 100;
    out.push({
      key: `bench${variant}-${i}`,
      level1,
      level2,
      name: `${name}${i + 1}`,
      nature,
      value: nature === 'qual' ? '有效建立' : pct ? String(90 + ((i + variant) % 10)) : String(100 + i * 10 + variant),
      unit,
      weight,
      basis: variant ? 'plan' : 'industry',
      explanation: `第${i + 1}项指标，按${variant ? '年度计划' : '行业标准'}测算。`,
      is_core: i % 7 === 0,
    });
  }
  return out;
}

async function getMode() {
  const [path, nText] = rest;
  const n = Number(nText);
  const s = await signIn();
  let answer;
  for (let i = 0; i < 2; i++) answer = await call(s, 'GET', path);
  const ms = [];
  for (let i = 0; i < n; i++) {
    const [t, out] = await timed(() => call(s, 'GET', path));
    ms.push(t);
    answer = out;
  }
  ms.sort((a, b) => a - b);
  const shape = answer.projects
    ? `needing ${answer.projects.needing}, approved ${answer.projects.approved}, departments ${answer.departments.total} (${answer.by_department.length} rows)`
    : '';
  console.log(`${fmt(quantile(ms, 0.5))} ${fmt(ms[ms.length - 1])} ${shape}`);
}

async function saveMode() {
  const [revText, nText, leavesText] = rest;
  const rev = Number(revText);
  const n = Number(nText);
  const count = Number(leavesText);
  const s = await signIn();
  const first = await call(s, 'GET', `/api/v1/targets/revisions/${rev}`);
  let version = first.version;
  const body = (variant) => ({
    year_goal: `按计划完成年度任务，服务对象满意度不低于90%（第${variant + 1}稿）。`,
    period_goal: '实施期内完成建设任务并发挥预期效益。',
    serves_public: true,
    indicators: leaves(count, variant),
  });
  const drafts = [body(0), body(1)];
  // warm-up: two saves not measured
  for (let i = 0; i < 2; i++) {
    const out = await call(s, 'PUT', `/api/v1/targets/revisions/${rev}`, { ...drafts[i % 2], version });
    version = out.version;
  }
  const put = [];
  let last;
  for (let i = 0; i < n; i++) {
    const [t, out] = await timed(() =>
      call(s, 'PUT', `/api/v1/targets/revisions/${rev}`, { ...drafts[i % 2], version }),
    );
    put.push(t);
    last = out;
    version = out.version;
  }
  const head = last;
  const leavesBack = (last.indicators || []).length;
  if (leavesBack !== count) throw new Error(`the saved draft has ${leavesBack} leaves, not ${count}`);
  const check = [];
  for (let i = 0; i < n; i++) {
    const [t] = await timed(() => call(s, 'POST', `/api/v1/targets/revisions/${rev}/check`, drafts[i % 2]));
    check.push(t);
  }
  put.sort((a, b) => a - b);
  check.sort((a, b) => a - b);
  const row = (a) => [0.5, 0.95, 0.99].map((q) => fmt(quantile(a, q))).concat(fmt(a[a.length - 1])).join(' ');
  console.log(`put ${row(put)} ${head.errors} ${head.warnings}`);
  console.log(`check ${row(check)}`);
}

(mode === 'get' ? getMode() : saveMode()).catch((e) => {
  console.error(`bench: ${e.message}`);
  process.exit(1);
});
