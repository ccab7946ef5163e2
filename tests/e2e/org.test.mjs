// Browser journey of the org module against a real `jixiao serve` on the demo county
// (JX_BASE_URL; JX_E2E_SYSADMIN / JX_E2E_SECADMIN as "user:password"; the demo password is the
// same for every demo account). The 系统管理员 creates a unit (a bad 统一社会信用代码 first: the
// server's error shows under the field) and an account in it; the 安全管理员 makes the account a
// 单位填报员 and adds a custom role; the new user changes the one-time password and sees only
// their own unit. Screenshots go to test-results/e2e/org-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  ApiClient, BASE_URL, account, launch, settle, shot, signIn, strongPassword, submitLogin, uniqueName, openByMenu } from './lib.mjs';

const CJK = /[\u4e00-\u9fff]/;
const DEPARTMENT = '冠县教育和体育局';
let sys, sec;
let browser;

// What the steps hand on to each other.
const run = {
  unitName: `自动化测试中心${Date.now().toString(36).slice(-4)}`,
  renamed: '',
  unitId: 0,
  username: uniqueName('e2eorg'),
  otp: '',
};

before(async () => {
  sys = account('JX_E2E_SYSADMIN');
  sec = account('JX_E2E_SECADMIN');
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

/** Chooses an option of an Element Plus select opened by clicking `trigger`. */
async function choose(page, trigger, text) {
  await page.locator(trigger).click();
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  const option = page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: exact }).first();
  await option.waitFor();
  await option.click();
  await settle(page, 150);
}

/** Picks an organization in an OrgPicker by searching its name. */
async function pickOrg(page, trigger, name) {
  await page.locator(`${trigger} input`).click();
  const panel = page.locator('.jx-org-picker-pop:visible');
  await panel.waitFor();
  await panel.locator('input[data-test="org-picker-search"]').fill(name);
  const hit = panel.locator('[data-test="org-picker-result"]', { hasText: name }).first();
  await hit.waitFor();
  await hit.click();
  await settle(page, 200);
  assert.equal(await page.locator(`${trigger} input`).inputValue(), name);
}

// GB 32100 統一社会信用代码, as the server computes it (DOMAIN.md §9.2).
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
function makeUscc(kind2, region6, body8) {
  const w11714 = [3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 8; i++) s += (/\d/.test(body8[i]) ? Number(body8[i]) : body8.charCodeAt(i) - 55) * w11714[i];
  const c = 11 - (s % 11);
  const first17 = kind2 + region6 + body8 + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * w[i];
  return first17 + ALPHABET[(31 - (sum % 31)) % 31];
}

/** Rows of the visible table body. */
function rows(page, table) {
  return page.locator(`[data-test="${table}"] .el-table__body-wrapper .el-table__row`);
}

