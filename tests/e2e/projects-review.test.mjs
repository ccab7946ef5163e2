// Browser journey of the joint 事前绩效评估 + 预算评审 (the second half of application → 入库) against
// a real `jixiao serve` on the demo county (JX_BASE_URL; business accounts sign in with
// JX_E2E_DEMO_PASSWORD, default the demo password). The unit's filer liuyang submits a new
// 投资发展类 project of 480 万元 through the API (so 事前评估 is required); the 财政绩效管理员
// zhangwei opens 评估评审 by the menu, opens the case and assigns the expert zhoumin with himself as
// lead; zhoumin opens 专家评分 by the menu and submits a sheet worth 90 points; zhangwei enters two
// review lines (one cut, whose reason the page asks for), concludes 予以支持 and the project is
// 已入库 with the 审定金额; the print page renders the report. The expert sunli, not assigned,
// gets the error page for the case. Screenshots go to test-results/e2e/cases-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient, BASE_URL, launch, settle, shot, signIn, openByMenu, confirmBox } from './lib.mjs';

const PASSWORD = process.env.JX_E2E_DEMO_PASSWORD || 'Demo@2026jx';
const acct = (username) => ({ username, password: PASSWORD });
const CJK = /[\u4e00-\u9fff]/;

// What the steps hand on to each other.
const run = {
  name: `冠县第一中学实验楼改造工程${Date.now().toString(36).slice(-5)}`,
  projectId: 0,
  code: '',
  caseId: 0,
  zhouminExpertId: 0,
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

/** Creates and submits a project as liuyang; returns { projectId, caseId }. */
async function submitProject(name, wan) {
  const lu = await api('liuyang');
  const created = await lu.request('POST', '/projects', {
    name, category: 'investment', kind: 'project', budget_type: 'general', func_class: '2050203', sector: 'education', is_new: true,
    start_year: 2026, end_year: 2026, description: '对校园操场跑道和围网进行维修，消除安全隐患。', contact: '刘洋', phone: '0635-5212345',
    amounts: [{ year: 2026, source: 'local', requested_fen: wan * 1_000_000 }],
  });
  assert.equal(created.status, 201, created.text);
  const submitted = await lu.request('POST', `/projects/${created.body.id}/submit`, { version: created.body.version });
  assert.equal(submitted.status, 200, submitted.text);
  const zw = await api('zhangwei');
  const detail = await zw.request('GET', `/projects/${created.body.id}`);
  return { projectId: created.body.id, caseId: detail.body.cases.at(-1).id, preassess: submitted.body.preassess.required };
}

async function api(username) {
  const c = new ApiClient(BASE_URL);
  await c.signIn(acct(username));
  return c;
}

test('the unit submits a new 480 万元 投资发展类 project: a case that needs 事前评估 opens', async () => {
  const lu = await api('liuyang');
  const created = await lu.request('POST', '/projects', {
    name: run.name,
    category: 'investment',
    kind: 'project',
    budget_type: 'general',
    func_class: '2050203',
    sector: 'education',
    is_new: true,
    start_year: 2026,
    end_year: 2026,
    description: '对实验楼进行抗震加固和功能改造，更新理化生实验设备，改善教学条件。',
    basis: '冠县教育事业发展“十四五”规划',
    contact: '刘洋',
    phone: '0635-5212345',
    amounts: [{ year: 2026, source: 'local', requested_fen: 480_000_000 }],
  });
  assert.equal(created.status, 201, created.text);
  run.projectId = created.body.id;
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const up = await fetch(`${BASE_URL}/api/v1/projects/${run.projectId}/attachments?name=${encodeURIComponent('项目申报书.pdf')}&kind=application`, {
    method: 'POST',
    headers: { Cookie: lu.cookie, 'X-CSRF-Token': lu.csrf, 'Content-Type': 'application/pdf' },
    body: pdf,
  });
  assert.equal(up.status, 201, await up.text());
  const submitted = await lu.request('POST', `/projects/${run.projectId}/submit`, { version: created.body.version });
  assert.equal(submitted.status, 200, submitted.text);
  assert.equal(submitted.body.preassess.required, true, 'a new 投资发展类 project ≥ 300 万元 needs 事前评估');
  run.code = submitted.body.code;

  const zw = await api('zhangwei');
  const detail = await zw.request('GET', `/projects/${run.projectId}`);
  assert.equal(detail.status, 200);
  run.caseId = detail.body.cases.at(-1).id;
  assert.ok(run.caseId > 0, 'the submission opened a case');

  // zhoumin's entry in the 专家库 (the one linked to her account).
  const zm = await api('zhoumin');
  const me = await zm.request('GET', '/me');
  const experts = await zw.request('GET', '/org/experts?q=' + encodeURIComponent('周敏') + '&page_size=50');
  const mine = experts.body.items.find((x) => x.user_id === me.body.id);
  assert.ok(mine, 'zhoumin is in the 专家库 with her account');
  run.zhouminExpertId = mine.id;
});

test('zhangwei opens 评估评审 by the menu, opens the case and assigns zhoumin with himself as lead', async () => {
  assert.ok(run.caseId, 'the case exists');
  const page = await fresh();
  await signIn(page, BASE_URL, acct('zhangwei'));
  await openByMenu(page, '/cases');
  await page.locator('[data-test="cases-page"]').waitFor();
  const row = page.locator('[data-test="cases-table"] .el-table__row', { hasText: run.name }).first();
  await row.waitFor();
  assert.match(await row.innerText(), /480\.00/, 'the amount shows in 万元');
  assert.match(await row.innerText(), /需要/, '事前评估 需要');
  assert.match(await row.innerText(), /待分派/);
  await shot(page, 'cases-list');

  await row.locator('[data-test="case-open"]').click();
  await page.waitForURL((u) => u.pathname === `/cases/${run.caseId}`);
  await page.locator('[data-test="case-page"] [data-test="project-summary"]').waitFor();
  await settle(page);
  assert.match(await page.locator('[data-test="project-summary"]').innerText(), /项目申报书\.pdf/, 'the application material is listed');

  await page.locator('[data-test="assign-open"]').click();
  const dialog = page.locator('.el-dialog:visible[data-test="assign-dialog"], [data-test="assign-dialog"]:visible').first();
  await dialog.waitFor();
  await settle(page);
  // The lead defaults to the caller.
  assert.match(await dialog.locator('[data-test="assign-lead"]').innerText(), /张伟/);
  // Without an expert the dialog refuses (a case with 事前评估 needs one).
  await dialog.locator('[data-test="assign-save"]').click();
  await dialog.locator('.el-form-item__error', { hasText: '至少指定一名专家' }).waitFor();

  await dialog.locator('[data-test="assign-experts"]').click();
  await page.keyboard.type('周敏');
  const option = page.locator('.jx-experts-popper:visible .el-select-dropdown__item', { hasText: '周敏' }).first();
  await option.waitFor();
  await option.click();
  // Close the (multiple) select's dropdown by clicking the dialog's title.
  await page.locator('.el-dialog__title', { hasText: '受理并分派' }).click();
  await page.locator('.el-select__popper.jx-experts-popper').waitFor({ state: 'hidden' });
  await settle(page, 200);
  await shot(page, 'cases-assign');
  await dialog.locator('[data-test="assign-save"]').click();
  await page.locator('[data-test="assign-dialog"]').waitFor({ state: 'hidden' });
  await settle(page);
  await page.locator('[data-test="case-state"]', { hasText: '评审中' }).waitFor();
  assert.match(await page.locator('[data-test="assign-lead-name"]').innerText(), /张伟/);
  assert.match(await page.locator('[data-test="experts-panel"]').innerText(), /周敏/);

  // The server agrees.
  const zw = await api('zhangwei');
  const c = await zw.request('GET', `/cases/${run.caseId}`);
  assert.equal(c.body.state, 'working');
  assert.deepEqual(c.body.experts.map((x) => x.expert_id), [run.zhouminExpertId]);
  const me = await zw.request('GET', '/me');
  assert.equal(c.body.lead_user_id, me.body.id);
});

test('zhoumin opens 专家评分 by the menu, saves a draft, then submits a sheet worth 90 points', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, acct('zhoumin'));
  await openByMenu(page, '/cases/scoring');
  const row = page.locator('[data-test="scoring-table"] .el-table__row', { hasText: run.name }).first();
  await row.waitFor();
  assert.match(await row.locator('[data-test="my-sheet-status"]').innerText(), /未开始/);
  await shot(page, 'cases-scoring');
  await row.locator('[data-test="scoring-open"]').click();
  await page.waitForURL((u) => u.pathname === `/cases/${run.caseId}/score`);
  await page.locator('[data-test="score-sheet"]').waitFor();
  await settle(page);

  // 20 items of 5 points: 10 rated 优 (5.00) and 10 rated 良 (4.00) → 90.00.
  const items = page.locator('[data-test="score-sheet"] .jx-item');
  const n = await items.count();
  assert.equal(n, 20, 'the default scheme has 20 sub-items');
  for (let i = 0; i < n; i++) {
    await items.nth(i).locator(`[data-test="rate-${i < 10 ? '优' : '良'}"]`).click();
  }
  assert.equal((await page.locator('[data-test="sheet-total"]').innerText()).trim(), '90.00', 'the running total');

  // Submitting without the opinion is refused on the page.
  await page.locator('[data-test="sheet-submit"]').click();
  await page.locator('.jx-sheet .jx-err', { hasText: '专家意见' }).waitFor();

  await page.locator('[data-test="opinion"]').fill('项目立项依据充分，测算基本合理，建议按定额标准核减土建费用。');
  await page.locator('[data-test="sheet-save"]').click();
  await page.locator('.el-message--success', { hasText: '草稿已保存' }).waitFor();
  await settle(page);
  await page.locator('[data-test="sheet-submit"]').click();
  await confirmBox(page);
  await page.locator('.jx-sheet .el-alert--success', { hasText: '不能再修改' }).waitFor();
  assert.equal(await page.locator('[data-test="sheet-submit"]').count(), 0, 'a submitted sheet is locked');
  await shot(page, 'cases-score');

  const zm = await api('zhoumin');
  const c = await zm.request('GET', `/cases/${run.caseId}`);
  const mine = c.body.experts.find((x) => x.expert_id === run.zhouminExpertId);
  assert.equal(mine.submitted, true);
  assert.equal(mine.total, 90);
  // Saving again is refused by the server (409 sheet_submitted).
  const again = await zm.request('PUT', `/cases/${run.caseId}/sheet`, { ratings: {}, opinion: '再改', submit: false });
  assert.equal(again.status, 409);
});

