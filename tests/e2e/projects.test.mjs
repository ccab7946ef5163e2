// Browser journey of the project library (issue 4) against a real `jixiao serve` on the demo
// county (JX_BASE_URL; business accounts sign in with JX_E2E_DEMO_PASSWORD, 'Demo@2026jx' by
// default). The 单位填报员 of 冠县第一中学 fills a new project in 我的项目: the draft is saved
// half-filled, a submission with gaps comes back with the server's reasons under each field, and
// the completed one is submitted with its 申报书 and told why it needs 事前绩效评估. The finance
// bureau's case work (assign, score, review, conclude) runs through the API, as the cases
// module's own journey drives it in the browser; the unit then reads the 调整 opinion in its
// list and on the project's page, adjusts the project and submits it again (round 2). The 财政绩效管理员 finds projects in 项目库查询, exports them,
// and puts a supported project into a year's budget (an amount over 审定 is refused under the
// field). 人大 reads the library without any button to change it. Screenshots go to
// test-results/e2e/projects-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ApiClient, BASE_URL, confirmBox, launch, openByMenu, settle, shot, signIn } from './lib.mjs';
import { GOALS, goodLeaves } from '../api/targets/targets-lib.mjs';

const PASSWORD = process.env.JX_E2E_DEMO_PASSWORD || 'Demo@2026jx';
const UNIT = { username: 'liuyang', password: PASSWORD }; // 冠县第一中学 单位填报员
const BUREAU = { username: 'zhangwei', password: PASSWORD }; // 财政绩效管理员
const EXPERT = { username: 'zhoumin', password: PASSWORD }; // 评审专家
const OVERSIGHT = { username: 'wuhao', password: PASSWORD }; // 县人大
const CJK = /[\u4e00-\u9fff]/;
const stamp = Date.now().toString(36).slice(-5);

const run = {
  name: `冠县第一中学风雨操场建设项目${stamp}`,
  projectId: 0,
  wan: 0,
  startYear: 0,
  opinion: `请补充分期实施计划和测算依据${stamp}`,
  supportedName: `冠县第一中学图书馆改造项目${stamp}`,
  supportedId: 0,
};
let browser;

