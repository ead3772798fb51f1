import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParamSchema, pageOf } from '../../../contracts/common';
import {
  ZIssueSchema,
  ZLedgerQuerySchema,
  ZLedgerSchema,
  ZReceiptCreateSchema,
  ZReceiptQuerySchema,
  ZReceiptSchema,
  ZRequisitionCreateSchema,
  ZRequisitionQuerySchema,
  ZRequisitionSchema,
  ZStockQuerySchema,
  ZStockRowSchema,
  ZStoreSchema,
  ZSuppliesItemCreateSchema,
  ZSuppliesItemQuerySchema,
  ZSuppliesItemSchema,
  ZSuppliesItemUpdateSchema,
} from '../../../contracts/modules/supplies';
import { type ExcelColumn, exportRows, requireAuth, sendXlsx, writeAudit } from '../../core';
import type { SuppliesService } from './supplies.service';

const BASE = '/api/v1/supplies';
const xlsx = (zh: string, en: string, locale: string) => (locale === 'en' ? en : zh);

const STOCK_COLUMNS: ExcelColumn[] = [
  { key: 'orgName', headerZh: '库房', headerEn: 'Store', type: 'string', width: 24 },
  { key: 'code', headerZh: '物品编码', headerEn: 'Code', type: 'string', width: 14 },
  { key: 'name', headerZh: '物品名称', headerEn: 'Item', type: 'string', width: 22 },
  { key: 'spec', headerZh: '规格型号', headerEn: 'Specification', type: 'string', width: 18 },
  { key: 'uom', headerZh: '计量单位', headerEn: 'Unit', type: 'string', width: 8 },
  { key: 'quantity', headerZh: '库存数量', headerEn: 'Quantity', type: 'number', width: 10 },
  { key: 'minStock', headerZh: '最低库存', headerEn: 'Minimum', type: 'number', width: 10 },
  { key: 'averageCost', headerZh: '平均单价（元）', headerEn: 'Average cost (yuan)', type: 'string', width: 14 },
  { key: 'value', headerZh: '库存金额（元）', headerEn: 'Value (yuan)', type: 'string', width: 14 },
  { key: 'low', headerZh: '低于最低库存', headerEn: 'Below minimum', type: 'string', width: 12 },
];
const LEDGER_COLUMNS: ExcelColumn[] = [
  { key: 'code', headerZh: '物品编码', headerEn: 'Code', type: 'string', width: 14 },
  { key: 'name', headerZh: '物品名称', headerEn: 'Item', type: 'string', width: 22 },
  { key: 'uom', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 8 },
  { key: 'openingQuantity', headerZh: '期初数量', headerEn: 'Opening qty', type: 'number' },
  { key: 'openingValue', headerZh: '期初金额', headerEn: 'Opening value', type: 'string' },
  { key: 'receivedQuantity', headerZh: '本期入库数量', headerEn: 'Received qty', type: 'number' },
  { key: 'receivedValue', headerZh: '本期入库金额', headerEn: 'Received value', type: 'string' },
  { key: 'issuedQuantity', headerZh: '本期发出数量', headerEn: 'Issued qty', type: 'number' },
  { key: 'issuedValue', headerZh: '本期发出金额', headerEn: 'Issued value', type: 'string' },
  { key: 'closingQuantity', headerZh: '期末数量', headerEn: 'Closing qty', type: 'number' },
  { key: 'closingValue', headerZh: '期末金额', headerEn: 'Closing value', type: 'string' },
];

