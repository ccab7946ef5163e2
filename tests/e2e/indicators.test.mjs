// Browser journey of the indicator library (issue 5) against a real `jixiao serve` on the demo
// county (JX_BASE_URL; business accounts sign in with JX_E2E_DEMO_PASSWORD, 'Demo@2026jx' by
// default). The 财政绩效管理员 opens 指标库 from the menu, filters 教育 and sees the shipped
// starter rows, opens one, adds a county indicator (a repeated name is refused under the field)
// and edits it from a later year (a new version). The 部门管理员 of 冠县教育和体育局 proposes an
// indicator and sees it 待审核 in 我的建议; the bureau approves it on 指标建议审核 (and rejects
// a second one, which needs a reason), and checks 指标体系设置: 101号 for 2026 by default, and a
// year saved with its own setting. Names are unique per run, so the journey runs again on the
// same database. Screenshots go to test-results/e2e/indicators-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ApiClient, BASE_URL, confirmBox, launch, openByMenu, settle, shot, signIn } from './lib.mjs';
import { makeXlsx } from '../lib/xlsx.mjs';
import { readXlsx } from '../lib/xlsx-read.mjs';

const PASSWORD = process.env.JX_E2E_DEMO_PASSWORD || 'Demo@2026jx';
const BUREAU = { username: 'zhangwei', password: PASSWORD }; // 财政绩效管理员
const DEPT = { username: 'lina', password: PASSWORD }; // 部门管理员, 冠县教育和体育局
const stamp = Date.now().toString(36).slice(-5);

const run = {
  added: `课后服务覆盖学校比例${stamp}`,
  proposed: `乡村学校少年宫开放天数${stamp}`,
  rejected: `校园文化活动开展次数${stamp}`,
  imported: `家庭医生签约服务覆盖率${stamp}`,
  addedId: 0,
  year: 0,
};
let browser;

before(async () => {
  const health = await fetch(`${BASE_URL}/api/v1/health`).catch(() => null);
  assert.ok(health?.ok, `jixiao serve answers at ${BASE_URL}`);
  const meta = await (await fetch(`${BASE_URL}/api/v1/meta`)).json();
  run.year = meta.current_year;
});

after(async () => {
  await browser?.close();
});

async function fresh() {
  await browser?.close();
  browser = await launch();
  return browser.page;
}

async function api(acct) {
  const c = new ApiClient(BASE_URL);
  await c.signIn(acct);
  return c;
}

/** Chooses an option of an Element Plus select (the one whose wrapper carries `trigger`). */
async function choose(page, trigger, text) {
  await page.locator(trigger).click();
  const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: text }).first();
  await option.waitFor();
  await option.click();
  await settle(page, 150);
}

function rows(page, table) {
  return page.locator(`[data-test="${table}"] .el-table__body-wrapper .el-table__row`);
}

/** The count in the library's title: "共 28 个指标" → 28. */
async function shownCount(page) {
  const text = await page.locator('[data-test="indicators-count"]').innerText();
  const m = /([\d,]+)/.exec(text);
  assert.ok(m, `a count in "${text}"`);
  return Number(m[1].replace(/,/g, ''));
}

async function search(page, q) {
  await page.locator('input[data-test="indicators-q"]').fill(q);
  await page.locator('[data-test="indicators-search"]').click();
  await settle(page);
}

/** Fills the indicator dialog (sector already chosen by the filter, or chosen here). */
async function fillForm(page, { name, sector, level1, level2, nature, value, unit, method, source, field }) {
  const dlg = '[data-test="indicator-form"]';
  await page.locator(dlg).waitFor();
  if (sector) await choose(page, `${dlg} [data-test="form-sector"]`, sector);
  if (field) await page.locator(`${dlg} input[data-test="form-field"]`).fill(field);
  await choose(page, `${dlg} [data-test="form-level1"]`, level1);
  await choose(page, `${dlg} [data-test="form-level2"]`, level2);
  await page.locator(`${dlg} input[data-test="form-name"]`).fill(name);
  await choose(page, `${dlg} [data-test="form-nature"]`, nature);
  await page.locator(`${dlg} input[data-test="form-value"]`).fill(value);
  await page.locator(`${dlg} input[data-test="form-unit"]`).fill(unit);
  if (method) await page.locator(`${dlg} textarea[data-test="form-method"]`).fill(method);
  if (source) await page.locator(`${dlg} input[data-test="form-source"]`).fill(source);
}

