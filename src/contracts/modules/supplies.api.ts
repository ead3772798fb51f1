import { z } from 'zod';
import { ZId, pageOf } from '../common';
import { defineRoutes } from '../route';
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
} from './supplies';

/** The supplies module's HTTP routes, defined once for the server and the web. */
export const suppliesApi = defineRoutes('supplies', {
  // Unpaged: the stores (units keeping supplies) in scope, a few hundred at most.
  stores: { method: 'GET', path: '/supplies/stores', response: z.object({ items: z.array(ZStoreSchema) }) },
  listItems: { method: 'GET', path: '/supplies/items', query: ZSuppliesItemQuerySchema, response: pageOf(ZSuppliesItemSchema) },
  createItem: { method: 'POST', path: '/supplies/items', body: ZSuppliesItemCreateSchema, response: ZSuppliesItemSchema, status: 201 },
  updateItem: { method: 'PATCH', path: '/supplies/items/:id', body: ZSuppliesItemUpdateSchema, response: ZSuppliesItemSchema },
  stock: {
    method: 'GET',
    path: '/supplies/stock',
    summary: 'Stock per store',
    query: ZStockQuerySchema,
    response: pageOf(ZStockRowSchema),
  },
  exportStock: {
    method: 'GET',
    path: '/supplies/stock/export',
    kind: 'download',
    summary: 'The filtered stock list as Excel',
    query: ZStockQuerySchema.omit({ page: true, pageSize: true }),
  },
  alerts: {
    method: 'GET',
    path: '/supplies/alerts',
    summary: 'Stock below the minimum, per store',
    query: z.object({ orgId: ZId.optional() }),
    response: pageOf(ZStockRowSchema),
  },
  receipts: { method: 'GET', path: '/supplies/receipts', query: ZReceiptQuerySchema, response: pageOf(ZReceiptSchema) },
  receive: {
    method: 'POST',
    path: '/supplies/receipts',
    summary: 'Receipt into a store (入库)',
    body: ZReceiptCreateSchema,
    response: ZReceiptSchema,
    status: 201,
  },
  requisitions: { method: 'GET', path: '/supplies/requisitions', query: ZRequisitionQuerySchema, response: pageOf(ZRequisitionSchema) },
  requisition: { method: 'GET', path: '/supplies/requisitions/:id', response: ZRequisitionSchema },
  createRequisition: {
    method: 'POST',
    path: '/supplies/requisitions',
    summary: 'File a requisition (请领)',
    body: ZRequisitionCreateSchema,
    response: ZRequisitionSchema,
    status: 201,
  },
  issue: {
    method: 'POST',
    path: '/supplies/requisitions/:id/issue',
    summary: 'Issue an approved requisition (发放)',
    body: ZIssueSchema,
    response: ZRequisitionSchema,
  },
  ledger: {
    method: 'GET',
    path: '/supplies/ledger',
    summary: "A store's monthly ledger",
    query: ZLedgerQuerySchema,
    response: ZLedgerSchema,
  },
  exportLedger: {
    method: 'GET',
    path: '/supplies/ledger/export',
    kind: 'download',
    summary: "A store's monthly ledger as Excel",
    query: ZLedgerQuerySchema,
  },
});
