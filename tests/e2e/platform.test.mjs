// Browser journeys through the platform shell against a real `jixiao serve` on the demo
// county (JX_BASE_URL; accounts from JX_E2E_SYSADMIN / JX_E2E_SECADMIN / JX_E2E_AUDITADMIN
// as "user:password"). Screenshots go to test-results/e2e/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  ApiClient, BASE_URL, account, launch, settle, shot, signIn, strongPassword, submitLogin, uniqueName, openByMenu } from './lib.mjs';

const CJK = /[\u4e00-\u9fff]/;
let sys, sec, aud;
let browser;

before(async () => {
  sys = account('JX_E2E_SYSADMIN');
  sec = account('JX_E2E_SECADMIN');
  aud = account('JX_E2E_AUDITADMIN');
  const health = await fetch(`${BASE_URL}/api/v1/health`).catch(() => null);
  assert.ok(health?.ok, `jixiao serve answers at ${BASE_URL}`);
});

after(async () => {
  await browser?.close();
});

// A fresh browser (no cookies) for each journey.
async function fresh() {
  await browser?.close();
  browser = await launch();
  return browser.page;
}

test('(a) a wrong password shows the Chinese error on the sign-in page', async () => {
  const page = await fresh();
  await page.goto(`${BASE_URL}/login`);
  await settle(page);
  assert.match(await page.locator('.jx-login-name').innerText(), /预算绩效管理系统/);
  // Empty fields are refused on the page, in Chinese, without asking the server.
  await page.locator('[data-test="login-submit"]').click();
  await settle(page);
  const empty = await page.locator('.el-form-item__error').allInnerTexts();
  assert.deepEqual(empty, ['请输入用户名', '请输入密码']);

  await page.goto(`${BASE_URL}/login`);
  await submitLogin(page, BASE_URL, { username: sec.username, password: `${sec.password}-wrong` });
  const error = page.locator('.el-form-item__error, [data-test="login-error"]').first();
  await error.waitFor();
  await settle(page);
  const text = await error.innerText();
  assert.match(text, CJK, `Chinese error: ${text}`);
  assert.ok(page.url().includes('/login'), 'still on the sign-in page');
  await shot(page, 'a-login-wrong-password');
});

test('(b) a user with a one-time password must change it, is told the policy, then lands on 首页', async () => {
  // The system administrator creates the user through the API, as the UI would.
  const api = new ApiClient(BASE_URL);
  await api.signIn(sys);
  const username = uniqueName('e2ef');
  const created = await api.request('POST', '/admin/users', { username, display_name: '强制改密测试' });
  assert.equal(created.status, 201, created.text);
  const initial = created.body.initial_password;
  assert.ok(initial);

  const page = await fresh();
  await page.goto(`${BASE_URL}/login`);
  await submitLogin(page, BASE_URL, { username, password: initial });
  await page.waitForURL((u) => u.pathname === '/password' && u.searchParams.get('forced') === '1');
  await page.locator('[data-test="forced-hint"]').waitFor();
  assert.equal(await page.locator('.jx-side-menu').count(), 0, 'no menu while the change is pending');
  // The policy is shown.
  const policy = await page.locator('[data-test="pwd-policy"]').innerText();
  assert.match(policy, /8/);
  assert.match(policy, /用户名/);
  await shot(page, 'b-forced-change');

  // Other pages are out of reach until the password is changed.
  await page.goto(`${BASE_URL}/home`);
  await page.waitForURL((u) => u.pathname === '/password');

  // A weak password: the server's policy reason appears under the new-password field.
  await page.locator('input[data-test="pwd-old"]').fill(initial);
  await page.locator('input[data-test="pwd-new"]').fill('abcdefgh');
  await page.locator('input[data-test="pwd-confirm"]').fill('abcdefgh');
  await page.locator('[data-test="pwd-submit"]').click();
  const fieldError = page.locator('.el-form-item:has(input[data-test="pwd-new"]) .el-form-item__error');
  await fieldError.waitFor();
  await settle(page);
  assert.match(await fieldError.innerText(), CJK);
  assert.ok(page.url().includes('/password'));
  await shot(page, 'b-forced-change-weak');

  const strong = strongPassword();
  await page.locator('input[data-test="pwd-new"]').fill(strong);
  await page.locator('input[data-test="pwd-confirm"]').fill(strong);
  await page.locator('[data-test="pwd-submit"]').click();
  await page.waitForURL((u) => u.pathname === '/home');
  await page.locator('.jx-layout [data-test="welcome"]').waitFor();
  await settle(page);
  // The menu is exactly what GET /me says.
  const leaves = await page.evaluate(async () => {
    const me = await (await fetch('/api/v1/me')).json();
    const walk = (items) => items.flatMap((i) => (i.children?.length ? walk(i.children) : [i]));
    return walk(me.menu ?? []).length;
  });
  assert.equal(await page.locator('.jx-side-menu .el-menu-item').count(), leaves);
  assert.match(await page.locator('[data-test="welcome"]').innerText(), /强制改密测试/);
  await shot(page, 'b-home-after-change');

  // The new password works for the next sign-in.
  const again = new ApiClient(BASE_URL);
  const me = await again.signIn({ username, password: strong });
  assert.equal(me.must_change_password, false);
});