test('the bureau filters 教育 in 指标库, reads an indicator, adds one and edits it from a later year', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, BUREAU);
  await openByMenu(page, '/indicators');
  await rows(page, 'indicators-table').first().waitFor();
  const all = await shownCount(page);
  assert.ok(all >= 150, `the shipped library has at least 150 indicators in force (${all})`);

  await choose(page, '[data-test="indicators-sector"]', '教育');
  await settle(page);
  const education = await shownCount(page);
  assert.ok(education > 10 && education < all, `教育 shows more than 10 of the library (${education} of ${all})`);
  const sectors = await rows(page, 'indicators-table').locator('td:nth-child(2)').allInnerTexts();
  assert.ok(sectors.length > 0 && sectors.every((s) => s.trim() === '教育'), `every row is 教育: ${sectors.join(',')}`);
  const text = await page.locator('[data-test="indicators-table"]').innerText();
  assert.match(text, /[≥≤=]|定性/, 'natures are shown as ≥ = ≤ or 定性');
  assert.match(text, /计划标准|行业标准|历史标准|其他标准/, 'the basis is shown in Chinese');
  await shot(page, 'indicators-library');

  // The detail: every field and the versions by year.
  await rows(page, 'indicators-table').first().click();
  await page.locator('[data-test="drawer-name"]').waitFor();
  await settle(page);
  const drawer = await page.locator('[data-test="indicator-drawer"]').innerText();
  assert.match(drawer, /计算方法/);
  assert.match(drawer, /数据来源/);
  assert.match(drawer, /历年版本/);
  assert.match(drawer, /系统预置/, 'a shipped indicator says so');
  assert.match(drawer, /只对本县生效/, 'and that a change applies to the county only');
  assert.equal(await page.locator('[data-test="drawer-edit"]').count(), 1, 'the bureau may give the county its own version');
  await shot(page, 'indicators-detail');
  await page.keyboard.press('Escape');
  await settle(page);

  // 新增: the dialog starts from the filter's sector.
  await page.locator('[data-test="indicators-create"]').click();
  await fillForm(page, {
    name: run.added,
    field: '义务教育',
    level1: '产出指标',
    level2: '数量指标',
    nature: '≥',
    value: '95',
    unit: '%',
    method: '开展课后服务的学校数 ÷ 义务教育学校总数 × 100%',
    source: '教育部门统计报表',
  });
  await shot(page, 'indicators-form');
  await page.locator('[data-test="form-save"]').click();
  await page.locator('[data-test="indicator-form"]').waitFor({ state: 'hidden' });
  await settle(page);
  await search(page, run.added);
  assert.equal(await rows(page, 'indicators-table').count(), 1);
  const row = await rows(page, 'indicators-table').first().innerText();
  assert.match(row, /JY-\d{4}/, 'jixiao gave it a 教育 code');
  assert.match(row, /启用/);

  // The same name again is refused by the server, under the name field; nothing is stored.
  await page.locator('[data-test="indicators-create"]').click();
  await fillForm(page, { name: run.added, level1: '产出指标', level2: '数量指标', nature: '≥', value: '90', unit: '%' });
  await page.locator('[data-test="form-save"]').click();
  const nameError = page.locator('[data-test="indicator-form"] .el-form-item.is-error .el-form-item__error').first();
  await nameError.waitFor();
  assert.match(await nameError.innerText(), /同名指标/);
  await shot(page, 'indicators-form-error');
  await page.locator('[data-test="indicator-form"] .el-dialog__footer button').first().click();
  await settle(page);
  await search(page, run.added);
  assert.equal(await rows(page, 'indicators-table').count(), 1, 'the refused one was not stored');

  // 编辑 from next year: a new version from that year, the old one valid until the year before.
  await rows(page, 'indicators-table').first().click();
  await page.locator('[data-test="drawer-edit"]').waitFor();
  assert.equal(await page.locator('[data-test="drawer-retire"]').count(), 1, 'the county\'s own indicator can be retired');
  await page.locator('[data-test="drawer-edit"]').click();
  await page.locator('[data-test="form-year"]').waitFor();
  await page.locator('[data-test="form-year"] input').fill(String(run.year + 1));
  await page.locator('[data-test="form-year"] input').press('Tab');
  await settle(page, 150);
  assert.match(await page.locator('[data-test="form-year-hint"]').innerText(), new RegExp(`${run.year + 1} 年起.*${run.year} 年及以前`));
  await page.locator('input[data-test="form-value"]').fill('98');
  await shot(page, 'indicators-edit');
  await page.locator('[data-test="form-save"]').click();
  await page.locator('[data-test="indicator-form"]').waitFor({ state: 'hidden' });
  await settle(page);
  // The open drawer shows both versions.
  await page.locator('[data-test="drawer-versions"] .el-table__row').nth(1).waitFor();
  assert.equal(await page.locator('[data-test="drawer-versions"] .el-table__row').count(), 2);
  assert.match(await page.locator('[data-test="drawer-versions"]').innerText(), new RegExp(`${run.year + 1} 年起[\\s\\S]*\\n${run.year} 年`));
  await shot(page, 'indicators-versions');

  // 停用 the new version from the year after it starts: it stays valid for its first year.
  await page.locator('[data-test="drawer-retire"]').click();
  await page.locator('[data-test="retire-dialog"]').waitFor();
  await page.locator('[data-test="retire-year"] input').fill(String(run.year + 2));
  await page.locator('[data-test="retire-year"] input').press('Tab');
  await settle(page, 150);
  assert.match(await page.locator('[data-test="retire-dialog"]').innerText(), new RegExp(`${run.year + 1} 年及以前的年度仍可查到`));
  await shot(page, 'indicators-retire');
  await page.locator('[data-test="retire-confirm"]').click();
  await page.locator('[data-test="retire-dialog"]').waitFor({ state: 'hidden' });
  await settle(page);
  assert.match(await page.locator('[data-test="indicator-drawer"]').innerText(), /已停用/);
  await page.keyboard.press('Escape');
  await settle(page);
  const bureau = await api(BUREAU);
  const found = (await bureau.request('GET', `/indicators?status=all&q=${encodeURIComponent(run.added)}`)).body.items;
  assert.equal(found.length, 2, 'two versions of the indicator');
  const [old, next] = [...found].sort((a, b) => a.from_year - b.from_year);
  assert.equal(old.to_year, run.year);
  assert.equal(next.from_year, run.year + 1);
  assert.equal(next.recommended_value, '98');
  assert.equal(old.code, next.code);
  assert.equal(next.status, 'retired');
  assert.equal(next.to_year, run.year + 1, 'retired from the year after next: valid in its first year');
  assert.equal(old.status, 'active', 'this year\'s version is untouched');
  assert.deepEqual(browser.errors, []);
});

