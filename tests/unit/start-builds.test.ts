import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JS module of the start script, without type declarations
import * as B from '../../scripts/lib/builds.mjs';

/** A fake file system: paths to modification times (files) or to child names (folders); `<path>#content` a file's text. */
function fakeFs(tree: Record<string, number | string | string[]>) {
  return {
    statSync(p: string) {
      const e = tree[p];
      if (e === undefined) throw Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' });
      return { isDirectory: () => Array.isArray(e), mtimeMs: Array.isArray(e) ? 0 : e };
    },
    readdirSync(p: string) {
      return tree[p] as string[];
    },
    readFileSync(p: string) {
      const e = tree[`${p}#content`];
      if (typeof e !== 'string') throw Object.assign(new Error(`ENOENT ${p}`), { code: 'ENOENT' });
      return e;
    },
  };
}

describe('start: when a build is stale', () => {
  const web = {
    '/r/dist/web/index.html': 100,
    '/r/src/web': ['main.tsx', 'pages'],
    '/r/src/web/main.tsx': 50,
    '/r/src/web/pages': ['a.tsx'],
    '/r/src/web/pages/a.tsx': 60,
    '/r/src/contracts': ['c.ts'],
    '/r/src/contracts/c.ts': 70,
    '/r/vite.config.ts': 10,
  };

  it('the web build is fresh when its output is newer than every source, in folders too', () => {
    expect(B.webIsStale('/r', fakeFs(web))).toBe(false);
  });

  it('a source newer than the output, however deep, makes it stale', () => {
    expect(B.webIsStale('/r', fakeFs({ ...web, '/r/src/web/pages/a.tsx': 101 }))).toBe(true);
    expect(B.webIsStale('/r', fakeFs({ ...web, '/r/vite.config.ts': 150 }))).toBe(true);
  });

  it('a missing output (fresh clone) or a missing source makes it stale', () => {
    const { '/r/dist/web/index.html': _, ...noOutput } = web;
    expect(B.webIsStale('/r', fakeFs(noOutput))).toBe(true);
    expect(B.webIsStale('/r', fakeFs({ ...web, '/r/src/web/pages': ['a.tsx', 'gone.tsx'] }))).toBe(true);
  });

  const server = () => {
    const extras = Object.fromEntries(B.SERVER_EXTRA_SOURCES.map((p: string) => [path.join('/r', p), 5]));
    return {
      ...extras,
      '/r/src/server/db/migrations': ['0000_init.sql'],
      '/r/src/server/db/migrations/0000_init.sql': 5,
      '/r/dist/server/main.js': 100,
      '/r/dist/server/inputs.json#content': JSON.stringify(['src/server/main.ts', 'src/contracts/c.ts']),
      '/r/src/server/main.ts': 90,
      '/r/src/contracts/c.ts': 90,
    } as Record<string, number | string | string[]>;
  };

  it('the server bundle is judged by the files its build recorded, and the build script and migrations', () => {
    expect(B.serverIsStale('/r', fakeFs(server()))).toBe(false);
    expect(B.serverIsStale('/r', fakeFs({ ...server(), '/r/src/contracts/c.ts': 120 }))).toBe(true);
    expect(B.serverIsStale('/r', fakeFs({ ...server(), '/r/scripts/build-server.mjs': 120 }))).toBe(true);
    expect(B.serverIsStale('/r', fakeFs({ ...server(), '/r/src/server/db/migrations/0000_init.sql': 120 }))).toBe(true);
  });

  it('a server bundle without its record of inputs (or without the bundle) is stale', () => {
    const { '/r/dist/server/inputs.json#content': _, ...noRecord } = server();
    expect(B.serverIsStale('/r', fakeFs(noRecord))).toBe(true);
    const { '/r/dist/server/main.js': __, ...noBundle } = server();
    expect(B.serverIsStale('/r', fakeFs(noBundle))).toBe(true);
  });
});