test('(c) the audit administrator reads the audit log and exports it as CSV and Excel', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, aud);
  await openByMenu(page, '/audit/logs');
  const rows = page.locator('[data-test="audit-table"] .el-table__body-wrapper .el-table__row');
  await rows.first().waitFor();
  assert.ok((await rows.count()) > 0, 'the audit log has rows');
  await shot(page, 'c-audit-logs');

  // before/after of the first row, pretty-printed.
  await page.locator('[data-test="audit-table"] .el-table__expand-icon').first().click();
  await page.locator('.jx-audit-detail').first().waitFor();
  await shot(page, 'c-audit-logs-expanded');

  for (const [button, ext, magic] of [['export-csv', 'csv', [0xef, 0xbb, 0xbf]], ['export-xlsx', 'xlsx', [0x50, 0x4b, 0x03, 0x04]]]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-test="${button}"]`).click()]);
    assert.ok(download.suggestedFilename().toLowerCase().endsWith(`.${ext}`), download.suggestedFilename());
    const file = await download.path();
    const bytes = fs.readFileSync(file);
    assert.ok(bytes.length > magic.length, `${ext} has content`);
    assert.deepEqual([...bytes.subarray(0, magic.length)], magic, `${ext} starts right`);
  }

  await openByMenu(page, '/audit/login-logs');
  await page.locator('[data-test="login-logs-table"] .el-table__row').first().waitFor();
  await shot(page, 'c-login-logs');
});

test('(c) the system administrator creates a user and sees the one-time password once', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, sys);
  await openByMenu(page, '/admin/users');
  await page.locator('[data-test="users-table"] .el-table__row').first().waitFor();
  await shot(page, 'c-users');

  const username = uniqueName('e2eu');
  await page.locator('[data-test="user-create"]').click();
  await page.locator('input[data-test="user-username"]').waitFor();
  await page.locator('input[data-test="user-username"]').fill(username);
  await page.locator('input[data-test="user-display-name"]').fill('新建账号测试');
  await page.locator('input[data-test="user-phone"]').fill('13800138000');
  await shot(page, 'c-user-create');
  await page.locator('[data-test="user-save"]').click();

  const value = page.locator('[data-test="otp-value"]');
  await value.waitFor();
  const otp = (await value.innerText()).trim();
  assert.ok(otp.length >= 8, `one-time password shown: ${otp}`);
  assert.match(await page.locator('[data-test="otp-dialog"]').innerText(), /只显示这一次/);
  assert.equal(await page.locator('[data-test="otp-copy"]').count(), 1);
  await shot(page, 'c-user-one-time-password');
  await page.locator('[data-test="otp-close"]').click();
  await settle(page);
  assert.equal(await page.locator('[data-test="otp-value"]:visible').count(), 0, 'gone once closed');

  await page.locator('input[data-test="user-q"]').fill(username);
  await page.keyboard.press('Enter');
  await page.locator('[data-test="users-table"] .el-table__row', { hasText: username }).waitFor();

  // The password shown works (and must be changed).
  const check = new ApiClient(BASE_URL);
  const me = await check.signIn({ username, password: otp });
  assert.equal(me.must_change_password, true);
});

test('(d) signing out returns to the sign-in page, and /home then asks to sign in', async () => {
  const page = await fresh();
  await signIn(page, BASE_URL, sys);
  await page.locator('[data-test="user-menu"]').click();
  await page.locator('[data-test="menu-logout"]').click();
  await page.waitForURL((u) => u.pathname === '/login');
  await settle(page);
  await page.goto(`${BASE_URL}/home`);
  await page.waitForURL((u) => u.pathname === '/login' && u.searchParams.get('redirect') === '/home');
  await page.locator('input[name="username"]').waitFor();
  await shot(page, 'd-signed-out');
  // The session is gone on the server too.
  const status = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
  assert.equal(status, 401);
});