test('zhangwei enters the review lines (a cut needs its reason) and concludes 予以支持: the project is 已入库', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, acct('zhangwei'));
  await page.goto(`${BASE_URL}/cases/${run.caseId}`);
  await page.locator('[data-test="experts-panel"] [data-test="expert-status"]', { hasText: '已提交' }).waitFor();
  assert.match(await page.locator('[data-test="experts-panel"] [data-test="expert-total"]').innerText(), /90\.00/);

  const panel = page.locator('[data-test="review-panel"]');
  await panel.locator('[data-test="line-add"]').click();
  await panel.locator('[data-test="line-add"]').click();
  const l0 = panel.locator('[data-test="line-0"]');
  const l1 = panel.locator('[data-test="line-1"]');
  await l0.locator('[data-test="line-item"]').fill('土建工程费');
  await l0.locator('[data-test="line-submitted"]').fill('400');
  await l0.locator('[data-test="line-approved"]').fill('359.5');
  await l1.locator('[data-test="line-item"]').fill('实验设备购置费');
  await l1.locator('[data-test="line-submitted"]').fill('80');
  await l1.locator('[data-test="line-approved"]').fill('80');
  // Live totals: 送审 480, 审定 439.5, 审减 40.5, 审减率 8.44 %.
  assert.equal((await panel.locator('[data-test="total-submitted"]').innerText()).trim(), '480.00');
  assert.equal((await panel.locator('[data-test="total-approved"]').innerText()).trim(), '439.50');
  assert.equal((await panel.locator('[data-test="total-cut"]').innerText()).trim(), '40.50');
  assert.equal((await panel.locator('[data-test="cut-rate"]').innerText()).trim(), '8.44%');
  // The cut line without a reason is refused on its row.
  await panel.locator('[data-test="review-save"]').click();
  await l0.locator('[data-test="line-reason-error"]').waitFor();
  await shot(page, 'cases-review-error');
  await l0.locator('[data-test="line-reason"]').fill('按建筑工程定额标准核减');
  await panel.locator('[data-test="review-save"]').click();
  await page.locator('.el-message--success', { hasText: '评审明细已保存' }).waitFor();
  await settle(page);
  assert.equal((await panel.locator('[data-test="cut-rate"]').innerText()).trim(), '8.44%', 'the server’s 审减率');

  // The conclusion the rules give: 90.00 ≥ 80 → 予以支持.
  const conclude = page.locator('[data-test="conclude-panel"]');
  assert.equal((await conclude.locator('[data-test="preview-combined"]').innerText()).trim(), '90.00');
  assert.match(await conclude.locator('[data-test="preview-conclusion"]').innerText(), /予以支持/);
  assert.match(await conclude.locator('[data-test="cutoffs"]').innerText(), /80/);
  await conclude.locator('[data-test="conclude-submit"]').click();
  await confirmBox(page);
  await conclude.locator('[data-test="conclusion-result"]').waitFor();
  await settle(page);
  assert.match(await conclude.locator('[data-test="conclusion-after"]').innerText(), /已入库/);
  assert.equal((await conclude.locator('[data-test="conclusion-approved"]').innerText()).trim(), '439.50');
  await page.locator('[data-test="project-state"]', { hasText: '已入库' }).waitFor();
  await shot(page, 'cases-conclude');

  const zw = await api('zhangwei');
  const p = await zw.request('GET', `/projects/${run.projectId}`);
  assert.equal(p.body.state, 'in_library');
  assert.equal(p.body.approved_fen, 439_500_000);
  assert.equal(p.body.conclusion, 'support');

  // The list shows the closed case with its result.
  await openByMenu(page, '/cases');
  const row = page.locator('[data-test="cases-table"] .el-table__row', { hasText: run.name }).first();
  await row.waitFor();
  assert.match(await row.innerText(), /已办结/);
  assert.match(await row.innerText(), /予以支持/);
  assert.match(await row.locator('[data-test="case-experts"]').innerText(), /1\/1/);
});

