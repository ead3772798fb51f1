import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type RunningServer, field, signedInPage, snap, startServer } from './harness';

/**
 * Office supplies in Chromium against the real server and the demo district: 发改局's staff
 * files a requisition on a phone, the unit administrator approves it and, as the store's
 * keeper, issues it; the stock goes down by what was issued. Assertions read test ids, data
 * attributes and the API, never rendered glyphs.
 */
let server: RunningServer;
let browser: Browser;
const PHONE = { width: 390, height: 844 };

type Item = { id: number; code: string; available: number | null };
type Req = { id: number; instanceId: number; status: string; orgId: number; lines: { itemId: number; quantityIssued: number }[] };
const json = async <T>(page: Page, url: string) => (await (await page.request.get(url)).json()) as T;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('office supplies in the browser', () => {
  it('staff requisitions on a phone, the unit approves, the keeper issues, the stock goes down', async () => {
    const staff = await signedInPage(browser, server.baseUrl, 'staff', PHONE);
    const stores = await json<{ items: { id: number }[] }>(staff, '/api/v1/supplies/stores');
    const storeId = stores.items[0]!.id;
    const items = await json<{ items: Item[] }>(staff, `/api/v1/supplies/items?active=true&pageSize=200&orgId=${storeId}`);
    expect(items.items.find((i) => i.code === 'BG-0003')!.available).toBeGreaterThan(3);
    const mine0 = await json<{ total: number }>(staff, '/api/v1/supplies/requisitions?mine=true');

    await staff.goto('/supplies/requisitions');
    await staff.getByTestId('sr-form').waitFor();
    // The picker searches the catalogue on the server: type, and take the match (DOM text, not glyphs).
    await staff.getByTestId('sr-item-0').click();
    await staff.keyboard.type('签字笔');
    await staff.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '签字笔' }).first().click();
    // The picked row's stock in the unit's store shows beside the line.
    await staff
      .getByText(/库存 \d|in stock/)
      .first()
      .waitFor();
    await field(staff, 'sr-qty-0').fill('3');
    await field(staff, 'sr-reason').fill('E2E 请领');
    await staff.getByTestId('sr-submit').click();
    await expect
      .poll(async () => (await json<{ total: number }>(staff, '/api/v1/supplies/requisitions?mine=true')).total, { timeout: 15_000 })
      .toBe(mine0.total + 1);
    const req = (await json<{ items: Req[] }>(staff, '/api/v1/supplies/requisitions?mine=true&pageSize=1')).items[0]!;
    expect(req.status).toBe('pending');
    expect(req.lines).toHaveLength(1);
    const itemId = req.lines[0]!.itemId;
    const stockBefore = (await json<{ items: Item[] }>(staff, `/api/v1/supplies/items?pageSize=200&orgId=${storeId}`)).items.find(
      (i) => i.id === itemId,
    )!.available!;
    await staff.getByTestId(`sr-status-${req.id}`).waitFor();
    await snap(staff, 'supplies-requisition-phone');

    // The unit administrator approves it on the approval page…
    const keeper = await signedInPage(browser, server.baseUrl, 'unit_a');
    await keeper.goto(`/approvals/${req.instanceId}`);
    await keeper.getByTestId('approve-button').click();
    await field(keeper, 'approval-comment').fill('同意');
    await keeper.getByTestId('approval-confirm').click();
    await expect.poll(async () => (await json<Req>(keeper, `/api/v1/supplies/requisitions/${req.id}`)).status).toBe('approved');

    // …and, as the store's keeper, issues it.
    await keeper.goto('/supplies/requisitions');
    await keeper.getByTestId(`sr-issue-${req.id}`).click();
    await keeper.getByTestId('sr-issue-confirm').click();
    await expect.poll(async () => (await json<Req>(keeper, `/api/v1/supplies/requisitions/${req.id}`)).status).toBe('issued');
    await expect.poll(() => keeper.getByTestId(`sr-status-${req.id}`).getAttribute('data-status')).toBe('issued');

    // The stock went down by exactly what was issued, on the API and on the stock page.
    const issued = (await json<Req>(keeper, `/api/v1/supplies/requisitions/${req.id}`)).lines[0]!.quantityIssued;
    expect(issued).toBe(3);
    await keeper.goto(`/supplies?orgId=${storeId}`);
    const cell = keeper.getByTestId(`sp-qty-${storeId}-${itemId}`);
    await cell.waitFor();
    await expect.poll(() => cell.getAttribute('data-quantity')).toBe(String(stockBefore - 3));
    // The demo's two low stocks are marked.
    await keeper.getByTestId('sp-low-alert').waitFor();
    await snap(keeper, 'supplies-stock');
  });
});
