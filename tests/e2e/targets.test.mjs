// Browser journey of 绩效目标 (issue 5) against a real `jixiao serve` on the demo county
// (JX_BASE_URL; business accounts sign in with JX_E2E_DEMO_PASSWORD, 'Demo@2026jx' by default).
// The 单位填报员 of 冠县第一中学 submits a new project for next year (through the API), then in
// 目标申报 declares its targets: goals, indicators taken from the library through the picker; the
// live check panel reports what is missing (no 时效 leaf, weights not adding up to 100), the unit
// fixes it, saves and submits. The 业务股 reviewer grades it 优 with a comment on one leaf; the
// set page then shows the approved revision with the comment and the history; a change opens
// revision 2 and the diff shows what changed. The bureau finds, publishes, reads the coverage and
// the rules. The 部门整体 targets of 冠县教育和体育局 get main tasks with money and a linked
// project, the 申报表 goes out and back in, and a 中 grade sends them back with the reasons.
// Every page of the module is photographed at 1440×900 (test-results/e2e/targets-*.png). Each run
// creates its own project, so the journey runs again on the same database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient, BASE_URL, confirmBox, launch, openByMenu, settle, shot, signIn } from './lib.mjs';

const PASSWORD = process.env.JX_E2E_DEMO_PASSWORD || 'Demo@2026jx';
const UNIT = { username: 'liuyang', password: PASSWORD }; // 冠县第一中学 单位填报员
const REVIEWER = { username: 'wangfang', password: PASSWORD }; // 财政局教科文股（业务股审核）
const BUREAU = { username: 'zhangwei', password: PASSWORD }; // 财政绩效管理员
const DEPARTMENT = { username: 'lina', password: PASSWORD }; // 部门管理员 冠县教育和体育局
const stamp = Date.now().toString(36).slice(-5);

const run = {
  name: `冠县第一中学实验室设备更新项目${stamp}`,
  projectId: 0,
  code: '',
  year: 0,
  setId: 0,
  revisionId: 0,
  comment: `建议细化验收标准${stamp}`,
};
let browser;

async function api(acct) {
  const c = new ApiClient(BASE_URL);
  await c.signIn(acct);
  return c;
}

async function fresh() {
  if (browser) await browser.close();
  browser = await launch();
  return browser.page;
}

/** Ticks the picker rows whose names contain the given text (searching for it first), then 选用. */
async function pickFromLibrary(page, branchIndex, words) {
  await page.locator('[data-test="leaf-library"]').nth(branchIndex).click();
  const dlg = page.locator('[data-test="indicator-picker"]').last();
  await dlg.waitFor({ state: 'visible' });
  await settle(page);
  for (const w of words) {
    await dlg.locator('input[data-test="picker-q"]').fill(w);
    await dlg.locator('[data-test="picker-search"]').click();
    await settle(page);
    // the row whose name is exactly w (受助学生及家长满意度 is not 学生及家长满意度)
    const rows = dlg.locator('.el-table__body tr');
    const i = await rows.evaluateAll((trs, name) => trs.findIndex((tr) => tr.querySelector('.jx-pk-name')?.firstChild?.textContent?.trim() === name), w);
    assert.ok(i >= 0, `the library offers ${w}`);
    await rows.nth(i).locator('.el-checkbox').click();
  }
  await dlg.locator('[data-test="picker-confirm"]').click();
  await settle(page);
}

/** The leaf row showing that name (an input while editing, text when reading). */
async function leafRow(page, name) {
  const rows = page.locator('[data-test="leaf-row"]');
  const i = await rows.evaluateAll(
    (trs, n) => trs.findIndex((tr) => tr.querySelector('input[data-test="leaf-name"]')?.value === n || tr.querySelector('[data-test="leaf-name-text"]')?.textContent?.trim().endsWith(n)),
    name,
  );
  assert.ok(i >= 0, `a leaf named ${name}`);
  return rows.nth(i);
}

/** The row index of a 二级 among the tree's 二级 rows (the order of the year's tree). */
async function branchIndex(page, level1, level2) {
  const all = await page.locator('tr.tt-l2').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-level2')));
  const i = all.indexOf(`${level1}/${level2}`);
  assert.ok(i >= 0, `branch ${level1}/${level2} in ${all.join(', ')}`);
  return i;
}