test('the bureau exports the filtered library and imports indicators (every error listed, all or nothing)', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, BUREAU);
  await openByMenu(page, '/indicators');
  await rows(page, 'indicators-table').first().waitFor();
  await choose(page, '[data-test="indicators-sector"]', '卫生健康');
  await settle(page);
  const shown = await shownCount(page);

  // Excel 导出 with the filters: the import layout, one row per indicator shown.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="indicators-export"]').click()]);
  assert.match(dl.suggestedFilename(), /\.xlsx$/);
  const exported = readXlsx(fs.readFileSync(await dl.path())).rows;
  const header = exported.findIndex((r) => r.includes('三级指标'));
  assert.ok(header >= 0, 'the export has the import layout\'s header');
  const dataRows = exported.slice(header + 1).filter((r) => r.some((c) => String(c ?? '').trim() !== ''));
  assert.equal(dataRows.length, shown, `the export holds the ${shown} 卫生健康 rows shown`);
  const sectorCol = exported[header].indexOf('行业');
  assert.ok(dataRows.every((r) => r[sectorCol] === '卫生健康' || r[sectorCol] === 'health'), 'only the filtered sector');

  // 导入 through the wizard: the template, then a file with a bad row, then the corrected one.
  await page.locator('[data-test="indicators-import"]').click();
  const dlg = page.locator('.el-dialog[data-test="import-dialog"]:visible');
  await dlg.locator('[data-test="import-step-template"]').waitFor();
  const [tpl] = await Promise.all([page.waitForEvent('download'), dlg.locator('[data-test="import-template"]').click()]);
  assert.match(tpl.suggestedFilename(), /\.xlsx$/);
  const templateRows = readXlsx(fs.readFileSync(await tpl.path())).rows;
  const cols = templateRows.find((r) => r.some((c) => /三级指标/.test(c)) && r.some((c) => /指标性质/.test(c)));
  assert.ok(cols, 'the template names its columns');
  await shot(page, 'indicators-import');
  await dlg.locator('[data-test="import-next"]').click();
  await dlg.locator('[data-test="import-step-upload"]').waitFor();
  const row = (values) => cols.map((c) => values[c.replace(/^\*/, '')] ?? ''); // required columns are marked *
  const good = { 行业: '卫生健康', 领域: '基本公共卫生', 一级指标: '产出指标', 二级指标: '数量指标', 三级指标: run.imported, 指标性质: '≥', 计量单位: '%', 推荐值: '75', 标准类型: '行业标准', 起始年度: String(run.year) };
  const bad = { ...good, 三级指标: `${run.imported}乙`, 指标性质: '约等于' };
  const choose2 = async (name, rowsData) => {
    await dlg.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: makeXlsx([{ name: '指标', rows: [cols, ...rowsData] }]) });
    await settle(page, 150);
    await dlg.locator('[data-test="import-start"]').click();
  };
  await choose2('指标导入.xlsx', [row(good), row(bad)]);
  const result = dlg.locator('[data-test="import-step-result"]');
  await result.waitFor({ timeout: 30_000 });
  assert.equal(await result.getAttribute('data-outcome'), 'errors', await result.innerText());
  assert.match(await dlg.locator('[data-test="import-errors"]').innerText(), /指标性质/);
  await shot(page, 'indicators-import-errors');
  const bureau = await api(BUREAU);
  assert.equal((await bureau.request('GET', `/indicators?status=all&q=${encodeURIComponent(run.imported)}`)).body.total, 0, 'nothing written');
  await dlg.locator('[data-test="import-retry"]').click();
  await choose2('指标导入-修正.xlsx', [row(good)]);
  await result.waitFor({ timeout: 30_000 });
  assert.equal(await result.getAttribute('data-outcome'), 'success', await result.innerText());
  await dlg.locator('[data-test="import-close"]').click();
  await dlg.waitFor({ state: 'hidden' });
  await search(page, run.imported);
  assert.equal(await rows(page, 'indicators-table').count(), 1);
  assert.match(await rows(page, 'indicators-table').first().innerText(), /WS-\d{4}[\s\S]*卫生健康[\s\S]*基本公共卫生/);
  assert.deepEqual(browser.errors, []);
});

