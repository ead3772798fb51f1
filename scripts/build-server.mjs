#!/usr/bin/env node
/**
 * Compiles the server ahead of time: src/server/main.ts and everything it imports from src/
 * into one ES module, dist/server/main.js (with its source map), that plain `node` runs. npm
 * packages stay external (loaded from node_modules as they are), so only our TypeScript is
 * transpiled — once here, rather than by tsx at every start. The migrations are copied beside
 * the bundle (db/client.ts reads them from its own folder), and the list of the files the
 * bundle was built from is written to dist/server/inputs.json for the freshness check of
 * `npm start` (scripts/lib/builds.mjs).
 *
 * `node scripts/build-server.mjs` builds it; `npm start` and `npm run build` call it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { ROOT, SERVER_ASSETS, SERVER_INPUTS, SERVER_OUT } from './lib/builds.mjs';

export async function buildServerBundle(root = ROOT) {
  const started = new Date();
  const outfile = path.join(root, SERVER_OUT);
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'src/server/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    // Sources in the map are read from disk by `node --enable-source-maps`; keeping them out halves its size.
    sourcesContent: false,
    tsconfig: path.join(root, 'tsconfig.json'),
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  const dir = path.dirname(outfile);
  fs.mkdirSync(dir, { recursive: true });
  for (const a of SERVER_ASSETS) {
    fs.rmSync(path.join(root, a.to), { recursive: true, force: true });
    fs.cpSync(path.join(root, a.from), path.join(root, a.to), { recursive: true });
  }
  // Each file written beside and renamed into place, the bundle last: a start that reads
  // them meanwhile (another process) sees the old build or the new one, never half of one.
  const writeAtomic = (file, contents) => {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, contents);
    fs.renameSync(tmp, file);
  };
  writeAtomic(path.join(root, SERVER_INPUTS), `${JSON.stringify(Object.keys(result.metafile.inputs).sort(), null, 1)}\n`);
  const files = [...result.outputFiles].sort((a, b) => (a.path === outfile ? 1 : b.path === outfile ? -1 : 0));
  for (const f of files) writeAtomic(f.path, f.contents);
  // The bundle is dated when its sources were read, not when it was written: a source saved
  // during the build is then newer than the bundle, and the next start builds again.
  fs.utimesSync(outfile, started, started);
  return result;
}

if (process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(path.resolve(process.argv[1]))).href) {
  const t0 = performance.now();
  await buildServerBundle();
  console.log(`Built ${SERVER_OUT} in ${Math.round(performance.now() - t0)} ms`);
}
