import type { FastifyBaseLogger } from 'fastify';
import { installModules } from '../core';
import { eq } from 'drizzle-orm';
import { orgs, registerDemoLoader, registerDemoProbe } from '../core/bootstrap';
import { DEMO_BUREAU } from './demo-district';
import { MODULES } from '../modules';
import { loadDemoDistrict, registerDemoExtension } from './load-demo';

/**
 * Wires the demo district into start-up (first start, empty database, not in production):
 * each module of MODULES, in order, creates its demo accounts and seeds its data (accounts
 * first, or after the seed when the module picks them from its seeded data).
 */
export function enableDemoData() {
  installModules(MODULES);
  // The loader's logger, for each module's seed time at debug level (the demo is most of a
  // first start's time: this says which module to look at).
  let log: FastifyBaseLogger | undefined;
  let t0 = 0;
  registerDemoExtension(async () => {
    log?.debug({ ms: Math.round(performance.now() - t0) }, 'demo district: orgs, people and accounts');
  });
  for (const m of MODULES) {
    const demo = m.demo;
    if (!demo) continue;
    registerDemoExtension(async (core, ctx) => {
      const t0 = performance.now();
      if (demo.accounts && !demo.accountsAfterSeed) await demo.accounts(core, ctx);
      if (demo.seed) await demo.seed(core, ctx);
      if (demo.accounts && demo.accountsAfterSeed) await demo.accounts(core, ctx);
      log?.debug({ module: m.name, ms: Math.round(performance.now() - t0) }, 'demo module seeded');
    });
  }
  // The demo is in the database when its bureau is (loaded now or on an earlier first start).
  registerDemoProbe(async (core) => {
    const [row] = await core.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.creditCode, DEMO_BUREAU.creditCode)).limit(1);
    return !!row;
  });
  registerDemoLoader(async (core, config, logger) => {
    log = logger;
    t0 = performance.now();
    const ctx = await loadDemoDistrict(core, config);
    log.info({ ms: Math.round(performance.now() - t0), units: ctx.units.size }, 'demo district loaded');
  });
}
export { loadDemoDistrict, registerDemoExtension } from './load-demo';
