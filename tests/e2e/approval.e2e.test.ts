import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type RunningServer, signedInPage, snap, startServer } from './harness';

/**
 * Approvals that read like documents, in Chromium against the real server and the demo
 * district: the approver opens a request and reads labelled fields (an amount in ¥ with
 * separators, a category by its name, never its code), picks a common comment (常用意见) and
 * approves; then approves two requests of one type from the inbox in one batch. Assertions
 * read test ids and the API.
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
type Detail = {
  instance: { status: string; summary: { fields: { label: string; value: string }[] } };
  steps: { state: string }[];
  timeline: { action: string; comment: string | null }[];
};

/** Picks a common comment in the open dialog: the comment box then holds it. */
async function pickCommonComment(page: Page, text: string) {
  const select = page.locator('.ant-modal-wrap:visible').getByTestId('common-comment-select');
  for (let attempt = 0; attempt < 4; attempt++) {
    await select.click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
    try {
      await option.click({ timeout: 5_000 });
      return;
    } catch {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(400);
    }
  }
  throw new Error(`no common comment ${text}`);
}

let staff: Page;
const stamp = Date.now();
const submit = (title: string, amount: string) =>
  post<{ instanceId: number }>(staff, '/general-requests', { title, category: 'purchase', content: '会议室设备更新', amount });

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  staff = await as('staff');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('approvals that read like documents', () => {
  it('shows the approver labelled fields, and approves with a common comment', async () => {
    const { instanceId } = await submit(`E2E 投影仪 ${stamp}`, '12345.60');
    const page = await as('unit_a');
    await page.goto(`/approvals/${instanceId}`);
    const fields = page.getByTestId('approval-field');
    await expect.poll(() => fields.allTextContents(), { timeout: 15_000 }).toContain('¥12,345.60');
    const shown = await fields.allTextContents();
    expect(shown).toContain('购置');
    expect(shown).not.toContain('purchase');
    expect(shown.join(' ')).not.toMatch(/_|\b(true|false)\b/);
    await snap(page, 'approval-document');

    await page.getByTestId('approve-button').click();
    await pickCommonComment(page, '情况属实，同意');
    await expect.poll(() => page.getByTestId('approval-comment').inputValue()).toBe('情况属实，同意');
    await page.getByTestId('approval-confirm').click();
    await expect.poll(() => page.getByTestId('approve-button').count(), { timeout: 40_000 }).toBe(0);
    const detail = await json<Detail>(page, `/approvals/${instanceId}`);
    expect(detail.timeline.at(-1)).toMatchObject({ action: 'approve', comment: '情况属实，同意' });
    expect(detail.steps.map((s) => s.state)).toEqual(['done', 'current', 'waiting']); // above 10,000 yuan the leader follows
    await page.context().close();
  });

  it('approves two requests of one type from the inbox in one batch', async () => {
    const titles = [`E2E 批量一 ${stamp}`, `E2E 批量二 ${stamp}`];
    const ids = [(await submit(titles[0]!, '800')).instanceId, (await submit(titles[1]!, '900')).instanceId];
    const page = await as('unit_a');
    await page.goto('/approvals/inbox');
    const table = page.getByTestId('inbox-table');
    for (const title of titles) {
      const row = table.locator('tr', { hasText: title });
      await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
      // The card reads the request's summary, not its raw facts.
      expect(await row.getByTestId('approval-summary-line').textContent()).toContain('¥');
      await row.locator('.ant-checkbox-input').check();
    }
    await page.getByTestId('batch-approve').click();
    await pickCommonComment(page, '同意');
    await expect.poll(() => page.getByTestId('batch-comment').inputValue()).toBe('同意');
    await page.getByTestId('batch-confirm').click();
    await expect.poll(() => page.locator('.ant-modal-wrap:visible .ant-tag-success').count(), { timeout: 40_000 }).toBe(2);
    for (const id of ids) {
      const d = await json<Detail>(page, `/approvals/${id}`);
      expect(d.steps.map((s) => s.state)).toEqual(['done', 'current', 'skipped']);
      expect(d.timeline.at(-1)).toMatchObject({ action: 'approve', comment: '同意' });
    }
    await snap(page, 'approval-batch');
    await page.context().close();
  });
});
