import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { type Plugin, defineConfig } from 'vite';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes `name.br` (brotli, quality 11) and `name.gz` (gzip, level 9) beside every text file of
 * the build above 1 KB, once at build time, so the server sends them as they are
 * (`@fastify/static`'s `preCompressed`) instead of compressing on every request or not at all.
 * A compressed copy that saves nothing is not kept. The async zlib calls run on libuv's thread
 * pool, several files at a time.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'houqin:precompress',
    apply: 'build',
    configResolved(c) {
      outDir = c.build.outDir;
    },
    async closeBundle() {
      const files = (fs.readdirSync(outDir, { recursive: true }) as string[])
        .map((f) => path.join(outDir, f))
        .filter((f) => /\.(?:js|mjs|css|html|svg|json|txt)$/.test(f) && fs.statSync(f).size > 1024);
      await Promise.all(
        files.map(async (f) => {
          const raw = await fs.promises.readFile(f);
          const [br, gz] = await Promise.all([
            brotli(raw, {
              params: {
                [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
                [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
                [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length,
              },
            }),
            gzip(raw, { level: 9 }),
          ]);
          if (br.length < raw.length) await fs.promises.writeFile(`${f}.br`, br);
          if (gz.length < raw.length) await fs.promises.writeFile(`${f}.gz`, gz);
        }),
      );
    },
  };
}

export default defineConfig({
  root: path.resolve(import.meta.dirname, 'src/web'),
  plugins: [react(), precompress()],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // A stable vendor chunk for React: it changes rarely, so browsers keep it cached.
        // ECharts is left to Rollup: `shared/echarts` registers only the pieces in use and is
        // loaded with the first chart.
        manualChunks(id: string) {
          if (!id.includes('node_modules')) return undefined;
          if (/node_modules\/(react|react-dom|scheduler|react-router)/.test(id)) return 'react';
          // antd is left to Rollup: forcing it into one chunk would put every component any
          // page uses into the first load; split, each lazy page pulls only what it renders.
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000', '/healthz': 'http://127.0.0.1:3000', '/readyz': 'http://127.0.0.1:3000' },
  },
});
