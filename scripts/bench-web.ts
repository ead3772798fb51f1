/**
 * The web app's first load, measured in headless Chromium against a running server (issue #16):
 * the bytes that cross the wire for the sign-in page, then what the first page after sign-in
 * adds (the manager's home, and /energy with its charts), each in a fresh browser context
 * (empty cache), as a person opening the app for the first time would see it.
 *
 * Bytes are Chromium's own count (`Network.loadingFinished` → `encodedDataLength`: the body as
 * sent, compressed or not, plus the response headers), split into the app's static files (JS,
 * CSS, fonts, images: the goal's figure) and the API's answers (reported beside it).
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser } from '../tests/e2e/browser';

const GOAL_KB = 250;
const PASSWORD = 'Houqin@2026';

type Transfer = { url: string; type: string; bytes: number; encoding: string };

/** Records every response of the page through the DevTools protocol. */
async function recorder(page: Page) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const pending = new Map<string, { url: string; type: string; encoding: string }>();
  const done: Transfer[] = [];
  let lastEvent = Date.now();
  cdp.on('Network.requestWillBeSent', (e) => {
    pending.set(e.requestId, { url: e.request.url, type: e.type ?? 'Other', encoding: '' });
    lastEvent = Date.now();
  });
  cdp.on('Network.responseReceived', (e) => {
    const p = pending.get(e.requestId);
    const h = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    if (p) p.encoding = h['content-encoding'] ?? 'identity';
    lastEvent = Date.now();
  });
  cdp.on('Network.loadingFinished', (e) => {
    const p = pending.get(e.requestId);
    if (p) done.push({ ...p, bytes: e.encodedDataLength });
    pending.delete(e.requestId);
    lastEvent = Date.now();
  });
  cdp.on('Network.loadingFailed', (e) => {
    pending.delete(e.requestId);
    lastEvent = Date.now();
  });
  return {
    /** Waits until nothing is in flight and nothing has happened for `quietMs` (lazy chunks, charts). */
    async settle(quietMs = 1500, maxMs = 60_000) {
      const end = Date.now() + maxMs;
      while (Date.now() < end && (pending.size > 0 || Date.now() - lastEvent < quietMs)) await new Promise((r) => setTimeout(r, 100));
    },
    /** The responses finished since the last call. */
    take(): Transfer[] {
      return done.splice(0, done.length);
    },
  };
}

function summarise(label: string, items: Transfer[]): string {
  const isApi = (t: Transfer) => new URL(t.url).pathname.startsWith('/api/');
  const files = items.filter((t) => !isApi(t));
  const api = items.filter(isApi);
  const sum = (xs: Transfer[]) => xs.reduce((s, t) => s + t.bytes, 0);
  const kb = (n: number) => `${(n / 1000).toFixed(0)} kB`;
  const js = files.filter((t) => t.type === 'Script');
  const encodings = [...new Set(files.filter((t) => t.bytes > 1000).map((t) => t.encoding))].sort().join('/') || 'none';
  const total = sum(files);
  // BENCH_WEB_FILES=1 lists the files, largest first (to see what a page pulls in).
  if (process.env.BENCH_WEB_FILES)
    for (const t of [...files].sort((a, b) => b.bytes - a.bytes)) console.log(`  ${kb(t.bytes).padStart(7)}  ${new URL(t.url).pathname}`);
  return (
    `${label}: ${kb(total)} over the wire (${encodings}) in ${files.length} files, of which JavaScript ${kb(sum(js))} in ${js.length}` +
    `; API ${kb(sum(api))} in ${api.length} — goal ≤ ${GOAL_KB} kB: ${total <= GOAL_KB * 1000 ? 'met' : 'NOT met'}`
  );
}

/**
 * Lines for the bench: the sign-in page, then the first page after sign-in for the manager
 * (home) and for /energy (charts). `base` is a running server with the demo district.
 */
export async function benchFirstLoad(base: string, username = 'manager'): Promise<string[]> {
  const browser = await launchBrowser();
  const lines: string[] = [];
  try {
    for (const [target, label] of [
      ['/', `${username}'s home after sign-in`],
      ['/energy', '/energy after sign-in'],
    ] as const) {
      // BENCH_WEB_ENCODING=gzip (or identity) measures as a client without brotli would.
      const encoding = process.env.BENCH_WEB_ENCODING;
      const ctx = await browser.newContext({
        baseURL: base,
        locale: 'zh-CN',
        viewport: { width: 1366, height: 860 },
        ...(encoding ? { extraHTTPHeaders: { 'accept-encoding': encoding } } : {}),
      });
      try {
        const page = await ctx.newPage();
        const rec = await recorder(page);
        await page.goto(target === '/' ? '/login' : `/login?next=${encodeURIComponent(target)}`);
        await page.getByTestId('login-submit').waitFor();
        await rec.settle();
        const signIn = rec.take();
        if (target === '/') lines.push(summarise('sign-in page', signIn));
        await page.getByTestId('login-username').fill(username);
        await page.getByTestId('login-password').fill(PASSWORD);
        await page.getByTestId('login-submit').click();
        await page.waitForURL((u) => !u.pathname.startsWith('/login'), { timeout: 30_000 });
        await rec.settle();
        lines.push(summarise(label, rec.take()));
      } finally {
        await ctx.close();
      }
    }
  } finally {
    await browser.close();
  }
  return lines;
}

// `npx tsx scripts/bench-web.ts http://127.0.0.1:3000 [username]`: the figures against a server already running.
if (process.argv[1] && import.meta.filename === process.argv[1] && process.argv[2]) {
  for (const line of await benchFirstLoad(process.argv[2], process.argv[3])) console.log(line);
}
