import { z } from 'zod';
import { ZImportResultSchema, ZOkSchema, pageOf } from '../common';
import { defineRoutes } from '../route';
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
} from './assets';

/**
 * The assets module's HTTP routes, defined once for the server and the web. Three tables, one per
 * URL family, so the OpenAPI tags (assets, asset-pool, asset-stocktakes) stay as they were.
 */
export const assetsApi = defineRoutes('assets', {
  list: {
    method: 'GET',
    path: '/assets',
    query: ZAssetQuerySchema,
    response: pageOf(ZAssetSchema).extend({ totalCapped: z.boolean(), totalValue: z.string().nullable() }),
  },
  exportList: {
    method: 'GET',
    path: '/assets/export',
    kind: 'download',
    summary: 'The filtered register as Excel',
    query: ZAssetQuerySchema.omit({ page: true, pageSize: true }),
  },
  importTemplate: { method: 'GET', path: '/assets/import/template', kind: 'download' },
  /** Answers 200 when every row was imported, 422 IMPORT_FAILED with the report in `details` when none was. */
  importRows: {
    method: 'POST',
    path: '/assets/import',
    kind: 'upload',
    summary: 'Import from Excel: all rows or none, with a row-by-row report',
    response: ZImportResultSchema,
  },
  /** The printable A4 label sheet (HTML: the browser prints it; no PDF engine on the server). */
  labels: { method: 'GET', path: '/assets/labels', kind: 'page', summary: 'A4 sheet of QR labels', query: ZLabelQuerySchema },
  byCode: {
    method: 'GET',
    path: '/assets/by-code/:code',
    summary: 'The card of a scanned label',
    params: z.object({ code: z.string().min(1).max(60) }),
    response: ZAssetCardSchema,
  },
  card: { method: 'GET', path: '/assets/:id', response: ZAssetCardSchema },
  create: { method: 'POST', path: '/assets', body: ZAssetCreateSchema, response: ZAssetCardSchema, status: 201 },
  update: { method: 'PATCH', path: '/assets/:id', body: ZAssetUpdateSchema, response: ZAssetCardSchema },
  remove: { method: 'DELETE', path: '/assets/:id', response: ZOkSchema },
  transfer: {
    method: 'POST',
    path: '/assets/:id/transfer',
    summary: 'New custodian or location inside the unit',
    body: ZTransferSchema,
    response: ZAssetCardSchema,
  },
});

/** The public asset pool (公物仓): warehouses, hand-ins, allocations, loans, disposals, statistics. */
export const assetPoolApi = defineRoutes('asset-pool', {
  addWarehouse: { method: 'POST', path: '/asset-pool/warehouses', body: ZWarehouseCreateSchema, response: ZWarehouseSchema, status: 201 },
  warehouses: { method: 'GET', path: '/asset-pool/warehouses', response: z.array(ZWarehouseSchema) },
  stats: { method: 'GET', path: '/asset-pool/stats', query: ZPoolStatsQuerySchema, response: ZPoolStatsSchema },
  matches: {
    method: 'GET',
    path: '/asset-pool/matches',
    summary: 'Usable pool items of a category (pool before purchase)',
    query: ZPoolMatchQuerySchema,
    response: ZPoolMatchSchema,
  },
  handIns: { method: 'GET', path: '/asset-pool/hand-ins', query: ZPoolListQuerySchema, response: pageOf(ZHandInSchema) },
  handIn: { method: 'GET', path: '/asset-pool/hand-ins/:id', response: ZHandInSchema },
  createHandIn: { method: 'POST', path: '/asset-pool/hand-ins', body: ZHandInCreateSchema, response: ZHandInSchema, status: 201 },
  accept: {
    method: 'POST',
    path: '/asset-pool/hand-ins/:id/accept',
    summary: 'Acceptance inspection and put-away',
    body: ZHandInAcceptSchema,
    response: ZHandInSchema,
  },
  reject: { method: 'POST', path: '/asset-pool/hand-ins/:id/reject', response: ZHandInSchema },
  withdraw: { method: 'POST', path: '/asset-pool/hand-ins/:id/withdraw', response: ZHandInSchema },
  allocations: { method: 'GET', path: '/asset-pool/allocations', query: ZPoolListQuerySchema, response: pageOf(ZAllocationSchema) },
  allocation: { method: 'GET', path: '/asset-pool/allocations/:id', response: ZAllocationSchema },
  allocate: {
    method: 'POST',
    path: '/asset-pool/allocations',
    summary: '调剂 request: reserves the items until decided',
    body: ZAllocationCreateSchema,
    response: ZAllocationSchema,
    status: 201,
  },
  deliver: { method: 'POST', path: '/asset-pool/allocations/:id/deliver', response: ZAllocationSchema },
  receive: { method: 'POST', path: '/asset-pool/allocations/:id/receive', body: ZReceiveSchema, response: ZAllocationSchema },
  loans: { method: 'GET', path: '/asset-pool/loans', query: ZPoolListQuerySchema, response: pageOf(ZLoanSchema) },
  lend: { method: 'POST', path: '/asset-pool/loans', body: ZLoanCreateSchema, response: ZLoanSchema, status: 201 },
  returnLoan: { method: 'POST', path: '/asset-pool/loans/:id/return', body: ZLoanReturnSchema, response: ZLoanSchema },
  disposals: { method: 'GET', path: '/asset-pool/disposals', query: ZPoolListQuerySchema, response: pageOf(ZDisposalSchema) },
  disposal: { method: 'GET', path: '/asset-pool/disposals/:id', response: ZDisposalSchema },
  dispose: { method: 'POST', path: '/asset-pool/disposals', body: ZDisposalCreateSchema, response: ZDisposalSchema, status: 201 },
});

/** Stocktakes (盘点): a count by scanning labels, closed and sent for approval. */
export const assetStocktakesApi = defineRoutes('asset-stocktakes', {
  list: { method: 'GET', path: '/asset-stocktakes', query: ZPoolListQuerySchema, response: pageOf(ZStocktakeSchema) },
  create: { method: 'POST', path: '/asset-stocktakes', body: ZStocktakeCreateSchema, response: ZStocktakeSchema, status: 201 },
  get: { method: 'GET', path: '/asset-stocktakes/:id', response: ZStocktakeSchema },
  scan: {
    method: 'POST',
    path: '/asset-stocktakes/:id/scans',
    summary: 'One scanned label',
    body: ZScanSchema,
    response: ZScanResultSchema,
  },
  close: {
    method: 'POST',
    path: '/asset-stocktakes/:id/close',
    summary: 'Fix the result and send it for approval',
    response: ZStocktakeSchema,
  },
});
