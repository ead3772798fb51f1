import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../core';
import type { AppDeps } from '../deps';
import { registerGeneralRequests } from './general-requests';

/**
 * Domain modules, registered after the core. Each module folder exports one `register`
 * function from its index.ts; adding a domain is one line here.
 */
export async function registerModules(app: FastifyInstance, core: CoreServices, _deps: AppDeps): Promise<void> {
  await registerGeneralRequests(app, core);
}
