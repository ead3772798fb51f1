import { installModules } from '../core';
import { registerDemoLoader } from '../core/bootstrap';
import { MODULES } from '../modules';
import { loadDemoDistrict, registerDemoExtension } from './load-demo';

/**
 * Wires the demo district into start-up (first start, empty database, not in production):
 * each module of MODULES, in order, creates its demo accounts and seeds its data (accounts
 * first, or after the seed when the module picks them from its seeded data).
 */
export function enableDemoData() {
  installModules(MODULES);
  for (const m of MODULES) {
    const demo = m.demo;
    if (!demo) continue;
    registerDemoExtension(async (core, ctx) => {
      if (demo.accounts && !demo.accountsAfterSeed) await demo.accounts(core, ctx);
      if (demo.seed) await demo.seed(core, ctx);
      if (demo.accounts && demo.accountsAfterSeed) await demo.accounts(core, ctx);
    });
  }
  registerDemoLoader(async (core, config, log) => {
    const t0 = Date.now();
    const ctx = await loadDemoDistrict(core, config);
    log.info({ ms: Date.now() - t0, units: ctx.units.size }, 'demo district loaded');
  });
}
export { loadDemoDistrict, registerDemoExtension } from './load-demo';