before(async () => {
  const health = await fetch(`${BASE_URL}/api/v1/health`).catch(() => null);
  assert.ok(health?.ok, `jixiao serve answers at ${BASE_URL}`);
  const meta = await (await fetch(`${BASE_URL}/api/v1/meta`)).json();
  // the budget year being drawn up: the one after the current year when the instance offers it
  run.year = meta.years.includes(meta.current_year + 1) ? meta.current_year + 1 : meta.current_year;
  const unit = await api(UNIT);
  let r = await unit.request('POST', '/projects', {
    name: run.name, category: 'operating', kind: 'project', budget_type: 'general', func_class: '20502', sector: 'education',
    is_new: true, start_year: run.year, end_year: run.year, description: '更新物理、化学、生物实验室设备，满足学生分组实验需要', basis: '县教育装备规划',
    contact: '刘洋', phone: '0635-5212345', amounts: [{ year: run.year, source: 'local', requested_fen: 45_000_000 }],
  });
  assert.equal(r.status, 201, r.text);
  run.projectId = r.body.id;
  const up = await fetch(`${BASE_URL}/api/v1/projects/${run.projectId}/attachments?name=${encodeURIComponent('申报书.pdf')}&kind=application`, {
    method: 'POST', headers: { Cookie: unit.cookie, 'X-CSRF-Token': unit.csrf, 'Content-Type': 'application/pdf' },
    body: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'),
  });
  assert.equal(up.status, 201);
  r = await unit.request('POST', `/projects/${run.projectId}/submit`, { version: r.body.version });
  assert.equal(r.status, 200, r.text);
  run.code = r.body.code;
});

after(async () => {
  if (browser) await browser.close();
});

