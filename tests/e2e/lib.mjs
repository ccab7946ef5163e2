// Browser test helpers: Debian's Chromium through playwright-core (installed in web/), a fresh
// profile per browser, screenshots in test-results/e2e/, and waits for Element Plus to settle.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
const require = createRequire(path.join(ROOT, 'web/package.json'));
const { chromium } = require('playwright-core');

export const BASE_URL = (process.env.JX_BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const SHOTS = path.join(ROOT, 'test-results/e2e');
export const CHROMIUM = process.env.JX_CHROMIUM || '/usr/bin/chromium';

/** "user:password" from an environment variable. */
export function account(envName) {
  const v = process.env[envName];
  if (!v || !v.includes(':')) throw new Error(`${envName} must be "user:password"`);
  const i = v.indexOf(':');
  return { username: v.slice(0, i), password: v.slice(i + 1) };
}

/** Launches Chromium on a fresh profile. Returns { context, page, close }. */
export async function launch() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jx-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Console errors other than failed requests (a 401 or 422 answer is logged by Chromium too).
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close().catch(() => {});
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until no Element Plus loading mask or transition is running, then a short settle. */
export async function settle(page, ms = 350) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForFunction(() => {
    const masks = [...document.querySelectorAll('.el-loading-mask')].filter((m) => m.offsetParent !== null && getComputedStyle(m).display !== 'none');
    const moving = document.querySelector('[class*="-enter-active"], [class*="-leave-active"]');
    return masks.length === 0 && !moving;
  }, null, { timeout: 10_000 }).catch(() => {});
  await page.evaluate(() => document.fonts?.ready).catch(() => {});
  await page.waitForTimeout(ms);
}

/** Settles, then saves test-results/e2e/<name>.png. */
export async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await settle(page);
  const file = path.join(SHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Fills the sign-in form and submits it (does not wait for where it lands). */
export async function submitLogin(page, base, { username, password }) {
  if (!page.url().includes('/login')) await page.goto(`${base}/login`);
  await page.locator('input[name="username"]').fill(username);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('[data-test="login-submit"]').click();
}

/** Signs in through the page and waits for the main layout. */
export async function signIn(page, base, acct) {
  await page.goto(`${base}/login`);
  await submitLogin(page, base, acct);
  await page.waitForSelector('.jx-layout, .jx-forced', { timeout: 15_000 });
  await settle(page);
}

/** Clicks a side-menu entry by its visible title and waits for the page. */
/** Opens a page through the side menu entry with that path, or by address if the menu has none. */
export async function openByMenu(page, path) {
  const item = page.locator(`.jx-side-menu [data-path="${path}"]`);
  if ((await item.count()) === 0) {
    await page.goto(`${BASE_URL}${path}`);
  } else {
    if (!(await item.first().isVisible())) {
      for (const g of await page.locator('.jx-side-menu .el-sub-menu:not(.is-opened) > .el-sub-menu__title').all()) await g.click();
    }
    await item.first().click();
  }
  await page.waitForURL((u) => u.pathname === path);
  await settle(page);
}

export async function openMenu(page, title) {
  const item = page.locator('.jx-side-menu .el-menu-item', { hasText: title }).first();
  if (!(await item.isVisible())) {
    // Its group may be closed: open every group first.
    for (const g of await page.locator('.jx-side-menu .el-sub-menu:not(.is-opened) > .el-sub-menu__title').all()) await g.click();
  }
  await item.click();
  await settle(page);
}

/** Element Plus confirm box: press its primary button. */
export async function confirmBox(page) {
  await page.locator('.el-message-box .el-button--primary').click();
  await settle(page);
}

/** Calls the API like the UI does, with a session of its own (cookie jar + CSRF). */
export class ApiClient {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.csrf = null;
  }
  async request(method, p, body) {
    const headers = { Accept: 'application/json' };
    if (this.cookie) headers.Cookie = this.cookie;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.csrf && method !== 'GET') headers['X-CSRF-Token'] = this.csrf;
    const res = await fetch(`${this.base}/api/v1${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const set = res.headers.getSetCookie?.() ?? [];
    for (const line of set) {
      const [pair] = line.split(';');
      if (pair.startsWith('jx_session=')) this.cookie = pair;
    }
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    if (json && typeof json.csrf_token === 'string') this.csrf = json.csrf_token;
    return { status: res.status, body: json, text };
  }
  async signIn({ username, password }) {
    const r = await this.request('POST', '/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`API sign-in as ${username}: ${r.status} ${r.text}`);
    return r.body.user;
  }
}

/** A password that meets the default policy and differs each call. */
export function strongPassword() {
  return `Jx#${Math.random().toString(36).slice(2, 8)}${Date.now().toString(36).slice(-4)}Q9`;
}

/** A user name valid under the contract's rule, unique per run. */
export function uniqueName(prefix) {
  return `${prefix}${process.pid % 10000}${Date.now().toString(36).slice(-5)}`;
}
