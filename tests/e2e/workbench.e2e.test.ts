import { type APIRequestContext, type Browser, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { DEMO_PASSWORD, type RunningServer, signedInPage, snap, startServer } from './harness';

/**
 * The workbench and the header search in a real Chromium against the real server with the demo
 * district: the dispatcher's home shows 待派车 with the count of approved car requests (one made
 * here), the card opens the dispatch desk listing that request; the header search finds a
 * vehicle by part of its plate and opens its card; on a phone the counters stack and the search
 * opens from an icon. Assertions use test ids and data, never rendered glyphs.
 */
let server: RunningServer;
let browser: Browser;
let tripId = 0;

async function apiAs(username: string): Promise<{ ctx: APIRequestContext; csrf: string }> {
  const ctx = await request.newContext({ baseURL: server.baseUrl });
  const r = await ctx.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(r.status(), await r.text()).toBe(200);
  return { ctx, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}

/** A weekday three weeks or more ahead (a working day, so the unit's approval is the only step). */
function futureWeekday() {
  const d = new Date(Date.now() + 21 * 86_400_000);
  while (d.getDay() === 0 || d.getDay() === 6) d.setDate(d.getDate() + 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // A car request of unit A's staff, approved by the unit: one trip waiting for the dispatcher.
  const staff = await apiAs('staff');
  const unitA = await apiAs('unit_a');
  const day = futureWeekday();
  const trip = await staff.ctx.post('/api/v1/vehicles/trip-requests', {
    headers: { 'x-csrf-token': staff.csrf },
    data: {
      purpose: '工作台端到端用车',
      origin: '机关大院',
      destination: '城东街道',
      passengers: 2,
      start: `${day}T09:00:00+08:00`,
      end: `${day}T11:00:00+08:00`,
      roundTrip: true,
    },
  });
  expect(trip.status(), await trip.text()).toBe(201);
  const t = (await trip.json()) as { id: number; instanceId: number };
  tripId = t.id;
  const approved = await unitA.ctx.post(`/api/v1/approvals/${t.instanceId}/approve`, {
    headers: { 'x-csrf-token': unitA.csrf },
    data: { comment: '同意' },
  });
  expect(approved.status(), await approved.text()).toBe(200);
  await staff.ctx.dispose();
  await unitA.ctx.dispose();
}, 300_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('workbench and header search', () => {
  it('the dispatcher sees 待派车 with its count, and the card opens the dispatch desk with the request', async () => {
    const page = await signedInPage(browser, server.baseUrl, 'dispatcher');
    const expected = (await (await page.request.get('/api/v1/vehicles/trip-requests?status=approved&pageSize=1')).json()).total as number;
    expect(expected).toBeGreaterThanOrEqual(1);
    const card = page.getByTestId('workbench-vehicles.toDispatch');
    await expect.poll(() => card.count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('workbench-count-vehicles.toDispatch').textContent()).toBe(String(expected));
    await snap(page, 'workbench-dispatcher');
    await card.click();
    await page.waitForURL((u) => u.pathname === '/vehicles/dispatch');
    await expect.poll(() => page.getByTestId(`trip-row-${tripId}`).count(), { timeout: 15_000 }).toBe(1);
    await page.context().close();
  });

  it('the header search finds a vehicle by part of its plate and opens its card', async () => {
    const page = await signedInPage(browser, server.baseUrl, 'dispatcher');
    const list = (await (await page.request.get('/api/v1/vehicles?pageSize=1&status=in_service')).json()) as {
      items: { id: number; plate: string }[];
    };
    const v = list.items[0]!;
    const input = page.getByTestId('header-search-input');
    await input.click();
    await input.fill(v.plate.slice(1));
    const hit = page.locator('.hq-search-popup .ant-select-item-option').filter({ hasText: v.plate }).first();
    await expect.poll(() => hit.count(), { timeout: 15_000 }).toBe(1);
    await snap(page, 'header-search');
    // Keyboard: the plate is one vehicle's, its hit is the first and active; Enter opens it.
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname === '/vehicles/register' && u.searchParams.get('id') === String(v.id));
    await expect.poll(() => page.getByTestId('vehicle-drawer').count(), { timeout: 15_000 }).toBe(1);
    await page.context().close();
  });

  it('on a phone the counters stack and the search opens full width from an icon', async () => {
    const page = await signedInPage(browser, server.baseUrl, 'keeper', { width: 390, height: 844 });
    const cards = page.locator('[data-testid^="workbench-assets."]');
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(2);
    const [a, b] = [await cards.nth(0).boundingBox(), await cards.nth(1).boundingBox()];
    // Two to a row at most, inside the screen.
    expect(a!.x + a!.width).toBeLessThanOrEqual(390);
    expect(b!.x + b!.width).toBeLessThanOrEqual(390);
    await page.getByTestId('header-search-open').click();
    const input = page.getByTestId('header-search-input');
    await expect.poll(() => input.isVisible(), { timeout: 10_000 }).toBe(true);
    expect((await input.boundingBox())!.width).toBeGreaterThan(250);
    await snap(page, 'workbench-keeper-phone');
    await page.context().close();
  });
});