test('the unit declares the targets of its project from the library, sees the live check, fixes and submits them', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, UNIT);
  await openByMenu(page, '/targets/mine');
  // the year being drawn up
  await page.locator('[data-test="targets-year"]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: `${run.year}年度` }).click();
  await settle(page);
  await page.locator('input[data-test="targets-q"]').fill(run.code);
  await page.locator('input[data-test="targets-q"]').press('Enter');
  await settle(page);
  const row = page.locator('[data-test="targets-projects"] .el-table__body tr', { hasText: run.name }).first();
  assert.match(await row.innerText(), /未填报/);
  await shot(page, 'targets-mine');
  await row.locator('[data-test="target-fill"]').click();
  const dlg = page.locator('[data-test="create-dialog"]');
  await dlg.waitFor({ state: 'visible' });
  await settle(page);
  await dlg.locator('[data-test="create-go"]').click();
  await page.waitForURL((u) => /\/targets\/revisions\/\d+\/edit$/.test(u.pathname));
  run.revisionId = Number(page.url().match(/revisions\/(\d+)/)[1]);
  await settle(page);
  await shot(page, 'targets-editor-empty');

  await page.locator('textarea[data-test="year-goal"]').fill('完成物理、化学、生物实验室设备更新，实验开出率达到100%，满足全校学生分组实验需要。');
  await page.locator('textarea[data-test="period-goal"]').fill('更新实验室设备，改善学校实验教学条件。');
  // indicators from the library: quantity, quality, a social effect and satisfaction — no 时效 yet
  await pickFromLibrary(page, await branchIndex(page, '产出指标', '数量指标'), ['校舍维修改造面积']);
  await pickFromLibrary(page, await branchIndex(page, '产出指标', '质量指标'), ['校舍安全隐患整改完成率']);
  await pickFromLibrary(page, await branchIndex(page, '效益指标', '社会效益指标'), ['九年义务教育巩固率']);
  await pickFromLibrary(page, await branchIndex(page, '满意度指标', '服务对象满意度指标'), ['学生及家长满意度']);
  // a cost leaf of its own under 经济成本指标
  await page.locator('[data-test="leaf-add"]').nth(await branchIndex(page, '成本指标', '经济成本指标')).click();
  await settle(page);
  const cost = page.locator('[data-test="leaf-row"]').first();
  await cost.locator('input[data-test="leaf-name"]').fill('实验室设备购置成本');
  await cost.locator('[data-test="leaf-nature"]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: '≤' }).click();
  await cost.locator('input[data-test="leaf-value"]').fill('45');
  await cost.locator('input[data-test="leaf-unit"]').fill('万元');
  await cost.locator('input[data-test="leaf-explanation"]').fill('设备采购合同金额合计；数据来源：政府采购合同');
  const rows = page.locator('[data-test="leaf-row"]');
  assert.equal(await rows.count(), 5);
  // weights that add up to 90, not 100
  for (let i = 0; i < 5; i++) {
    const w = rows.nth(i).locator('[data-test="leaf-weight"] input');
    await w.fill(i === 0 ? '10' : '20');
    await w.press('Tab');
  }
  await page.waitForFunction(() => /90/.test(document.querySelector('[data-test="weight-total"]')?.textContent ?? ''));
  await settle(page, 900);
  const panel = page.locator('[data-test="check-panel"]');
  const issues = await panel.locator('[data-test="check-issue"][data-severity="error"]').allInnerTexts();
  assert.ok(issues.some((m) => /时效/.test(m)), `the panel names the missing 时效 leaf: ${issues.join(' | ')}`);
  assert.ok(issues.some((m) => /权重/.test(m)), `the panel names the weights: ${issues.join(' | ')}`);
  await shot(page, 'targets-editor-check');

  // clicking an issue of a leaf brings it into view: here the weights issue names no leaf, so the
  // panel is checked on a leaf issue when there is one
  // fix: a 时效 leaf from the library, and weights adding up to 100
  await pickFromLibrary(page, await branchIndex(page, '产出指标', '时效指标'), ['维修改造工程按期完工率']);
  const tw = await leafRow(page, '维修改造工程按期完工率');
  await tw.locator('[data-test="leaf-weight"] input').fill('10');
  await tw.locator('[data-test="leaf-weight"] input').press('Tab');
  await page.waitForFunction(() => /权重合计 100(?!\d)/.test(document.querySelector('[data-test="weight-total"]')?.textContent ?? ''));
  await page.waitForFunction(() => document.querySelector('[data-test="check-panel"]')?.getAttribute('data-errors') === '0', null, { timeout: 10_000 });
  await settle(page, 600);
  await shot(page, 'targets-editor-fixed');
  await page.locator('[data-test="target-save"]').click();
  await settle(page);
  assert.equal(await page.locator('[data-test="dirty-state"]').innerText(), '已保存全部修改');
  await page.locator('[data-test="target-submit"]').click();
  await confirmBox(page);
  await page.waitForURL((u) => /^\/targets\/\d+$/.test(u.pathname));
  run.setId = Number(page.url().match(/targets\/(\d+)/)[1]);
  await settle(page);
  assert.equal(await page.locator('[data-test="target-state"]').first().innerText(), '待审核');
  await shot(page, 'targets-set-submitted');
  assert.deepEqual(browser.errors, []);
});

