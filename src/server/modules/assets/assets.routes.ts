import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParamSchema, ZImportResultSchema, ZOkSchema, pageOf } from '../../../contracts/common';
import {
  ZAllocationCreateSchema,
  ZAllocationSchema,
  ZAssetCardSchema,
  ZAssetCreateSchema,
  ZAssetQuerySchema,
  ZAssetSchema,
  ZAssetUpdateSchema,
  ZDisposalCreateSchema,
  ZDisposalSchema,
  ZHandInAcceptSchema,
  ZHandInCreateSchema,
  ZHandInSchema,
  ZLabelQuerySchema,
  ZLoanCreateSchema,
  ZLoanReturnSchema,
  ZLoanSchema,
  ZPoolListQuerySchema,
  ZPoolMatchQuerySchema,
  ZPoolMatchSchema,
  ZPoolStatsQuerySchema,
  ZPoolStatsSchema,
  ZReceiveSchema,
  ZScanResultSchema,
  ZScanSchema,
  ZStocktakeCreateSchema,
  ZStocktakeSchema,
  ZTransferSchema,
  ZWarehouseCreateSchema,
  ZWarehouseSchema,
} from '../../../contracts/modules/assets';
import { buildTemplate, exportRows, readUpload, requireAuth, sendXlsx } from '../../core';
import { ASSET_COLUMNS, ASSET_IMPORT_COLUMNS } from './assets.excel';
import { labelSheet } from './assets.labels';
import type { AssetsService } from './assets.service';
import type { DisposalService } from './disposal.service';
import type { LoanService } from './loans.service';
import type { PoolService } from './pool.service';
import type { StocktakeService } from './stocktake.service';

const BASE = '/api/v1/assets';
const POOL = '/api/v1/asset-pool';

