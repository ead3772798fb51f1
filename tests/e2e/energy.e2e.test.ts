import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type RunningServer, approveFromInbox, field, pick, signedInPage, snap, startServer } from './harness';

/**
 * Public-institution energy in Chromium against the real server: a unit enters a month of
 * readings through the monthly sheet (the negative warning shows before the right value is
 * typed) and the consumption appears; a CSV of readings with a bad row shows the row error
 * report and stores nothing, then the corrected file imports; the indicators page draws the
 * ranking chart and its table leads with the unit the API ranks first; a unit changes a
 * prefilled value of its annual report, is asked for the reason, submits, the bureau approves
 * from the inbox and the tracker shows the report approved. The meters each test needs are
 * created through the API here (the demo district's energy data is not required). Assertions
 * read test ids, data attributes and the API, never rendered glyphs.
 */
let server: RunningServer;
let browser: Browser;
const PHONE = { width: 390, height: 844 };

const as = (username: string, viewport?: { width: number; height: number }) => signedInPage(browser, server.baseUrl, username, viewport);
const json = async <T>(page: Page, path: string): Promise<T> => (await (await page.request.get(`/api/v1${path}`)).json()) as T;
/** A change through the API with the session's CSRF token, as the web client sends it. */
async function send<T>(page: Page, method: 'post' | 'put' | 'patch', path: string, data: unknown): Promise<T> {
  const { csrfToken } = await json<{ csrfToken: string }>(page, '/auth/me');
  const res = await page.request[method](`/api/v1${path}`, { data, headers: { 'x-csrf-token': csrfToken } });
  const body = await res.text();
  expect(res.ok(), `${method.toUpperCase()} ${path}: ${res.status()} ${body}`).toBe(true);
  return JSON.parse(body) as T;
}
/** YYYY-MM of `back` months before the current one, in this process's time zone (the browser's). */
function monthBack(back: number) {
  const d = new Date();
  const m = new Date(d.getFullYear(), d.getMonth() - back, 1);
  return `${m.getFullYear()}-${String(m.getMonth() + 1).padStart(2, '0')}`;
}
const lastDay = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(y, m, 0).getDate()).padStart(2, '0')}`;
};

type Meter = { id: number; code: string | null; multiplier: number };
type Reading = { ts: string; value: number; consumption: number | null; flag: string | null };
type Indicator = { orgId: number; orgName: string; kgcePerSqm: number | null };

let unitOrg: number;
let electric: Meter;
let water: Meter;
let csvMeter: Meter;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const page = await as('unit_a');
  unitOrg = (await json<{ user: { orgId: number } }>(page, '/auth/me')).user.orgId;
  const meter = (body: Record<string, unknown>) =>
    send<Meter>(page, 'post', '/energy/meters', { orgId: unitOrg, kind: 'register', ...body });
  electric = await meter({ name: 'E2E 配电房总表', code: 'E2E-E1', energyType: 'electricity', unit: 'kWh', multiplier: 2 });
  water = await meter({ name: 'E2E 总水表', code: 'E2E-W1', energyType: 'water', unit: 'm3' });
  csvMeter = await meter({ name: 'E2E 导入电表', code: 'E2E-C1', energyType: 'electricity', unit: 'kWh' });
  // The month before last: the sheet's previous readings.
  await send(page, 'post', '/energy/readings/monthly', {
    month: monthBack(2),
    readings: [
      { meterId: electric.id, value: 1000 },
      { meterId: water.id, value: 50 },
    ],
  });
  await page.context().close();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('energy in the browser', () => {
  it('a unit enters last month’s readings on a phone: the negative warning first, then the consumption', async () => {
    const page = await as('unit_a', PHONE);
    const month = monthBack(1);
    await page.goto('/energy/readings');
    const row = page.getByTestId(`sheet-row-${electric.id}`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    // A register below last month's: the sheet warns before anything is sent.
    await field(page, `sheet-input-${electric.id}`).fill('900');
    await expect.poll(() => page.getByTestId(`sheet-warning-${electric.id}`).getAttribute('data-kind')).toBe('negative');
    expect(await row.getAttribute('data-warning')).toBe('negative');
    expect(Number(await page.getByTestId(`sheet-consumption-${electric.id}`).getAttribute('data-value'))).toBe(-200);
    await snap(page, 'energy-sheet-negative-phone');
    // The right value: (1100 − 1000) × multiplier 2, and no warning.
    await field(page, `sheet-input-${electric.id}`).fill('1100');
    await expect.poll(() => page.getByTestId(`sheet-warning-${electric.id}`).count()).toBe(0);
    await expect.poll(() => page.getByTestId(`sheet-consumption-${electric.id}`).getAttribute('data-value')).toBe('200');
    await field(page, `sheet-input-${water.id}`).fill('57.5');
    await expect.poll(() => page.getByTestId(`sheet-consumption-${water.id}`).getAttribute('data-value')).toBe('7.5');
    await page.getByTestId('sheet-submit').click();
    await expect.poll(() => page.getByTestId('sheet-result').getAttribute('data-result'), { timeout: 15_000 }).toBe('success');
    // Stored, and the sheet now shows the month as entered with the server's consumption.
    await expect.poll(() => page.getByTestId(`sheet-current-${electric.id}`).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId(`sheet-consumption-${electric.id}`).getAttribute('data-value')).toBe('200');
    const stored = await json<{ items: Reading[] }>(page, `/energy/readings?meterId=${electric.id}&pageSize=5`);
    expect(stored.items[0]).toMatchObject({ value: 1100, consumption: 200, flag: null });
    const sheet = await json<{ items: { meter: { id: number }; current: { value: number; consumption: number } | null }[] }>(
      page,
      `/energy/readings/monthly-sheet?orgId=${unitOrg}&month=${month}`,
    );
    expect(sheet.items.find((i) => i.meter.id === water.id)?.current).toMatchObject({ value: 57.5, consumption: 7.5 });
    await snap(page, 'energy-sheet-saved-phone');
    await page.context().close();
  });

  it('imports readings from CSV: a bad row shows the error report and stores nothing, then the good file imports', async () => {
    const page = await as('unit_a');
    const [m1, m2] = [monthBack(3), monthBack(2)];
    await page.goto('/energy/readings?tab=import');
    await page.getByTestId('reading-import-open').click();
    const input = page.locator('.ant-modal input[type=file]');
    await expect.poll(() => input.count(), { timeout: 15_000 }).toBe(1);
    const bad = `表号,读数时间,表底数\nE2E-C1,${lastDay(m1)},500\nE2E-NOPE,${lastDay(m2)},600\n`;
    await input.setInputFiles({ name: 'readings-bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad, 'utf8') });
    await expect.poll(() => page.getByTestId('import-failed').count(), { timeout: 15_000 }).toBe(1);
    const errorRows = page.getByTestId('import-error-row');
    expect(await errorRows.count()).toBe(1);
    expect(await errorRows.first().getAttribute('data-row')).toBe('3');
    await snap(page, 'energy-import-errors');
    expect((await json<{ total: number }>(page, `/energy/readings?meterId=${csvMeter.id}`)).total).toBe(0);

    const good = `\uFEFF表号,读数时间,表底数\nE2E-C1,${lastDay(m1)},500\nE2E-C1,${lastDay(m2)},620\n`;
    await input.setInputFiles({ name: 'readings.csv', mimeType: 'text/csv', buffer: Buffer.from(good, 'utf8') });
    await expect.poll(() => page.getByTestId('import-ok').getAttribute('data-imported'), { timeout: 15_000 }).toBe('2');
    expect(await page.getByTestId('import-failed').count()).toBe(0);
    const stored = await json<{ total: number; items: Reading[] }>(page, `/energy/readings?meterId=${csvMeter.id}`);
    expect(stored.total).toBe(2);
    expect(stored.items[0]).toMatchObject({ value: 620, consumption: 120 });
    await page.context().close();
  });

  it('the indicators page draws the ranking and its table leads with the unit the API ranks first', async () => {
    const page = await as('manager');
    await page.goto('/energy/indicators');
    await expect.poll(() => page.getByTestId('ind-table').count(), { timeout: 20_000 }).toBe(1);
    await pick(page, 'ind-key', '单位面积能耗', { type: false });
    await expect.poll(() => page.getByTestId('ind-rank-chart').getAttribute('data-key')).toBe('kgcePerSqm');
    // ECharts draws on a canvas inside the container once the chart has data.
    await expect.poll(() => page.getByTestId('ind-rank-chart').locator('canvas').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const range = page.getByTestId('ind-range');
    const from = await range.getAttribute('data-from');
    const to = await range.getAttribute('data-to');
    const api = await json<{ items: Indicator[] }>(page, `/energy/indicators?from=${from}&to=${to}`);
    const ranked = api.items.filter((i) => i.kgcePerSqm !== null).sort((a, b) => b.kgcePerSqm! - a.kgcePerSqm!);
    expect(ranked.length).toBeGreaterThan(1);
    const firstRow = page.locator('[data-testid="ind-table"] tbody tr[data-testid^="ind-row-"]').first();
    const firstOrg = Number(await firstRow.getAttribute('data-org'));
    // The first row holds the highest figure (a tie may put either unit first).
    expect(api.items.find((i) => i.orgId === firstOrg)?.kgcePerSqm).toBe(ranked[0]!.kgcePerSqm);
    expect(Number(await page.getByTestId(`ind-kgcePerSqm-${firstOrg}`).getAttribute('data-value'))).toBe(ranked[0]!.kgcePerSqm);
    await snap(page, 'energy-indicators');
    await page.context().close();
  });

  it('a unit changes a prefilled value of its annual report, gives the reason, submits; the bureau approves; the tracker shows it', async () => {
    const page = await as('unit_a');
    type Report = { prefill: Record<string, number>; derived: { kgce: number }; status: string; orgName: string };
    // Last year's report, or (where the demo district has already filed it) the most recent year still open.
    const open = ['not_started', 'draft'];
    let year = new Date().getFullYear() - 1;
    let report = await json<Report>(page, `/energy/reports/${unitOrg}/${year}`);
    while (!open.includes(report.status) && year > new Date().getFullYear() - 4) {
      year -= 1;
      report = await json<Report>(page, `/energy/reports/${unitOrg}/${year}`);
    }
    expect(open).toContain(report.status);
    await page.goto(`/energy/reports/${unitOrg}/${year}`);
    await expect.poll(() => page.getByTestId('report-form').getAttribute('data-status'), { timeout: 15_000 }).toBe(report.status);
    expect(Number(await page.getByTestId('report-prefill-headcount').getAttribute('data-value'))).toBe(report.prefill.headcount);
    // Unchanged fields need no reason.
    expect(await page.getByTestId('report-reason-electricity').count()).toBe(0);
    const kgceBefore = Number(await page.getByTestId('report-derived-kgce').getAttribute('data-value'));
    const electricity = report.prefill.electricity! + 1000;
    await field(page, 'report-value-electricity').fill(String(electricity));
    await expect.poll(() => page.getByTestId('report-row-electricity').getAttribute('data-changed')).toBe('true');
    expect(await page.getByTestId('report-reason-electricity').getAttribute('data-required')).toBe('true');
    // The derived standard coal follows the value as it is typed (1,000 kWh more).
    await expect
      .poll(async () => Number(await page.getByTestId('report-derived-kgce').getAttribute('data-value')))
      .toBeGreaterThan(kgceBefore);
    // Submitting without the reason is refused, field by field.
    await page.getByTestId('report-submit').click();
    await expect.poll(() => page.getByTestId('report-reason-missing-electricity').count()).toBe(1);
    expect(await page.getByTestId('report-error').count()).toBe(1);
    await snap(page, 'energy-report-reason-required');
    await page.getByTestId('report-reason-electricity').fill('新增机房，电表于年中接入');
    await expect.poll(() => page.getByTestId('report-reason-missing-electricity').count()).toBe(0);
    await page.getByTestId('report-submit').click();
    await page.getByTestId('report-submit-ok').click();
    await expect.poll(() => page.getByTestId('report-form').getAttribute('data-status'), { timeout: 15_000 }).toBe('pending');
    // Read-only now: the values are text, no inputs, no buttons.
    expect(await page.getByTestId('report-submit').count()).toBe(0);
    expect(Number(await page.getByTestId('report-value-electricity').getAttribute('data-value'))).toBe(electricity);
    const saved = await json<{ values: Record<string, number>; reasons: Record<string, string> }>(
      page,
      `/energy/reports/${unitOrg}/${year}`,
    );
    expect(saved.values.electricity).toBe(electricity);
    expect(saved.reasons.electricity).toBe('新增机房，电表于年中接入');
    await snap(page, 'energy-report-submitted');

    // The bureau opens the report from its to-do (the approval's record link), then approves.
    const manager = await as('manager');
    const title = `${report.orgName} ${year} 年能源资源消费统计年报`;
    await manager.goto('/approvals/inbox');
    await manager.getByTestId('inbox-table').getByText(title).first().click();
    await manager.getByTestId('approval-record-link').click();
    await expect.poll(() => manager.getByTestId('report-form').getAttribute('data-org'), { timeout: 15_000 }).toBe(String(unitOrg));
    expect(new URL(manager.url()).pathname).toBe(`/energy/reports/${unitOrg}/${year}`);
    expect(await manager.getByTestId('report-form').getAttribute('data-status')).toBe('pending');
    await approveFromInbox(manager, title);
    await manager.goto('/energy/reports');
    await pick(manager, 'tracker-year', String(year), { type: false });
    const row = manager.getByTestId(`tracker-row-${unitOrg}`);
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 15_000 }).toBe('approved');
    expect(await row.getAttribute('data-overdue')).toBe('false');
    const tracker = await json<{ items: { orgId: number; status: string; submittedAt: string | null }[] }>(
      manager,
      `/energy/reports/tracker?year=${year}`,
    );
    expect(tracker.items.find((i) => i.orgId === unitOrg)).toMatchObject({ status: 'approved' });
    await snap(manager, 'energy-report-tracker');
    await manager.context().close();
    await expect.poll(async () => (await json<{ status: string }>(page, `/energy/reports/${unitOrg}/${year}`)).status).toBe('approved');
    await page.context().close();
  });
  it('the inspector records the same waste three times on a phone, with a photo: the third raises a notice, which prints', async () => {
    const page = await as('inspector', PHONE);
    const unitB = await as('unit_b');
    const orgB = (await json<{ user: { orgId: number } }>(unitB, '/auth/me')).user.orgId;
    await unitB.context().close();
    const place = 'E2E 三楼东侧茶水间';
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
    await page.goto(`/energy/patrol?orgId=${orgB}`);
    await expect.poll(() => page.getByTestId('patrol-form').count(), { timeout: 15_000 }).toBe(1);
    const saved: { count: string | null; notice: string | null }[] = [];
    for (let n = 1; n <= 3; n++) {
      await page.getByTestId('patrol-location').fill(place);
      await page.getByTestId('patrol-kind-lights_on').click();
      if (n === 1) {
        await page
          .locator('[data-testid="patrol-photos"] input[type=file]')
          .setInputFiles({ name: 'lights.png', mimeType: 'image/png', buffer: png });
        await expect
          .poll(() => page.locator('[data-testid="patrol-photos"] .ant-upload-list-item-done').count(), { timeout: 15_000 })
          .toBe(1);
      }
      await page.getByTestId('patrol-submit').click();
      const result = page.getByTestId('patrol-saved');
      await expect
        .poll(
          async () =>
            (await result.count())
              ? 'saved'
              : ((await page
                  .getByTestId('patrol-error')
                  .textContent()
                  .catch(() => null)) ?? 'waiting'),
          { timeout: 15_000 },
        )
        .toBe('saved');
      saved.push({ count: await result.getAttribute('data-count'), notice: await result.getAttribute('data-notice') });
      if (n === 1) await snap(page, 'energy-patrol-saved-phone');
      if (n < 3) await page.getByTestId('patrol-another').click();
    }
    expect(saved.map((x) => x.count)).toEqual(['1', '2', '3']);
    expect(saved[0]!.notice).toBe('');
    const noticeId = Number(saved[2]!.notice);
    expect(noticeId).toBeGreaterThan(0);
    const findings = await json<{ items: { location: string | null; photos: number; countInPeriod: number }[] }>(
      page,
      `/energy/patrol-findings?orgId=${orgB}&kind=lights_on&pageSize=50`,
    );
    const mine = findings.items.filter((f) => f.location === place);
    expect(mine.map((f) => f.countInPeriod).sort()).toEqual([1, 2, 3]);
    expect(mine.find((f) => f.countInPeriod === 1)?.photos).toBe(1);
    const notice = await json<{ id: number; orgId: number; findings: number }>(page, `/energy/notices/${noticeId}`);
    expect(notice).toMatchObject({ id: noticeId, orgId: orgB });
    expect(notice.findings).toBeGreaterThanOrEqual(3);
    // The notice as printed: red head, the body, and none of the app around it on paper.
    await page.goto(`/energy/patrol?notice=${noticeId}`);
    await expect.poll(() => page.getByTestId('notice-print').getAttribute('data-notice'), { timeout: 15_000 }).toBe(String(noticeId));
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('notice-print').isVisible()).toBe(true);
    expect(await page.getByTestId('print-button').isVisible()).toBe(false);
    await snap(page, 'energy-notice-print-phone');
    await page.context().close();
  }, 300_000); // three submissions with an upload on a shared machine
});
