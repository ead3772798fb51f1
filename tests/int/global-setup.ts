import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/server/db/client';

declare module 'vitest' {
  export interface ProvidedContext {
    /** PGlite: a dump of a freshly migrated database ('' on PostgreSQL). */
    intPgliteTemplate: string;
    /** PostgreSQL: the name of a freshly migrated database to copy ('' on PGlite). */
    intPgTemplate: string;
  }
}

/**
 * Once per integration run: migrate one empty database and let every test database start as
 * a copy of it (tests/helpers/app.ts `openTestDatabase`). Migrating from nothing costs 3-7 s
 * of CPU per database on PGlite and there are dozens of them; loading the dump costs about
 * one. On PostgreSQL the copy is `create database … template …`. Each test still gets its own
 * database; what it starts from is exactly what the migrations produce.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) {
    const handle = await openDatabase({ pgliteDir: 'memory://' });
    const dump = await handle.dumpDataDir?.();
    await handle.close();
    if (!dump) throw new Error('PGlite gave no dump');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-int-template-')), 'migrated.tar.gz');
    fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    project.provide('intPgliteTemplate', file);
    project.provide('intPgTemplate', '');
    return async () => fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
  const name = `houqin_tpl_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const m = base.match(/^(postgres(?:ql)?:\/\/[^/]*)\/([^?]*)(\?.*)?$/);
  if (!m) throw new Error('TEST_DATABASE_URL must look like postgres://user@host/db');
  const handle = await openDatabase({ databaseUrl: `${m[1]}/${name}${m[3] ?? ''}`, poolSize: 1 });
  await handle.close();
  project.provide('intPgliteTemplate', '');
  project.provide('intPgTemplate', name);
  return async () => {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
