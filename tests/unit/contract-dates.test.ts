import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** Bad input is never a 500 (#15): every date of the contracts is one of the shared types of contracts/common.ts. */
describe('contract dates', () => {
  it('is the only date type of the contracts (zod’s .date()/.datetime() and home-made date regexes accept year 0000)', () => {
    const dir = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../src/contracts');
    const offenders: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts') && e.name !== 'common.ts') {
          const text = fs.readFileSync(p, 'utf8');
          if (/\.date\(\)|\.datetime\(|regex\(\/\^\\d\{4\}-/.test(text)) offenders.push(path.relative(dir, p));
        }
      }
    };
    walk(dir);
    expect(offenders).toEqual([]);
  });
});
