import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../deps';
import type { CoreServices } from '../core';

/**
 * Domain modules, registered after the core. Each module folder exports one `register`
 * function from its index.ts; adding a domain is one line here.
 */
export async function registerModules(app: FastifyInstance, core: CoreServices, deps: AppDeps): Promise<void> {
  void app;
  void core;
  void deps;
}
