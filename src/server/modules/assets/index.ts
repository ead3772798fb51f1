import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { type CoreServices, queryRows, registerAttachmentOwner } from '../../core';
import { AP } from './assets.permissions';
import { readableAssets } from './assets.repository';
import { assetsRoutes } from './assets.routes';
import { AssetsService } from './assets.service';
import { DisposalService } from './disposal.service';
import { LoanService } from './loans.service';
import { PoolService } from './pool.service';
import { StocktakeService } from './stocktake.service';
import './assets.permissions';

export { AP as ASSET_PERMISSIONS } from './assets.permissions';
export { seedAssetsDemo } from './assets.demo';
export { assertPoolBeforePurchase, findUsablePoolItems } from './pool.service';

export const ASSET_PHOTOS = 'asset_photo';

/**
 * Photos on the card (and the acceptance inspection's, taken on the pool item): readers of the
 * card see them; its unit's asset administrator adds them, and the pool's keeper for pool items.
 */
registerAttachmentOwner(ASSET_PHOTOS, {
  canView: async (db, ctx, id) =>
    (
      await queryRows(
        db,
        sql`select 1 from assets a where a.id = ${Number(id) || 0} and a.tenant_id = ${ctx.tenantId} and ${readableAssets(ctx)}`,
      )
    ).length > 0,
  canAttach: async (db, ctx, id) => {
    const [a] = await queryRows<{ org_id: number; path: string; warehouse_id: number | null }>(
      db,
      sql`select a.org_id, o.path, a.warehouse_id from assets a join orgs o on o.id = a.org_id
          where a.id = ${Number(id) || 0} and a.tenant_id = ${ctx.tenantId} and a.status <> 'disposed'`,
    );
    if (!a) return false;
    return ctx.covers(AP['assets.write'], { id: Number(a.org_id), path: a.path }) || (a.warehouse_id != null && ctx.has(AP['pool.keep']));
  },
});

/** State assets and the public asset pool (公物仓): routes; permissions, flows and jobs register on import. */
export async function registerAssets(app: FastifyInstance, core: CoreServices, maxUploadMb: number): Promise<void> {
  await app.register(assetsRoutes, {
    assets: new AssetsService(core),
    pool: new PoolService(core),
    loans: new LoanService(core),
    disposals: new DisposalService(core),
    stocktakes: new StocktakeService(core),
    maxUploadMb,
  });
}
export { ASSETS_RULE_TABLES } from './assets.ruletables';
