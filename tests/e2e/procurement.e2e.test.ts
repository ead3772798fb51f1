import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type RunningServer, signedInPage, snap, startServer } from './harness';

/**
 * Government procurement in Chromium against the real server and the demo district: the
 * public disclosure page opens without signing in (on a phone) and lists only published
 * items; the bureau's projects page shows last year's savings from the server and marks the
 * demo's one late result. Assertions read test ids and the API, never rendered glyphs.
 */
let server: RunningServer;
let browser: Browser;
const PHONE = { width: 390, height: 844 };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
}, 240_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('government procurement in the browser', () => {
  it('the public disclosure page needs no sign-in and shows what is published', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, viewport: PHONE });
    const page = await context.newPage();
    await page.goto('/public/procurement');
    await page.getByTestId('procurement-public').waitFor();
    const api = (await (await page.request.get('/api/v1/public/procurement?limit=100')).json()) as {
      items: { kind: string; projectCode: string }[];
    };
    expect(api.items.length).toBeGreaterThan(0);
    const first = api.items[0]!;
    await page.getByTestId(`pc-public-${first.kind}-${first.projectCode}`).waitFor();
    // The page stayed public: no redirect to the sign-in page.
    expect(new URL(page.url()).pathname).toBe('/public/procurement');
    // The private API is still closed to this anonymous visitor.
    expect((await page.request.get('/api/v1/procurement/projects')).status()).toBe(401);
    await snap(page, 'procurement-public-phone');
    await context.close();
  });

  it("the bureau sees last year's savings and the demo's late result", async () => {
    const page = await signedInPage(browser, server.baseUrl, 'manager');
    await page.goto('/procurement');
    await page.getByTestId('procurement-page').waitFor();
    const year = new Date().getFullYear() - 1;
    const s = (await (await page.request.get(`/api/v1/procurement/savings?from=${year}-01-01&to=${year}-12-31`)).json()) as {
      projects: number;
    };
    await expect
      .poll(async () => page.getByTestId('pc-stat-pc.sumProjects').innerText(), { timeout: 15_000 })
      .toContain(String(s.projects));
    const breaches = (await (await page.request.get('/api/v1/procurement/breaches')).json()) as { items: { code: string }[] };
    expect(breaches.items.length).toBeGreaterThan(0);
    const late = breaches.items[0]!.code;
    await page.getByTestId('pc-filter-q').fill(late);
    await page.getByTestId('pc-filter-q').press('Enter');
    await page.getByTestId(`pc-breach-${late}`).first().waitFor({ timeout: 15_000 });
    await snap(page, 'procurement-projects');
  });

  it('a purchase of desks the pool holds is stopped with the pool’s items, and goes through with a reason', async () => {
    const page = await signedInPage(browser, server.baseUrl, 'manager');
    const pool = (await (await page.request.get('/api/v1/asset-pool/matches?category=A050102')).json()) as { total: number };
    expect(pool.total).toBeGreaterThan(0);
    await page.goto('/procurement');
    await page.getByTestId('pc-project-new').click();
    await page.getByTestId('pc-project-name').fill('端到端办公桌采购');
    await page.locator('[data-testid="pc-project-budget"] input, input[data-testid="pc-project-budget"]').first().fill('36000');
    await page.getByTestId('pc-project-category').fill('A050102');
    await page.getByTestId('pc-project-ok').click();
    await page.getByTestId('pc-pool-hit').waitFor({ timeout: 15_000 });
    const none = (await (await page.request.get('/api/v1/procurement/projects?q=端到端办公桌采购')).json()) as { total: number };
    expect(none.total).toBe(0);
    await page.getByTestId('pc-pool-reason').fill('需与新会议室整体配套，公物仓现有型号尺寸不符');
    await page.getByTestId('pc-project-ok').click();
    await expect
      .poll(
        async () => ((await (await page.request.get('/api/v1/procurement/projects?q=端到端办公桌采购')).json()) as { total: number }).total,
        {
          timeout: 15_000,
        },
      )
      .toBe(1);
    await snap(page, 'procurement-pool-before-purchase');
  });
});