/** Thin HTTP layer over the supplies service: validate with the contract, sign-in, call, present. */
export async function suppliesRoutes(appBase: FastifyInstance, opts: { svc: SuppliesService }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const svc = opts.svc;
  const tags = ['supplies'];
  const exported = (req: Parameters<typeof requireAuth>[0], entityType: string, summary: string) => {
    const ctx = requireAuth(req);
    return svc.core.db.transaction((tx) => writeAudit(tx, ctx.auditActor(), { action: 'export', entityType, summary }));
  };

  app.get(`${BASE}/stores`, { schema: { tags, response: { 200: z.object({ items: z.array(ZStoreSchema) }) } } }, async (req) =>
    svc.stores(requireAuth(req)),
  );
  app.get(
    `${BASE}/items`,
    { schema: { tags, querystring: ZSuppliesItemQuerySchema, response: { 200: pageOf(ZSuppliesItemSchema) } } },
    async (req) => svc.listItems(requireAuth(req), req.query),
  );
  app.post(
    `${BASE}/items`,
    { schema: { tags, body: ZSuppliesItemCreateSchema, response: { 201: ZSuppliesItemSchema } } },
    async (req, reply) => reply.code(201).send(await svc.createItem(requireAuth(req), req.body)),
  );
  app.patch(
    `${BASE}/items/:id`,
    { schema: { tags, params: ZIdParamSchema, body: ZSuppliesItemUpdateSchema, response: { 200: ZSuppliesItemSchema } } },
    async (req) => svc.updateItem(requireAuth(req), req.params.id, req.body),
  );

  app.get(
    `${BASE}/stock`,
    { schema: { tags, summary: 'Stock per store', querystring: ZStockQuerySchema, response: { 200: pageOf(ZStockRowSchema) } } },
    async (req) => svc.stock(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/stock/export`,
    { schema: { tags, summary: 'The filtered stock list as Excel', querystring: ZStockQuerySchema.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const ctx = requireAuth(req);
      const { items, total } = await svc.stock(ctx, { ...req.query, page: 1, pageSize: 50_000 });
      await exported(req, 'supplies_stock', `${items.length}/${total} rows; filter ${JSON.stringify(req.query)}`);
      const yes = xlsx('是', 'yes', req.locale);
      const rows = items.map((i) => ({ ...i, low: i.belowMin ? yes : '' }));
      return sendXlsx(
        reply,
        await exportRows(STOCK_COLUMNS, rows, req.locale, xlsx('库存', 'Stock', req.locale)),
        xlsx('办公用品库存', 'supplies-stock', req.locale),
      );
    },
  );
  app.get(
    `${BASE}/alerts`,
    {
      schema: {
        tags,
        summary: 'Stock below the minimum, per store',
        querystring: z.object({ orgId: z.coerce.number().int().positive().max(2147483647).optional() }),
        response: { 200: pageOf(ZStockRowSchema) },
      },
    },
    async (req) => svc.alerts(requireAuth(req), req.query.orgId),
  );

  app.get(
    `${BASE}/receipts`,
    { schema: { tags, querystring: ZReceiptQuerySchema, response: { 200: pageOf(ZReceiptSchema) } } },
    async (req) => svc.receipts(requireAuth(req), req.query),
  );
  app.post(
    `${BASE}/receipts`,
    { schema: { tags, summary: 'Receipt into a store (入库)', body: ZReceiptCreateSchema, response: { 201: ZReceiptSchema } } },
    async (req, reply) => reply.code(201).send(await svc.receive(requireAuth(req), req.body)),
  );

  app.get(
    `${BASE}/requisitions`,
    { schema: { tags, querystring: ZRequisitionQuerySchema, response: { 200: pageOf(ZRequisitionSchema) } } },
    async (req) => svc.requisitions(requireAuth(req), req.query),
  );
  app.get(`${BASE}/requisitions/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZRequisitionSchema } } }, async (req) =>
    svc.requisition(requireAuth(req), req.params.id),
  );
  app.post(
    `${BASE}/requisitions`,
    { schema: { tags, summary: 'File a requisition (请领)', body: ZRequisitionCreateSchema, response: { 201: ZRequisitionSchema } } },
    async (req, reply) => reply.code(201).send(await svc.requisitionCreate(requireAuth(req), req.body)),
  );
  app.post(
    `${BASE}/requisitions/:id/issue`,
    {
      schema: {
        tags,
        summary: 'Issue an approved requisition (发放)',
        params: ZIdParamSchema,
        body: ZIssueSchema,
        response: { 200: ZRequisitionSchema },
      },
    },
    async (req) => svc.issue(requireAuth(req), req.params.id, req.body),
  );

  app.get(
    `${BASE}/ledger`,
    { schema: { tags, summary: "A store's monthly ledger", querystring: ZLedgerQuerySchema, response: { 200: ZLedgerSchema } } },
    async (req) => svc.ledger(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/ledger/export`,
    { schema: { tags, summary: "A store's monthly ledger as Excel", querystring: ZLedgerQuerySchema } },
    async (req, reply) => {
      const ctx = requireAuth(req);
      const l = await svc.ledger(ctx, req.query);
      await exported(req, 'supplies_ledger', `${l.orgName} ${l.month}: ${l.items.length} items`);
      const total = { code: '', name: xlsx('合计', 'Total', req.locale), uom: '', ...l.totals };
      return sendXlsx(
        reply,
        await exportRows(LEDGER_COLUMNS, [...l.items, total], req.locale, l.month),
        `${xlsx('办公用品台账', 'supplies-ledger', req.locale)}-${l.month}`,
      );
    },
  );
}
