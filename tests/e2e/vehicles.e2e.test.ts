import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { DEMO_PASSWORD, type RunningServer, approveFromInbox, field, pick, signedInPage, snap, startServer } from './harness';

/**
 * Official vehicles in Chromium against the real server and the demo district: a car request
 * made on a phone goes through approval, dispatch, the driver's odometer readings and the
 * applicant's confirmation; a purchase request that breaks the caps shows its failed checks;
 * a double booking shows the server's 409. The test makes its own vehicle, driver and
 * dispatcher accounts; assertions use test ids and data, never rendered glyphs.
 */
let server: RunningServer;
let browser: Browser;
const PHONE = { width: 390, height: 844 };
const stamp = String(Date.now()).slice(-5);
const plate = `苏E${stamp}`;
const driverName = `驾驶员${stamp}`;
const ids: { unitA: number; bureau: number; vehicle: number; driver: number } = { unitA: 0, bureau: 0, vehicle: 0, driver: 0 };

const as = (username: string, viewport?: { width: number; height: number }) => signedInPage(browser, server.baseUrl, username, viewport);
const json = async <T>(page: Page, path: string): Promise<T> => (await (await page.request.get(`/api/v1${path}`)).json()) as T;

/** An API answer: the few fields the setup reads (an id, or the error). */
type Res = { status: number; body: { id: number; error: { code: string; message: string } } };
/** An API session for setting up data (the UI is what the tests exercise). */
type Api = {
  user: { id: number; orgId: number };
  get: <T = unknown>(path: string) => Promise<T>;
  send: (method: 'post' | 'put' | 'patch', path: string, data?: unknown) => Promise<Res>;
  ctx: APIRequestContext;
};
async function apiAs(username: string, password = DEMO_PASSWORD): Promise<Api> {
  const ctx = await request.newContext({ baseURL: server.baseUrl });
  const r = await ctx.post('/api/v1/auth/login', { data: { username, password } });
  expect(r.status(), await r.text()).toBe(200);
  const { user, csrfToken } = (await r.json()) as { user: { id: number; orgId: number }; csrfToken: string };
  return {
    user,
    ctx,
    get: async (path) => (await (await ctx.get(`/api/v1${path}`)).json()) as never,
    send: async (method, path, data) => {
      const res = await ctx[method](`/api/v1${path}`, { data: data ?? {}, headers: { 'x-csrf-token': csrfToken } });
      return { status: res.status(), body: await res.json().catch(() => null) };
    },
  };
}
async function ok(p: Promise<Res>, status = 200) {
  const r = await p;
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  return r.body;
}
/** A new account with one role, its first password already changed to the demo password. */
async function account(admin: Api, secadmin: Api, username: string, orgId: number, roleCode: string, personId?: number) {
  const temp = 'Temp#2026-e2e';
  const acc = await ok(admin.send('post', '/accounts', { username, displayName: username, orgId, personId, password: temp }));
  await ok(secadmin.send('post', '/role-assignments', { accountId: acc.id, roleCode, orgId }));
  const self = await apiAs(username, temp);
  await ok(self.send('post', '/auth/password', { currentPassword: temp, newPassword: DEMO_PASSWORD }));
  await self.ctx.dispose();
}
/** A Wednesday three weeks or more ahead (YYYY-MM-DD, the browser's day): a working day, far from today's bookings. */
function futureWednesday(offsetDays = 0) {
  const d = new Date(Date.now() + 21 * 86_400_000);
  while (d.getDay() !== 3) d.setDate(d.getDate() + 1);
  d.setDate(d.getDate() + offsetDays);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const [manager, unitA, admin, secadmin] = [await apiAs('manager'), await apiAs('unit_a'), await apiAs('admin'), await apiAs('secadmin')];
  ids.unitA = unitA.user.orgId;
  ids.bureau = manager.user.orgId;
  // A 7-seat vehicle of unit A, a driver of unit A who signs in, and a dispatcher over the district.
  ids.vehicle = (
    await ok(
      unitA.send('post', '/vehicles', {
        plate,
        orgId: ids.unitA,
        type: 'other',
        brand: '红旗',
        model: 'HQ9 E2E',
        domestic: true,
        bodyType: 'mpv',
        energy: 'electric',
        displacement: null,
        seats: 7,
        price: 175000,
        purchaseDate: '2023-03-01',
        odometerKm: 12000,
        marking: 'official',
        supervisionPhone: '025-12345678',
      }),
      201,
    )
  ).id;
  ids.driver = (
    await ok(unitA.send('post', '/people', { name: driverName, orgId: ids.unitA, postLevel: '199', staffingType: 'worker' }))
  ).id;
  await ok(manager.send('post', '/vehicles/drivers', { personId: ids.driver, licenceClass: 'B1', licenceExpiry: '2031-12-31' }), 201);
  await account(admin, secadmin, `e2e_driver_${stamp}`, ids.unitA, 'driver', ids.driver);
  await account(admin, secadmin, `e2e_dispatch_${stamp}`, ids.bureau, 'dispatcher');
  for (const a of [manager, unitA, admin, secadmin]) await a.ctx.dispose();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('official vehicles in the browser', () => {
  it('runs a car request from a phone through approval, dispatch, the trip and confirmation', async () => {
    const day = futureWednesday();
    const purpose = `E2E 赴城东街道调研 ${stamp}`;
    // 1. Staff asks for a car on a phone.
    const staff = await as('staff', PHONE);
    await staff.goto('/vehicles/request');
    await staff.getByTestId('trip-purpose').fill(purpose);
    await staff.getByTestId('trip-origin').fill('机关大院');
    await staff.getByTestId('trip-destination').fill('城东街道');
    await staff.getByTestId('trip-start').fill(`${day}T09:00`);
    await staff.getByTestId('trip-end').fill(`${day}T11:30`);
    await field(staff, 'trip-passengers').fill('3');
    await snap(staff, 'vehicles-request-phone');
    await staff.getByTestId('trip-submit').click();
    await expect.poll(() => staff.getByTestId('my-trips').count(), { timeout: 15_000 }).toBe(1);
    const mine = await json<{ items: { id: number; purpose: string; status: string; restDay: boolean }[] }>(
      staff,
      '/vehicles/trip-requests?mine=true&pageSize=100',
    );
    const trip = mine.items.find((x) => x.purpose === purpose)!;
    expect(trip).toMatchObject({ status: 'pending' });
    await expect.poll(() => staff.getByTestId(`my-trip-${trip.id}`).getAttribute('data-status')).toBe('pending');

    // 2. The unit approves from the inbox (and a bureau leader too, should the day be a rest day).
    const unit = await as('unit_a');
    await approveFromInbox(unit, purpose);
    await unit.context().close();
    const afterUnit = await json<{ status: string }>(staff, `/vehicles/trip-requests/${trip.id}`);
    if (afterUnit.status === 'pending') {
      const leader = await as('leader');
      await approveFromInbox(leader, purpose);
      await leader.context().close();
    }
    await expect.poll(async () => (await json<{ status: string }>(staff, `/vehicles/trip-requests/${trip.id}`)).status).toBe('approved');

    // 3. The dispatcher assigns the vehicle and the driver.
    const dispatcher = await as(`e2e_dispatch_${stamp}`);
    await dispatcher.goto('/vehicles/dispatch');
    await dispatcher.getByTestId(`trip-assign-${trip.id}`).click();
    await pick(dispatcher, 'assign-vehicle', plate);
    await pick(dispatcher, 'assign-driver', driverName);
    await snap(dispatcher, 'vehicles-assign');
    await dispatcher.getByTestId('assign-submit').click();
    await expect
      .poll(async () => (await json<{ status: string }>(staff, `/vehicles/trip-requests/${trip.id}`)).status, { timeout: 15_000 })
      .toBe('assigned');
    await expect.poll(() => dispatcher.getByTestId(`trip-assign-${trip.id}`).count()).toBe(0);
    await dispatcher.context().close();

    // The applicant sees which car comes and who drives it, on the phone.
    await staff.goto('/vehicles/request?tab=mine');
    await expect.poll(() => staff.getByTestId(`my-trip-car-${trip.id}`).textContent(), { timeout: 15_000 }).toContain(plate);
    expect(await staff.getByTestId(`my-trip-car-${trip.id}`).textContent()).toContain(driverName);

    // 4. The driver starts and ends the trip on a phone with the odometer readings.
    const driver = await as(`e2e_driver_${stamp}`, PHONE);
    await driver.goto('/vehicles/request');
    const tasks = await json<{ items: { id: number; tripRequestId: number | null; status: string }[] }>(
      driver,
      '/vehicles/bookings?mine=true&pageSize=50',
    );
    const booking = tasks.items.find((b) => b.tripRequestId === trip.id)!;
    expect(booking.status).toBe('booked');
    await driver.getByTestId(`trip-start-${booking.id}`).click();
    // The driver sees the vehicle's last reading before typing the new one.
    await expect.poll(() => driver.getByTestId('odometer-last').textContent()).toContain('12,000');
    await field(driver, 'odometer-input').fill('12010');
    // The test starts days before the booked morning: without a reason the server refuses and says why.
    await driver.getByTestId('odometer-submit').click();
    await expect.poll(() => driver.getByTestId('odometer-error').textContent(), { timeout: 15_000 }).toContain('分钟');
    await driver.getByTestId('odometer-reason').fill('提前出车试验');
    await expect.poll(() => field(driver, 'odometer-input').inputValue()).toBe('12010');
    await driver.getByTestId('odometer-submit').click();
    // The dialog closes on success; a refusal stays in it with the server's words (shown if this fails).
    await expect
      .poll(async () =>
        (await driver.getByTestId('odometer-input').count()) === 0
          ? 'closed'
          : ((await driver
              .getByTestId('odometer-error')
              .textContent()
              .catch(() => null)) ?? 'open'),
      )
      .toBe('closed');
    await expect
      .poll(() => driver.getByTestId(`driver-trip-${booking.id}`).getAttribute('data-status'), { timeout: 15_000 })
      .toBe('in_progress');
    await driver.getByTestId(`trip-finish-${booking.id}`).click();
    // Below the departure reading: the server refuses and the dialog says why.
    await field(driver, 'odometer-input').fill('12005');
    await driver.getByTestId('odometer-submit').click();
    await expect.poll(() => driver.getByTestId('odometer-error').count(), { timeout: 15_000 }).toBe(1);
    await field(driver, 'odometer-input').fill('12086');
    // 76 km a minute after the start is faster than any car: the reason goes with it.
    await driver.getByTestId('odometer-reason').fill('补录里程');
    await driver.getByTestId('odometer-submit').click();
    await expect
      .poll(() => driver.getByTestId(`driver-trip-${booking.id}`).getAttribute('data-status'), { timeout: 15_000 })
      .toBe('completed');
    await snap(driver, 'vehicles-driver-phone');
    await driver.context().close();

    // 5. The applicant confirms the finished trip.
    await staff.goto('/vehicles/request?tab=mine');
    await staff.getByTestId(`trip-confirm-${trip.id}`).click();
    await staff.getByTestId('trip-confirm-ok').click();
    await expect
      // Generous on a loaded runner (it once took longer than 15 s while other suites ran).
      .poll(async () => (await json<{ status: string }>(staff, `/vehicles/trip-requests/${trip.id}`)).status, { timeout: 40_000 })
      .toBe('confirmed');
    await expect.poll(() => staff.getByTestId(`my-trip-${trip.id}`).getAttribute('data-status'), { timeout: 15_000 }).toBe('confirmed');
    await snap(staff, 'vehicles-my-requests-phone');
    await staff.context().close();

    // The trip is in the vehicle's history file with the distance driven.
    const manager = await as('manager');
    expect((await json<{ odometerKm: number }>(manager, `/vehicles/${ids.vehicle}`)).odometerKm).toBe(12086);
    await manager.goto(`/vehicles/register?id=${ids.vehicle}`);
    await expect.poll(() => manager.getByTestId('vehicle-history').getByTestId('event-trip').count(), { timeout: 15_000 }).toBe(1);
    await snap(manager, 'vehicles-history');
    await manager.context().close();
  });

  it('shows the failed cap checks of a purchase request', async () => {
    const page = await as('manager');
    await page.goto('/vehicles/purchases');
    await page.getByTestId('purchase-new').click();
    await expect.poll(() => page.getByTestId('purchase-form').count()).toBe(1);
    // A leader's fixed car as a 2.5 L fuel SUV over the price cap, with no fuel reason.
    // Choose, then confirm the form took the choice (a click during a dropdown's animation can miss).
    await pick(page, 'purchase-form-body', 'SUV', { type: false });
    await pick(page, 'purchase-form-energy', '汽油', { type: false });
    await field(page, 'purchase-form-displacement').fill('2.5');
    await field(page, 'purchase-form-price').fill('320000');
    await page.getByTestId('purchase-form-model').fill(`E2E SUV ${stamp}`);
    await page.getByTestId('purchase-form-leader').check();
    await expect.poll(() => page.getByTestId('purchase-form-leader').isChecked()).toBe(true);
    await expect.poll(() => page.getByTestId('purchase-form-fuel-reason').count()).toBe(1);
    await page.getByTestId('purchase-form-reason').fill('领导干部固定用车（端到端测试）');
    await page.getByTestId('purchase-submit').click();
    await expect.poll(() => page.getByTestId('purchase-result').count(), { timeout: 15_000 }).toBe(1);
    const checks = page.getByTestId('purchase-checks');
    for (const rule of ['price', 'displacement', 'leader_no_suv', 'new_energy_first'])
      expect(await checks.getByTestId(`check-${rule}`).getAttribute('data-passed'), rule).toBe('false');
    expect(await checks.getByTestId('check-domestic').getAttribute('data-passed')).toBe('true');
    expect(Number(await checks.getAttribute('data-failed'))).toBeGreaterThanOrEqual(4);
    expect(await checks.locator('.vh-check-fail').count()).toBeGreaterThanOrEqual(4);
    // The server's wording comes with each rule.
    const id = Number(await page.getByTestId('purchase-result').getAttribute('data-id'));
    const saved = await json<{ checks: { rule: string; message: string }[]; status: string }>(page, `/vehicles/purchase-requests/${id}`);
    expect(saved.status).toBe('pending');
    expect(await checks.getByTestId('check-price').textContent()).toContain(saved.checks.find((c) => c.rule === 'price')!.message);
    await snap(page, 'vehicles-purchase-checks');
    await page.getByTestId('purchase-done').click();
    await expect.poll(() => page.getByTestId(`purchase-${id}`).count(), { timeout: 15_000 }).toBe(1);
    await page.context().close();
  });

  it('shows the 409 when the dispatcher double-books a vehicle', async () => {
    const day = futureWednesday(1);
    const dispatcherApi = await apiAs(`e2e_dispatch_${stamp}`);
    const slot = { vehicleId: ids.vehicle, driverId: ids.driver, purpose: `E2E 既有派车 ${stamp}` };
    const tz = (local: string) => {
      const d = new Date(local);
      const off = -d.getTimezoneOffset();
      const sign = off >= 0 ? '+' : '-';
      return `${local}:00${sign}${String(Math.floor(Math.abs(off) / 60)).padStart(2, '0')}:${String(Math.abs(off) % 60).padStart(2, '0')}`;
    };
    await ok(dispatcherApi.send('post', '/vehicles/bookings', { ...slot, start: tz(`${day}T14:00`), end: tz(`${day}T16:00`) }), 201);
    const clash = await dispatcherApi.send('post', '/vehicles/bookings', { ...slot, start: tz(`${day}T15:00`), end: tz(`${day}T17:00`) });
    expect(clash.status).toBe(409);
    await dispatcherApi.ctx.dispose();

    const page = await as(`e2e_dispatch_${stamp}`);
    await page.goto('/vehicles/dispatch');
    await page.getByTestId('booking-new').click();
    await pick(page, 'booking-vehicle', plate);
    await pick(page, 'booking-driver', driverName);
    await page.getByTestId('booking-start').fill(`${day}T15:00`);
    await page.getByTestId('booking-end').fill(`${day}T17:00`);
    await page.getByTestId('booking-purpose').fill(`E2E 冲突派车 ${stamp}`);
    await page.getByTestId('booking-submit').click();
    const alert = page.getByTestId('booking-error');
    await expect.poll(() => alert.count(), { timeout: 15_000 }).toBe(1);
    expect(await alert.getAttribute('data-status')).toBe('409');
    expect(await alert.getAttribute('data-code')).toBe(clash.body.error.code);
    expect(await alert.textContent()).toContain(clash.body.error.message);
    // …with the booking in the way.
    await expect.poll(() => page.getByTestId('booking-clashes').textContent()).toContain(slot.purpose);
    // The dialog stays open with the form as filled, for another vehicle or time.
    expect(await page.getByTestId('booking-form').count()).toBe(1);
    await snap(page, 'vehicles-booking-conflict');
    await page.context().close();
  });
});
