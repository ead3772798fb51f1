import { it } from 'vitest';

/**
 * Memoises an async fixture: the first test that needs it runs it (with its checks), later
 * callers share the result. A failure is remembered too, so every dependent test fails with it.
 * Use it for prerequisites several tests need and which must exist exactly once (a meter with a
 * unique code, a batch whose readings later tests count).
 */
export function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => {
    p ??= fn();
    return p;
  };
}

/**
 * One scenario told in several tests: each step builds on the records of the steps before it
 * (vendors, then the costs booked with them, then the ledger that sums them). `story.it(name, fn)`
 * declares a test that is also a step; running it runs every earlier step first, each exactly once
 * per file whatever order vitest picks (`-t`, `--sequence.shuffle.tests`). So a step always sees
 * the database its assertions were written against: all earlier steps done, no later one.
 *
 * A test outside the scenario that only needs its records calls `await story.through(name)`; it
 * must not change what the scenario's steps read (use its own names, plates, dates).
 */
export function scenario() {
  const steps: { name: string; run: () => Promise<void> }[] = [];
  async function runThrough(last: number) {
    for (let k = 0; k < last; k++) {
      try {
        await steps[k]!.run();
      } catch (cause) {
        throw new Error(`earlier step failed: "${steps[k]!.name}"`, { cause });
      }
    }
    await steps[last]!.run();
  }
  return {
    it(name: string, fn: () => Promise<unknown>, timeout?: number) {
      const index = steps.length;
      steps.push({
        name,
        run: once(async () => {
          await fn();
        }),
      });
      it(name, () => runThrough(index), timeout);
    },
    /** Runs (once) every step up to and including `name`. */
    async through(name: string) {
      const index = steps.findIndex((s) => s.name === name);
      if (index < 0) throw new Error(`no scenario step "${name}"`);
      await runThrough(index);
    },
  };
}