before(async () => {
  const health = await fetch(`${BASE_URL}/api/v1/health`).catch(() => null);
  assert.ok(health?.ok, `jixiao serve answers at ${BASE_URL}`);
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

/** 万元 as the lists show it: 1050 → "1,050.00". */
function wanText(n) {
  return n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).replace('.', '\\.');
}

function rows(page, table) {
  return page.locator(`[data-test="${table}"] .el-table__body-wrapper .el-table__row`);
}

/** The error Element Plus shows under a form item. */
function fieldError(page, field) {
  return page.locator(`[data-test="fi-${field}"] .el-form-item__error`);
}

/** The finance bureau works the project's case through the API: accept with 周敏, 周敏 rates every item `rating`, review lines, conclude. */
async function workCase(projectId, rating, approvedFen, opinion) {
  const bureau = await api(BUREAU);
  const expertApi = await api(EXPERT);
  const experts = (await bureau.request('GET', '/org/experts?page_size=200')).body.items;
  const zhou = experts.find((x) => x.user_id && x.name === '周敏');
  assert.ok(zhou, 'the demo county has the expert 周敏 with an account');
  const detail = (await bureau.request('GET', `/projects/${projectId}`)).body;
  let k = detail.cases.at(-1);
  let r = await bureau.request('POST', `/cases/${k.id}/assign`, { expert_ids: [zhou.id], version: k.version });
  assert.equal(r.status, 200, r.text);
  const ratings = {};
  for (const d of r.body.scheme.dimensions) for (const it of d.items) ratings[it.code] = rating;
  r = await expertApi.request('PUT', `/cases/${k.id}/sheet`, { ratings, opinion: '已审阅申报材料', submit: true });
  assert.equal(r.status, 200, r.text);
  k = (await bureau.request('GET', `/cases/${k.id}`)).body;
  r = await bureau.request('PUT', `/cases/${k.id}/review`, {
    lines: [{ item: '建设工程', submitted_fen: detail.requested_total_fen, approved_fen: approvedFen, reason: approvedFen === detail.requested_total_fen ? '' : '单价高于定额标准' }],
    version: k.version,
  });
  assert.equal(r.status, 200, r.text);
  r = await bureau.request('POST', `/cases/${k.id}/conclude`, { opinion, version: r.body.version });
  assert.equal(r.status, 200, r.text);
  return r.body;
}

test('the unit saves a half-filled draft, sees every gap under its field, and submits with its 申报书', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, UNIT);
  await openByMenu(page, '/projects/mine');
  await page.locator('[data-test="projects-table"]').waitFor();
  await page.locator('[data-test="project-create"]').click();
  await page.waitForURL((u) => u.pathname === '/projects/new');
  await settle(page);

  // The county's threshold for the project's start year: ask for 50 万元 more, so that the
  // project needs 事前绩效评估 whatever the county has set.
  const startYear = Number(await page.locator('[data-test="f-start-year"] input').inputValue());
  const rule = (await (await api(UNIT)).request('GET', `/projects/settings/preassess_rule?year=${startYear}`)).body.value;
  const threshold = rule.investment_threshold_fen / 1_000_000;
  run.wan = threshold + 50;
  run.startYear = startYear;

  // Only the name and the money: a draft may be incomplete.
  await page.locator('input[data-test="f-name"]').fill(run.name);
  await choose(page, '[data-test="f-category"]', '投资发展类');
  await page.locator('[data-test="amount-row-0"] input[data-test="amount-wan"]').fill(String(run.wan));
  assert.match(await page.locator('[data-test="amount-total"]').innerText(), new RegExp(wanText(run.wan)));
  // A second row for next year from a special bond; then one typed wrongly is refused here.
  await page.locator('[data-test="amount-add"]').click();
  await page.locator('[data-test="amount-row-1"] input[data-test="amount-wan"]').fill('12.3.4');
  await page.locator('[data-test="project-save"]').click();
  await page.locator('[data-test="amount-row-1"] .jx-cell-error').waitFor();
  assert.match(await page.locator('[data-test="amount-row-1"] .jx-cell-error').innerText(), /万元/);
  await page.locator('[data-test="amount-row-1"] button').last().click(); // remove the row
  await page.locator('[data-test="project-save"]').click();
  await page.waitForURL((u) => /^\/projects\/\d+\/edit$/.test(u.pathname));
  run.projectId = Number(new URL(page.url()).pathname.split('/')[2]);
  await settle(page);

  // Submitting now: the server names what is missing, each under its field.
  await page.locator('[data-test="project-save-submit"]').click();
  await confirmBox(page);
  await fieldError(page, 'description').waitFor();
  for (const f of ['description', 'contact', 'phone', 'func_class', 'sector']) {
    const text = await fieldError(page, f).innerText();
    assert.match(text, CJK, `${f}: ${text}`);
  }
  // 投资发展类 at or above the county's threshold: the application materials are required.
  assert.match(await page.locator('[data-test="attachments-error"]').innerText(), /申报材料/);
  // …and a summary on top says how many, with the one that has no field of its own.
  assert.match(await page.locator('[data-test="submit-problems"]').innerText(), /申报材料/);
  await shot(page, 'projects-submit-gaps');

  // Complete it.
  await page.locator('textarea[data-test="f-description"]').fill('新建风雨操场一座，建筑面积2400平方米，满足雨雪天气体育教学需要');
  await page.locator('textarea[data-test="f-basis"]').fill('冠县教育事业发展“十四五”规划');
  await page.locator('input[data-test="f-contact"]').fill('刘洋');
  await page.locator('input[data-test="f-phone"]').fill('0635-5212345');
  await choose(page, '[data-test="f-sector"]', '教育');
  await page.locator('[data-test="fi-func_class"] .el-select').click();
  await page.keyboard.type('20502');
  const node = page.locator('.el-tree-select__popper:visible .el-tree-node__content', { hasText: '普通教育' }).first();
  await node.waitFor();
  await node.click();
  await settle(page, 150);
  await page.locator('[data-test="project-save"]').click();
  await settle(page);

  // The 申报书 (a real PDF header: the server checks the bytes, not the name).
  const file = path.join(os.tmpdir(), `申报书-${stamp}.pdf`);
  fs.writeFileSync(file, '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  await page.locator('[data-test="attachment-upload"] input[type="file"]').setInputFiles(file);
  await page.locator('[data-test="attachments"] .el-table__row', { hasText: '申报书' }).waitFor();
  await shot(page, 'projects-edit');

  await page.locator('[data-test="project-save-submit"]').click();
  await confirmBox(page);
  await page.waitForURL((u) => u.pathname === `/projects/${run.projectId}`);
  await settle(page);
  assert.equal(await page.locator('[data-test="project-state"]').first().innerText(), '已申报');
  const reasons = await page.locator('[data-test="preassess-reasons"]').innerText();
  assert.match(reasons, new RegExp(`${run.wan} 万元`));
  assert.match(reasons, new RegExp(`${threshold} 万元`));
  assert.match(await page.locator('[data-test="detail-history"]').innerText(), /申报/);
  await shot(page, 'projects-submitted');
  assert.deepEqual(browser.errors, []);
});

