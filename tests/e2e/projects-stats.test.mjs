// Browser journey of 统计分析 and 评估规则设置 (issue 4) against a real `jixiao serve` on the demo
// county (JX_BASE_URL; business accounts sign in with JX_E2E_DEMO_PASSWORD). 张伟 (财政绩效管理员)
// opens 统计分析 from the menu: the year's figures match GET /projects/stats; in a year where this
// test concludes two cases of its own through the API the charts draw. He then changes the
// cut-offs of a far year (the version goes up) and enters a scheme that does not add up (the
// Chinese error shows, nothing is saved). 李娜 (部门管理员) has no 评估规则设置 in her menu and gets
// the 403 page by address. Screenshots: test-results/e2e/stats-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient, BASE_URL, launch, openByMenu, settle, shot, signIn } from './lib.mjs';

const PASSWORD = process.env.JX_E2E_DEMO_PASSWORD || 'Demo@2026jx';
const ZHANGWEI = { username: 'zhangwei', password: PASSWORD };
const LIUYANG = { username: 'liuyang', password: PASSWORD };
const LINA = { username: 'lina', password: PASSWORD };
const WAN = 1_000_000; // fen per 万元
const FAR_YEAR = 2031;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let browser;
let fin; // 张伟 through the API
let meta;
let region; // 张伟's county

before(async () => {
  const health = await fetch(`${BASE_URL}/api/v1/health`).catch(() => null);
  assert.ok(health?.ok, `jixiao serve answers at ${BASE_URL}`);
  fin = new ApiClient(BASE_URL);
  const me = await fin.signIn(ZHANGWEI);
  meta = (await fin.request('GET', '/meta')).body;
  region = (await fin.request('GET', `/org/units/${me.org_id}`)).body.region_code.slice(0, 6);
});

after(async () => {
  await browser?.close();
});

async function fresh() {
  await browser?.close();
  browser = await launch();
  return browser.page;
}

/** Chooses an option of an Element Plus select opened by clicking `trigger`. */
async function choose(page, trigger, text) {
  await page.locator(trigger).click();
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: exact }).first();
  await option.waitFor();
  await option.click();
  await settle(page, 200);
}

// The county's way of writing the figures, from the exact fen (as the page must).
function roundDiv(num, den, decimals) {
  const scale = 10n ** BigInt(decimals);
  const q = (BigInt(num) * scale * 2n + BigInt(den)) / (BigInt(den) * 2n);
  const s = q.toString().padStart(decimals + 1, '0');
  const int = s.slice(0, s.length - decimals).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return decimals ? `${int}.${s.slice(-decimals)}` : int;
}
const yi = (fen) => roundDiv(fen, 10_000_000_000, 1);
// A card: 亿元 with one decimal from 1 亿元 up, whole 万元 below.
const card = (fen) => (fen >= 10_000_000_000 ? yi(fen) : roundDiv(fen, WAN, 0));
// The sentence: the same, with 2 decimals of 万元 when the amount is not whole.
const spoken = (fen) => (fen >= 10_000_000_000 ? `${yi(fen)}亿元` : `${roundDiv(fen, WAN, fen % WAN === 0 ? 0 : 2)}万元`);
const rate1 = (r) => (r.submitted_fen > 0 ? roundDiv(BigInt(r.cut_fen) * 100n, r.submitted_fen, 1) : '—');

async function figure(page, key) {
  return (await page.locator(`[data-test="fig-${key}"] [data-test="fig-value"]`).innerText()).trim();
}

