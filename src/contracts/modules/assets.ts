import { z } from 'zod';
import { ZIsoDate, ZMoney, ZPageQuerySchema, ZRef, bilingual, zOptText, zText } from '../common';

/** State assets (资产台账) and the public asset pool (公物仓): cards, pool requests, statistics. */
export const ASSET_STATUSES = ['in_use', 'idle', 'in_pool', 'reserved', 'on_loan', 'disposed'] as const;
export const ZAssetStatus = z.enum(ASSET_STATUSES);
/** Statuses a unit may set on its own card; the pool statuses come only from pool actions. */
export const ZUnitAssetStatus = z.enum(['in_use', 'idle']);
export const ZAssetCondition = z.enum(['A', 'B', 'C', 'D']);
export const ZHandInReason = z.enum(['idle', 'over_standard', 'abolished_body', 'event']);
export const ZDisposalMethod = z.enum(['scrap', 'auction', 'donation', 'transfer']);

const ZCategoryCode = z
  .string()
  .trim()
  .regex(/^[A-Z]\d{6}$/, bilingual('资产分类代码应为 GB/T 14885 格式，如 A050102', 'category must be a GB/T 14885 code such as A050102'));
const ZIdList = z
  .array(ZRef)
  .min(1)
  .max(500)
  .refine((a) => new Set(a).size === a.length, { message: bilingual('资产不能重复', 'an asset is listed twice') });

const assetFields = {
  orgId: ZRef,
  code: zOptText(40),
  name: zText(120),
  categoryCode: ZCategoryCode,
  spec: zOptText(200),
  quantity: z.number().int().min(1).max(100000).optional(),
  unit: zOptText(10),
  originalValue: ZMoney,
  purchaseDate: ZIsoDate.nullish(),
  fundingSource: zOptText(40),
  custodian: zOptText(60),
  roomId: ZRef.nullish(),
  location: zOptText(200),
  status: ZUnitAssetStatus.optional(),
  depreciate: z.boolean().optional(),
  note: zOptText(1000),
};
export const ZAssetCreateSchema = z.object(assetFields);
export const ZAssetUpdateSchema = z.object(assetFields).omit({ orgId: true, code: true }).partial();

export const ZAssetQuerySchema = ZPageQuerySchema.extend({
  q: z.string().trim().max(60).optional(),
  status: ZAssetStatus.optional(),
  /** A GB/T 14885 code: the class and everything under it. */
  category: z
    .string()
    .regex(/^[A-Z]\d{6}$/)
    .optional(),
  orgId: z.coerce.number().int().positive().max(2147483647).optional(),
  /** 使用单位: the unit's own cards (its departments' included, not those of units under it). */
  usingOrgId: z.coerce.number().int().positive().max(2147483647).optional(),
  warehouseId: z.coerce.number().int().positive().max(2147483647).optional(),
  condition: ZAssetCondition.optional(),
  /** Named cards (comma-separated ids, at most 500), e.g. the items of a request to print; disposed ones included. */
  ids: z
    .string()
    .regex(/^\d+(,\d+){0,499}$/)
    .optional(),
});

export const ZAssetSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  code: z.string(),
  name: z.string(),
  categoryCode: z.string(),
  categoryName: z.string().nullable(),
  spec: z.string().nullable(),
  quantity: z.number().int(),
  unit: z.string(),
  originalValue: z.string(),
  /** Straight-line net value today, by the category's life; null when not depreciated. */
  netValue: z.string().nullable(),
  purchaseDate: z.string().nullable(),
  fundingSource: z.string().nullable(),
  custodian: z.string().nullable(),
  roomId: z.number().int().nullable(),
  location: z.string().nullable(),
  status: ZAssetStatus,
  condition: z.string().nullable(),
  warehouseId: z.number().int().nullable(),
  warehouseName: z.string().nullable(),
  slot: z.string().nullable(),
  reservedBy: z.string().nullable(),
  depreciate: z.boolean(),
  note: z.string().nullable(),
  updatedAt: z.string(),
});
export type TAsset = z.infer<typeof ZAssetSchema>;

