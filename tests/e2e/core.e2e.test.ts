import ExcelJS from 'exceljs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type RunningServer, approveFromInbox, signIn, signedInPage, snap, startServer } from './harness';

/**
 * The main flows of the platform core in a real Chromium against the real server with the
 * demo district: sign in, create a unit, add a person, import people from Excel, run a
 * general request through two approval steps, and read the audit log as the auditor.
 * Assertions use test ids and data, never rendered glyphs.
 */
let server: RunningServer;
let browser: Browser;

const as = (username: string, viewport?: { width: number; height: number }) => signedInPage(browser, server.baseUrl, username, viewport);

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('platform core in the browser', () => {
  it('signs in, shows a permission-built menu, and refuses a wrong password', async () => {
    const ctx = await browser.newContext({ baseURL: server.baseUrl });
    const page = await ctx.newPage();
    await page.goto('/login');
    await page.getByTestId('login-username').fill('admin');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').count()).toBe(1);
    await signIn(page, 'admin');
    await expect.poll(() => page.getByTestId('menu-org').count()).toBe(1);
    expect(await page.getByTestId('menu-audit').count()).toBe(0); // 三员分立: no audit for the system administrator
    await snap(page, 'home-admin');
    await ctx.close();
  });

  it('creates a unit under the district bureau', async () => {
    const page = await as('admin');
    await page.goto('/org');
    await page.locator('.ant-tree-title', { hasText: '滨江区机关事务管理局' }).first().click();
    await page.getByTestId('org-create-button').click();
    await page.getByTestId('org-form-name').fill('滨江区E2E测试局');
    await page.getByTestId('org-form-submit').click();
    await expect.poll(() => page.locator('.ant-tree-title', { hasText: '滨江区E2E测试局' }).count(), { timeout: 15_000 }).toBe(1);
    const res = await page.request.get('/api/v1/orgs?q=E2E');
    expect((await res.json()).items[0]).toMatchObject({ kind: 'unit', agencyLevel: 'county' });
    await snap(page, 'org');
    await page.context().close();
  });

  it('adds a person as a unit administrator', async () => {
    const page = await as('unit_a');
    await page.goto('/people');
    await page.getByTestId('people-create-button').click();
    await page.getByTestId('person-form-name').fill('端到端张三');
    await page
      .locator('.ant-drawer .ant-select', { has: page.getByTestId('person-form-postlevel') })
      .or(page.getByTestId('person-form-postlevel'))
      .first()
      .click();
    await page.keyboard.type('150');
    await page.keyboard.press('Enter');
    await page.getByTestId('person-form-submit').click();
    await expect
      .poll(async () => (await (await page.request.get(`/api/v1/people?q=${encodeURIComponent('端到端张三')}`)).json()).total, {
        timeout: 15_000,
      })
      .toBe(1);
    await page.context().close();
  });

  it('imports people from an Excel workbook, all or nothing', async () => {
    const page = await as('unit_a');
    await page.goto('/people');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员');
    ws.addRow(['姓名', '单位', '职务级别', '编制类型']);
    ws.addRow(['导入甲', '区发展和改革局', '科员级', '行政编制']);
    ws.addRow(['导入乙', '区发展和改革局', '办事员级', '事业编制']);
    ws.addRow(['导入丙', '区发展和改革局', '科员级', '行政编制']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    await page.getByTestId('import-button').click();
    await page
      .locator('.ant-modal input[type=file]')
      .setInputFiles({ name: 'people.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await expect.poll(() => page.getByTestId('import-result').locator('.ant-alert-success').count(), { timeout: 20_000 }).toBe(1);
    const res = await page.request.get(`/api/v1/people?q=${encodeURIComponent('导入')}`);
    expect((await res.json()).total).toBe(3);
    await snap(page, 'people-import');
    await page.context().close();
  });

  it('runs a general request through two approval steps', async () => {
    const title = `E2E 申领打印机硒鼓 ${Date.now()}`;
    const staff = await as('staff', { width: 390, height: 844 }); // staff use the phone
    await staff.goto('/requests/general');
    await staff.getByTestId('general-form-title').fill(title);
    await staff.getByTestId('general-form-content').fill('综合科打印机硒鼓耗尽');
    await staff.getByTestId('general-form-amount').fill('800');
    await staff.getByTestId('general-form-submit').click();
    await staff.waitForURL(/\/approvals\/\d+$/);
    const instancePath = new URL(staff.url()).pathname;

    for (const approver of ['unit_a', 'manager']) {
      const page = await as(approver);
      await approveFromInbox(page, title);
      await page.context().close();
    }
    await staff.goto(instancePath);
    const detail = await (await staff.request.get(`/api/v1${instancePath}`)).json();
    expect(detail.instance.status).toBe('approved');
    expect(detail.timeline.map((t: { action: string }) => t.action)).toEqual(['submit', 'approve', 'approve']);
    await snap(staff, 'approval-detail-phone');
    await staff.context().close();
  });

  it('shows the audit log to the auditor only', async () => {
    const page = await as('auditor');
    await page.goto('/audit');
    await expect
      .poll(() => page.getByTestId('audit-table').locator('tbody tr.ant-table-row').count(), { timeout: 15_000 })
      .toBeGreaterThan(5);
    const res = await page.request.get('/api/v1/audit?action=login&pageSize=5');
    expect((await res.json()).total).toBeGreaterThan(0);
    await snap(page, 'audit');
    await page.context().close();
    const admin = await as('admin');
    await admin.goto('/audit');
    expect((await admin.request.get('/api/v1/audit')).status()).toBe(403);
    await admin.context().close();
  });
});
