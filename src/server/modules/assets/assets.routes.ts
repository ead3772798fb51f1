import type { FastifyInstance } from 'fastify';
import { assetPoolApi, assetStocktakesApi, assetsApi } from '../../../contracts/modules/assets.api';
import { batchedRows, buildTemplate, mountRoutes, importOutcome, readUpload, requireAuth, sendXlsx, streamXlsx } from '../../core';
import { ASSET_COLUMNS, ASSET_IMPORT_COLUMNS } from './assets.excel';
import { labelSheet } from './assets.labels';
import type { AllocationService } from './allocation.service';
import type { AssetsService } from './assets.service';
import type { DisposalService } from './disposal.service';
import type { LoanService } from './loans.service';
import type { PoolStatsService } from './pool-stats.service';
import type { PoolService } from './pool.service';
import type { StocktakeService } from './stocktake.service';

const xlsx = (zh: string, en: string, locale: string) => (locale === 'en' ? en : zh);

/**
 * Thin HTTP layer over the register, pool and stocktake services: the routes are defined in the
 * contract (assetsApi, assetPoolApi, assetStocktakesApi), sign-in, call, present.
 */
export async function assetsRoutes(
  app: FastifyInstance,
  opts: {
    assets: AssetsService;
    pool: PoolService;
    allocations: AllocationService;
    poolStats: PoolStatsService;
    loans: LoanService;
    disposals: DisposalService;
    stocktakes: StocktakeService;
    maxUploadMb: number;
  },
) {
  const { assets, pool, allocations, poolStats, loans, disposals, stocktakes } = opts;

  // ---------- register ----------
  mountRoutes(app, assetsApi, {
    list: async (req) => assets.list(requireAuth(req), req.query),
    exportList: async (req, reply) => {
      const ctx = requireAuth(req);
      const src = await batchedRows((page, pageSize) => assets.list(ctx, { ...req.query, page, pageSize }));
      await assets.audited(ctx, `${src.count}/${src.total} rows; filter ${JSON.stringify(req.query)}`);
      return streamXlsx(reply, {
        columns: ASSET_COLUMNS,
        rows: src.rows,
        locale: req.locale,
        sheetName: xlsx('资产台账', 'Assets', req.locale),
        fileName: xlsx('资产台账', 'asset-register', req.locale),
      });
    },
    importTemplate: async (req, reply) => {
      requireAuth(req);
      const buf = await buildTemplate(ASSET_IMPORT_COLUMNS, req.locale, xlsx('资产', 'Assets', req.locale));
      return sendXlsx(reply, buf, xlsx('资产导入模板', 'asset-import-template', req.locale));
    },
    // All rows or none: a report with errors answers 422 IMPORT_FAILED, the report in `details`.
    importRows: async (req) => {
      const ctx = requireAuth(req);
      const { buffer } = await readUpload(req as Parameters<typeof readUpload>[0], opts.maxUploadMb);
      return importOutcome(await assets.importRows(ctx, buffer));
    },
    labels: async (req, reply) => {
      const ctx = requireAuth(req);
      const rows = await assets.forLabels(ctx, req.query);
      const origin = `${req.protocol}://${req.headers.host ?? 'localhost'}`;
      const html = labelSheet(
        rows,
        (code) => `${origin}/assets/card/${encodeURIComponent(code)}`,
        xlsx('资产标签', 'Asset labels', req.locale),
      );
      return reply.type('text/html; charset=utf-8').send(html);
    },
    byCode: async (req) => assets.byCode(requireAuth(req), req.params.code),
    card: async (req) => assets.card(requireAuth(req), req.params.id),
    create: async (req) => assets.create(requireAuth(req), req.body),
    update: async (req) => assets.update(requireAuth(req), req.params.id, req.body),
    remove: async (req) => assets.remove(requireAuth(req), req.params.id),
    transfer: async (req) => assets.transfer(requireAuth(req), req.params.id, req.body),
  });

  // ---------- pool ----------
  mountRoutes(app, assetPoolApi, {
    addWarehouse: async (req) => pool.addWarehouse(requireAuth(req), req.body),
    warehouses: async (req) => pool.warehouses(requireAuth(req)),
    stats: async (req) => poolStats.stats(requireAuth(req), req.query),
    matches: async (req) => poolStats.matches(requireAuth(req), req.query),
    handIns: async (req) => pool.handIns(requireAuth(req), req.query),
    handIn: async (req) => pool.getHandIn(requireAuth(req), req.params.id),
    createHandIn: async (req) => pool.handIn(requireAuth(req), req.body),
    accept: async (req) => pool.accept(requireAuth(req), req.params.id, req.body),
    reject: async (req) => pool.closeHandIn(requireAuth(req), req.params.id, 'rejected'),
    withdraw: async (req) => pool.closeHandIn(requireAuth(req), req.params.id, 'withdrawn'),
    allocations: async (req) => allocations.allocations(requireAuth(req), req.query),
    allocation: async (req) => allocations.getAllocation(requireAuth(req), req.params.id),
    allocate: async (req) => allocations.allocate(requireAuth(req), req.body),
    deliver: async (req) => allocations.deliver(requireAuth(req), req.params.id),
    receive: async (req) => allocations.receive(requireAuth(req), req.params.id, req.body),
    loans: async (req) => loans.loans(requireAuth(req), req.query),
    lend: async (req) => loans.lend(requireAuth(req), req.body),
    returnLoan: async (req) => loans.returnLoan(requireAuth(req), req.params.id, req.body),
    disposals: async (req) => disposals.disposals(requireAuth(req), req.query),
    disposal: async (req) => disposals.getDisposal(requireAuth(req), req.params.id),
    dispose: async (req) => disposals.dispose(requireAuth(req), req.body),
  });

  // ---------- stocktake ----------
  mountRoutes(app, assetStocktakesApi, {
    list: async (req) => stocktakes.list(requireAuth(req), req.query),
    create: async (req) => stocktakes.create(requireAuth(req), req.body),
    get: async (req) => stocktakes.get(requireAuth(req), req.params.id),
    scan: async (req) => stocktakes.scan(requireAuth(req), req.params.id, req.body),
    close: async (req) => stocktakes.close(requireAuth(req), req.params.id),
  });
}