test('the 业务股 reviewer grades the targets 优 with a comment on one leaf', async () => {
  assert.ok(run.setId, 'the unit submitted its targets');
  const page = await fresh();
  await signIn(page, BASE_URL, REVIEWER);
  await openByMenu(page, '/targets/review');
  await page.locator('[data-test="review-year"]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: `${run.year}年度` }).click();
  await settle(page);
  const row = page.locator('[data-test="targets-table"] .el-table__body tr', { hasText: run.name }).first();
  await shot(page, 'targets-review-list');
  await row.locator('[data-test="review-open"]').click();
  await page.waitForURL((u) => /\/targets\/revisions\/\d+\/review$/.test(u.pathname));
  await settle(page);
  // every grade says what it does
  assert.match(await page.locator('[data-grade="中"]').innerText(), /退回修改/);
  assert.match(await page.locator('[data-grade="差"]').innerText(), /不予安排预算/);
  // 中 without a comment is refused on the page
  await page.locator('[data-grade="中"]').click();
  await page.locator('[data-test="review-submit"]').click();
  await settle(page);
  assert.match(await page.locator('[data-test="review-form"]').innerText(), /须填写审核意见/);
  await page.locator('input[data-test="leaf-comment"]').first().fill(run.comment);
  await page.locator('[data-grade="优"]').click();
  await page.locator('textarea[data-test="review-comment"]').fill('目标明确，指标细化量化，同意。');
  await shot(page, 'targets-review');
  await page.locator('[data-test="review-submit"]').click();
  await confirmBox(page);
  await page.waitForURL((u) => u.pathname === '/targets/review');
  await settle(page);
  assert.deepEqual(browser.errors, []);
});

test('the set page shows the approved revision, the reviewer\'s comment and the history', async () => {
  assert.ok(run.setId, 'the targets were reviewed');
  const page = await fresh();
  await signIn(page, BASE_URL, UNIT);
  await page.goto(`${BASE_URL}/targets/${run.setId}`);
  await settle(page);
  assert.equal(await page.locator('[data-test="target-state"]').first().innerText(), '已审核');
  assert.equal(await page.locator('[data-test="target-grade"]').first().innerText(), '优');
  assert.match(await page.locator('[data-test="indicator-tree"]').innerText(), new RegExp(run.comment));
  const history = await page.locator('[data-test="target-history"]').innerText();
  assert.match(history, /待审核/);
  assert.match(history, /已审核/);
  await shot(page, 'targets-set-approved');
  await page.locator('[data-test="target-history"]').scrollIntoViewIfNeeded();
  await shot(page, 'targets-set-history');

  // a change: revision 2 opens as a draft copy, a value changes, the diff shows it
  await page.locator('[data-test="set-change"]').click();
  await page.locator('textarea[data-test="change-reason"]').fill('实验室建设内容调整，增加设备数量');
  await page.locator('[data-test="change-save"]').click();
  await page.waitForURL((u) => /\/targets\/revisions\/\d+\/edit$/.test(u.pathname));
  const changeRevision = Number(page.url().match(/revisions\/(\d+)/)[1]);
  // the to-do inbox links a revision to /targets/revisions/{id}: the unit lands in its editor
  await page.goto(`${BASE_URL}/targets/revisions/${changeRevision}`);
  await page.waitForURL((u) => u.pathname === `/targets/revisions/${changeRevision}/edit`);
  await settle(page);
  const first = await leafRow(page, '校舍维修改造面积');
  await first.locator('input[data-test="leaf-value"]').fill('6000');
  await page.locator('[data-test="target-save"]').click();
  await settle(page);
  await page.goto(`${BASE_URL}/targets/${run.setId}`);
  await settle(page);
  await page.locator('.el-tabs__item', { hasText: '版本对比' }).click();
  await settle(page);
  assert.match(await page.locator('[data-test="diff-view"]').innerText(), /6000/);
  await page.locator('[data-test="diff-view"]').scrollIntoViewIfNeeded();
  await shot(page, 'targets-set-diff');
  await page.locator('.el-tabs__item', { hasText: '多年度' }).click();
  await settle(page);
  await page.locator('[data-test="set-years"]').scrollIntoViewIfNeeded();
  await shot(page, 'targets-set-years');
  assert.deepEqual(browser.errors, []);
});

test('the bureau finds targets, reads the coverage and the rules', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, BUREAU);
  await openByMenu(page, '/targets');
  await page.locator('[data-test="query-year"]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: `${run.year}年度` }).click();
  await page.locator('input[data-test="query-q"]').fill(run.name);
  await page.locator('input[data-test="query-q"]').press('Enter');
  await settle(page);
  assert.match(await page.locator('[data-test="targets-table"]').innerText(), new RegExp(run.name));
  await shot(page, 'targets-query');
  // the bureau publishes the approved targets from the set page
  await page.locator('[data-test="targets-table"] .el-table__body tr', { hasText: run.name }).first().click();
  await page.waitForURL((u) => u.pathname === `/targets/${run.setId}`);
  await settle(page);
  await page.locator('[data-test="set-publish"]').click();
  await settle(page);
  assert.ok(await page.locator('[data-test="set-publish"]').evaluate((el) => (el.closest('.el-switch') ?? el.querySelector('.el-switch') ?? el).classList.contains('is-checked')), 'published');
  await page.goBack();
  await settle(page);
  assert.match(await page.locator('[data-test="targets-table"] .el-table__body tr', { hasText: run.name }).first().innerText(), /是/);
  await openByMenu(page, '/targets/coverage');
  await page.locator('[data-test="coverage-year"]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: `${run.year}年度` }).click();
  await settle(page, 800);
  assert.ok(Number(await page.locator('[data-test="kpi-approved"] .cv-kpi-value').innerText().then((x) => parseInt(x, 10))) >= 1);
  await shot(page, 'targets-coverage');
  // a department opens 目标查询 filtered to it
  await page.locator('[data-test="coverage-table"] .el-table__body tr', { hasText: '教育和体育局' }).first().click();
  await page.waitForURL((u) => u.pathname === '/targets' && u.searchParams.has('department_id'));
  await settle(page);
  await openByMenu(page, '/targets/settings');
  assert.match(await page.locator('[data-test="rules-table"]').innerText(), /不以投入或过程为目标/);
  await shot(page, 'targets-settings');
  await page.locator('.el-tabs__item', { hasText: '审核等级处理' }).click();
  await settle(page);
  await shot(page, 'targets-settings-outcomes');
  assert.deepEqual(browser.errors, []);
});

test('the department files its 部门整体 targets: main tasks with money and linked projects', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, DEPARTMENT);
  await openByMenu(page, '/targets/mine');
  await page.locator('[data-test="targets-year"]').click();
  await page.locator('.el-select-dropdown__item:visible', { hasText: `${run.year}年度` }).click();
  await page.locator('.el-tabs__item', { hasText: '部门整体绩效目标' }).click();
  await settle(page);
  const row = page.locator('[data-test="targets-departments"] .el-table__body tr', { hasText: '冠县教育和体育局' }).first();
  await shot(page, 'targets-mine-departments');
  if (await row.locator('[data-test="dept-fill"]').count()) {
    await row.locator('[data-test="dept-fill"]').click();
    await page.locator('[data-test="create-dialog"]').waitFor({ state: 'visible' });
    await settle(page);
    await page.locator('[data-test="create-go"]').click();
  } else if (await row.locator('[data-test="dept-edit"]').count()) {
    await row.locator('[data-test="dept-edit"]').click(); // a draft left by an earlier run
  } else {
    return; // submitted or approved by an earlier run: nothing to file
  }
  await page.waitForURL((u) => /\/targets\/revisions\/\d+\/edit$/.test(u.pathname));
  await settle(page);
  await page.locator('textarea[data-test="year-goal"]').fill('保障全县义务教育和普通高中教育教学正常运转，改善办学条件，巩固义务教育均衡发展成果。');
  if ((await page.locator('.el-table__body input[data-test="task-name"]').count()) === 0) await page.locator('[data-test="task-add"]').click();
  await page.locator('.el-table__body input[data-test="task-name"]').first().fill('义务教育学校运转保障');
  await page.locator('.el-table__body textarea[data-test="task-content"]').first().fill('按生均公用经费基准定额拨付义务教育学校公用经费');
  await page.locator('.el-table__body input[data-test="task-fiscal"]').first().fill('1200');
  await page.locator('.el-table__body input[data-test="task-other"]').first().fill('35.5');
  await settle(page);
  assert.equal(await page.locator('.el-table__body [data-test="task-total"]').first().innerText(), '1,235.50');
  // link the task to one of the department's projects of the year
  const projects = page.locator('.el-table__body [data-test="task-projects"]').first();
  if ((await projects.locator('.el-tag').count()) === 0) {
    await projects.click();
    const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item').first();
    await option.waitFor({ state: 'visible' });
    await option.click();
    await page.keyboard.press('Escape');
    await settle(page);
  }
  assert.ok((await page.locator('.el-table__body [data-test="task-projects"]').first().locator('.el-tag').count()) >= 1, 'the task names a project');
  if ((await page.locator('[data-test="leaf-row"]').count()) === 0) {
    await pickFromLibrary(page, await branchIndex(page, '产出指标', '数量指标'), ['公用经费保障义务教育学生人数']);
    await pickFromLibrary(page, await branchIndex(page, '效益指标', '社会效益指标'), ['九年义务教育巩固率']);
  }
  await settle(page, 800);
  await page.locator('[data-test="target-save"]').click();
  await settle(page);
  assert.equal(await page.locator('[data-test="dirty-state"]').innerText(), '已保存全部修改');
  await page.locator('[data-test="tasks-table"]').scrollIntoViewIfNeeded();
  await shot(page, 'targets-editor-department');

  // the official 申报表 out, and the same file back in (all rows pass, the draft is replaced)
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="declaration-export"]').click()]);
  assert.match(download.suggestedFilename(), /申报表\.xlsx$/);
  const file = await download.path();
  await page.locator('[data-test="declaration-import"]').click();
  const dlg = page.locator('[data-test="import-dialog"]');
  await dlg.waitFor({ state: 'visible' });
  await dlg.locator('input[data-test="import-file"]').setInputFiles({ name: '申报表.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: (await import('node:fs')).readFileSync(file) });
  await dlg.locator('[data-test="import-run"]').click();
  await settle(page);
  const errors = dlg.locator('[data-test="import-errors"]');
  if (await errors.isVisible()) assert.fail(`the exported 申报表 imports back: ${await errors.innerText()}`);
  assert.ok(await page.locator('.el-message--success', { hasText: '已导入申报表' }).count(), 'import confirmed');
  assert.equal(await page.locator('.el-table__body input[data-test="task-name"]').first().inputValue(), '义务教育学校运转保障');
  assert.deepEqual(browser.errors, []);
});