test('the 系统管理员 creates a unit: a bad USCC is refused under its field, a valid one is saved', async () => {
  // The department and a free budget code under it, read through the API as the UI would.
  const api = new ApiClient(BASE_URL);
  await api.signIn(sys);
  const dept = (await api.request('GET', `/org/units?kind=department&q=${encodeURIComponent(DEPARTMENT)}`)).body.items[0];
  assert.ok(dept?.code, 'the demo county has the department');
  let code = '';
  for (let n = 900; n > 100 && !code; n--) {
    const taken = (await api.request('GET', `/org/units?q=${dept.code}${n}`)).body.total;
    if (!taken) code = `${dept.code}${n}`;
  }
  const body8 = `MB${String(Date.now()).slice(-6)}`;
  const uscc = makeUscc('12', dept.region_code, body8);
  const last = uscc[17];
  const bad = uscc.slice(0, 17) + ALPHABET[(ALPHABET.indexOf(last) + 1) % ALPHABET.length];

  const page = await fresh();
  await signIn(page, BASE_URL, sys);
  await openByMenu(page, '/org/units');
  await rows(page, 'units-table').first().waitFor();
  await shot(page, 'org-units');

  // The Excel export of the list (same filters).
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test="units-export"]').click()]);
  assert.match(download.suggestedFilename(), /\.xlsx$/);
  const bytes = fs.readFileSync(await download.path());
  assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'an xlsx (zip) file');

  await page.locator('[data-test="unit-create"]').click();
  const dialog = page.locator('[data-test="org-dialog"]');
  await dialog.locator('[data-test="org-kind"]').waitFor();
  await choose(page, '[data-test="org-dialog"] [data-test="org-kind"]', '预算单位');
  await pickOrg(page, '[data-test="org-dialog"] [data-test="org-parent"]', DEPARTMENT);
  await dialog.locator('input[data-test="org-name"]').fill(run.unitName);
  await dialog.locator('input[data-test="org-code"]').fill(code);
  await dialog.locator('input[data-test="org-uscc"]').fill(bad);
  await choose(page, '[data-test="org-dialog"] [data-test="org-unit-type"]', '事业单位');
  // 行业领域 from the reference data (GET /ref/sector), shown by name.
  await page.locator('[data-test="org-dialog"] [data-test="org-sector"]').click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item[data-code="education"]').click();
  await settle(page, 150);
  await dialog.locator('input[data-test="org-phone"]').fill('0635-5219999');
  await dialog.locator('[data-test="org-save"]').click();

  // The server's check-digit message, under 统一社会信用代码.
  const usccError = dialog.locator('[data-test="org-uscc-item"] .el-form-item__error');
  await usccError.waitFor();
  const message = await usccError.innerText();
  assert.match(message, /校验码/, message);
  assert.match(message, CJK);
  assert.equal(await dialog.locator('.el-form-item__error').count(), 1, 'only the USCC is wrong');
  await shot(page, 'org-create-bad-uscc');

  await dialog.locator('input[data-test="org-uscc"]').fill(uscc);
  await dialog.locator('[data-test="org-save"]').click();
  await dialog.waitFor({ state: 'hidden' });
  await settle(page);

  await page.locator('input[data-test="units-q"]').fill(run.unitName);
  await page.keyboard.press('Enter');
  const row = rows(page, 'units-table').filter({ hasText: run.unitName });
  await row.waitFor();
  await settle(page);
  assert.equal(await rows(page, 'units-table').count(), 1);
  const text = await row.innerText();
  for (const part of [code, uscc, '预算单位', DEPARTMENT, '冠县', '正常']) assert.ok(text.includes(part), `${part} in ${text}`);
  await shot(page, 'org-units-created');

  // Its page: rename it with a reason; the history shows who, when, what and why.
  await row.locator('[data-test="unit-link"]').click();
  await page.waitForURL((u) => /^\/org\/units\/\d+$/.test(u.pathname));
  run.unitId = Number(new URL(page.url()).pathname.split('/').pop());
  await page.locator('[data-test="org-detail-name"]').waitFor();
  await settle(page);
  const basic = await page.locator('[data-test="org-basic"]').innerText();
  assert.match(basic, /事业单位/);
  assert.doesNotMatch(basic, /参公事业单位/);
  assert.ok(basic.includes(uscc) && basic.includes(DEPARTMENT) && /行业领域\s*教育/.test(basic), basic);
  run.renamed = `${run.unitName}（更名）`;
  await page.locator('[data-test="org-edit"]').click();
  await dialog.locator('input[data-test="org-name"]').fill(run.renamed);
  await dialog.locator('input[data-test="org-reason"]').fill('机构改革更名');
  await dialog.locator('[data-test="org-save"]').click();
  await dialog.waitFor({ state: 'hidden' });
  await page.locator('[data-test="org-detail-name"]', { hasText: run.renamed }).waitFor();
  const history = page.locator('[data-test="org-history"]');
  await history.locator('[data-test="org-history-action"]', { hasText: '更名' }).waitFor();
  const historyText = await history.innerText();
  assert.match(historyText, /机构改革更名/);
  assert.match(historyText, /新建/);
  assert.ok(historyText.includes(run.unitName) && historyText.includes(run.renamed), 'before → after');
  await shot(page, 'org-unit-detail');
});

test('the 组织机构 tree finds the unit with its ancestor path', async () => {
  const page = browser.page;
  await openByMenu(page, '/org/tree');
  await page.locator('[data-test="org-tree"] .el-tree-node').first().waitFor();
  await page.locator('[data-test="org-detail-name"]').waitFor();
  await shot(page, 'org-tree');
  await page.locator('input[data-test="tree-q"]').fill('更名');
  await page.keyboard.press('Enter');
  const hit = page.locator('[data-test="tree-result"]', { hasText: run.renamed });
  await hit.waitFor();
  assert.match(await hit.innerText(), new RegExp(DEPARTMENT));
  assert.ok((await hit.locator('mark').count()) > 0, 'the match is highlighted');
  await hit.click();
  await page.locator('[data-test="org-detail-name"]', { hasText: run.renamed }).waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'org-tree-search');
});

test('the 系统管理员 creates an account in the new unit', async () => {
  const page = browser.page;
  await openByMenu(page, '/admin/users');
  await page.locator('[data-test="users-table"] .el-table__row').first().waitFor();
  await page.locator('[data-test="user-create"]').click();
  await page.locator('input[data-test="user-username"]').fill(run.username);
  await page.locator('input[data-test="user-display-name"]').fill('单位填报测试');
  await pickOrg(page, '[data-test="user-dialog"] [data-test="user-org-picker"]', run.renamed);
  await shot(page, 'org-user-create');
  await page.locator('[data-test="user-save"]').click();
  const value = page.locator('[data-test="otp-value"]');
  await value.waitFor();
  run.otp = (await value.innerText()).trim();
  assert.ok(run.otp.length >= 8);
  await page.locator('[data-test="otp-close"]').click();
  await settle(page);
  await page.locator('input[data-test="user-q"]').fill(run.username);
  await page.keyboard.press('Enter');
  const row = page.locator('[data-test="users-table"] .el-table__row', { hasText: run.username });
  await row.waitFor();
  await row.locator('[data-test="user-org"]', { hasText: run.renamed }).waitFor();
  await shot(page, 'org-users-with-org');

  // The unit counts the account.
  const api = new ApiClient(BASE_URL);
  await api.signIn(sys);
  assert.equal((await api.request('GET', `/org/units/${run.unitId}`)).body.users_count, 1);
});

