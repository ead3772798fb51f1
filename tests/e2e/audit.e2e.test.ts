import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type RunningServer, signedInPage, startServer } from './harness';

/**
 * The auditor reads the audit log of the demo district in Chromium: filters by action, opens a
 * record and reads its change as labelled fields, in Chinese, with no internal code on screen.
 */
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the audit log for an auditor', () => {
  it('filters by action and shows a readable change', async () => {
    const page = await signedInPage(browser, server.baseUrl, 'auditor', { width: 1400, height: 900 });
    await page.goto('/audit');
    const table = page.getByTestId('audit-table');
    await table.locator('.ant-table-row').first().waitFor();

    // 修改 exactly (退回修改 and 修改密码 are other actions).
    await page.getByTestId('audit-filter-action').click();
    await page.keyboard.type('修改');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: /^修改$/ })
      .click();
    await expect.poll(async () => (await page.getByTestId('audit-filter-action').textContent()) ?? '').toBe('修改');
    const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/audit?') && r.url().includes('action=update'));
    await table.locator('button[type=submit]').click();
    const body = (await (await filtered).json()) as {
      total: number;
      items: { action: string; actionLabel: string; changes: { field: string }[] }[];
    };
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.every((r) => r.action === 'update' && r.actionLabel === '修改')).toBe(true);

    const first = table.locator('.ant-table-row').first();
    await expect.poll(async () => (await first.textContent()) ?? '').toContain('修改');
    // Every action and record type on the page is a label, not a code.
    const text = (await table.locator('.ant-table-tbody').textContent()) ?? '';
    for (const code of ['update', 'create', 'vehicle_', 'energy_', 'office_', 'approval']) expect(text).not.toContain(code);

    // A status change (an approval's decision on a business record) is in the demo's log.
    const i = body.items.findIndex((r) => r.changes.some((c) => c.field === 'status'));
    expect(i).toBeGreaterThanOrEqual(0);
    await table.locator('.ant-table-row').nth(i).locator('.ant-table-row-expand-icon').click();
    const changes = page.getByTestId('audit-changes').first();
    await changes.waitFor();
    const changeText = (await changes.textContent()) ?? '';
    expect(changeText).toContain('状态');
    expect(changeText).not.toMatch(/\b(status|approved|pending)\b/);
  });
});