export const ZAssetEventSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  summary: z.string(),
  orgId: z.number().int(),
  data: z.record(z.string(), z.unknown()),
  occurredAt: z.string(),
  createdBy: z.number().int().nullable(),
});
/** The card as a scan opens it: the asset, its history and what this user may do with it. */
export const ZAssetCardSchema = ZAssetSchema.extend({
  events: z.array(ZAssetEventSchema),
  actions: z.array(z.enum(['edit', 'transfer', 'hand_in', 'dispose', 'allocate', 'loan'])),
});

export const ZTransferSchema = z
  .object({
    custodian: zOptText(60),
    roomId: ZRef.nullish(),
    location: zOptText(200),
    note: zOptText(500),
  })
  .refine((v) => v.custodian !== undefined || v.roomId !== undefined || v.location !== undefined, {
    message: bilingual('请填写新的使用人或存放地点', 'give a new custodian or location'),
  });

export const ZLabelQuerySchema = z.object({
  ids: z
    .string()
    .regex(/^\d+(,\d+)*$/)
    .optional(),
  orgId: z.coerce.number().int().positive().max(2147483647).optional(),
  status: ZAssetStatus.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

// ——— the pool ———

export const ZWarehouseSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(['physical', 'virtual']),
  address: z.string().nullable(),
  active: z.boolean(),
  itemCount: z.number().int(),
  value: z.string(),
});

export const ZWarehouseCreateSchema = z.object({
  name: zText(60),
  kind: z.enum(['physical', 'virtual']).default('physical'),
  address: zOptText(200),
});

export const ZHandInCreateSchema = z.object({
  assetIds: ZIdList,
  reason: ZHandInReason,
  note: zOptText(500),
  /** The bureau accepts on the spot when it records the hand-in itself; a unit's waits for acceptance. */
  warehouseId: ZRef.optional(),
});
/**
 * The pool keeper's acceptance checklist (公物仓验收), asked of each item on its own: it matches
 * the register entry, its appearance, it works, its accessories and documents are complete, its
 * asset label is on it.
 */
export const ACCEPTANCE_CHECKS = ['matches_register', 'appearance', 'works', 'accessories', 'label'] as const;
export const ZAcceptanceChecks = z.partialRecord(z.enum(ACCEPTANCE_CHECKS), z.boolean());
export const ZHandInAcceptSchema = z.object({
  warehouseId: ZRef,
  /** Each item's own grade and checklist (items not listed take the default grade, unchecked). */
  items: z
    .array(
      z.object({
        assetId: ZRef,
        condition: ZAssetCondition,
        slot: zOptText(40),
        checks: ZAcceptanceChecks.optional(),
        note: zOptText(200),
      }),
    )
    .max(500)
    .optional(),
  /** Default grade for items not listed. */
  condition: ZAssetCondition.default('A'),
});
export const ZHandInSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  reason: ZHandInReason,
  status: z.enum(['submitted', 'accepted', 'rejected', 'withdrawn']),
  warehouseId: z.number().int().nullable(),
  itemCount: z.number().int(),
  totalValue: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  acceptedAt: z.string().nullable(),
  assetIds: z.array(z.number().int()),
  /** On the detail only: each item as accepted, its grade, place and checklist (null grade while waiting). */
  items: z
    .array(
      z.object({
        assetId: z.number().int(),
        condition: ZAssetCondition.nullable(),
        slot: z.string().nullable(),
        checks: ZAcceptanceChecks.nullable(),
        note: z.string().nullable(),
      }),
    )
    .optional(),
});

export const ZAllocationCreateSchema = z.object({
  assetIds: ZIdList,
  toOrgId: ZRef,
  reason: zText(500),
});
export const ZAllocationSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  toOrgId: z.number().int(),
  toOrgName: z.string(),
  reason: z.string(),
  status: z.enum(['pending', 'returned', 'approved', 'rejected', 'withdrawn', 'delivered', 'received']),
  itemCount: z.number().int(),
  totalValue: z.string(),
  instanceId: z.number().int().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  receivedAt: z.string().nullable(),
  assetIds: z.array(z.number().int()),
});
export const ZReceiveSchema = z.object({
  custodian: zOptText(60),
  location: zOptText(200),
  roomId: ZRef.nullish(),
});

export const ZLoanCreateSchema = z
  .object({
    assetIds: ZIdList,
    borrowerOrgId: ZRef.nullish(),
    borrowerName: zText(120),
    contact: zOptText(60),
    purpose: zText(300),
    lentOn: ZIsoDate,
    dueOn: ZIsoDate,
  })
  .refine((v) => v.dueOn >= v.lentOn, {
    path: ['dueOn'],
    message: bilingual('归还日期不能早于出借日期', 'the due date cannot be before the loan date'),
  });