test('a department proposes an indicator and sees it 待审核 in 我的建议', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, DEPT);
  await openByMenu(page, '/indicators');
  await rows(page, 'indicators-table').first().waitFor();
  assert.equal(await page.locator('[data-test="indicators-create"]').count(), 0, 'a department cannot add to the library directly');
  assert.equal(await page.locator('[data-test="indicators-import"]').count(), 0);
  await rows(page, 'indicators-table').first().click();
  await page.locator('[data-test="drawer-name"]').waitFor();
  await settle(page);
  assert.equal(await page.locator('[data-test="drawer-edit"]').count(), 0, 'a department reads the library');
  assert.equal(await page.locator('[data-test="drawer-retire"]').count(), 0);
  await page.keyboard.press('Escape');
  await settle(page);
  await page.locator('[data-test="indicators-propose"]').click();
  await fillForm(page, {
    name: run.proposed,
    sector: '教育',
    field: '义务教育',
    level1: '产出指标',
    level2: '时效指标',
    nature: '≥',
    value: '200',
    unit: '天',
    method: '全年少年宫对学生开放的天数',
    source: '少年宫开放登记台账',
  });
  assert.match(await page.locator('[data-test="indicator-form"]').innerText(), /审核通过后进入指标库/);
  await shot(page, 'indicators-propose');
  await page.locator('[data-test="form-save"]').click();
  await page.locator('[data-test="indicator-form"]').waitFor({ state: 'hidden' });
  await settle(page);
  // The list switched to 我的建议, 待审核.
  assert.match(await page.locator('.jx-card-title h2').first().innerText(), /我的建议/);
  await search(page, run.proposed);
  assert.equal(await rows(page, 'indicators-table').count(), 1);
  assert.match(await rows(page, 'indicators-table').first().innerText(), /待审核/);
  await shot(page, 'indicators-mine');

  // A second proposal through the API, for the bureau to reject.
  const dept = await api(DEPT);
  const r = await dept.request('POST', '/indicators', {
    sector: 'education', field: '义务教育', level1: '产出指标', level2: '数量指标', name: run.rejected,
    nature: '>=', unit: '次', recommended_value: '4', basis: 'plan', method: '', data_source: '', is_core: false, from_year: run.year,
  });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.status, 'proposed');
  assert.deepEqual(browser.errors, []);
});

