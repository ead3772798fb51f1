import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type RunningServer, approveFromInbox, field, pick, signedInPage, snap, startServer } from './harness';

/**
 * Office-space workflows in Chromium against the real server: a unit asks for space and the
 * bureau assigns an idle room in the picker and approves it (调配); a unit runs a routine
 * repair from request to filing and prints the before/after comparison (维修改造备案).
 * Every record the flows touch is created here (the demo's own allocations and repairs are
 * left alone); assertions use test ids and data attributes, never rendered glyphs.
 */
let server: RunningServer;
let browser: Browser;

const as = (username: string) => signedInPage(browser, server.baseUrl, username);
const json = async <T>(page: Page, path: string): Promise<T> => (await (await page.request.get(`/api/v1${path}`)).json()) as T;
async function post<T>(page: Page, path: string, body: unknown): Promise<T> {
  const { csrfToken } = await json<{ csrfToken: string }>(page, '/auth/me');
  const r = await page.request.post(`/api/v1${path}`, { data: body, headers: { 'x-csrf-token': csrfToken } });
  expect(r.status(), await r.text()).toBeLessThan(300);
  return (await r.json()) as T;
}
const idFromUrl = (page: Page) => Number(new URL(page.url()).searchParams.get('id'));
/** The OK button of the dialog on top. */
const okButton = (page: Page) => page.locator('.ant-modal-wrap:visible .ant-modal-footer .ant-btn-primary').last();
async function pickDate(page: Page, testId: string, date: string) {
  const input = page
    .getByTestId(testId)
    .locator('input')
    .or(page.locator(`input[data-testid="${testId}"]`))
    .first();
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('office-space workflows in the browser', () => {
  it('allocates an idle room to a unit that asks for space, through the picker and the inbox', async () => {
    // The bureau's own idle room for this test (the demo's idle rooms may be named by demo requests).
    const manager = await as('manager');
    const me = await json<{ user: { orgId: number } }>(manager, '/auth/me');
    const buildings = await json<{ items: { id: number }[] }>(manager, '/office-space/buildings');
    const floors = await json<{ items: { id: number; level: number }[] }>(
      manager,
      `/office-space/floors?buildingId=${buildings.items[0]!.id}`,
    );
    const room = await post<{ id: number }>(manager, '/office-space/rooms', {
      floorId: floors.items[0]!.id,
      number: 'E2E-A1',
      useClass: 'office',
      useType: 'office',
      area: 27.5,
      orgId: me.user.orgId,
      status: 'idle',
    });

    const unit = await as('unit_a');
    await unit.goto('/office/allocations');
    await unit.getByTestId('alloc-new').click();
    await field(unit, 'alloc-form-area').fill('27.5');
    await field(unit, 'alloc-form-headcount').fill('2');
    await field(unit, 'alloc-form-reason').fill('E2E 新组建专班 2 人，申请调配办公室');
    await okButton(unit).click();
    await expect.poll(() => unit.getByTestId('alloc-detail').getAttribute('data-status'), { timeout: 15_000 }).toBe('pending');
    const id = idFromUrl(unit);
    expect(id).toBeGreaterThan(0);

    // The bureau names the room in the picker (the approval's link opens the same detail).
    await manager.goto(`/office/allocations?id=${id}`);
    const row = manager.getByTestId(`idle-room-${room.id}`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await row.locator('input[type=checkbox]').check();
    await expect.poll(() => manager.getByTestId('idle-total').getAttribute('data-total')).toBe('27.5');
    await manager.getByTestId('idle-save').click();
    await expect
      .poll(async () =>
        (await json<{ rooms: { roomId: number }[] }>(manager, `/office-space/allocations/${id}`)).rooms.map((r) => r.roomId),
      )
      .toEqual([room.id]);
    await expect
      .poll(() => manager.getByTestId('alloc-area-after').getAttribute('data-value'))
      .not.toBe(await manager.getByTestId('alloc-area-before').getAttribute('data-value'));
    await snap(manager, 'office-allocation-picker');
    await approveFromInbox(manager, '申请调配办公用房 27.5');
    await manager.context().close();

    await unit.goto(`/office/allocations?id=${id}`);
    await expect.poll(() => unit.getByTestId('alloc-detail').getAttribute('data-status'), { timeout: 15_000 }).toBe('approved');
    const after = await json<{ orgId: number; status: string }>(unit, `/office-space/rooms/${room.id}`);
    expect(after.status).toBe('in_use');
    await unit.context().close();
  });

  it('runs a routine repair from request to filing and prints the areas before and after', async () => {
    const unit = await as('unit_a');
    const me = await json<{ user: { orgId: number } }>(unit, '/auth/me');
    const mine = await json<{ items: { buildingId: number; buildingName: string; floorId: number }[] }>(
      unit,
      `/office-space/rooms?orgId=${me.user.orgId}&pageSize=1`,
    );
    const home = mine.items[0]!;
    // A room of the unit for this test: the works re-measure it from 20 to 18.5 ㎡.
    const manager = await as('manager');
    const room = await post<{ id: number }>(manager, '/office-space/rooms', {
      floorId: home.floorId,
      number: 'E2E-R1',
      useClass: 'service',
      useType: 'storage',
      area: 20,
      orgId: me.user.orgId,
    });

    await unit.goto('/office/repairs');
    await unit.getByTestId('repair-new').click();
    await pick(unit, 'repair-form-building', home.buildingName);
    await field(unit, 'repair-form-title').fill('E2E 储藏室门窗更换');
    await field(unit, 'repair-form-budget').fill('38000');
    await pickDate(unit, 'repair-form-start', '2026-12-01');
    await pickDate(unit, 'repair-form-end', '2026-12-20');
    await field(unit, 'repair-form-assessment').fill('门窗老化变形，经检查需日常维修更换');
    await okButton(unit).click();
    await expect.poll(() => unit.getByTestId('repair-detail').getAttribute('data-status'), { timeout: 15_000 }).toBe('pending');
    const id = idFromUrl(unit);
    expect(id).toBeGreaterThan(0);

    await approveFromInbox(manager, 'E2E 储藏室门窗更换');
    await manager.context().close();

    await unit.goto(`/office/repairs?id=${id}`);
    await unit.getByTestId('repair-start').click();
    await okButton(unit).click();
    await expect.poll(() => unit.getByTestId('repair-detail').getAttribute('data-status'), { timeout: 15_000 }).toBe('in_progress');
    await unit.getByTestId('repair-complete').click();
    await field(unit, 'progress-cost').fill('37200');
    await field(unit, 'progress-note').fill('经竣工验收合格');
    await okButton(unit).click();
    await expect.poll(() => unit.getByTestId('repair-detail').getAttribute('data-status'), { timeout: 15_000 }).toBe('completed');

    await unit.getByTestId('repair-file').click();
    const area = field(unit, `filing-area-${room.id}`);
    await expect.poll(() => area.count(), { timeout: 15_000 }).toBe(1);
    await area.fill('18.5');
    await area.press('Tab');
    await expect.poll(() => unit.getByTestId('filing-changed').getAttribute('data-count')).toBe('1');
    await snap(unit, 'office-repair-filing');
    await unit.getByTestId('filing-submit').click();
    await expect.poll(() => unit.getByTestId('repair-detail').getAttribute('data-status'), { timeout: 15_000 }).toBe('filed');
    expect((await json<{ area: number }>(unit, `/office-space/rooms/${room.id}`)).area).toBe(18.5);

    await unit.getByTestId('repair-compare').click();
    const cmp = unit.getByTestId(`compare-room-${room.id}`);
    await expect.poll(() => cmp.count(), { timeout: 15_000 }).toBe(1);
    expect(await cmp.getAttribute('data-before')).toBe('20');
    expect(await cmp.getAttribute('data-after')).toBe('18.5');
    const text = (await cmp.textContent()) ?? '';
    expect(text).toContain('20.00');
    expect(text).toContain('18.50');
    expect(await unit.getByTestId('compare-total-gross').count()).toBe(1);
    expect(await unit.getByTestId('print-button').count()).toBe(1);
    await snap(unit, 'office-repair-comparison');
    await unit.context().close();
  });
});
