import { sql } from 'drizzle-orm';
import { ASSETS_RULE_TABLES } from './assets.ruletables';
import { type AttachmentOwner, type CoreServices, type ModuleDemoContext, defineModule, queryRows } from '../../core';
import { seedAssetsDemo } from './assets.demo';
import { AM } from './assets.messages';
import { ASSET_GRANTS, ASSET_ROLES, AP } from './assets.permissions';
import { readableAssets } from './assets.repository';
import { assetsRoutes } from './assets.routes';
import { AssetsService } from './assets.service';
import { ASSET_DISPOSAL_BUSINESS_TYPE, DisposalService } from './disposal.service';
import { LOAN_REMINDER_JOB, LoanService } from './loans.service';
import { AllocationService, POOL_ALLOCATION_BUSINESS_TYPE } from './allocation.service';
import { PoolStatsService } from './pool-stats.service';
import { PoolService } from './pool.service';
import { STOCKTAKE_BUSINESS_TYPE, StocktakeService } from './stocktake.service';
import { ASSETS_AUDIT } from './assets.audit';
import { ASSET_SEARCH, ASSET_WORKBENCH } from './assets.workbench';

export { AP as ASSET_PERMISSIONS } from './assets.permissions';
export { seedAssetsDemo } from './assets.demo';
export { assertPoolBeforePurchase, findUsablePoolItems } from './pool-stats.service';

export const ASSET_PHOTOS = 'asset_photo';

/**
 * Photos on the card (and the acceptance inspection's, taken on the pool item): readers of the
 * card see them; its unit's asset administrator adds them, and the pool's keeper for pool items.
 */
const assetPhotosOwner: AttachmentOwner = {
  canView: async (db, ctx, id) =>
    (
      await queryRows(
        db,
        sql`select 1 from assets a where a.id = ${Number(id) || 0} and a.tenant_id = ${ctx.tenantId} and ${readableAssets(ctx)}`,
      )
    ).length > 0,
  canAttach: async (db, ctx, id) => {
    // The pool's keeper: for items in a warehouse of the keeper's scope (not any warehouse of the district).
    const [a] = await queryRows<{ org_id: number; path: string; w_org_id: number | null; w_path: string | null }>(
      db,
      sql`select a.org_id, o.path, w.org_id as w_org_id, wo.path as w_path from assets a join orgs o on o.id = a.org_id
          left join asset_warehouses w on w.id = a.warehouse_id left join orgs wo on wo.id = w.org_id
          where a.id = ${Number(id) || 0} and a.tenant_id = ${ctx.tenantId} and a.status <> 'disposed'`,
    );
    if (!a) return false;
    return (
      ctx.covers(AP['assets.write'], { id: Number(a.org_id), path: a.path }) ||
      (a.w_org_id != null && !!a.w_path && ctx.covers(AP['pool.keep'], { id: Number(a.w_org_id), path: a.w_path }))
    );
  },
};

/** `keeper`: the district pool's warehouse keeper (公物仓保管员), who accepts, stores, delivers and lends. */
async function addAssetDemoAccounts(_core: CoreServices, ctx: ModuleDemoContext): Promise<void> {
  await ctx.createAccounts([{ username: 'keeper', displayName: '公物仓保管员', orgId: ctx.bureau.id, roleCode: 'warehouse_keeper' }]);
}

/** State assets and the public asset pool (公物仓): registers, cards, the pool, loans, disposals, stocktakes. */
export const assetsModule = defineModule({
  name: 'assets',
  audit: ASSETS_AUDIT,
  titleZh: '国有资产与公物仓',
  titleEn: 'State assets and the asset pool',
  permissions: [AP],
  messages: [AM],
  roles: ASSET_ROLES,
  grants: ASSET_GRANTS,
  businessTypes: [POOL_ALLOCATION_BUSINESS_TYPE, ASSET_DISPOSAL_BUSINESS_TYPE, STOCKTAKE_BUSINESS_TYPE],
  workbench: ASSET_WORKBENCH,
  search: ASSET_SEARCH,
  jobs: [LOAN_REMINDER_JOB],
  ruleTables: ASSETS_RULE_TABLES,
  attachmentOwners: { [ASSET_PHOTOS]: assetPhotosOwner },
  routes: async (app, core, deps) => {
    await app.register(assetsRoutes, {
      assets: new AssetsService(core),
      pool: new PoolService(core),
      allocations: new AllocationService(core),
      poolStats: new PoolStatsService(core),
      loans: new LoanService(core),
      disposals: new DisposalService(core),
      stocktakes: new StocktakeService(core),
      maxUploadMb: Math.round(deps.config.maxUploadBytes / 1048576),
    });
  },
  demo: { accounts: addAssetDemoAccounts, seed: seedAssetsDemo },
});
export { ASSETS_RULE_TABLES } from './assets.ruletables';
