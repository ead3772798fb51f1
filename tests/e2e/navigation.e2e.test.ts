import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type RunningServer, signedInPage, startServer } from './harness';

/**
 * Issue #17, navigation and phones, in a real Chromium against the real server with the demo
 * district: menus that show what a role uses, the no-permission page for a forbidden URL, a new
 * page opening at its top with the side menu in place, lists as cards with the filters in a
 * drawer on a phone, pages that open on the caller's own unit, a sign-in page without console
 * errors that shows the demo accounts, and each page's help.
 */
let server: RunningServer;
let browser: Browser;
const PHONE = { width: 390, height: 844 };
const as = (username: string, viewport?: { width: number; height: number }) => signedInPage(browser, server.baseUrl, username, viewport);

/** Every console error and uncaught exception of the page from now on. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} @ ${m.location().url}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return errors;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('navigation and phones', () => {
  it('the sign-in and public pages load without a console error, and the sign-in page shows the demo accounts', async () => {
    const ctx = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN' });
    const page = await ctx.newPage();
    const errors = consoleErrors(page);
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.goto('/login');
    await expect.poll(() => page.getByTestId('login-demo-hint').count()).toBe(1);
    expect(await page.getByTestId('login-demo-hint').textContent()).toContain('staff');
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    // A link or an old bookmark to a signed-in page: straight to the sign-in page, still quietly.
    await page.goto('/office');
    await page.waitForURL(/\/login/);
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
    // The public disclosure: no refused request either (its own components' deprecation
    // notices are not this test's business).
    await page.goto('/public/procurement');
    await page.waitForLoadState('networkidle');
    expect(errors.filter((e) => !/^Warning: \[antd/.test(e))).toEqual([]);
    expect(asked).not.toContain('/api/v1/auth/me');
    await ctx.close();
  });

  it('the self-service roles’ menus lack 组织机构, 基础数据 and 节假日; the administrator’s has them', async () => {
    for (const username of ['staff', 'driver', 'keeper', 'inspector', 'energy_officer', 'dispatcher']) {
      const page = await as(username);
      await expect.poll(() => page.getByTestId('menu-inbox').count(), { timeout: 15_000 }).toBe(1);
      for (const entry of ['menu-org', 'menu-refdata', 'menu-calendar'])
        expect(await page.getByTestId(entry).count(), `${username} ${entry}`).toBe(0);
      await page.context().close();
    }
    const admin = await as('admin');
    await expect.poll(() => admin.getByTestId('menu-org').count()).toBe(1);
    expect(await admin.getByTestId('menu-refdata').count()).toBe(1);
    expect(await admin.getByTestId('menu-calendar').count()).toBe(1);
    await admin.context().close();
  });

  it('a page the caller may not use shows the no-permission page with a link home, not its controls', async () => {
    const page = await as('staff');
    for (const path of ['/org', '/refdata', '/calendar', '/vehicles/dispatch']) {
      await page.goto(path);
      await expect.poll(() => page.getByTestId('forbidden').count(), { timeout: 15_000 }).toBe(1);
      expect(await page.locator('.hq-filters, .ant-table, .ant-tree').count(), path).toBe(0);
    }
    await page.getByTestId('forbidden').getByRole('link').click();
    await page.waitForURL((u) => u.pathname === '/');
    // A page the role does use opens as usual.
    await page.goto('/requests/general');
    await expect.poll(() => page.getByTestId('general-form-title').count()).toBe(1);
    expect(await page.getByTestId('forbidden').count()).toBe(0);
    await page.context().close();
  });

  it('a new page opens at its top; the side menu stays in place while the page scrolls', async () => {
    const page = await as('manager', { width: 1366, height: 700 });
    // Both pages once, so the second visit draws at once from the cache (no loading state to hide a kept scroll).
    await page.goto('/assets');
    await expect.poll(() => page.getByTestId('assets-table').locator('.ant-table-row').count(), { timeout: 20_000 }).toBeGreaterThan(10);
    await page.getByTestId('menu-people').click();
    // The people table's own rows (the register's rows may still be on screen while it loads).
    await page.waitForURL((u) => u.pathname === '/people');
    await expect.poll(() => page.getByTestId('people-table').locator('.ant-table-row').count(), { timeout: 20_000 }).toBeGreaterThan(10);
    await page.mouse.move(800, 400);
    await page.mouse.wheel(0, 3000);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    // The side menu did not scroll away with the page.
    const sider = await page.getByTestId('sider').boundingBox();
    expect(sider!.y).toBe(0);
    await page.getByTestId('menu-assets-register').click();
    await page.waitForURL((u) => u.pathname === '/assets');
    await expect.poll(() => page.getByTestId('assets-table').locator('.ant-table-row').count()).toBeGreaterThan(10);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeGreaterThan(1000);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await page.context().close();
  });

  it('on a phone the requests list is cards with their status, and the filters fold into a drawer', async () => {
    const page = await as('staff', PHONE);
    await page.goto('/approvals/mine');
    await expect.poll(() => page.getByTestId('list-card').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const card = page.getByTestId('list-card').first();
    const status = card.getByTestId('list-card-status');
    expect(await status.isVisible()).toBe(true);
    expect(((await status.textContent()) ?? '').trim().length).toBeGreaterThan(0);
    // Key fields under the title, inside the phone's width.
    expect(await card.locator('.hq-card-fields dt').count()).toBeGreaterThan(1);
    const box = await card.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await page.locator('.ant-table').count()).toBe(0);
    // The filters wait behind one button.
    expect(await page.locator('.hq-filters:visible').count()).toBe(0);
    await page.getByTestId('filters-open').click();
    await expect.poll(() => page.locator('.hq-filters-drawer .hq-filters:visible').count()).toBe(1);
    await page.locator('.hq-filters-drawer button[type="submit"]').click();
    await expect.poll(() => page.locator('.hq-filters:visible').count()).toBe(0);
    await page.context().close();
  });

  it('pages that show one unit open on the caller’s own unit', async () => {
    const page = await as('unit_a');
    await page.goto('/office/filing');
    await page.waitForURL((u) => u.searchParams.has('orgId'), { timeout: 20_000 });
    const me = await (await page.request.get('/api/v1/auth/me')).json();
    expect(Number(new URL(page.url()).searchParams.get('orgId'))).toBe(me.user.orgId);
    await page.goto('/office/floors');
    await page.waitForURL((u) => u.searchParams.has('buildingId') && u.searchParams.has('floorId'), { timeout: 20_000 });
    await page.goto('/vehicles/disclosure');
    await page.waitForURL((u) => u.searchParams.has('orgId'), { timeout: 20_000 });
    await page.context().close();
  });

  it('each page’s ? opens its help', async () => {
    const page = await as('staff');
    await page.goto('/approvals/mine');
    await page.locator('.hq-page-header').getByTestId('page-help').click();
    await expect.poll(() => page.getByTestId('page-help-text').count()).toBe(1);
    expect(await page.getByTestId('page-help-text').textContent()).toContain('我的申请');
    // A page without a title bar of its own still has its help.
    await page.goto('/');
    await expect.poll(() => page.locator('.hq-help-fallback [data-testid="page-help"]').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.context().close();
  });
});