/** Thin HTTP layer over the register and pool services. */
export async function assetsRoutes(
  appBase: FastifyInstance,
  opts: {
    assets: AssetsService;
    pool: PoolService;
    loans: LoanService;
    disposals: DisposalService;
    stocktakes: StocktakeService;
    maxUploadMb: number;
  },
) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { assets, pool, loans, disposals, stocktakes } = opts;
  const tags = ['assets'];

  // ---------- register ----------
  app.get(
    BASE,
    {
      schema: {
        tags,
        querystring: ZAssetQuerySchema,
        response: { 200: pageOf(ZAssetSchema).extend({ totalCapped: z.boolean(), totalValue: z.string().nullable() }) },
      },
    },
    async (req) => assets.list(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/export`,
    { schema: { tags, summary: 'The filtered register as Excel', querystring: ZAssetQuerySchema.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const ctx = requireAuth(req);
      const { items, total } = await assets.list(ctx, { ...req.query, page: 1, pageSize: 50_000 });
      await assets.audited(ctx, `${items.length}/${total} rows; filter ${JSON.stringify(req.query)}`);
      const buf = await exportRows(ASSET_COLUMNS, items, req.locale, req.locale === 'en' ? 'Assets' : '资产台账');
      return sendXlsx(reply, buf, req.locale === 'en' ? 'asset-register' : '资产台账');
    },
  );
  app.get(`${BASE}/import/template`, { schema: { tags } }, async (req, reply) => {
    requireAuth(req);
    const buf = await buildTemplate(ASSET_IMPORT_COLUMNS, req.locale, req.locale === 'en' ? 'Assets' : '资产');
    return sendXlsx(reply, buf, req.locale === 'en' ? 'asset-import-template' : '资产导入模板');
  });
  app.post(
    `${BASE}/import`,
    {
      schema: {
        tags,
        summary: 'Import from Excel: all rows or none, with a row-by-row report',
        consumes: ['multipart/form-data'],
        response: { 200: ZImportResultSchema, 422: ZImportResultSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireAuth(req);
      const { buffer } = await readUpload(req, opts.maxUploadMb);
      const res = await assets.importRows(ctx, buffer);
      return reply.status(res.errors.length ? 422 : 200).send(res);
    },
  );
  // The printable A4 label sheet (HTML: the browser prints it; no PDF engine on the server).
  app.get(`${BASE}/labels`, { schema: { tags, summary: 'A4 sheet of QR labels', querystring: ZLabelQuerySchema } }, async (req, reply) => {
    const ctx = requireAuth(req);
    const rows = await assets.forLabels(ctx, req.query);
    const origin = `${req.protocol}://${req.headers.host ?? 'localhost'}`;
    const html = labelSheet(
      rows,
      (code) => `${origin}/assets/card/${encodeURIComponent(code)}`,
      req.locale === 'en' ? 'Asset labels' : '资产标签',
    );
    return reply.type('text/html; charset=utf-8').send(html);
  });
  app.get(
    `${BASE}/by-code/:code`,
    {
      schema: {
        tags,
        summary: 'The card of a scanned label',
        params: z.object({ code: z.string().min(1).max(60) }),
        response: { 200: ZAssetCardSchema },
      },
    },
    async (req) => assets.byCode(requireAuth(req), req.params.code),
  );
  app.get(`${BASE}/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZAssetCardSchema } } }, async (req) =>
    assets.card(requireAuth(req), req.params.id),
  );
  app.post(`${BASE}`, { schema: { tags, body: ZAssetCreateSchema, response: { 201: ZAssetCardSchema } } }, async (req, reply) =>
    reply.code(201).send(await assets.create(requireAuth(req), req.body)),
  );
  app.patch(
    `${BASE}/:id`,
    { schema: { tags, params: ZIdParamSchema, body: ZAssetUpdateSchema, response: { 200: ZAssetCardSchema } } },
    async (req) => assets.update(requireAuth(req), req.params.id, req.body),
  );
  app.delete(`${BASE}/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZOkSchema } } }, async (req) =>
    assets.remove(requireAuth(req), req.params.id),
  );
  app.post(
    `${BASE}/:id/transfer`,
    {
      schema: {
        tags,
        summary: 'New custodian or location inside the unit',
        params: ZIdParamSchema,
        body: ZTransferSchema,
        response: { 200: ZAssetCardSchema },
      },
    },
    async (req) => assets.transfer(requireAuth(req), req.params.id, req.body),
  );

  // ---------- pool ----------
  const ptags = ['asset-pool'];
  app.post(
    `${POOL}/warehouses`,
    { schema: { tags: ptags, body: ZWarehouseCreateSchema, response: { 201: ZWarehouseSchema } } },
    async (req, reply) => reply.code(201).send(await pool.addWarehouse(requireAuth(req), req.body)),
  );
  app.get(`${POOL}/warehouses`, { schema: { tags: ptags, response: { 200: z.array(ZWarehouseSchema) } } }, async (req) =>
    pool.warehouses(requireAuth(req)),
  );
  app.get(
    `${POOL}/stats`,
    { schema: { tags: ptags, querystring: ZPoolStatsQuerySchema, response: { 200: ZPoolStatsSchema } } },
    async (req) => pool.stats(requireAuth(req), req.query),
  );
  app.get(
    `${POOL}/matches`,
    {
      schema: {
        tags: ptags,
        summary: 'Usable pool items of a category (pool before purchase)',
        querystring: ZPoolMatchQuerySchema,
        response: { 200: ZPoolMatchSchema },
      },
    },
    async (req) => pool.matches(requireAuth(req), req.query),
  );

  app.get(
    `${POOL}/hand-ins`,
    { schema: { tags: ptags, querystring: ZPoolListQuerySchema, response: { 200: pageOf(ZHandInSchema) } } },
    async (req) => pool.handIns(requireAuth(req), req.query),
  );
  app.get(`${POOL}/hand-ins/:id`, { schema: { tags: ptags, params: ZIdParamSchema, response: { 200: ZHandInSchema } } }, async (req) =>
    pool.getHandIn(requireAuth(req), req.params.id),
  );
  app.post(
    `${POOL}/hand-ins`,
    { schema: { tags: ptags, body: ZHandInCreateSchema, response: { 201: ZHandInSchema } } },
    async (req, reply) => reply.code(201).send(await pool.handIn(requireAuth(req), req.body)),
  );
  app.post(
    `${POOL}/hand-ins/:id/accept`,
    {
      schema: {
        tags: ptags,
        summary: 'Acceptance inspection and put-away',
        params: ZIdParamSchema,
        body: ZHandInAcceptSchema,
        response: { 200: ZHandInSchema },
      },
    },
    async (req) => pool.accept(requireAuth(req), req.params.id, req.body),
  );
  app.post(
    `${POOL}/hand-ins/:id/reject`,
    { schema: { tags: ptags, params: ZIdParamSchema, response: { 200: ZHandInSchema } } },
    async (req) => pool.closeHandIn(requireAuth(req), req.params.id, 'rejected'),
  );
  app.post(
    `${POOL}/hand-ins/:id/withdraw`,
    { schema: { tags: ptags, params: ZIdParamSchema, response: { 200: ZHandInSchema } } },
    async (req) => pool.closeHandIn(requireAuth(req), req.params.id, 'withdrawn'),
  );

  app.get(
    `${POOL}/allocations`,
    { schema: { tags: ptags, querystring: ZPoolListQuerySchema, response: { 200: pageOf(ZAllocationSchema) } } },
    async (req) => pool.allocations(requireAuth(req), req.query),
  );
  app.get(
    `${POOL}/allocations/:id`,
    { schema: { tags: ptags, params: ZIdParamSchema, response: { 200: ZAllocationSchema } } },
    async (req) => pool.getAllocation(requireAuth(req), req.params.id),
  );
  app.post(
    `${POOL}/allocations`,
    {
      schema: {
        tags: ptags,
        summary: '调剂 request: reserves the items until decided',
        body: ZAllocationCreateSchema,
        response: { 201: ZAllocationSchema },
      },
    },
    async (req, reply) => reply.code(201).send(await pool.allocate(requireAuth(req), req.body)),
  );
  app.post(
    `${POOL}/allocations/:id/deliver`,
    { schema: { tags: ptags, params: ZIdParamSchema, response: { 200: ZAllocationSchema } } },
    async (req) => pool.deliver(requireAuth(req), req.params.id),
  );
  app.post(
    `${POOL}/allocations/:id/receive`,
    { schema: { tags: ptags, params: ZIdParamSchema, body: ZReceiveSchema, response: { 200: ZAllocationSchema } } },
    async (req) => pool.receive(requireAuth(req), req.params.id, req.body),
  );

  app.get(
    `${POOL}/loans`,
    { schema: { tags: ptags, querystring: ZPoolListQuerySchema, response: { 200: pageOf(ZLoanSchema) } } },
    async (req) => loans.loans(requireAuth(req), req.query),
  );
  app.post(`${POOL}/loans`, { schema: { tags: ptags, body: ZLoanCreateSchema, response: { 201: ZLoanSchema } } }, async (req, reply) =>
    reply.code(201).send(await loans.lend(requireAuth(req), req.body)),
  );
  app.post(
    `${POOL}/loans/:id/return`,
    { schema: { tags: ptags, params: ZIdParamSchema, body: ZLoanReturnSchema, response: { 200: ZLoanSchema } } },
    async (req) => loans.returnLoan(requireAuth(req), req.params.id, req.body),
  );

  app.get(
    `${POOL}/disposals`,
    { schema: { tags: ptags, querystring: ZPoolListQuerySchema, response: { 200: pageOf(ZDisposalSchema) } } },
    async (req) => disposals.disposals(requireAuth(req), req.query),
  );
  app.get(`${POOL}/disposals/:id`, { schema: { tags: ptags, params: ZIdParamSchema, response: { 200: ZDisposalSchema } } }, async (req) =>
    disposals.getDisposal(requireAuth(req), req.params.id),
  );
  app.post(
    `${POOL}/disposals`,
    { schema: { tags: ptags, body: ZDisposalCreateSchema, response: { 201: ZDisposalSchema } } },
    async (req, reply) => reply.code(201).send(await disposals.dispose(requireAuth(req), req.body)),
  );

  // ---------- stocktake ----------
  const ST = '/api/v1/asset-stocktakes';
  const stags = ['asset-stocktakes'];
  app.get(ST, { schema: { tags: stags, querystring: ZPoolListQuerySchema, response: { 200: pageOf(ZStocktakeSchema) } } }, async (req) =>
    stocktakes.list(requireAuth(req), req.query),
  );
  app.post(ST, { schema: { tags: stags, body: ZStocktakeCreateSchema, response: { 201: ZStocktakeSchema } } }, async (req, reply) =>
    reply.code(201).send(await stocktakes.create(requireAuth(req), req.body)),
  );
  app.get(`${ST}/:id`, { schema: { tags: stags, params: ZIdParamSchema, response: { 200: ZStocktakeSchema } } }, async (req) =>
    stocktakes.get(requireAuth(req), req.params.id),
  );
  app.post(
    `${ST}/:id/scans`,
    {
      schema: {
        tags: stags,
        summary: 'One scanned label',
        params: ZIdParamSchema,
        body: ZScanSchema,
        response: { 200: ZScanResultSchema },
      },
    },
    async (req) => stocktakes.scan(requireAuth(req), req.params.id, req.body),
  );
  app.post(
    `${ST}/:id/close`,
    {
      schema: {
        tags: stags,
        summary: 'Fix the result and send it for approval',
        params: ZIdParamSchema,
        response: { 200: ZStocktakeSchema },
      },
    },
    async (req) => stocktakes.close(requireAuth(req), req.params.id),
  );
}