/** The cards agree with the API's answer for the same year and region. */
async function assertFigures(page, s) {
  const a = s.assessed;
  const r = s.reviewed;
  assert.equal(await figure(page, 'assessed-total'), String(a.total), '评估项目数');
  assert.equal(await figure(page, 'sectors'), String(a.sectors), '涉及领域数');
  assert.equal(await figure(page, 'support'), String(a.by_conclusion.support), '予以支持');
  assert.equal(await figure(page, 'adjust'), String(a.by_conclusion.adjust), '调整后支持');
  assert.equal(await figure(page, 'reject'), String(a.by_conclusion.reject), '不予支持');
  assert.equal(await figure(page, 'reviewed-total'), String(r.total), '评审项目数');
  assert.equal(await figure(page, 'submitted'), card(r.submitted_fen), '送审金额');
  assert.equal(await figure(page, 'approved'), card(r.approved_fen), '审定金额');
  assert.equal(await figure(page, 'cut'), card(r.cut_fen), '审减额');
  assert.equal(await figure(page, 'cut-rate'), rate1(r), '审减率');
  // The exact 2-decimal rate on hover.
  await page.locator('[data-test="fig-cut-rate"] .pa-figure-value').hover();
  const tip = page.locator('.el-popper:visible', { hasText: '精确值' }).last();
  await tip.waitFor();
  assert.match(await tip.innerText(), new RegExp(`精确值 ${r.cut_rate.toFixed(2).replace('.', '\\.')}%`));
  await page.mouse.move(0, 0);
}

/** Each chart has a canvas of non-zero size with something drawn on it. */
async function assertChartsDrawn(page, selectors) {
  for (const sel of selectors) {
    const canvas = page.locator(`${sel} canvas`).first();
    await canvas.waitFor({ timeout: 10_000 });
    const drawn = await canvas.evaluate((c) => {
      const ctx = c.getContext('2d');
      if (!ctx || c.width === 0 || c.height === 0) return { w: c.width, h: c.height, inked: 0 };
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      let inked = 0;
      for (let i = 3; i < data.length; i += 4 * 7) if (data[i] > 0) inked++;
      return { w: c.width, h: c.height, inked };
    });
    assert.ok(drawn.w > 100 && drawn.h > 100, `${sel}: the canvas has a size (${drawn.w}×${drawn.h})`);
    assert.ok(drawn.inked > 500, `${sel}: the chart drew something (${drawn.inked} inked samples)`);
  }
}

/** One project of the unit, submitted, assessed (or not), reviewed and concluded by 张伟. */
async function concludedProject(unit, year, { name, sector, funcClass, category, wan, rating, approvedWan }) {
  const c = await unit.request('POST', '/projects', {
    name, category, budget_type: 'general', func_class: funcClass, sector, start_year: year, end_year: year,
    is_new: true, description: `${name}：统计分析浏览器测试用项目。`, contact: '刘洋', phone: '0635-5210002',
    amounts: [{ year, source: 'local', requested_fen: wan * WAN }],
  });
  assert.equal(c.status, 201, c.text);
  const up = await fetch(`${BASE_URL}/api/v1/projects/${c.body.id}/attachments?name=${encodeURIComponent('申报书.pdf')}&kind=application`, {
    method: 'POST', headers: { Cookie: unit.cookie, 'X-CSRF-Token': unit.csrf, 'Content-Type': 'application/octet-stream' }, body: PDF,
  });
  assert.equal(up.status, 201, await up.text());
  const p = (await unit.request('GET', `/projects/${c.body.id}`)).body;
  const s = await unit.request('POST', `/projects/${p.id}/submit`, { version: p.version });
  assert.equal(s.status, 200, s.text);
  const d = (await fin.request('GET', `/projects/${p.id}`)).body;
  let k = d.cases[d.cases.length - 1];
  const experts = (await fin.request('GET', '/org/experts?page_size=200')).body.items;
  const expert = (experts.find((x) => x.status === 'active') ?? experts[0]).id;
  const assessed = k.preassess_required;
  let r = await fin.request('POST', `/cases/${k.id}/assign`, { expert_ids: assessed ? [expert] : [], version: k.version });
  assert.equal(r.status, 200, r.text);
  k = r.body;
  if (assessed) {
    const ratings = {};
    for (const dim of k.scheme.dimensions) for (const it of dim.items) ratings[it.code] = rating;
    r = await fin.request('PUT', `/cases/${k.id}/sheet`, { expert_id: expert, ratings, opinion: '同意', submit: true });
    assert.equal(r.status, 200, r.text);
    k = r.body;
  }
  r = await fin.request('PUT', `/cases/${k.id}/review`, { version: k.version, lines: [{ item: '全部', submitted_fen: wan * WAN, approved_fen: approvedWan * WAN, reason: '核减' }] });
  assert.equal(r.status, 200, r.text);
  k = r.body;
  r = await fin.request('POST', `/cases/${k.id}/conclude`, { result: assessed ? undefined : 'support', opinion: '请按评审意见完善后实施', version: k.version });
  assert.equal(r.status, 200, r.text);
  return assessed;
}

