/**
 * Memory and time of a large export (issue #16: exports stream, memory flat). Starts the server
 * in a child process on a seed-scale district (scripts/seed-scale.ts: 20,000 people), signs in as
 * `manager`, and downloads the people export (20,000 rows) and the district compliance export,
 * sampling the server's resident memory (/proc/<pid>/status, every 10 ms) during each: the peak
 * above the resident size just before the download is what the export cost in memory.
 *
 *   BENCH_SCALE_DIR=./data-scale npx tsx scripts/bench-export.ts     # a seeded copy is used, never changed
 *   BENCH_ROOT=/path/to/other/checkout …                             # the server of another checkout (A/B)
 *
 * The lead's `bench.ts` can call `benchExport()` and print the lines. Linux only (reads /proc).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type ServerProcess, spawnServer } from './lib/server-process';
import { SCALE_PASSWORD } from './seed-scale';

const HERE = path.resolve(import.meta.dirname, '..');

const rssKb = (pid: number) => {
  const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/);
  return m ? Number(m[1]) : 0;
};

// Node itself (tsx as a loader, not a wrapper process): the pid sampled is the server's.
async function start(root: string, dataDir: string): Promise<ServerProcess> {
  return spawnServer(root, ['--import', 'tsx', path.join(root, 'src/server/main.ts')], {
    DATABASE_URL: '',
    HOUQIN_DATA_DIR: dataDir,
    HOUQIN_DEMO_DATA: 'false',
  });
}

export type ExportFigure = { path: string; rows: number; bytes: number; ms: number; rssBeforeMb: number; peakDeltaMb: number };

/**
 * Downloads each export `reps` times (the first warms the code paths; the figures are of the last)
 * and reports rows, size, time and the resident-memory peak above the level before.
 */
export async function benchExport(opts: {
  dataDir: string;
  root?: string;
  reps?: number;
}): Promise<{ lines: string[]; figures: ExportFigure[] }> {
  const root = opts.root ?? HERE;
  const reps = opts.reps ?? 2;
  // A copy: the server writes to its data directory (sessions, audit), the seeded one stays as it was.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-export-'));
  spawnSync('cp', ['-r', `${opts.dataDir}/.`, dir]);
  const server = await start(root, dir);
  const figures: ExportFigure[] = [];
  try {
    const login = await fetch(`${server.base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'manager', password: SCALE_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status}`);
    const cookie = String(login.headers.get('set-cookie') ?? '').split(';')[0]!;
    const pid = server.proc.pid!;
    for (const p of ['/people/export', '/office-space/compliance/export']) {
      let fig: ExportFigure | undefined;
      for (let i = 0; i < reps; i++) {
        global.gc?.();
        await new Promise((r) => setTimeout(r, 500));
        const before = rssKb(pid);
        let peak = before;
        const timer = setInterval(() => {
          peak = Math.max(peak, rssKb(pid));
        }, 10);
        const t = performance.now();
        const res = await fetch(`${server.base}/api/v1${p}`, { headers: { cookie } });
        const buf = Buffer.from(await res.arrayBuffer());
        const ms = performance.now() - t;
        clearInterval(timer);
        peak = Math.max(peak, rssKb(pid));
        if (res.status !== 200) throw new Error(`${p}: ${res.status} ${buf.toString('utf8', 0, 200)}`);
        const ExcelJS = (await import('exceljs')).default;
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(buf as unknown as ArrayBuffer);
        const rows = Math.max(0, (wb.worksheets[0]?.actualRowCount ?? 1) - 1);
        fig = { path: p, rows, bytes: buf.length, ms, rssBeforeMb: before / 1024, peakDeltaMb: (peak - before) / 1024 };
      }
      figures.push(fig!);
    }
  } finally {
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const lines = figures.map(
    (f) =>
      `export ${f.path}: ${f.rows} rows, ${(f.bytes / 1024 / 1024).toFixed(1)} MB in ${(f.ms / 1000).toFixed(2)} s; ` +
      `server RSS ${f.rssBeforeMb.toFixed(0)} MB before, peak +${f.peakDeltaMb.toFixed(0)} MB during`,
  );
  return { lines, figures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dataDir = process.env.BENCH_SCALE_DIR;
  if (!dataDir) {
    console.error('BENCH_SCALE_DIR: a data directory filled by `npm run seed:scale`');
    process.exit(2);
  }
  const { lines } = await benchExport({ dataDir, root: process.env.BENCH_ROOT });
  for (const l of lines) console.log(l);
}