test('targets graded 中 go back to the unit with the reviewer\'s reasons', async () => {
  const reason = `请补充部门整体的效益和满意度指标${stamp}`;
  const page = await fresh();
  await signIn(page, BASE_URL, DEPARTMENT);
  const dept = await api(DEPARTMENT);
  const rows = (await dept.request('GET', `/targets/departments?year=${run.year}`)).body.items;
  const mine = rows.find((d) => d.org_name === '冠县教育和体育局');
  assert.ok(mine?.revision_id, 'the department filed its targets in the previous step');
  await page.goto(`${BASE_URL}/targets/revisions/${mine.revision_id}/edit`);
  await settle(page);
  if ((await page.locator('[data-test="target-submit"]').count()) > 0) {
    await page.locator('[data-test="target-submit"]').click();
    await confirmBox(page);
    await page.waitForURL((u) => /^\/targets\/\d+$/.test(u.pathname));
    await settle(page);
  }
  const reviewer = await fresh();
  await signIn(reviewer, BASE_URL, REVIEWER);
  await reviewer.goto(`${BASE_URL}/targets/revisions/${mine.revision_id}/review`);
  await settle(reviewer);
  await reviewer.locator('[data-grade="中"]').click();
  await reviewer.locator('textarea[data-test="review-comment"]').fill(reason);
  await reviewer.locator('[data-test="review-submit"]').click();
  await confirmBox(reviewer);
  await reviewer.waitForURL((u) => u.pathname === '/targets/review');

  const unit = await fresh();
  await signIn(unit, BASE_URL, DEPARTMENT);
  await openByMenu(unit, '/targets/mine');
  await unit.locator('[data-test="targets-year"]').click();
  await unit.locator('.el-select-dropdown__item:visible', { hasText: `${run.year}年度` }).click();
  await unit.locator('.el-tabs__item', { hasText: '部门整体绩效目标' }).click();
  await settle(unit);
  const row = unit.locator('[data-test="targets-departments"] .el-table__body tr', { hasText: '冠县教育和体育局' }).first();
  assert.match(await row.innerText(), /退回修改/);
  await row.locator('[data-test="dept-edit"]').click();
  await unit.waitForURL((u) => /\/targets\/revisions\/\d+\/edit$/.test(u.pathname));
  await settle(unit);
  assert.match(await unit.locator('[data-test="return-reason"]').innerText(), new RegExp(reason));
  await shot(unit, 'targets-editor-returned');
  assert.deepEqual(browser.errors, []);
});