test('张伟 reads 统计分析: the cards match the API, the charts draw, the tables and the summary follow', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, ZHANGWEI);
  await openByMenu(page, '/projects/stats');
  await page.locator('[data-test="stats-page"]').waitFor();
  await settle(page, 600);

  // The page opens on the platform's year (the one in 执行中) and the caller's own county.
  const root = page.locator('[data-test="stats-page"]');
  const shownYear = Number(await root.getAttribute('data-year'));
  assert.equal(shownYear, meta.current_year);
  assert.equal(await root.getAttribute('data-region'), region, "the caller's own county");
  assert.match(await page.locator('[data-test="stats-year"]').innerText(), new RegExp(`${shownYear}年度`));
  const now = (await fin.request('GET', `/projects/stats?year=${shownYear}&region_code=${region}`)).body;
  if (now.assessed.total === 0 && now.reviewed.total === 0) {
    await page.locator('[data-test="stats-empty"]').waitFor();
    assert.match(await page.locator('[data-test="stats-empty"]').innerText(), new RegExp(`${shownYear}年度暂无统计数据`));
  } else {
    await assertFigures(page, now);
    const charts = ['[data-test="chart-reviewed-sector"]', '[data-test="chart-reviewed-department"]'];
    if (now.assessed.total > 0) charts.push('[data-test="chart-conclusions"]', '[data-test="chart-assessed-sector"]');
    await assertChartsDrawn(page, now.reviewed.total > 0 ? charts : charts.slice(2));
  }
  await shot(page, 'stats-current-year');

  // A year with nothing concluded says so instead of drawing empty charts.
  for (const y of meta.years) {
    const e = (await fin.request('GET', `/projects/stats?year=${y}&region_code=${region}`)).body;
    if (y === Math.max(...meta.years) || e.assessed.total > 0 || e.reviewed.total > 0) continue;
    await choose(page, '[data-test="stats-year"]', `${y}年度`);
    const empty = page.locator('[data-test="stats-empty"]');
    await empty.waitFor();
    assert.match(await empty.innerText(), new RegExp(`${y}年度暂无统计数据`));
    assert.match(await empty.innerText(), /出具结论后，将在这里汇总/);
    assert.equal(await page.locator('[data-test="chart-conclusions"]').count(), 0);
    await shot(page, 'stats-empty-year');
    break;
  }

  // A year of this test's own: one assessed project (supported) and one only reviewed.
  const year = Math.max(...meta.years);
  const tag = Date.now().toString(36).slice(-5);
  const unit = new ApiClient(BASE_URL);
  await unit.signIn(LIUYANG);
  assert.equal(await concludedProject(unit, year, { name: `统计测试教学楼改造${tag}`, sector: 'education', funcClass: '2050204', category: 'investment', wan: 600, rating: '良', approvedWan: 510 }), true);
  await concludedProject(unit, year, { name: `统计测试学校运转${tag}`, sector: 'education', funcClass: '2050202', category: 'operating', wan: 120, rating: '良', approvedWan: 108 });
  const s = (await fin.request('GET', `/projects/stats?year=${year}&region_code=${region}`)).body;
  assert.ok(s.assessed.total >= 1 && s.reviewed.total >= 2, 'the API counts the two projects');

  await choose(page, '[data-test="stats-year"]', `${year}年度`);
  await page.locator('[data-test="figures-assessed"]').waitFor();
  await settle(page, 800);
  await assertFigures(page, s);
  await assertChartsDrawn(page, [
    '[data-test="chart-conclusions"]',
    '[data-test="chart-assessed-sector"]',
    '[data-test="chart-reviewed-sector"]',
    '[data-test="chart-reviewed-department"]',
  ]);

  await shot(page, 'stats-with-data');

  // The charts follow the window's size.
  const width = () => page.locator('[data-test="chart-assessed-sector"] canvas').first().evaluate((c) => c.getBoundingClientRect().width);
  const wide = await width();
  await page.setViewportSize({ width: 1100, height: 900 });
  await settle(page, 500);
  const narrow = await width();
  await page.setViewportSize({ width: 1440, height: 900 });
  await settle(page, 500);
  assert.notEqual(Math.round(narrow), Math.round(wide), 'the chart was resized with the window');
  assert.equal(Math.round(await width()), Math.round(wide), 'and back');

  // The summary sentence in the county's wording, from the same numbers.
  const summary = await page.locator('[data-test="stats-summary"]').innerText();
  assert.match(summary, new RegExp(`${s.assessed.sectors}个领域、${s.assessed.total}个重点项目的事前绩效评估`));
  assert.ok(summary.includes(`评审项目${s.reviewed.total}个，涉及资金${spoken(s.reviewed.submitted_fen)}，审减率${rate1(s.reviewed)}%。`), summary);

  // The tables: a row per sector and department, amounts in 万元, right-aligned, a total row.
  const sectorTable = page.locator('[data-test="table-sector"]');
  const education = sectorTable.locator('.el-table__body tr', { hasText: '教育' }).first();
  const eduApi = s.reviewed.by_sector.find((x) => x.key === 'education');
  assert.ok(eduApi, 'the API has the education sector');
  assert.ok((await education.innerText()).includes(roundDiv(eduApi.submitted_fen, WAN, 2)), 'the sector row shows 送审金额 in 万元');
  const footer = await sectorTable.locator('.el-table__footer').innerText();
  assert.ok(footer.includes(roundDiv(s.reviewed.submitted_fen, WAN, 2)), 'the total row adds up to the year');
  const align = await sectorTable.locator('.el-table__body tr').first().locator('td').nth(6).evaluate((td) => getComputedStyle(td.querySelector('.cell')).textAlign);
  assert.equal(align, 'right');
  // Sortable: by 审减率, ascending.
  await page.locator('[data-test="table-department"] th', { hasText: '审减率' }).click();
  await settle(page, 200);
  const noScroll = await page.evaluate(() => [...document.querySelectorAll('.el-table__body-wrapper .el-scrollbar__wrap')].every((w) => w.scrollWidth <= w.clientWidth + 1));
  assert.ok(noScroll, 'the tables fit at 1440 wide');
  await page.locator('[data-test="table-department"]').scrollIntoViewIfNeeded();
  await shot(page, 'stats-tables');
  assert.deepEqual(browser.errors, []);
});

