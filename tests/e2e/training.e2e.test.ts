import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type RunningServer, field, signedInPage, snap, startServer } from './harness';

/**
 * Meeting plans and training lodging in Chromium against the real server and the demo
 * district: a unit administrator drafts a plan whose staff exceed the share and sees the
 * failed check live and once saved; the training desk, on a phone, allocates a planned class's
 * beds with one button and checks a trainee in. Assertions read test ids, data attributes and
 * the API, never rendered glyphs.
 */
let server: RunningServer;
let browser: Browser;
const PHONE = { width: 390, height: 844 };
const json = async <T>(page: Page, url: string) => (await (await page.request.get(url)).json()) as T;

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('meeting plans and training lodging in the browser', () => {
  it('a plan with too many staff shows the failed check live and after saving', async () => {
    const page = await signedInPage(browser, server.baseUrl, 'unit_a');
    const before = await json<{ total: number }>(page, '/api/v1/meetings/plans?failed=true');
    await page.goto('/meeting-plans');
    await page.getByTestId('plan-new').click();
    await page.getByTestId('plan-form').waitFor();
    await field(page, 'plan-title').fill('E2E 座谈会');
    // 三类 (the form's default class), 1 day: 40 attendees allow 4 staff; 6 fail the share.
    await field(page, 'plan-attendees').fill('40');
    await field(page, 'plan-staff').fill('6');
    await field(page, 'plan-budget').fill('5000');
    const live = page.getByTestId('plan-live-checks');
    await expect.poll(() => live.locator('[data-testid="check-staff"]').getAttribute('data-passed'), { timeout: 15_000 }).toBe('false');
    expect(await live.locator('[data-testid="check-budget"]').getAttribute('data-passed')).toBe('true');
    await page.getByTestId('plan-save').click();
    const saved = page.getByTestId('plan-drawer-checks');
    await saved.waitFor({ timeout: 15_000 });
    expect(await saved.getAttribute('data-failed')).toBe('1');
    expect(await saved.locator('[data-testid="check-staff"]').getAttribute('data-passed')).toBe('false');
    await snap(page, 'meeting-plan-failed-check');
    const after = await json<{ total: number; items: { title: string; checksPassed: boolean }[] }>(
      page,
      '/api/v1/meetings/plans?failed=true&q=E2E',
    );
    expect(after.items[0]).toMatchObject({ title: 'E2E 座谈会', checksPassed: false });
    expect((await json<{ total: number }>(page, '/api/v1/meetings/plans?failed=true')).total).toBe(before.total + 1);
  });

  it('the training desk allocates beds with one button and checks a trainee in, on a phone', async () => {
    const page = await signedInPage(browser, server.baseUrl, 'training_desk', PHONE);
    const planned = await json<{ items: { id: number; allocatedCount: number; traineeCount: number }[] }>(
      page,
      '/api/v1/training/classes?status=planned',
    );
    const k = planned.items[0]!;
    expect(k.allocatedCount).toBe(0);
    await page.goto(`/training/classes/${k.id}`);
    await page.getByTestId('auto-allocate').click();
    type Detail = { allocatedCount: number; trainees: { id: number; checkedInAt: string | null }[] };
    await expect
      .poll(async () => (await json<Detail>(page, `/api/v1/training/classes/${k.id}`)).allocatedCount, { timeout: 15_000 })
      .toBe(k.traineeCount);
    const first = (await json<Detail>(page, `/api/v1/training/classes/${k.id}`)).trainees[0]!;
    await page.getByTestId(`trainee-bed-${first.id}`).waitFor();
    await page.getByTestId(`check-in-${first.id}`).click();
    await page.getByTestId(`trainee-in-${first.id}`).waitFor({ timeout: 15_000 });
    const after = await json<Detail>(page, `/api/v1/training/classes/${k.id}`);
    expect(after.trainees.find((t) => t.id === first.id)!.checkedInAt).toBeTruthy();
    await snap(page, 'training-class-phone');
    // The rooms board opens on the centre and shows its rooms.
    await page.goto('/training');
    await page.getByTestId('board-counts').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid^="room-"][data-hk]').count()).toBe(40);
  });
});
