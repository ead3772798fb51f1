import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';

/** A free TCP port on loopback, for a server started by a benchmark. */
export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export type ServerProcess = { proc: ChildProcess; base: string; port: number; readyMs: number };

/**
 * Starts the server in a child process, `node <args>` in `cwd` (the start script as users run
 * it, or `--import tsx src/server/main.ts` when the pid must be the server's own), with the
 * benchmarks' settings (no jobs, no sign-in throttle, quiet log) under `env`, and waits for
 * /readyz; `readyMs` is the time to ready.
 */
export async function spawnServer(cwd: string, args: string[], env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const t0 = performance.now();
  const proc = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', HOUQIN_JOBS: 'false', HOUQIN_LOGIN_RATE_LIMIT: '100000', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (proc.exitCode !== null) throw new Error('server exited during start');
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { proc, base, port, readyMs: performance.now() - t0 };
}