test('the print version renders the report and prints without the app shell', async () => {
  const page = browser.page;
  await page.goto(`${BASE_URL}/cases/${run.caseId}`);
  await page.locator('[data-test="report-print"]').click();
  await page.waitForURL((u) => u.pathname === `/cases/${run.caseId}/report`);
  const paper = page.locator('[data-test="report-paper"]');
  await paper.waitFor();
  await settle(page);
  const text = await paper.innerText();
  assert.ok(text.includes(run.name), 'the title is the project');
  assert.match(text, /一、评估对象基本情况/);
  assert.match(text, /三、综合评估情况与结论/);
  assert.match(await page.locator('[data-test="report-combined"]').innerText(), /综合得分 90\.00 分.*予以支持/);
  assert.match(await page.locator('[data-test="report-totals"]').innerText(), /审减率 8\.44%/);
  assert.match(text, /按建筑工程定额标准核减/);
  assert.match(text, /项目申报书\.pdf/);
  assert.ok(CJK.test(text));
  await shot(page, 'cases-report');

  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.jx-aside').isVisible(), false, 'no menu on paper');
  assert.equal(await page.locator('.jx-header').isVisible(), false, 'no header on paper');
  assert.equal(await paper.isVisible(), true);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(browser.errors, [], 'no script errors');
});