test('a project sent back for adjustment shows the bureau\'s opinion in the list and on its page', async () => {
  assert.ok(run.projectId, 'the first step created the project');
  const done = await workCase(run.projectId, '中', (run.wan - 30) * 1_000_000, run.opinion);
  assert.equal(done.conclusion, 'adjust');

  const page = await fresh();
  await signIn(page, BASE_URL, UNIT);
  await openByMenu(page, '/projects/mine');
  await page.locator('input[data-test="projects-q"]').fill(stamp);
  await page.keyboard.press('Enter');
  await settle(page);
  const row = rows(page, 'projects-table').filter({ hasText: run.name });
  await row.waitFor();
  assert.match(await row.innerText(), /退回调整/);
  assert.match(await row.locator('[data-test="state-comment"]').innerText(), new RegExp(run.opinion));
  // A returned project can be edited and submitted again, not deleted.
  assert.equal(await row.locator('[data-test="project-edit"]').count(), 1);
  assert.equal(await row.locator('[data-test="project-remove"]').count(), 0);
  await shot(page, 'projects-mine');

  await row.locator('[data-test="project-link"]').click();
  await page.waitForURL((u) => u.pathname === `/projects/${run.projectId}`);
  await settle(page);
  assert.match(await page.locator('[data-test="detail-reason"]').innerText(), new RegExp(run.opinion));
  assert.match(await page.locator('[data-test="detail-case"]').innerText(), /建议调整完善后予以支持/);
  await shot(page, 'projects-returned');

  // The unit adjusts and submits again: the same case continues in round 2.
  await page.locator('[data-test="detail-edit"]').click();
  await page.waitForURL((u) => u.pathname === `/projects/${run.projectId}/edit`);
  await settle(page);
  assert.match(await page.locator('[data-test="return-reason"]').innerText(), new RegExp(run.opinion));
  await page.locator('textarea[data-test="f-description"]').fill('新建风雨操场一座，建筑面积2400平方米；分两期实施：2027年上半年主体，下半年配套');
  await page.locator('[data-test="project-save-submit"]').click();
  await confirmBox(page);
  await page.waitForURL((u) => u.pathname === `/projects/${run.projectId}`);
  await settle(page);
  assert.equal(await page.locator('[data-test="project-state"]').first().innerText(), '已申报');
  assert.match(await page.locator('[data-test="detail-case"]').innerText(), /第 2 轮/);
  assert.deepEqual(browser.errors, []);
});