test('the bureau approves one proposal and rejects another with a reason on 指标建议审核', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, BUREAU);
  await openByMenu(page, '/indicators/proposals');
  await page.locator('[data-test="proposals-table"]').waitFor();
  await page.locator('input[data-test="proposals-q"]').fill(stamp);
  await page.locator('input[data-test="proposals-q"]').press('Enter');
  await settle(page);
  assert.equal(await rows(page, 'proposals-table').count(), 2, 'both proposals of this run are pending');
  const table = await page.locator('[data-test="proposals-table"]').innerText();
  assert.match(table, /冠县教育和体育局/, 'the proposing organization is shown');
  await shot(page, 'indicators-proposals');

  // Approve with confirmation.
  const approveRow = rows(page, 'proposals-table').filter({ hasText: run.proposed });
  await approveRow.locator('[data-test="proposal-approve"]').click();
  await page.locator('[data-test="review-dialog"]').waitFor();
  assert.match(await page.locator('[data-test="review-dialog"]').innerText(), /纳入指标库/);
  await page.locator('[data-test="review-confirm"]').click();
  await page.locator('[data-test="review-dialog"]').waitFor({ state: 'hidden' });
  await settle(page);

  // Reject: the reason is required.
  const rejectRow = rows(page, 'proposals-table').filter({ hasText: run.rejected });
  await rejectRow.locator('[data-test="proposal-reject"]').click();
  await page.locator('[data-test="review-dialog"]').waitFor();
  await page.locator('[data-test="review-confirm"]').click();
  const err = page.locator('[data-test="review-dialog"] .el-form-item__error');
  await err.waitFor();
  assert.match(await err.innerText(), /理由/);
  await shot(page, 'indicators-reject');
  await page.locator('textarea[data-test="review-comment"]').fill('与已有指标“课后服务覆盖学校比例”重复，请直接选用');
  await page.locator('[data-test="review-confirm"]').click();
  await page.locator('[data-test="review-dialog"]').waitFor({ state: 'hidden' });
  await settle(page);
  assert.equal(await rows(page, 'proposals-table').count(), 0, 'nothing of this run is pending');

  await page.locator('[data-test="proposals-tab-active"]').click();
  await settle(page);
  assert.match(await page.locator('[data-test="proposals-table"]').innerText(), new RegExp(run.proposed));
  await shot(page, 'indicators-proposals-approved');
  await page.locator('[data-test="proposals-tab-rejected"]').click();
  await settle(page);
  assert.match(await page.locator('[data-test="proposals-table"]').innerText(), /请直接选用/);

  // The approved one is in the library for everyone, the proposer sees the rejection's reason.
  const dept = await api(DEPT);
  const lib = (await dept.request('GET', `/indicators?year=${run.year}&q=${encodeURIComponent(run.proposed)}`)).body;
  assert.equal(lib.total, 1);
  assert.equal(lib.items[0].status, 'active');
  const rej = (await dept.request('GET', `/indicators?status=rejected&q=${encodeURIComponent(run.rejected)}`)).body;
  assert.equal(rej.items[0]?.review_comment, '与已有指标“课后服务覆盖学校比例”重复，请直接选用');
  assert.deepEqual(browser.errors, []);

  // The department reads the outcome in 我的建议 → 未通过, with the reason and the history.
  const deptPage = await fresh();
  await signIn(deptPage, BASE_URL, DEPT);
  await openByMenu(deptPage, '/indicators');
  await deptPage.locator('[data-test="indicators-mine"]').click();
  await settle(deptPage);
  await deptPage.locator('[data-test="indicators-mine-status"] label', { hasText: '未通过' }).click();
  await settle(deptPage);
  await search(deptPage, run.rejected);
  assert.equal(await rows(deptPage, 'indicators-table').count(), 1);
  assert.match(await rows(deptPage, 'indicators-table').first().innerText(), /请直接选用/);
  await rows(deptPage, 'indicators-table').first().click();
  await deptPage.locator('[data-test="drawer-history"]').waitFor();
  await settle(deptPage);
  const history = await deptPage.locator('[data-test="drawer-history"]').innerText();
  assert.match(history, /提出建议/);
  assert.match(history, /退回[\s\S]*请直接选用/);
  await shot(deptPage, 'indicators-mine-rejected');
  assert.deepEqual(browser.errors, []);
});

