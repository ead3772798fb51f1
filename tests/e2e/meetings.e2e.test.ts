import { type APIRequestContext, type Browser, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, cnDate } from '../../src/contracts/dates';
import { launchBrowser } from './browser';
import { DEMO_PASSWORD, type RunningServer, field, pick, signedInPage, snap, startServer } from './harness';

/**
 * Meeting rooms in Chromium against the real server: a room found and booked on a phone (the
 * smallest that fits first), a weekly series whose second week is taken (all or nothing names
 * the date; skipping books the rest), the door display free and busy with its device token and
 * refused once the token is revoked, and the organiser's check-in from My bookings. The test
 * makes its own rooms and meeting-desk account; assertions read test ids and data attributes.
 */
let server: RunningServer;
let browser: Browser;
const PHONE = { width: 390, height: 844 };
const stamp = String(Date.now()).slice(-5);
const building = `E2E会议楼${stamp}`;
const desk = `e2e_desk_${stamp}`;
const ids = { small: 0, large: 0, series: 0, door: 0, checkin: 0 };

const as = (username: string, viewport?: { width: number; height: number }) => signedInPage(browser, server.baseUrl, username, viewport);

type Res = { status: number; body: { id: number; status: string; error: { code: string; message: string } } };
type Api = {
  user: { id: number; orgId: number };
  get: <T = unknown>(path: string) => Promise<T>;
  send: (method: 'post' | 'patch', path: string, data?: unknown) => Promise<Res>;
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
async function account(admin: Api, secadmin: Api, username: string, orgId: number, roleCode: string) {
  const temp = 'Temp#2026-e2e';
  const acc = await ok(admin.send('post', '/accounts', { username, displayName: username, orgId, password: temp }));
  await ok(secadmin.send('post', '/role-assignments', { accountId: acc.id, roleCode, orgId }));
  const self = await apiAs(username, temp);
  await ok(self.send('post', '/auth/password', { currentPassword: temp, newPassword: DEMO_PASSWORD }));
  await self.ctx.dispose();
}
/** A Wednesday four weeks or more ahead (a China day, YYYY-MM-DD): a working day, far from today's bookings. */
function futureWednesday() {
  let d = cnDate(Date.now() + 28 * 86_400_000);
  while (new Date(`${d}T00:00:00Z`).getUTCDay() !== 3) d = addDays(d, 1);
  return d;
}
const plusDays = addDays;
/** An instant `min` minutes from now, ISO with its offset. */
const inMinutes = (min: number) => new Date(Date.now() + min * 60_000).toISOString();

let manager: Api;
let staff: Api;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  manager = await apiAs('manager');
  staff = await apiAs('staff');
  const [admin, secadmin] = [await apiAs('admin'), await apiAs('secadmin')];
  await account(admin, secadmin, desk, manager.user.orgId, 'meeting_desk');
  const room = async (name: string, capacity: number, extra: Record<string, unknown> = {}) =>
    (
      await ok(
        manager.send('post', '/meetings/rooms', {
          name,
          orgId: manager.user.orgId,
          buildingName: building,
          floor: '3',
          capacity,
          bufferMinutes: 15,
          requiresApproval: false,
          openFrom: '00:00',
          openTo: '24:00',
          openWeekdays: [1, 2, 3, 4, 5, 6, 7],
          equipment: ['projector'],
          ...extra,
        }),
        201,
      )
    ).id;
  // Two rooms that hold 12: the smaller must come first.
  ids.large = await room(`大会议室${stamp}`, 40);
  ids.small = await room(`小会议室${stamp}`, 14);
  ids.series = await room(`周例会室${stamp}`, 20, { buildingName: `${building}B` });
  ids.door = await room(`门牌室${stamp}`, 10, { buildingName: `${building}C` });
  ids.checkin = await room(`签到室${stamp}`, 10, { buildingName: `${building}D` });
  for (const a of [admin, secadmin]) await a.ctx.dispose();
}, 240_000);
afterAll(async () => {
  await manager?.ctx.dispose();
  await staff?.ctx.dispose();
  await browser?.close();
  await server?.stop();
});

