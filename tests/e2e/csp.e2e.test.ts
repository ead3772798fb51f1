import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './browser';
import { type RunningServer, signedInPage, startServer } from './harness';

/**
 * The built web app runs under the server's Content-Security-Policy (issue #15): every page
 * of the menu, with its antd components and ECharts charts, renders without one CSP violation.
 * Violations are collected by a `securitypolicyviolation` listener installed before any page
 * script (the browser's own report, so a blocked style or script cannot go unnoticed) and
 * by the console messages Chromium prints for them.
 */
let server: RunningServer;
let browser: Browser;

const PAGES = [
  '/',
  '/org',
  '/people',
  '/approvals/inbox',
  '/energy',
  '/energy/indicators',
  '/energy/readings',
  '/office',
  '/office/floors',
  '/office/registry',
  '/vehicles',
  '/vehicles/dispatch',
  '/vehicles/ledger',
  '/vehicles/statistics',
  '/assets',
  '/procurement',
  '/supplies',
  '/refdata',
];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function watch(page: Page): Promise<() => Promise<string[]>> {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => {
    const inPage = await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
    return [...seen.splice(0), ...inPage];
  };
}

describe('Content-Security-Policy in the browser', () => {
  it('the sign-in page, the menu pages and the API docs load without a violation', async () => {
    const page = await signedInPage(browser, server.baseUrl, 'manager');
    const violations = await watch(page);
    const found: string[] = [];
    for (const url of PAGES) {
      await page.goto(url);
      await page.waitForLoadState('networkidle');
      // The page rendered (the layout's menu is there), so the check ran over real content.
      expect(await page.locator('.ant-layout').count(), url).toBeGreaterThan(0);
      // ECharts draws on canvases: the energy overview's charts are there under the policy.
      if (url === '/energy') await page.locator('canvas').first().waitFor({ state: 'attached', timeout: 30_000 });
      found.push(...(await violations()).map((v) => `${url}: ${v}`));
    }
    const csp = (await page.request.get('/')).headers()['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    await page.goto('/api/docs/static/index.html');
    await page.waitForLoadState('networkidle');
    expect(await page.locator('.swagger-ui').count()).toBeGreaterThan(0);
    found.push(...(await violations()).map((v) => `docs: ${v}`));
    expect(found).toEqual([]);
  });
});