export const ZLoanReturnSchema = z.object({
  returnedOn: ZIsoDate,
  items: z
    .array(z.object({ assetId: ZRef, condition: ZAssetCondition }))
    .max(500)
    .optional(),
  condition: ZAssetCondition.default('A'),
});
export const ZLoanSchema = z.object({
  id: z.number().int(),
  borrowerOrgId: z.number().int().nullable(),
  borrowerName: z.string(),
  contact: z.string().nullable(),
  purpose: z.string(),
  lentOn: z.string(),
  dueOn: z.string(),
  status: z.enum(['out', 'returned']),
  overdue: z.boolean(),
  returnedOn: z.string().nullable(),
  itemCount: z.number().int(),
  assetIds: z.array(z.number().int()),
});

export const ZDisposalCreateSchema = z.object({
  assetIds: ZIdList,
  method: ZDisposalMethod,
  reason: zText(500),
  earlyReason: zOptText(500),
});
export const ZDisposalSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  method: ZDisposalMethod,
  reason: z.string(),
  earlyReason: z.string().nullable(),
  status: z.enum(['pending', 'returned', 'approved', 'rejected', 'withdrawn']),
  itemCount: z.number().int(),
  totalValue: z.string(),
  tier: z.number().int(),
  tierLabel: z.string(),
  instanceId: z.number().int().nullable(),
  createdAt: z.string(),
  assetIds: z.array(z.number().int()),
});

export const ZPoolListQuerySchema = ZPageQuerySchema.extend({
  status: z.string().max(20).optional(),
  orgId: z.coerce.number().int().positive().max(2147483647).optional(),
});

export const ZPoolStatsQuerySchema = z.object({ from: ZIsoDate.optional(), to: ZIsoDate.optional() });
const ZFlow = z.object({ batches: z.number().int(), items: z.number().int(), value: z.string() });
export const ZPoolStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  received: ZFlow,
  allocated: ZFlow,
  disposed: ZFlow,
  loaned: ZFlow,
  /** Items reallocated by top-level category (A050000 家具和用具 …). */
  allocatedByCategory: z.array(z.object({ categoryCode: z.string(), name: z.string(), items: z.number().int(), value: z.string() })),
  inPool: z.object({ items: z.number().int(), value: z.string() }),
  byMonth: z.array(z.object({ month: z.string(), received: z.number().int(), allocated: z.number().int() })),
});

/** Pool before purchase: usable pool items of a category (the check a purchase request runs). */
export const ZPoolMatchQuerySchema = z.object({ category: ZCategoryCode, limit: z.coerce.number().int().min(1).max(50).default(10) });
export const ZPoolMatchSchema = z.object({ total: z.number().int(), items: z.array(ZAssetSchema) });

// ——— stocktake (盘点) ———
export const ZStocktakeCreateSchema = z.object({
  orgId: ZRef,
  name: zText(100),
  /** Count one location only (matched exactly against the card's location), or the whole unit. */
  location: zOptText(200),
});
export const ZScanSchema = z.object({
  code: zText(60),
  foundLocation: zOptText(200),
  condition: ZAssetCondition.optional(),
  note: zOptText(300),
});
export const ZScanResultSchema = z.object({
  code: z.string(),
  result: z.enum(['found', 'moved', 'surplus', 'again']),
  assetId: z.number().int().nullable(),
  name: z.string().nullable(),
  expectedLocation: z.string().nullable(),
});
const ZStocktakeLine = z.object({
  assetId: z.number().int().nullable(),
  code: z.string(),
  name: z.string().nullable(),
  location: z.string().nullable(),
  foundLocation: z.string().nullable(),
  originalValue: z.string().nullable(),
});
export const ZStocktakeSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  name: z.string(),
  location: z.string().nullable(),
  status: z.enum(['open', 'pending', 'returned', 'approved', 'rejected', 'withdrawn']),
  expected: z.number().int(),
  scanned: z.number().int(),
  found: z.number().int(),
  instanceId: z.number().int().nullable(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  missing: z.array(ZStocktakeLine),
  moved: z.array(ZStocktakeLine),
  surplus: z.array(ZStocktakeLine),
});
