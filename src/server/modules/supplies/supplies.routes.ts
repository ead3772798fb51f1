import type { FastifyInstance } from 'fastify';
import { suppliesApi } from '../../../contracts/modules/supplies.api';
import { type ExcelColumn, batchedRows, mapRows, mountRoutes, requireAuth, streamXlsx, writeAudit } from '../../core';
import type { SuppliesService } from './supplies.service';

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
  { key: 'value', headerZh: '库存金额（元）', headerEn: 'Value (yuan)', type: 'money', width: 14 },
  { key: 'low', headerZh: '低于最低库存', headerEn: 'Below minimum', type: 'string', width: 12 },
];
const LEDGER_COLUMNS: ExcelColumn[] = [
  { key: 'code', headerZh: '物品编码', headerEn: 'Code', type: 'string', width: 14 },
  { key: 'name', headerZh: '物品名称', headerEn: 'Item', type: 'string', width: 22 },
  { key: 'uom', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 8 },
  { key: 'openingQuantity', headerZh: '期初数量', headerEn: 'Opening qty', type: 'number' },
  { key: 'openingValue', headerZh: '期初金额', headerEn: 'Opening value', type: 'money' },
  { key: 'receivedQuantity', headerZh: '本期入库数量', headerEn: 'Received qty', type: 'number' },
  { key: 'receivedValue', headerZh: '本期入库金额', headerEn: 'Received value', type: 'money' },
  { key: 'issuedQuantity', headerZh: '本期发出数量', headerEn: 'Issued qty', type: 'number' },
  { key: 'issuedValue', headerZh: '本期发出金额', headerEn: 'Issued value', type: 'money' },
  { key: 'closingQuantity', headerZh: '期末数量', headerEn: 'Closing qty', type: 'number' },
  { key: 'closingValue', headerZh: '期末金额', headerEn: 'Closing value', type: 'money' },
];

/** Thin HTTP layer over the supplies service: the routes are defined in the contract (suppliesApi), sign-in, call, present. */
export async function suppliesRoutes(app: FastifyInstance, opts: { svc: SuppliesService }) {
  const svc = opts.svc;
  const exported = (req: Parameters<typeof requireAuth>[0], entityType: string, summary: string) => {
    const ctx = requireAuth(req);
    return svc.core.db.transaction((tx) => writeAudit(tx, ctx.auditActor(), { action: 'export', entityType, summary }));
  };

  mountRoutes(app, suppliesApi, {
    stores: async (req) => svc.stores(requireAuth(req)),
    listItems: async (req) => svc.listItems(requireAuth(req), req.query),
    createItem: async (req) => svc.createItem(requireAuth(req), req.body),
    updateItem: async (req) => svc.updateItem(requireAuth(req), req.params.id, req.body),
    stock: async (req) => svc.stock(requireAuth(req), req.query),
    exportStock: async (req, reply) => {
      const ctx = requireAuth(req);
      const src = await batchedRows((page, pageSize) => svc.stock(ctx, { ...req.query, page, pageSize }));
      await exported(req, 'supplies_stock', `${src.count}/${src.total} rows; filter ${JSON.stringify(req.query)}`);
      const yes = xlsx('是', 'yes', req.locale);
      return streamXlsx(reply, {
        columns: STOCK_COLUMNS,
        rows: mapRows(src.rows, (i) => ({ ...i, low: i.belowMin ? yes : '' })),
        locale: req.locale,
        sheetName: xlsx('库存', 'Stock', req.locale),
        fileName: xlsx('办公用品库存', 'supplies-stock', req.locale),
      });
    },
    alerts: async (req) => svc.alerts(requireAuth(req), req.query.orgId),
    receipts: async (req) => svc.receipts(requireAuth(req), req.query),
    receive: async (req) => svc.receive(requireAuth(req), req.body),
    requisitions: async (req) => svc.requisitions(requireAuth(req), req.query),
    requisition: async (req) => svc.requisition(requireAuth(req), req.params.id),
    createRequisition: async (req) => svc.requisitionCreate(requireAuth(req), req.body),
    issue: async (req) => svc.issue(requireAuth(req), req.params.id, req.body),
    ledger: async (req) => svc.ledger(requireAuth(req), req.query),
    exportLedger: async (req, reply) => {
      const ctx = requireAuth(req);
      const l = await svc.ledger(ctx, req.query);
      await exported(req, 'supplies_ledger', `${l.orgName} ${l.month}: ${l.items.length} items`);
      const total = { code: '', name: xlsx('合计', 'Total', req.locale), uom: '', ...l.totals };
      // One store's catalogue for one month: small by nature, read whole.
      return streamXlsx(reply, {
        columns: LEDGER_COLUMNS,
        rows: [...l.items, total],
        locale: req.locale,
        sheetName: l.month,
        fileName: `${xlsx('办公用品台账', 'supplies-ledger', req.locale)}-${l.month}`,
      });
    },
  });
}
