#!/usr/bin/env node
/**
 * Convention checks that the type checker and dependency rules cannot see (run by `npm run lint`).
 *
 * One China-time clock (issue #14, point 3): a "day" is a China calendar day read from the core
 * clock. `toISOString().slice(0, 10)` gives the UTC day, which is yesterday in China between
 * 00:00 and 08:00, so it may appear only in the clock module and the shared calendar helpers.
 * In src/server, local-time day math (`getDate()`, `getHours()`… on a Date) follows the server's
 * TZ, not China's, and is refused too (the UTC getters on a UTC-midnight day are fine).
 *
 * Prints file:line and a fix hint for each finding, exits 1 when there is any.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const DIRS = ['src', 'scripts', 'tests'];
const EXT = /\.(ts|tsx|mts|mjs|js)$/;
/** The clock module and the shared calendar helpers: the only places that may cut an ISO string to a day. */
const CLOCK_FILES = new Set(['src/server/core/util/dates.ts', 'src/contracts/dates.ts']);

const ISO_DAY = /toISOString\(\)\s*\.\s*(?:slice|substring|substr)\(\s*0\s*,\s*10\s*\)/;
const LOCAL_DAY_MATH = /\.(?:getDate|getDay|getHours|getMonth|getFullYear|setDate|setHours|setMonth|setFullYear)\(/;

const RULES = [
  {
    test: (file, line) => !CLOCK_FILES.has(file) && ISO_DAY.test(line),
    hint: 'a UTC day, not a China day: use cnToday()/cnDate(t) for a day in China, addDays(d, n) or utcDay(t) for calendar arithmetic on a UTC-midnight day (src/server/core/util/dates.ts, src/contracts/dates.ts, web: src/web/shared/dates.ts)',
  },
  {
    test: (file, line) => file.startsWith('src/server/') && !CLOCK_FILES.has(file) && LOCAL_DAY_MATH.test(line),
    hint: "local-time day math follows the server's TZ: use the China-day helpers of the core clock (cnDate, cnToday, addDays) or the getUTC*/setUTC* methods on a UTC-midnight day",
  },
];

function* walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (EXT.test(e.name)) yield p;
  }
}

const findings = [];
for (const d of DIRS) {
  const abs = path.join(ROOT, d);
  if (!fs.existsSync(abs)) continue;
  for (const f of walk(abs)) {
    const rel = path.relative(ROOT, f).split(path.sep).join('/');
    if (rel === 'scripts/check-conventions.mjs') continue;
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const r of RULES) if (r.test(rel, line)) findings.push(`${rel}:${i + 1}: ${line.trim()}\n  → ${r.hint}`);
    });
  }
}

if (findings.length) {
  console.error(`check-conventions: ${findings.length} finding(s)\n`);
  for (const f of findings) console.error(`${f}\n`);
  process.exit(1);
}
console.log('check-conventions: ok');
