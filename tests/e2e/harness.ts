import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { launchBrowser } from './browser';

export const DEMO_PASSWORD = 'Houqin@2026';
const ROOT = path.resolve(import.meta.dirname, '../..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export type RunningServer = { baseUrl: string; dataDir: string; proc: ChildProcess; stop(): Promise<void>; log(): string };

/** The China calendar day now: the demo district is laid out around it. */
export function chinaDay(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

/** Builds dist/ when stale (the server bundle and the web app), as `npm start` would. */
export function buildIfNeeded(): void {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build-if-needed.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
}

/**
 * Runs `npm start`'s own script (the built server bundle, dist/server, by plain node) on a
 * data directory and a free port, and waits for /readyz.
 */
export async function spawnServer(dataDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort();
  let output = '';
  const proc = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      HOUQIN_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (b) => (output += b));
  proc.stderr?.on('data', (b) => (output += b));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${output}`);
    try {
      const r = await fetch(`${baseUrl}/readyz`);
      if (r.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`server not ready in time: ${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    dataDir,
    proc,
    log: () => output,
    async stop() {
      if (proc.exitCode === null) {
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the real server as `npm start` would (built web app, embedded database, demo
 * district) in a throw-away data directory on a free port.
 *
 * The demo district is loaded once per run (tests/e2e/global-setup.ts) into a template data
 * directory, stopped cleanly, and each test file starts on its own copy: the same database a
 * first start builds, without paying 15-20 s of CPU for it in every file. A copy is used only
 * on the China day the template was made (the demo is laid out around today); on another day,
 * or without the template (a file run outside the e2e project), the server loads the demo
 * itself as on a first start.
 */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  buildIfNeeded();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-e2e-'));
  const template = demoTemplate();
  if (template && Object.keys(env).length === 0) fs.cpSync(template, dataDir, { recursive: true });
  return spawnServer(dataDir, env);
}

function demoTemplate(): string | null {
  let dir: string | undefined;
  try {
    dir = inject('e2eDemoTemplate');
  } catch {
    return null; // not inside a vitest worker of the e2e project
  }
  if (!dir) return null;
  try {
    return fs.readFileSync(path.join(dir, TEMPLATE_DAY_FILE), 'utf8') === chinaDay() ? dir : null;
  } catch {
    return null;
  }
}

/** Written into the template directory: the China day its demo was laid out for. */
export const TEMPLATE_DAY_FILE = 'e2e-template-day';

export type E2E = { server: RunningServer; browser: Browser; context: BrowserContext; page: Page };

export async function openBrowser(
  server: RunningServer,
  opts: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<E2E> {
  const browser = await launchBrowser();
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale: opts.locale ?? 'zh-CN',
    viewport: opts.viewport ?? { width: 1366, height: 860 },
  });
  const page = await context.newPage();
  return { server, browser, context, page };
}

/** Signs in through the login page, as a person would. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
}

/** Screenshots for people to look at (not assertions): written under screenshots/. */
export async function snap(page: Page, name: string): Promise<void> {
  const dir = path.join(ROOT, 'screenshots', 'e2e');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** A fresh browser context signed in as `username` (each flow's actors get their own cookies). */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  username: string,
  viewport = { width: 1366, height: 860 },
): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: baseUrl, viewport, locale: 'zh-CN' });
  const page = await ctx.newPage();
  await signIn(page, username);
  return page;
}

/** Opens the to-do whose row shows `text` in the inbox and approves it with a comment. */
export async function approveFromInbox(page: Page, text: string): Promise<void> {
  await page.goto('/approvals/inbox');
  await page.getByTestId('inbox-table').getByText(text).first().click();
  await page.getByTestId('approve-button').click();
  await page.getByTestId('approval-comment').fill('同意');
  await page.getByTestId('approval-confirm').click();
  // A decision can run its business hook (an annual report's figures, a transfer …) while the
  // suite's other projects load the machine: give it time rather than fail on a busy runner.
  await expect.poll(() => page.getByTestId('approve-button').count(), { timeout: 40_000 }).toBe(0);
}

/** The <input> or <textarea> of a field whose test id sits on it or on a wrapper (antd InputNumber, AutoComplete). */
export const field = (page: Page, testId: string) =>
  page
    .locator(
      `input[data-testid="${testId}"], textarea[data-testid="${testId}"], [data-testid="${testId}"] input, [data-testid="${testId}"] textarea`,
    )
    .first();

/**
 * Opens the antd Select with this test id, optionally types to filter (long lists are
 * virtual, so the option may not be rendered until filtered), picks the option showing
 * `text`, and checks that the Select now shows `shown` (default `text`). A click that lands
 * during the dropdown's open or close animation can miss or find the list gone; that attempt
 * is abandoned (Escape) and the pick is retried, so one missed click never fails a test.
 */
export async function pick(page: Page, testId: string, text: string, opts: { type?: boolean; shown?: string } = {}) {
  const select = page.getByTestId(testId);
  const shown = opts.shown ?? text;
  const showing = async () => ((await select.textContent()) ?? '').includes(shown);
  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt > 0 && (await showing())) return;
    await select.click();
    if (opts.type ?? true) await page.keyboard.type(text);
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first();
    try {
      await option.click({ timeout: 5_000 });
      await expect.poll(showing, { timeout: 2_000 }).toBe(true);
      return;
    } catch {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(400);
    }
  }
  expect(((await select.textContent()) ?? '').slice(0, 200), `Select ${testId} should show ${shown}`).toContain(shown);
}
