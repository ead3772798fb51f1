import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fenToYuan, toFen } from '../../src/contracts/money';
import { launchBrowser } from './browser';
import { type RunningServer, approveFromInbox, field, pick, signedInPage, snap, startServer } from './harness';

/**
 * Vehicle running costs in Chromium against the real server and the demo district: a unit
 * records a refuel through the form (the server's 400 shown first) and finds it in the list;
 * a repair above the approval amount waits for the bureau's approval; the bureau opens a
 * unit's disclosure sheet (公示) and its print view shows every vehicle with its total; the
 * demo's planted "refuel over tank" finding shows on the anomalies page and is dismissed with
 * a reason. Assertions read test ids, data attributes and the API, never rendered glyphs.
 */
let server: RunningServer;
let browser: Browser;
const PHONE = { width: 390, height: 844 };
const year = new Date().getFullYear();

const as = (username: string, viewport?: { width: number; height: number }) => signedInPage(browser, server.baseUrl, username, viewport);
const json = async <T>(page: Page, path: string): Promise<T> => (await (await page.request.get(`/api/v1${path}`)).json()) as T;
/** A local `YYYY-MM-DDTHH:mm` (the browser runs in this process's time zone) `hours` ago. */
function localAgo(hours: number) {
  const d = new Date(Date.now() - hours * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

type Vehicle = { id: number; plate: string; energy: string; orgId: number; status: string };
type Vendor = { id: number; name: string; kind: string; designated: boolean; inContract: boolean };
type CostRecord = { id: number; plate: string; kind: string; amount: string; quantity: number; vendorFlag: string | null; status: string };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('vehicle running costs in the browser', () => {
  it('a unit records a refuel through the form (a 400 first) and sees it in the list; on a phone too', async () => {
    const page = await as('unit_a', PHONE);
    const me = (await json<{ user: { orgId: number } }>(page, '/auth/me')).user;
    const vehicles = await json<{ items: Vehicle[] }>(page, `/vehicles?orgId=${me.orgId}&pageSize=200`);
    // A car that burns fuel and is not sealed or disposed of (in repair is fine: its costs still count).
    const car = vehicles.items.find(
      (v) => ['gasoline', 'diesel', 'hybrid'].includes(v.energy) && !['sealed', 'disposed'].includes(v.status),
    )!;
    expect(car).toBeTruthy();
    const stations = await json<{ items: Vendor[] }>(page, '/vehicles/vendors?kind=fuel&status=active');
    const station = stations.items.find((v) => v.designated && v.inContract)!;
    expect(station).toBeTruthy();

    await page.goto('/vehicles/costs');
    await page.getByTestId('cost-add').click();
    await expect.poll(() => page.getByTestId('cost-form').getAttribute('data-kind')).toBe('fuel');
    await pick(page, 'cost-vehicle', car.plate);
    await page.getByTestId('cost-at').fill(localAgo(2));
    // More than any tank holds: the server refuses and the form says why, field by field.
    await field(page, 'cost-quantity').fill('5000');
    await field(page, 'cost-amount').fill('288.88');
    await field(page, 'cost-vendor').fill(station.name);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: station.name }).first().click();
    await expect.poll(() => page.getByTestId('vendor-flag-hint').count()).toBe(0);
    await page.getByTestId('cost-submit').click();
    await expect.poll(() => page.getByTestId('cost-error').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('cost-error').textContent()).toContain('1000');
    await snap(page, 'vehicle-costs-form-error-phone');
    await field(page, 'cost-quantity').fill('37.04');
    await page.getByTestId('cost-submit').click();
    await expect.poll(() => page.getByTestId('cost-form').count(), { timeout: 15_000 }).toBe(0);

    const rec = await json<{ items: CostRecord[] }>(page, `/vehicles/costs/records?vehicleId=${car.id}&kind=fuel&pageSize=5`);
    const mine = rec.items.find((r) => r.amount === '288.88')!;
    expect(mine).toMatchObject({ plate: car.plate, quantity: 37.04, vendorFlag: null, status: 'recorded' });
    const row = page.getByTestId(`cost-row-${mine.id}`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.getAttribute('data-plate')).toBe(car.plate);
    expect(await row.getAttribute('data-amount')).toBe('288.88');
    await snap(page, 'vehicle-costs-list-phone');

    // A station typed in that is not on the list: flagged before saving, and in the list after.
    await page.getByTestId('cost-add').click();
    await pick(page, 'cost-vehicle', car.plate);
    await page.getByTestId('cost-at').fill(localAgo(1));
    await field(page, 'cost-quantity').fill('10');
    await field(page, 'cost-amount').fill('77.77');
    await field(page, 'cost-vendor').fill('路边加油站E2E');
    await expect.poll(() => page.getByTestId('vendor-flag-hint').getAttribute('data-flag')).toBe('not_listed');
    await page.getByTestId('cost-submit').click();
    await expect.poll(() => page.getByTestId('cost-form').count(), { timeout: 15_000 }).toBe(0);
    const flagged = (
      await json<{ items: CostRecord[] }>(page, `/vehicles/costs/records?vehicleId=${car.id}&flagged=true&pageSize=5`)
    ).items.find((r) => r.amount === '77.77')!;
    expect(flagged.vendorFlag).toBe('not_listed');
    await expect.poll(() => page.getByTestId(`cost-row-${flagged.id}`).getAttribute('data-flag'), { timeout: 15_000 }).toBe('not_listed');
    await page.context().close();
  });

  it('a repair above the approval amount waits for the bureau and counts once approved', async () => {
    const page = await as('unit_a');
    const me = (await json<{ user: { orgId: number } }>(page, '/auth/me')).user;
    const car = (await json<{ items: Vehicle[] }>(page, `/vehicles?orgId=${me.orgId}&status=in_service&pageSize=200`)).items[0]!;
    await page.goto('/vehicles/costs');
    await page.getByTestId('cost-add').click();
    await pick(page, 'cost-kind', '维修保养', { type: false });
    await expect.poll(() => page.getByTestId('cost-form').getAttribute('data-kind')).toBe('repair');
    await pick(page, 'cost-vehicle', car.plate);
    await field(page, 'cost-vendor').fill('市机关汽车维修中心');
    await page.getByTestId('repair-name-0').fill('发动机大修E2E');
    await field(page, 'repair-parts-0').fill('6000');
    await field(page, 'repair-labour-0').fill('1500');
    await page.getByTestId('repair-add-item').click();
    await page.getByTestId('repair-name-1').fill('更换机油');
    await field(page, 'repair-parts-1').fill('400.5');
    await field(page, 'repair-labour-1').fill('99.5');
    await expect.poll(() => page.getByTestId('repair-sum').getAttribute('data-sum')).toBe('8000.00');
    await page.getByTestId('cost-reason').fill('发动机异响');
    await snap(page, 'vehicle-costs-repair-form');
    await page.getByTestId('cost-submit').click();
    // The form closes on success; a refusal stays in it with the server's words (shown if this fails).
    await expect
      .poll(
        async () =>
          (await page.getByTestId('cost-form').count()) === 0
            ? 'closed'
            : ((await page
                .getByTestId('cost-error')
                .textContent()
                .catch(() => null)) ?? 'open'),
        { timeout: 30_000 },
      )
      .toBe('closed');
    const rec = (
      await json<{ items: CostRecord[] }>(page, `/vehicles/costs/records?vehicleId=${car.id}&kind=repair&pageSize=5`)
    ).items.find((r) => r.amount === '8000.00')!;
    expect(rec.status).toBe('pending');
    await expect.poll(() => page.getByTestId(`cost-row-${rec.id}`).locator('[data-status="pending"]').count(), { timeout: 15_000 }).toBe(1);

    const manager = await as('manager');
    await approveFromInbox(manager, `维修：${car.plate} ¥8,000.00`);
    await manager.context().close();
    await expect
      .poll(async () => (await json<CostRecord>(page, `/vehicles/costs/records/${rec.id}`)).status, { timeout: 15_000 })
      .toBe('approved');
    await page.context().close();
  });

  it('the bureau opens a unit’s disclosure sheet and the print view shows each vehicle with its total', async () => {
    const page = await as('manager');
    const unitA = await as('unit_a');
    const orgId = (await json<{ user: { orgId: number } }>(unitA, '/auth/me')).user.orgId;
    await unitA.context().close();
    const sheet = await json<{ rows: { seq: number; plate: string; total: string }[]; totals: { total: string; vehicles: number } }>(
      page,
      `/vehicles/costs/disclosure?year=${year}&orgId=${orgId}`,
    );
    expect(sheet.rows.length).toBeGreaterThan(0);
    await page.goto(`/vehicles/disclosure?orgId=${orgId}&year=${year}`);
    await expect.poll(() => page.getByTestId('disclosure-sheet').count(), { timeout: 15_000 }).toBe(1);
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('disclosure-sheet').isVisible()).toBe(true);
    expect(await page.getByTestId('disclosure-export').isVisible()).toBe(false);
    expect(await page.getByTestId('print-button').isVisible()).toBe(false);
    const rows = page.locator('[data-testid^="disclosure-row-"]');
    expect(await rows.count()).toBe(sheet.rows.length);
    for (const r of sheet.rows) {
      const tr = page.getByTestId(`disclosure-row-${r.seq}`);
      expect(await tr.getAttribute('data-plate')).toBe(r.plate);
      // Money travels as exact strings ("7576.65") and is shown with thousands separators.
      expect(await tr.getAttribute('data-total')).toBe(r.total);
      expect((await page.getByTestId(`disclosure-total-${r.seq}`).textContent())?.replace(/,/g, '')).toBe(r.total);
    }
    const sum = fenToYuan(sheet.rows.reduce((s, r) => s + toFen(r.total), 0n));
    expect(await page.getByTestId('disclosure-totals').getAttribute('data-total')).toBe(sum);
    expect(sheet.totals.total).toBe(sum);
    await snap(page, 'vehicle-costs-disclosure-print');
    await page.context().close();
  });

  it('shows the planted "refuel over tank" finding and the bureau dismisses it with a reason', async () => {
    const page = await as('manager');
    const open = await json<{ items: { id: number; rule: string; status: string; evidence: { quantity: number; capacity: number } }[] }>(
      page,
      '/vehicles/anomalies?rule=refuel_over_tank&status=open&pageSize=50',
    );
    expect(open.items.length).toBeGreaterThan(0);
    const target = open.items[0]!;
    expect(target.evidence.quantity).toBeGreaterThan(target.evidence.capacity);
    await page.goto('/vehicles/anomalies');
    await pick(page, 'anomaly-filter-rule', '加油量超油箱容量', { type: false });
    await page.locator('.hq-filters button[type=submit]').click();
    const cell = page.getByTestId(`anomaly-${target.id}`);
    await expect.poll(() => cell.count(), { timeout: 15_000 }).toBe(1);
    expect(
      await page.locator('[data-rule]').evaluateAll((els) => els.every((e) => e.getAttribute('data-rule') === 'refuel_over_tank')),
    ).toBe(true);
    expect(JSON.parse((await cell.getAttribute('data-evidence'))!)).toMatchObject({ quantity: target.evidence.quantity });
    expect(await cell.textContent()).toContain(String(target.evidence.capacity));
    await snap(page, 'vehicle-costs-anomalies');
    await page.getByTestId(`anomaly-dismiss-${target.id}`).click();
    // An empty reason is refused on the form; then a real one.
    await page.locator('.ant-modal-footer .ant-btn-primary:visible').click();
    await expect.poll(() => page.locator('.ant-form-item-explain-error:visible').count()).toBeGreaterThan(0);
    await page.getByTestId('dismiss-reason').fill('油箱改装扩容，已现场核实');
    await page.locator('.ant-modal-footer .ant-btn-primary:visible').click();
    await expect
      .poll(async () => (await json<{ status: string; reason: string | null }>(page, `/vehicles/anomalies/${target.id}`)).status, {
        timeout: 15_000,
      })
      .toBe('dismissed');
    expect((await json<{ reason: string }>(page, `/vehicles/anomalies/${target.id}`)).reason).toBe('油箱改装扩容，已现场核实');
    await expect.poll(() => cell.getAttribute('data-status'), { timeout: 15_000 }).toBe('dismissed');
    await page.context().close();
  });
});
