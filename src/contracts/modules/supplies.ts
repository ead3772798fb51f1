import { z } from 'zod';
import { ZIsoDate, ZIsoMonth, ZMoney, ZPageQuerySchema, ZRef, bilingual, zOptText, zText } from '../common';

/**
 * Office supplies (办公用品 / 低值易耗品) contracts: the catalogue, stock per store, receipts,
 * requisitions (请领) with their issue, minimum-stock alerts and the monthly ledger. Money is
 * exact (decimal strings with two places); quantities are whole units of the item's measure.
 */
export const REQUISITION_STATUSES = ['pending', 'approved', 'rejected', 'returned', 'withdrawn', 'issued'] as const;
export const ZRequisitionStatus = z.enum(REQUISITION_STATUSES);

const ZOrgQuery = z.coerce.number().int().positive().max(2147483647);
const ZQuantity = z.number().int(bilingual('数量应为整数', 'quantity must be a whole number')).positive().max(1_000_000);
const ZFlag = z.enum(['true', 'false']);

const itemFields = {
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, bilingual('编码应为字母、数字、- 或 _', 'code: letters, digits, - or _')),
  name: zText(100),
  spec: zOptText(100),
  uom: zText(10),
  categoryCode: z
    .string()
    .regex(
      /^[A-Z]\d{6,9}$/,
      bilingual('资产分类代码应为 GB/T 14885 格式，如 A050100', 'category must be a GB/T 14885 code such as A050100'),
    )
    .nullish(),
  minStock: z.number().int().min(0).max(1_000_000).optional(),
  active: z.boolean().optional(),
};
export const ZSuppliesItemCreateSchema = z.object(itemFields);
export const ZSuppliesItemUpdateSchema = z.object(itemFields).omit({ code: true }).partial();
export const ZSuppliesItemQuerySchema = ZPageQuerySchema.extend({
  q: z.string().trim().max(60).optional(),
  active: ZFlag.optional(),
  /** With a store: each item's quantity in it (for a requisition form). */
  orgId: ZOrgQuery.optional(),
});
export const ZSuppliesItemSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  spec: z.string().nullable(),
  uom: z.string(),
  categoryCode: z.string().nullable(),
  minStock: z.number().int(),
  active: z.boolean(),
  /** The quantity in the store asked for with `orgId`, else null. */
  available: z.number().int().nullable(),
});
export type TSuppliesItem = z.infer<typeof ZSuppliesItemSchema>;

export const ZStoreSchema = z.object({ id: z.number().int(), name: z.string(), kind: z.string() });
export type TStore = z.infer<typeof ZStoreSchema>;

export const ZStockQuerySchema = ZPageQuerySchema.extend({
  orgId: ZOrgQuery.optional(),
  q: z.string().trim().max(60).optional(),
  /** Only stock below the item's minimum. */
  belowMin: ZFlag.optional(),
});
export const ZStockRowSchema = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  itemId: z.number().int(),
  code: z.string(),
  name: z.string(),
  spec: z.string().nullable(),
  uom: z.string(),
  minStock: z.number().int(),
  quantity: z.number().int(),
  value: z.string(),
  /** Moving-average unit cost, four decimals. */
  averageCost: z.string(),
  belowMin: z.boolean(),
});
export type TStockRow = z.infer<typeof ZStockRowSchema>;

export const ZReceiptCreateSchema = z.object({
  orgId: ZRef,
  itemId: ZRef,
  quantity: ZQuantity,
  unitPrice: ZMoney,
  supplierName: zOptText(200),
  /** The delivery date; today when absent, never in the future. */
  receivedOn: ZIsoDate.optional(),
  note: zOptText(500),
  /** Why usable pool items of the item's class do not serve (pool before purchase). */
  poolOverrideReason: zOptText(500),
});
export const ZReceiptQuerySchema = ZPageQuerySchema.extend({
  orgId: ZOrgQuery.optional(),
  itemId: ZOrgQuery.optional(),
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
});
export const ZReceiptSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  itemId: z.number().int(),
  itemCode: z.string(),
  itemName: z.string(),
  quantity: z.number().int(),
  unitPrice: z.string(),
  amount: z.string(),
  supplierName: z.string().nullable(),
  receivedOn: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
});
export type TReceipt = z.infer<typeof ZReceiptSchema>;

const ZLineInput = z.object({ itemId: ZRef, quantity: ZQuantity });
const distinctItems = (lines: { itemId: number }[]) => new Set(lines.map((l) => l.itemId)).size === lines.length;
export const ZRequisitionCreateSchema = z.object({
  /** The store: the requester's own unit when absent. */
  orgId: ZRef.optional(),
  reason: zOptText(500),
  lines: z
    .array(ZLineInput)
    .min(1, bilingual('至少请领一种物品', 'request at least one item'))
    .max(50)
    .refine(distinctItems, bilingual('同一物品只能出现一次', 'each item at most once')),
});
export const ZIssueSchema = z.object({
  /** Quantities to issue per item (≤ requested); absent: everything requested. */
  lines: z
    .array(z.object({ itemId: ZRef, quantity: z.number().int().min(0).max(1_000_000) }))
    .max(50)
    .refine(distinctItems, bilingual('同一物品只能出现一次', 'each item at most once'))
    .optional(),
});
export const ZRequisitionQuerySchema = ZPageQuerySchema.extend({
  orgId: ZOrgQuery.optional(),
  status: ZRequisitionStatus.optional(),
  /** Only the caller's own requisitions. */
  mine: ZFlag.optional(),
});
export const ZRequisitionLineSchema = z.object({
  itemId: z.number().int(),
  code: z.string(),
  name: z.string(),
  uom: z.string(),
  quantityRequested: z.number().int(),
  quantityIssued: z.number().int(),
  amountIssued: z.string(),
  /** The store's quantity now. */
  available: z.number().int(),
});
export const ZRequisitionSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  requesterId: z.number().int(),
  requesterName: z.string(),
  status: ZRequisitionStatus,
  reason: z.string().nullable(),
  instanceId: z.number().int().nullable(),
  issuedAt: z.string().nullable(),
  createdAt: z.string(),
  amountIssued: z.string(),
  lines: z.array(ZRequisitionLineSchema),
});
export type TRequisition = z.infer<typeof ZRequisitionSchema>;

export const ZLedgerQuerySchema = z.object({
  /** The store; the caller's own unit when absent. */
  orgId: ZOrgQuery.optional(),
  month: ZIsoMonth,
});
const ledgerFigures = {
  openingQuantity: z.number().int(),
  openingValue: z.string(),
  receivedQuantity: z.number().int(),
  receivedValue: z.string(),
  issuedQuantity: z.number().int(),
  issuedValue: z.string(),
  adjustedQuantity: z.number().int(),
  adjustedValue: z.string(),
  closingQuantity: z.number().int(),
  closingValue: z.string(),
};
export const ZLedgerRowSchema = z.object({
  itemId: z.number().int(),
  code: z.string(),
  name: z.string(),
  spec: z.string().nullable(),
  uom: z.string(),
  ...ledgerFigures,
});
export type TLedgerRow = z.infer<typeof ZLedgerRowSchema>;
/** The month's ledger of one store: opening + received − issued ± adjusted = closing, per item and in total. */
export const ZLedgerSchema = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  month: z.string(),
  items: z.array(ZLedgerRowSchema),
  totals: z.object({
    openingValue: z.string(),
    receivedValue: z.string(),
    issuedValue: z.string(),
    adjustedValue: z.string(),
    closingValue: z.string(),
  }),
});
export type TLedger = z.infer<typeof ZLedgerSchema>;
