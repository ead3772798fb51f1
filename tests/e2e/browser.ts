import fs from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/**
 * The Chromium for end-to-end tests arrives with `npm ci`: @sparticuz/chromium carries a
 * compressed build in its npm tarball (no download at install or run time). Fallbacks:
 * CHROMIUM_PATH, then Debian's /usr/bin/chromium.
 */
export async function launchBrowser(): Promise<Browser> {
  const common = ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
  const candidates: { path: string; args: string[] }[] = [];
  if (process.env.CHROMIUM_PATH) candidates.push({ path: process.env.CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu', ...common] });
  try {
    const mod = (await import('@sparticuz/chromium')).default;
    // Its default flags target AWS Lambda; --single-process there makes Chromium die when a
    // second browser context opens, so we drop it (and --no-zygote, which goes with it).
    const args = mod.args.filter((a: string) => a !== '--single-process' && a !== '--no-zygote');
    candidates.push({ path: await mod.executablePath(), args: [...args, ...common] });
  } catch (err) {
    console.warn(`@sparticuz/chromium unavailable: ${(err as Error).message}`);
  }
  if (fs.existsSync('/usr/bin/chromium'))
    candidates.push({ path: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', ...common] });
  let last: unknown;
  for (const c of candidates) {
    try {
      return await chromium.launch({ executablePath: c.path, args: c.args, headless: true });
    } catch (err) {
      last = err;
    }
  }
  throw new Error(`No usable Chromium (tried ${candidates.map((c) => c.path).join(', ')}): ${String(last)}`);
}