/** Fills the find form and searches. */
async function find(page: Page, day: string, from: string, to: string, attendees: number, inBuilding: string) {
  await page.goto('/meetings/book');
  await page.getByTestId('find-date').fill(day);
  await page.getByTestId('find-start').fill(from);
  await page.getByTestId('find-end').fill(to);
  await field(page, 'find-attendees').fill(String(attendees));
  await pick(page, 'find-building', inBuilding);
  await page.getByTestId('find-submit').click();
}

describe('meeting rooms in the browser', () => {
  it('finds and books a room on a phone, the smallest that fits first', async () => {
    const day = futureWednesday();
    const title = `E2E 调度会 ${stamp}`;
    const page = await as('staff', PHONE);
    await find(page, day, '09:00', '10:30', 12, building);
    const cards = page.getByTestId('find-results').locator('[data-testid^="room-card-"]');
    await expect.poll(() => cards.count(), { timeout: 15_000 }).toBe(2);
    expect(await cards.first().getAttribute('data-testid')).toBe(`room-card-${ids.small}`);
    await snap(page, 'meetings-find-phone');
    await page.getByTestId(`room-book-${ids.small}`).click();
    await page.getByTestId('book-title').fill(title);
    await page.getByTestId('book-submit').click();
    await expect.poll(() => page.getByTestId('book-form').count(), { timeout: 15_000 }).toBe(0);
    const mine = await staff.get<{ items: { roomId: number; title: string; status: string; start: string }[] }>(
      `/meetings/bookings?mine=true&q=${encodeURIComponent(title)}`,
    );
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ roomId: ids.small, status: 'booked' });
    expect(Date.parse(mine.items[0]!.start)).toBe(Date.parse(`${day}T09:00:00+08:00`));
    // Booked, the room no longer shows as free for that time.
    await page.getByTestId('find-submit').click();
    await expect.poll(() => page.getByTestId(`room-card-${ids.small}`).count(), { timeout: 15_000 }).toBe(0);
    await page.context().close();
  });

  it('shows the taken date of a weekly series and books the rest when told to skip it', async () => {
    const day = futureWednesday();
    const taken = plusDays(day, 7);
    await ok(
      manager.send('post', '/meetings/bookings', {
        roomId: ids.series,
        title: `占用 ${stamp}`,
        start: `${taken}T08:30:00+08:00`,
        end: `${taken}T09:30:00+08:00`,
        attendees: 5,
      }),
      201,
    );
    const page = await as('staff');
    await find(page, day, '09:00', '10:00', 8, `${building}B`);
    await page.getByTestId(`room-book-${ids.series}`).click();
    await page.getByTestId('book-title').fill(`局务会 ${stamp}`);
    await page.getByTestId('book-recurring').click();
    await field(page, 'book-count').fill('4');
    await page.getByTestId('book-submit').click();
    // All or nothing: refused, the taken date named.
    await expect.poll(() => page.getByTestId('conflict-date').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('conflict-date').getAttribute('data-date')).toBe(taken);
    await snap(page, 'meetings-series-conflict');
    const before = await staff.get<{ total: number }>(`/meetings/bookings?mine=true&roomId=${ids.series}`);
    expect(before.total).toBe(0);
    // Skip the conflicts: three booked, the taken date listed.
    await page.getByTestId('mode-skip').click();
    await page.getByTestId('book-submit').click();
    await expect.poll(() => page.getByTestId('series-result').count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId('series-result').getAttribute('data-created')).toBe('3');
    expect(await page.getByTestId('skipped-date').getAttribute('data-date')).toBe(taken);
    const after = await staff.get<{ items: { start: string; seriesId: number | null }[] }>(
      `/meetings/bookings?mine=true&roomId=${ids.series}&pageSize=20`,
    );
    expect(after.items).toHaveLength(3);
    expect(after.items.every((b) => b.seriesId !== null)).toBe(true);
    await page.context().close();
  });

  it('shows the door display free and busy with its token and refuses it once revoked', async () => {
    const page = await as(desk);
    await page.goto('/meetings/rooms');
    await page.getByTestId('rooms-q').fill(`门牌室${stamp}`);
    await page.getByTestId('rooms-q').press('Enter');
    await page.getByTestId(`room-displays-${ids.door}`).click();
    await page.getByTestId('display-label').fill('东门平板');
    await page.getByTestId('display-create').click();
    await expect.poll(() => page.getByTestId('display-url').count(), { timeout: 15_000 }).toBe(1);
    const url = ((await page.getByTestId('display-url').textContent()) ?? '').trim();
    expect(url).toContain(`/display/room/${ids.door}?token=`);

    // The tablet: no account.
    const tablet = await (await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' })).newPage();
    await tablet.goto(url);
    await expect.poll(() => tablet.getByTestId('display').getAttribute('data-busy'), { timeout: 15_000 }).toBe('false');
    expect(await tablet.getByTestId('display-qr').getAttribute('data-kind')).toBe('book');
    await snap(tablet, 'meetings-display-free');
    // A meeting under way: busy, and its organiser may check in by the QR.
    await ok(
      staff.send('post', '/meetings/bookings', {
        roomId: ids.door,
        title: `门牌测试 ${stamp}`,
        start: inMinutes(-1),
        end: inMinutes(60),
        attendees: 4,
      }),
      201,
    );
    await tablet.reload();
    await expect.poll(() => tablet.getByTestId('display').getAttribute('data-busy'), { timeout: 15_000 }).toBe('true');
    expect(await tablet.getByTestId('display-qr').getAttribute('data-kind')).toBe('check_in');
    await snap(tablet, 'meetings-display-busy');

    // Revoked: the same link is refused (and the tablet is not sent to the sign-in page).
    const token = (
      await manager.get<{ items: { id: number; label: string; revokedAt: string | null }[] }>(`/meetings/display-tokens?roomId=${ids.door}`)
    ).items.find((x) => x.label === '东门平板')!;
    await page.getByTestId(`token-revoke-${token.id}`).click();
    await page.getByTestId('revoke-ok').click();
    await expect
      .poll(
        async () =>
          (
            await manager.get<{ items: { id: number; revokedAt: string | null }[] }>(`/meetings/display-tokens?roomId=${ids.door}`)
          ).items.find((x) => x.id === token.id)?.revokedAt ?? null,
        { timeout: 15_000 },
      )
      .not.toBeNull();
    await tablet.reload();
    await expect.poll(() => tablet.getByTestId('display-refused').count(), { timeout: 15_000 }).toBe(1);
    expect(new URL(tablet.url()).pathname).toBe(`/display/room/${ids.door}`);
    await tablet.context().close();
    await page.context().close();
  });

  it('checks in from My bookings', async () => {
    const b = await ok(
      staff.send('post', '/meetings/bookings', {
        roomId: ids.checkin,
        title: `签到测试 ${stamp}`,
        start: inMinutes(-1),
        end: inMinutes(45),
        attendees: 6,
      }),
      201,
    );
    const page = await as('staff', PHONE);
    await page.goto('/meetings/mine');
    await expect.poll(() => page.getByTestId(`check-in-${b.id}`).count(), { timeout: 15_000 }).toBe(1);
    await snap(page, 'meetings-mine-phone');
    await page.getByTestId(`check-in-${b.id}`).click();
    await expect
      .poll(async () => (await staff.get<{ status: string }>(`/meetings/bookings/${b.id}`)).status, { timeout: 15_000 })
      .toBe('checked_in');
    await expect.poll(() => page.getByTestId(`booking-${b.id}`).getAttribute('data-status'), { timeout: 15_000 }).toBe('checked_in');
    await expect.poll(() => page.getByTestId(`check-in-${b.id}`).count()).toBe(0);
    await page.context().close();
  });
});