test('the 安全管理员 makes the account a 单位填报员 and adds a custom role', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, sec);
  await openByMenu(page, '/admin/roles');
  await page.locator('[data-test="roles-table"] .el-table__row').first().waitFor();

  // A custom role: permissions by module (the administrators' greyed), a data scope.
  const code = uniqueName('e2erole').replace(/[^a-z0-9_]/g, '');
  await page.locator('[data-test="role-create"]').click();
  const dialog = page.locator('[data-test="role-dialog"]');
  await dialog.locator('input[data-test="role-code"]').fill(code);
  await dialog.locator('input[data-test="role-name"]').fill('部门查询员');
  await choose(page, '[data-test="role-dialog"] [data-test="role-scope"]', '本部门及下属单位');
  await dialog.locator('.el-tree-node__content', { has: page.locator('[data-perm="org.read"]') }).locator('.el-checkbox').first().click();
  assert.equal(await dialog.locator('.el-tree-node__content', { has: page.locator('[data-perm="system.user.read"]') }).locator('.el-checkbox.is-disabled').count(), 1, 'admin permissions cannot be chosen');
  await shot(page, 'org-role-create');
  await dialog.locator('[data-test="role-save"]').click();
  await dialog.waitFor({ state: 'hidden' });
  const roleRow = page.locator('[data-test="roles-table"] .el-table__row', { hasText: code });
  await roleRow.waitFor();
  assert.match(await roleRow.innerText(), /本部门及下属单位/);
  await roleRow.scrollIntoViewIfNeeded();
  await shot(page, 'org-roles-custom');

  await page.locator('.el-tabs__item', { hasText: '用户授权' }).click();
  const search = page.locator('.el-tab-pane:visible input[placeholder="用户名 / 姓名"]');
  await search.waitFor();
  await search.fill(run.username);
  await search.press('Enter');
  const row = page.locator('[data-test="grant-table"] .el-table__row', { hasText: run.username });
  await row.waitFor();
  await row.locator('[data-test="grant-open"]').click();
  const grant = page.locator('[data-test="grant-dialog"]');
  await grant.locator('[data-code="unit_clerk"]').click();
  await shot(page, 'org-grant-unit-clerk');
  await grant.locator('[data-test="grant-save"]').click();
  await grant.waitFor({ state: 'hidden' });
  await row.filter({ hasText: '单位填报员' }).waitFor();
});

test('the new 单位填报员 changes the one-time password and sees only their own unit', async () => {
  const page = await fresh();
  await page.goto(`${BASE_URL}/login`);
  await submitLogin(page, BASE_URL, { username: run.username, password: run.otp });
  await page.waitForURL((u) => u.pathname === '/password');
  await page.locator('[data-test="forced-hint"]').waitFor();
  const strong = strongPassword();
  await page.locator('input[data-test="pwd-old"]').fill(run.otp);
  await page.locator('input[data-test="pwd-new"]').fill(strong);
  await page.locator('input[data-test="pwd-confirm"]').fill(strong);
  await page.locator('[data-test="pwd-submit"]').click();
  await page.waitForURL((u) => u.pathname === '/home');
  await settle(page);

  await openByMenu(page, '/org/units');
  await rows(page, 'units-table').first().waitFor();
  await settle(page);
  assert.equal(await rows(page, 'units-table').count(), 1, 'one unit in scope');
  assert.ok((await rows(page, 'units-table').first().innerText()).includes(run.renamed));
  assert.match(await page.locator('.jx-pager').innerText(), /共 1 条/);
  assert.equal(await page.locator('[data-test="unit-create"]').count(), 0, 'no 新增 without system.org.manage');
  await shot(page, 'org-clerk-units');

  await openByMenu(page, '/org/tree');
  await page.locator('[data-test="org-detail-name"]', { hasText: run.renamed }).waitFor();
  assert.equal(await page.locator('[data-test="org-tree"] .el-tree-node').count(), 1);
  assert.equal(await page.locator('[data-test="org-edit"]').count(), 0);
  await shot(page, 'org-clerk-tree');

  // Another unit's page is out of scope.
  const api = new ApiClient(BASE_URL);
  await api.signIn(sys);
  const other = (await api.request('GET', `/org/units?kind=department&q=${encodeURIComponent(DEPARTMENT)}`)).body.items[0];
  await page.goto(`${BASE_URL}/org/units/${other.id}`);
  await page.locator('[data-test="org-detail"] .el-empty').waitFor();
  assert.match(await page.locator('[data-test="org-detail"]').innerText(), /不存在或无权访问/);
  assert.deepEqual(browser.errors, []);
});
