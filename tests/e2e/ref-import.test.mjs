// Browser journey of the imports and the reference data against a real `jixiao serve` on the
// demo county (JX_BASE_URL; JX_E2E_SYSADMIN as "user:password"). The 系统管理员 downloads the
// organizations template, uploads a file with one bad row (the wizard lists the error and nothing
// is written), then a correct one (已导入); imports an account (the initial passwords download
// once); opens 参考数据 (支出功能分类: 205 教育支出 and its children) and moves a budget year one
// state forward. The xlsx files are written by tests/lib/xlsx.mjs. Screenshots go to
// test-results/e2e/ref-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { ApiClient, BASE_URL, account, launch, settle, shot, signIn, uniqueName, openByMenu } from './lib.mjs';
import { makeXlsx } from '../lib/xlsx.mjs';

const DEPARTMENT = '冠县教育和体育局';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ORG_HEADER = ['机构类型', '名称', '简称', '预算单位编码', '统一社会信用代码', '行政区划代码', '上级单位编码', '单位性质', '行业领域', '联系人', '联系电话'];
const USER_HEADER = ['登录名', '姓名', '所属机构行政区划代码', '所属机构编码', '手机', '邮箱'];
let sys;
let browser;
let api;

const tag = Date.now().toString(36).slice(-4);
const run = { dept: null, codes: [], names: [`导入测试一中心${tag}`, `导入测试二中心${tag}`] };

before(async () => {
  sys = account('JX_E2E_SYSADMIN');
  const health = await fetch(`${BASE_URL}/api/v1/health`).catch(() => null);
  assert.ok(health?.ok, `jixiao serve answers at ${BASE_URL}`);
  api = new ApiClient(BASE_URL);
  await api.signIn(sys);
  browser = await launch();
  await signIn(browser.page, BASE_URL, sys);
});

after(async () => {
  await browser?.close();
});

// A step that failed may have left a dialog open: start from a fresh page first.
async function openFresh(page, path) {
  if ((await page.locator('.el-overlay:visible').count()) > 0) await page.goto(`${BASE_URL}/home`);
  await openByMenu(page, path);
}

// GB 32100 统一社会信用代码, as the server computes it (DOMAIN.md §9.2).
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

function orgRow(i, uscc) {
  return ['预算单位', run.names[i], '', run.codes[i], uscc, run.dept.region_code, run.dept.code, '事业单位', '教育', '王老师', '0635-5210000'];
}

const wizard = (page) => page.locator('.el-dialog[data-test="import-dialog"]:visible');

/** Chooses a file in the wizard's upload step. */
async function chooseFile(page, name, buffer) {
  await wizard(page).locator('input[type="file"]').setInputFiles({ name, mimeType: name.endsWith('.xlsx') ? XLSX : 'text/csv', buffer });
  await settle(page, 150);
}

async function downloadOf(page, button) {
  const [dl] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(await dl.path()) };
}

