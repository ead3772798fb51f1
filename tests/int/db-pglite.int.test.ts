import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, openDatabase, queryRows } from '../../src/server/db/client';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-pglite-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!!process.env.TEST_DATABASE_URL)('embedded PGlite', () => {
  it('never interleaves concurrent requests inside one transaction', async () => {
    const h = await openDatabase({ pgliteDir: path.join(dir, 'a') });
    try {
      await h.db.execute(sql`create table t (v int)`);
      const seen: number[] = [];
      // tx1 inserts, waits, then rolls back; a concurrent reader must never see its row,
      // and must not run between tx1's statements.
      const tx1 = h.db
        .transaction(async (tx) => {
          await tx.execute(sql`insert into t values (1)`);
          await new Promise((r) => setTimeout(r, 100));
          const [r] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from t`);
          seen.push(r!.n);
          throw new Error('rollback');
        })
        .catch(() => 'rolled back');
      await new Promise((r) => setTimeout(r, 10));
      const reader = queryRows<{ n: number }>(h.db, sql`select count(*)::int as n from t`).then((rows) => {
        seen.push(100 + rows[0]!.n);
      });
      await Promise.all([tx1, reader]);
      // tx1 saw its own row (1) and finished before the reader, which saw nothing (100).
      expect(seen).toEqual([1, 100]);
    } finally {
      await h.close();
    }
  });

  it('refuses a second opener of the same data directory, in this process and another', async () => {
    const target = path.join(dir, 'b');
    const h = await openDatabase({ pgliteDir: target });
    try {
      await expect(openDatabase({ pgliteDir: target })).rejects.toBeInstanceOf(DataDirLockedError);
      const child = spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          `
        import('${path.resolve('src/server/db/client.ts')}').then(m => m.openDatabase({ pgliteDir: ${JSON.stringify(target)} }))
          .then(() => { console.log('OPENED'); process.exit(0); }, (e) => { console.error(e.message); process.exit(3); });
      `,
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stderr = '';
      child.stderr.on('data', (b) => (stderr += b));
      const code = await new Promise<number | null>((r) => child.on('exit', r));
      expect(code).toBe(3);
      expect(stderr).toContain('already in use by another Houqin process');
    } finally {
      await h.close();
    }
    // Once closed, the directory opens again, with the data intact.
    const again = await openDatabase({ pgliteDir: target });
    await again.close();
  });

  it('takes over a stale lock left by a dead process', async () => {
    const target = path.join(dir, 'c');
    fs.mkdirSync(target, { recursive: true });
    fs.writeFileSync(path.join(target, 'houqin.lock'), '999999');
    const h = await openDatabase({ pgliteDir: target });
    await h.close();
  });
});
