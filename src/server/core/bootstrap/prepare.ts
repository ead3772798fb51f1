import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config';
import type { CoreServices } from '../services';
import { databaseIsEmpty, syncBuiltinRoles } from './bootstrap';
import { settleDemoFlag } from './demo-flag';

/** Hooks that run once the database is open: seeding of reference data, demo data. */
type PrepareHook = (core: CoreServices, config: Config, log: FastifyInstance['log']) => Promise<void>;
const hooks: { name: string; run: PrepareHook }[] = [];
let demoLoader: PrepareHook | null = null;

export function registerPrepareHook(name: string, run: PrepareHook) {
  hooks.push({ name, run });
}
export function registerDemoLoader(run: PrepareHook) {
  demoLoader = run;
}

export async function prepareDatabase(app: FastifyInstance & { services: CoreServices }, config: Config): Promise<void> {
  const core = app.services;
  await syncBuiltinRoles(core.db);
  await core.refdata.seed();
  await core.approvals.seedFlows();
  for (const h of hooks) await h.run(core, config, app.log);
  if (config.demoData && demoLoader && (await databaseIsEmpty(core.db))) {
    app.log.info('empty database: loading the demo district');
    await demoLoader(core, config, app.log);
  }
  await settleDemoFlag(core, config.demoData);
}