test('the 系统管理员 imports organizations: a bad row is listed and nothing written, then a correct file is imported', async () => {
  run.dept = (await api.request('GET', `/org/units?kind=department&q=${encodeURIComponent(DEPARTMENT)}`)).body.items[0];
  assert.ok(run.dept?.code, 'the demo county has the department');
  for (let n = 799; n > 100 && run.codes.length < 2; n--) {
    const code = `${run.dept.code}${n}`;
    if (!(await api.request('GET', `/org/units?q=${code}`)).body.total) run.codes.push(code);
  }
  const body = String(Date.now()).slice(-6);
  const good = [makeUscc('12', run.dept.region_code, `MA${body}`), makeUscc('12', run.dept.region_code, `MB${body}`)];
  const bad = good[1].slice(0, 17) + ALPHABET[(ALPHABET.indexOf(good[1][17]) + 1) % ALPHABET.length];

  const page = browser.page;
  await openFresh(page, '/org/units');
  await page.locator('[data-test="units-import"]').click();
  const dlg = wizard(page);
  await dlg.locator('[data-test="import-step-template"]').waitFor();

  // 下载模板: the server's xlsx.
  const template = await downloadOf(page, dlg.locator('[data-test="import-template"]'));
  assert.match(template.name, /\.xlsx$/);
  assert.deepEqual([...template.bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'the template is an xlsx (zip)');
  await shot(page, 'ref-wizard-template');
  await dlg.locator('[data-test="import-next"]').click();
  await dlg.locator('[data-test="import-step-upload"]').waitFor();

  // The browser refuses what is not an xlsx, in Chinese, without asking the server.
  await chooseFile(page, '机构.csv', Buffer.from('a,b\n'));
  assert.match(await dlg.locator('[data-test="import-upload-error"]').innerText(), /不是 xlsx 文件/);
  assert.ok(await dlg.locator('[data-test="import-start"]').isDisabled());

  // One bad row (the USCC's check character) among two: the error is listed, nothing written.
  const withError = makeXlsx([{ name: '机构', rows: [ORG_HEADER, orgRow(0, good[0]), orgRow(1, bad)] }]);
  await chooseFile(page, '机构导入.xlsx', withError);
  await dlg.locator('[data-test="import-file"]', { hasText: '机构导入.xlsx' }).waitFor();
  await dlg.locator('[data-test="import-start"]').click();
  const result = dlg.locator('[data-test="import-step-result"]');
  await result.waitFor({ timeout: 30_000 });
  assert.equal(await result.getAttribute('data-outcome'), 'errors', await result.innerText());
  assert.match(await dlg.locator('[data-test="import-errors-title"]').innerText(), /共 1 处错误，未写入任何数据/);
  const errorRows = dlg.locator('[data-test="import-errors"] .el-table__body-wrapper .el-table__row');
  assert.equal(await errorRows.count(), 1);
  const errorText = await errorRows.first().innerText();
  assert.match(errorText, /^\s*3\s/, `row 3 of the sheet: ${errorText}`);
  assert.match(errorText, /统一社会信用代码/);
  await shot(page, 'ref-wizard-errors');
  const report = await downloadOf(page, dlg.locator('[data-test="import-download-errors"]'));
  assert.match(report.name, /\.xlsx$/);
  assert.deepEqual([...report.bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
  assert.equal((await api.request('GET', `/org/units?q=${encodeURIComponent(run.names[0])}`)).body.total, 0, 'nothing was written');

  // The corrected file: 已导入 2 行, and the list shows the units.
  await dlg.locator('[data-test="import-retry"]').click();
  await chooseFile(page, '机构导入-修正.xlsx', makeXlsx([{ name: '机构', rows: [ORG_HEADER, orgRow(0, good[0]), orgRow(1, good[1])] }]));
  await dlg.locator('[data-test="import-start"]').click();
  await result.waitFor({ timeout: 30_000 });
  assert.equal(await result.getAttribute('data-outcome'), 'success', await result.innerText());
  assert.match(await dlg.locator('[data-test="import-success"]').innerText(), /已导入 2 行/);
  await shot(page, 'ref-wizard-success');
  await dlg.locator('[data-test="import-close"]').click();
  await dlg.waitFor({ state: 'hidden' });
  await page.locator('input[data-test="units-q"]').fill(`导入测试`);
  await page.keyboard.press('Enter');
  await settle(page);
  const listed = await page.locator('[data-test="units-table"] .el-table__body-wrapper').innerText();
  for (const n of run.names) assert.ok(listed.includes(n), `${n} listed`);
  assert.match(listed, /教育/, 'the sector by its name');
  await shot(page, 'ref-units-imported');
});

test('the 系统管理员 imports an account: no roles, the initial passwords download once', async () => {
  const page = browser.page;
  const username = uniqueName('e2eimp');
  await openFresh(page, '/admin/users');
  await page.locator('[data-test="users-import"]').click();
  const dlg = wizard(page);
  await dlg.locator('[data-test="users-import-roles"]').waitFor();
  assert.match(await dlg.locator('[data-test="users-import-roles"]').innerText(), /安全管理员/);
  await dlg.locator('[data-test="import-next"]').click();
  await chooseFile(page, '账号导入.xlsx', makeXlsx([{ name: '账号', rows: [USER_HEADER, [username, '导入测试员', run.dept.region_code, run.codes[0], '13800000000', '']] }]));
  await dlg.locator('[data-test="import-start"]').click();
  const result = dlg.locator('[data-test="import-step-result"]');
  await result.waitFor({ timeout: 30_000 });
  assert.equal(await result.getAttribute('data-outcome'), 'success', await result.innerText());
  const warning = dlg.locator('[data-test="import-passwords"]');
  assert.match(await warning.innerText(), /只能下载一次/);
  await shot(page, 'ref-wizard-passwords');
  const file = await downloadOf(page, dlg.locator('[data-test="import-download-passwords"]'));
  assert.match(file.name, /\.xlsx$/);
  assert.ok(await dlg.locator('[data-test="import-download-passwords"]').isDisabled(), 'downloaded once');
  await dlg.locator('[data-test="import-close"]').click();
  await dlg.waitFor({ state: 'hidden' });
  const u = (await api.request('GET', `/admin/users?q=${username}`)).body.items[0];
  assert.ok(u, 'the account exists');
  assert.deepEqual(u.roles, [], 'imported without roles');
  assert.equal(u.must_change_password, true);
});

test('参考数据 shows 支出功能分类 as a tree: 205 教育支出 and its children', async () => {
  const page = browser.page;
  await openFresh(page, '/ref/items');
  await page.locator('[data-test="ref-table"] .el-table__row').first().waitFor();
  const kind = page.locator('[data-test="ref-kind"]');
  if (!(await kind.innerText()).includes('支出功能分类')) {
    await kind.click();
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item[data-kind="func_class"]').click();
    await settle(page);
  }
  const row205 = page.locator('[data-test="ref-table"] .el-table__row', { has: page.locator('[data-test="ref-code"]', { hasText: /^205$/ }) });
  await row205.waitFor();
  assert.match(await row205.innerText(), /教育支出/);
  assert.match(await row205.innerText(), /至今/);
  await row205.locator('.el-table__expand-icon').click();
  await settle(page);
  const child = page.locator('[data-test="ref-table"] .el-table__row:visible', { has: page.locator('[data-test="ref-code"]', { hasText: /^205\d\d$/ }) });
  assert.ok((await child.count()) > 0, '205 has 款 under it');
  assert.match(await child.first().innerText(), /教育/);
  await shot(page, 'ref-items');

  // A 款 whose 类 does not exist: the server's reason shows under 上级编码.
  await page.locator('[data-test="ref-create"]').click();
  const create = page.locator('.el-dialog[data-test="ref-create-dialog"]:visible');
  await create.locator('input[data-test="ref-form-code"]').fill('29901');
  await create.locator('input[data-test="ref-form-name"]').fill('测试款');
  await create.locator('[data-test="ref-form-save"]').click();
  const fieldError = create.locator('.el-form-item__error');
  await fieldError.waitFor();
  assert.match(await fieldError.innerText(), /上级编码.*299/);
  await shot(page, 'ref-items-field-error');
  await create.locator('.el-dialog__headerbtn').click();
  await create.waitFor({ state: 'hidden' });

  // The search finds a 款 with its tree opened.
  await page.locator('input[data-test="ref-q"]').fill('普通教育');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.match(await page.locator('[data-test="ref-table"] .el-table__body-wrapper').innerText(), /普通教育/);

  // 导入 from this page: the kind and the year are chosen in the wizard; a new 款 under 205.
  const name = `自动化导入款${tag}`;
  await page.locator('[data-test="ref-import"]').click();
  const dlg = wizard(page);
  await dlg.locator('[data-test="import-step-template"]').waitFor();
  assert.match(await dlg.locator('[data-test="ref-import-kind"]').innerText(), /支出功能分类/);
  const template = await downloadOf(page, dlg.locator('[data-test="import-template"]'));
  assert.deepEqual([...template.bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04]);
  await dlg.locator('[data-test="import-next"]').click();
  await chooseFile(page, '功能分类.xlsx', makeXlsx([{ name: '科目', rows: [['编码', '名称', '上级编码'], ['20597', name, '205']] }]));
  await dlg.locator('[data-test="import-start"]').click();
  const result = dlg.locator('[data-test="import-step-result"]');
  await result.waitFor({ timeout: 30_000 });
  assert.equal(await result.getAttribute('data-outcome'), 'success', await result.innerText());
  assert.match(await result.innerText(), /已导入 1 行/);
  await dlg.locator('[data-test="import-close"]').click();
  await dlg.waitFor({ state: 'hidden' });
  await page.locator('input[data-test="ref-q"]').fill('20597');
  await page.keyboard.press('Enter');
  await settle(page);
  assert.match(await page.locator('[data-test="ref-table"] .el-table__body-wrapper').innerText(), new RegExp(`20597\\s+${name}`));

  // 行业领域 is a plain list with names.
  await page.locator('input[data-test="ref-q"]').fill('');
  await page.locator('[data-test="ref-kind"]').click();
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item[data-kind="sector"]').click();
  await settle(page);
  assert.match(await page.locator('[data-test="ref-table"] .el-table__body-wrapper').innerText(), /education[\s\S]*教育/);
  await shot(page, 'ref-items-sector');
});

test('预算年度: a year moves one state forward after a confirmation with the reason', async () => {
  const page = browser.page;
  await openFresh(page, '/ref/years');
  await page.locator('[data-test="years-table"] .el-table__row').first().waitFor();
  await shot(page, 'ref-years');

  // A year that changes nothing for the other tests: open one before every year there is; as it
  // is not the latest, moving it to 执行中 leaves the current year alone.
  const years = (await api.request('GET', '/ref/years')).body;
  const first = Math.min(...years.items.map((y) => y.year));
  const year = first - 1;
  await page.locator('[data-test="year-create"]').click();
  const create = page.locator('.el-dialog[data-test="year-create-dialog"]:visible');
  await create.locator('[data-test="year-create-year"] input').fill(String(year));
  await create.locator('[data-test="year-create-save"]').click();
  await create.waitFor({ state: 'hidden' });
  const row = page.locator('[data-test="years-table"] .el-table__row', { has: page.locator('[data-test="year-value"]', { hasText: String(year) }) });
  await row.waitFor();
  assert.match(await row.innerText(), /编制中/);

  await row.locator('[data-test="year-advance"]').click();
  const dlg = page.locator('.el-dialog[data-test="year-advance-dialog"]:visible');
  await dlg.waitFor();
  assert.match(await dlg.locator('[data-test="year-consequence"]').innerText(), /执行中/);
  // The reason is required.
  await dlg.locator('[data-test="year-advance-save"]').click();
  await dlg.locator('.el-form-item__error').waitFor();
  await dlg.locator('textarea[data-test="year-reason"]').fill('县人大批准预算（自动化测试）');
  await shot(page, 'ref-years-advance');
  await dlg.locator('[data-test="year-advance-save"]').click();
  await dlg.waitFor({ state: 'hidden' });
  await row.locator('[data-test="year-state"]', { hasText: '执行中' }).waitFor();
  const after = (await api.request('GET', '/ref/years')).body;
  assert.equal(after.items.find((y) => y.year === year).state, 'executing');
  assert.equal(after.current_year, years.current_year, 'the current year did not move');
  await shot(page, 'ref-years-advanced');
  assert.deepEqual(browser.errors, []);
});