test('the finance bureau finds projects, exports them, and budgets a supported one within 审定', async () => {
  // A second project needing 事前评估, supported with 审定 200 万元.
  assert.ok(run.wan, 'the first step read the county threshold');
  const unit = await api(UNIT);
  let r = await unit.request('POST', '/projects', {
    name: run.supportedName, category: 'investment', kind: 'project', budget_type: 'general', func_class: '20502', sector: 'education',
    is_new: true, start_year: run.startYear, end_year: run.startYear, description: '图书馆改造及阅览设施更新，满足学生阅读需要', basis: '县教育规划',
    contact: '刘洋', phone: '0635-5212345', amounts: [{ year: run.startYear, source: 'local', requested_fen: run.wan * 1_000_000 }],
  });
  assert.equal(r.status, 201, r.text);
  const created = r.body;
  const up = await fetch(`${BASE_URL}/api/v1/projects/${created.id}/attachments?name=${encodeURIComponent('申报书.pdf')}&kind=application`, {
    method: 'POST', headers: { Cookie: unit.cookie, 'X-CSRF-Token': unit.csrf, 'Content-Type': 'application/pdf' },
    body: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  });
  assert.equal(up.status, 201);
  r = await unit.request('POST', `/projects/${created.id}/submit`, { version: created.version });
  assert.equal(r.status, 200, r.text);
  run.supportedId = created.id;
  const done = await workCase(created.id, '优', 200_000_000, '同意入库');
  assert.equal(done.conclusion, 'support');

  const page = await fresh();
  await signIn(page, BASE_URL, BUREAU);
  await openByMenu(page, '/projects/library');
  await page.locator('input[data-test="projects-q"]').fill(stamp);
  await page.locator('[data-test="projects-search"]').click();
  await settle(page);
  assert.equal(await rows(page, 'projects-table').count(), 2, 'both projects of this run');
  // Only those needing 事前评估 that are in the library: the supported one.
  await choose(page, '[data-test="projects-state"]', '已入库');
  await page.locator('[data-test="projects-search"]').click();
  await settle(page);
  assert.equal(await rows(page, 'projects-table').count(), 1);
  const row = rows(page, 'projects-table').first();
  assert.match(await row.innerText(), new RegExp(run.supportedName));
  assert.match(await row.innerText(), new RegExp(wanText(run.wan)));
  assert.match(await row.innerText(), /200\.00/);
  await shot(page, 'projects-library');

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="projects-export"]').click()]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const bytes = fs.readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'an xlsx (zip) file');

  // 无目标不安排预算: the unit's targets of the year, approved by the bureau, come first.
  let t = await unit.request('POST', '/targets', { kind: 'project', project_id: run.supportedId, year: run.startYear });
  assert.equal(t.status, 201, t.text);
  t = await unit.request('PUT', `/targets/revisions/${t.body.current.id}`, { ...GOALS, indicators: goodLeaves(), version: t.body.current.version });
  assert.equal(t.status, 200, t.text);
  t = await unit.request('POST', `/targets/revisions/${t.body.id}/submit`, { version: t.body.version });
  assert.equal(t.status, 200, t.text);
  const bureau = await api(BUREAU);
  t = await bureau.request('POST', `/targets/revisions/${t.body.id}/review`, { grade: '优', version: t.body.version });
  assert.equal(t.status, 200, t.text);

  await row.locator('[data-test="project-link"]').click();
  await page.waitForURL((u) => u.pathname === `/projects/${run.supportedId}`);
  await settle(page);
  await page.locator('[data-test="detail-budget"]').click();
  const dialog = page.locator('[data-test="budget-dialog"]');
  await dialog.locator('input[data-test="budget-wan"]').waitFor();
  await dialog.locator('input[data-test="budget-wan"]').fill('250');
  await dialog.locator('[data-test="budget-save"]').click();
  const err = dialog.locator('.el-form-item__error');
  await err.waitFor();
  assert.match(await err.innerText(), /超过审定金额/);
  await shot(page, 'projects-budget-over');
  await dialog.locator('input[data-test="budget-wan"]').fill('180');
  await dialog.locator('[data-test="budget-save"]').click();
  await dialog.waitFor({ state: 'hidden' });
  await settle(page);
  assert.equal(await page.locator('[data-test="project-state"]').first().innerText(), '已纳入预算');
  assert.match(await page.locator('[data-test="funding"]').innerText(), /180\.00/);
  await shot(page, 'projects-detail');
  assert.deepEqual(browser.errors, []);
});

test('人大 reads the library and a project without any way to change them', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, OVERSIGHT);
  await openByMenu(page, '/projects/library');
  await page.locator('input[data-test="projects-q"]').fill(stamp);
  await page.locator('[data-test="projects-search"]').click();
  await settle(page);
  assert.ok((await rows(page, 'projects-table').count()) >= 1, 'the county\'s projects are visible');
  await page.goto(`${BASE_URL}/projects/${run.supportedId}`);
  await settle(page);
  await page.locator('[data-test="project-detail"] h2').waitFor();
  for (const b of ['detail-edit', 'detail-submit', 'detail-budget', 'detail-exit', 'detail-open-case'])
    assert.equal(await page.locator(`[data-test="${b}"]`).count(), 0, `${b} is not offered`);
  // 我的项目 is the units' page.
  await page.goto(`${BASE_URL}/projects/mine`);
  await page.waitForURL((u) => u.pathname === '/403');
  assert.deepEqual(browser.errors, []);
});
