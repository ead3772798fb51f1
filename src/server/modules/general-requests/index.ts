import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../core';
import { generalRoutes } from './general.routes';
import { GeneralRequestService } from './general.service';

/** 通用事项申请 module: registers its business type (on import) and its routes. */
export async function registerGeneralRequests(app: FastifyInstance, core: CoreServices): Promise<void> {
  await app.register(generalRoutes, { svc: new GeneralRequestService(core) });
}