test('指标体系设置 shows 101号 for 2026 and saves a year\'s own setting', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, BUREAU);
  await openByMenu(page, '/indicators/tree');
  await page.locator('[data-test="tree-scheme"]').waitFor();
  // 2026: whatever the journey did before, 2026 is never saved here.
  if ((await page.locator('[data-test="tree-year"] input').inputValue()) !== '2026年') await choose(page, '[data-test="tree-year"]', '2026年');
  await settle(page);
  assert.equal((await page.locator('[data-test="tree-scheme"]').innerText()).trim(), '101号');
  const body = await page.locator('[data-test="tree-items"]').innerText();
  for (const w of ['成本指标', '产出指标', '效益指标', '满意度指标', '经济成本指标', '数量指标', '时效指标', '可持续影响指标', '服务对象满意度指标']) assert.ok(body.includes(w), w);
  for (const role of ['成本', '产出', '效益', '满意度', '数量', '质量', '时效', '社会效益', '可持续影响']) assert.ok(body.includes(role), role);
  assert.match(await page.locator('[data-test="tree-source"]').innerText(), /2026 年(使用系统默认|沿用以前年度|使用本年度单独)/);
  await shot(page, 'indicators-tree');

  // Editing: rename, add and remove show as 自定义 and unsaved; cancel throws it away.
  await page.locator('[data-test="tree-edit"]').click();
  await page.locator('[data-test="tree-add-l2"]').first().click();
  await settle(page, 150);
  assert.equal((await page.locator('[data-test="tree-scheme"]').innerText()).trim(), '自定义');
  await shot(page, 'indicators-tree-edit');
  await page.locator('[data-test="tree-save"]').click();
  await page.locator('.jx-l1 .el-form-item__error').first().waitFor();
  assert.match(await page.locator('.jx-l1 .el-form-item__error').first().innerText(), /请填写名称/);
  await page.locator('[data-test="tree-cancel"]').click();
  await confirmBox(page);
  assert.equal((await page.locator('[data-test="tree-scheme"]').innerText()).trim(), '101号');

  // 2025 gets its own setting: 88号 applied and saved; then someone else saves the year while
  // the page still has the old version: the save is refused (409), the page says so and reloads;
  // the 101号 preset is then saved over it. 2025 ends as 101号 with its own setting, run after run.
  await choose(page, '[data-test="tree-year"]', '2025年');
  await settle(page);
  await page.locator('[data-test="tree-apply-88"]').click();
  await confirmBox(page);
  assert.equal((await page.locator('[data-test="tree-scheme"]').innerText()).trim(), '88号');
  await page.locator('[data-test="tree-save"]').click();
  await settle(page);
  assert.match(await page.locator('[data-test="tree-source"]').innerText(), /2025 年使用本年度单独的设置/);
  assert.equal((await page.locator('[data-test="tree-scheme"]').innerText()).trim(), '88号');
  assert.ok(!(await page.locator('[data-test="tree-items"]').innerText()).includes('经济成本指标'), '88号 has 成本 under 产出');
  await shot(page, 'indicators-tree-88');

  const other = await api(BUREAU);
  const before = (await other.request('GET', '/indicators/tree?year=2025')).body;
  const put = await other.request('PUT', '/indicators/tree?year=2025', { value: before.value, version: before.version });
  assert.equal(put.status, 200, put.text);
  await page.locator('[data-test="tree-apply-101"]').click();
  await confirmBox(page);
  await page.locator('[data-test="tree-save"]').click();
  await page.locator('.el-message--warning', { hasText: '已被他人修改' }).waitFor();
  await settle(page);
  assert.equal((await page.locator('[data-test="tree-scheme"]').innerText()).trim(), '88号', 'the page reloaded what is stored');

  await page.locator('[data-test="tree-apply-101"]').click();
  await confirmBox(page);
  await page.locator('[data-test="tree-save"]').click();
  await page.locator('.el-message--success').waitFor();
  await settle(page);
  assert.equal((await page.locator('[data-test="tree-scheme"]').innerText()).trim(), '101号');
  const tree = (await other.request('GET', '/indicators/tree?year=2025')).body;
  assert.ok(tree.version > put.body.version, 'saved over the other change');
  assert.equal(tree.value.scheme, '101');
  assert.deepEqual(browser.errors, []);
});