test('an expert not assigned to the case (sunli) gets the error page, not a blank one', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, acct('sunli'));
  await page.goto(`${BASE_URL}/cases/${run.caseId}/score`);
  const err = page.locator('[data-test="score-error"]');
  await err.waitFor();
  await settle(page);
  assert.match(await err.innerText(), /404/);
  assert.match(await err.innerText(), /不存在或无权访问/);
  assert.equal(await page.locator('[data-test="score-sheet"]').count(), 0);
  await shot(page, 'cases-not-assigned');
  // And the case is not in sunli's 专家评分 list.
  await openByMenu(page, '/cases/scoring');
  assert.equal(await page.locator('[data-test="scoring-table"] .el-table__row', { hasText: run.name }).count(), 0);
});

test('a case without 事前评估: the reviewer chooses 不予支持, must write the opinion, and the project is 未入库', async () => {
  const name = `第一中学操场维修${Date.now().toString(36).slice(-5)}`;
  const { projectId, caseId, preassess } = await submitProject(name, 200);
  assert.equal(preassess, false, '200 万元 is below the threshold');
  const zw = await api('zhangwei');
  const c = await zw.request('GET', `/cases/${caseId}`);
  const assigned = await zw.request('POST', `/cases/${caseId}/assign`, { expert_ids: [], version: c.body.version });
  assert.equal(assigned.status, 200, assigned.text);

  const page = await fresh();
  await signIn(page, BASE_URL, acct('zhangwei'));
  await page.goto(`${BASE_URL}/cases/${caseId}`);
  await page.locator('[data-test="experts-panel"]', { hasText: '无需专家评分' }).waitFor();
  const panel = page.locator('[data-test="review-panel"]');
  await panel.locator('[data-test="line-fill"]').click();
  assert.equal(await panel.locator('[data-test="line-approved"]').inputValue(), '200');
  await panel.locator('[data-test="line-approved"]').fill('0');
  await panel.locator('[data-test="line-reason"]').fill('已纳入县级统筹维修计划，不再单独安排');
  await panel.locator('[data-test="review-save"]').click();
  await page.locator('.el-message--success', { hasText: '评审明细已保存' }).waitFor();
  await settle(page);
  assert.equal((await panel.locator('[data-test="cut-rate"]').innerText()).trim(), '100.00%');

  const conclude = page.locator('[data-test="conclude-panel"]');
  await conclude.locator('[data-test="conclude-result"]').click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: /^\s*不予支持\s*$/ }).click();
  await conclude.locator('[data-test="conclude-submit"]').click();
  await conclude.locator('.el-form-item__error', { hasText: '请写明意见' }).waitFor();
  await conclude.locator('[data-test="conclude-opinion"]').fill('该项目已纳入县级统筹维修计划，不再单独安排预算。');
  await conclude.locator('[data-test="conclude-submit"]').click();
  await confirmBox(page);
  await conclude.locator('[data-test="conclusion-result"]').waitFor();
  assert.match(await conclude.locator('[data-test="conclusion-after"]').innerText(), /未入库/);
  await shot(page, 'cases-reject');
  const p = await zw.request('GET', `/projects/${projectId}`);
  assert.equal(p.body.state, 'rejected');
  assert.match(p.body.state_comment ?? '', /县级统筹维修计划/, 'the unit reads the opinion');
});