test('张伟 changes the cut-offs of a far year and cannot save a scheme that does not add up; 李娜 has no such menu', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, ZHANGWEI);
  await openByMenu(page, '/projects/settings');
  await page.locator('[data-test="settings-page"]').waitFor();
  await choose(page, '[data-test="settings-year"]', `${FAR_YEAR}年度`);

  // 结论分数线: switch presets and save; the version goes up by one.
  await page.locator('.el-tabs__item', { hasText: '结论分数线' }).click();
  await page.locator('[data-test="setting-cutoffs"] [data-test="setting-version"]').waitFor();
  await settle(page);
  const before = (await fin.request('GET', `/projects/settings/preassess_cutoffs?year=${FAR_YEAR}`)).body;
  const pane = page.locator('[data-test="setting-cutoffs"]');
  assert.equal(Number(await pane.locator('[data-test="setting-version"]').getAttribute('data-version')), before.version);
  const target = before.value.support === 90 ? { code: 'L', support: 80, adjust: 60 } : { code: 'V', support: 90, adjust: 70 };
  await pane.locator(`[data-test="preset-${target.code}"]`).click();
  assert.equal(await pane.locator('[data-test="cutoffs-support"] input').inputValue(), String(target.support));
  await pane.locator('[data-test="cutoffs-save"]').click();
  await page.locator('.el-message--success', { hasText: `已保存（版本 ${before.version + 1}）` }).waitFor();
  await settle(page);
  assert.equal(Number(await pane.locator('[data-test="setting-version"]').getAttribute('data-version')), before.version + 1);
  await pane.locator('[data-test="source-own"]').waitFor();
  const after = (await fin.request('GET', `/projects/settings/preassess_cutoffs?year=${FAR_YEAR}`)).body;
  assert.equal(after.version, before.version + 1);
  assert.deepEqual({ support: after.value.support, adjust: after.value.adjust }, { support: target.support, adjust: target.adjust });
  assert.equal(after.inherited, false);
  await shot(page, 'stats-settings-cutoffs');

  // Someone else saves in between: the page says so and shows the latest, with its version.
  const other = await fin.request('PUT', `/projects/settings/preassess_cutoffs?year=${FAR_YEAR}`, { value: { support: 85, adjust: 65 }, version: after.version });
  assert.equal(other.status, 200, other.text);
  await pane.locator(`[data-test="preset-${target.code === 'L' ? 'V' : 'L'}"]`).click();
  await pane.locator('[data-test="cutoffs-save"]').click();
  await page.locator('.el-message--warning', { hasText: '已被他人修改' }).waitFor();
  await settle(page);
  assert.equal(Number(await pane.locator('[data-test="setting-version"]').getAttribute('data-version')), other.body.version);
  assert.equal(await pane.locator('[data-test="cutoffs-support"] input').inputValue(), '85');

  // 评分方案: one sub-item one point more, then the dimension too: the sums are wrong, in Chinese.
  await page.locator('.el-tabs__item', { hasText: '评分方案' }).click();
  const scheme = page.locator('[data-test="setting-scheme"]');
  await scheme.locator('[data-test="scheme-dim-0"]').waitFor();
  await settle(page);
  const saved = (await fin.request('GET', `/projects/settings/preassess_scheme?year=${FAR_YEAR}`)).body;
  const d0 = saved.value.dimensions[0];
  const first = d0.items[0].points;
  const points = scheme.locator('[data-test="item-points-0-0"] input');
  await points.fill(String(first + 1));
  await points.press('Tab');
  await settle(page, 200);
  await scheme.locator('[data-test="dim-error"]', { hasText: `“${d0.name}”的子项分值合计为${d0.points + 1}分，应等于维度分值${d0.points}分` }).waitFor();
  const weight = scheme.locator('[data-test="dim-weight-0"] input');
  await weight.fill(String(d0.points + 1));
  await weight.press('Tab');
  await settle(page, 200);
  await scheme.locator('[data-test="scheme-problems"]', { hasText: '各维度分值合计应为100分，现为101分' }).waitFor();
  await scheme.locator('[data-test="scheme-save"]').click();
  await page.locator('.el-message--error', { hasText: '评分方案还有' }).waitFor();
  await scheme.locator('[data-test="scheme-problems"]').scrollIntoViewIfNeeded();
  await shot(page, 'stats-settings-scheme-error');
  const unchanged = (await fin.request('GET', `/projects/settings/preassess_scheme?year=${FAR_YEAR}`)).body;
  assert.equal(unchanged.version, saved.version, 'nothing was saved');
  assert.equal(unchanged.value.dimensions[0].items[0].points, first);
  assert.deepEqual(browser.errors, []);

  // 李娜 (部门管理员): 统计分析 yes, 评估规则设置 no — not in the menu, 403 by address.
  const lina = await fresh();
  await signIn(lina, BASE_URL, LINA);
  for (const g of await lina.locator('.jx-side-menu .el-sub-menu:not(.is-opened) > .el-sub-menu__title').all()) await g.click();
  await settle(lina, 200);
  assert.equal(await lina.locator('.jx-side-menu [data-path="/projects/settings"]').count(), 0, 'no 评估规则设置 for a department');
  assert.ok((await lina.locator('.jx-side-menu [data-path="/projects/stats"]').count()) > 0, 'but 统计分析 is there');
  await shot(lina, 'stats-lina-menu');
  await lina.goto(`${BASE_URL}/projects/settings`);
  await lina.waitForURL((u) => u.pathname === '/403');
  await settle(lina);
  assert.match(await lina.locator('body').innerText(), /403/);
});
