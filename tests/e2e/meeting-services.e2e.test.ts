import { type APIRequestContext, type Browser, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { DEMO_PASSWORD, type RunningServer, signedInPage, snap, startServer } from './harness';

/**
 * Meeting services in Chromium against the real server and the demo district: the desk orders
 * services for a demo booking and assigns the demo `meeting_staff`, who ticks the set-up
 * checklist on a phone; the tick reaches the server (the line done, the order in progress).
 */
let server: RunningServer;
let browser: Browser;
const PHONE = { width: 390, height: 844 };
let desk: { ctx: APIRequestContext; csrf: string };
const ids = { order: 0, task: 0 };

async function apiAs(username: string) {
  const ctx = await request.newContext({ baseURL: server.baseUrl });
  const r = await ctx.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } });
  expect(r.status(), await r.text()).toBe(200);
  return { ctx, csrf: ((await r.json()) as { csrfToken: string }).csrfToken };
}
const get = async <T>(path: string): Promise<T> => (await (await desk.ctx.get(`/api/v1${path}`)).json()) as T;
async function post<T>(path: string, data: unknown, status = 200): Promise<T> {
  const r = await desk.ctx.post(`/api/v1${path}`, { data, headers: { 'x-csrf-token': desk.csrf } });
  expect(r.status(), await r.text()).toBe(status);
  return (await r.json()) as T;
}

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  desk = await apiAs('meeting_desk');
  // A coming demo meeting in a room the desk manages, with a fresh order accepted for meeting_staff.
  const bookings = await get<{ items: { id: number; start: string; status: string }[] }>('/meetings/bookings?status=booked&pageSize=100');
  const booking = bookings.items.find((b) => Date.parse(b.start) > Date.now() + 3_600_000);
  expect(booking).toBeDefined();
  const order = await post<{ id: number }>('/meetings/service-orders', { bookingId: booking!.id, teaCount: 10, nameplates: ['张明'] }, 201);
  ids.order = order.id;
  const staff = await get<{ id: number; name: string }[]>('/meetings/service-staff');
  const me = staff.find((s) => s.name === '会务服务人员');
  expect(me).toBeDefined();
  await post(`/meetings/service-orders/${order.id}/accept`, { assigneeId: me!.id });
  const tasks = await get<{ items: { id: number; phase: string }[] }>(`/meetings/service-tasks?orderId=${order.id}`);
  ids.task = tasks.items.find((t) => t.phase === 'before')!.id;
}, 300_000);
afterAll(async () => {
  await desk?.ctx.dispose();
  await browser?.close();
  await server?.stop();
});

describe('meeting services in the browser', () => {
  it('the service staff ticks the set-up checklist on a phone', async () => {
    const page = await signedInPage(browser, server.baseUrl, 'meeting_staff', PHONE);
    await page.goto('/meetings/service-tasks');
    const card = page.getByTestId(`service-task-${ids.task}`);
    await card.waitFor();
    const line = page.getByTestId(`task-${ids.task}-line-0`);
    expect(await line.isChecked()).toBe(false);
    await line.click();
    await expect.poll(async () => line.isChecked()).toBe(true);
    await snap(page, 'meeting-services-tasks-phone');
    const task = await get<{ items: { id: number; checklist: { done: boolean }[] }[] }>(`/meetings/service-tasks?orderId=${ids.order}`);
    expect(task.items.find((t) => t.id === ids.task)!.checklist[0]!.done).toBe(true);
    expect((await get<{ status: string }>(`/meetings/service-orders/${ids.order}`)).status).toBe('in_progress');
    await page.context().close();
  });
});
