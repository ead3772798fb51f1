import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../core';
import { assetsRoutes } from './assets.routes';
import { AssetsService } from './assets.service';
import { PoolService } from './pool.service';
import { StocktakeService } from './stocktake.service';
import './assets.permissions';

export { AP as ASSET_PERMISSIONS } from './assets.permissions';
export { seedAssetsDemo } from './assets.demo';
export { assertPoolBeforePurchase, findUsablePoolItems } from './pool.service';

/** State assets and the public asset pool (公物仓): routes; permissions, flows and jobs register on import. */
export async function registerAssets(app: FastifyInstance, core: CoreServices, maxUploadMb: number): Promise<void> {
  await app.register(assetsRoutes, {
    assets: new AssetsService(core),
    pool: new PoolService(core),
    stocktakes: new StocktakeService(core),
    maxUploadMb,
  });
}
