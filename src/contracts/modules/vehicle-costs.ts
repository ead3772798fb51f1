import { z } from 'zod';
import {
  bilingual,
  ZId,
  ZImportResultSchema,
  ZIsoDate,
  ZIsoTime,
  ZMoneyOut,
  zMoney,
  zOptText,
  ZPageQuerySchema,
  ZRef,
  zText,
} from '../common';

/**
 * Vehicle running costs (公务用车运行费用): designated vendors (定点), cost records, fuel cards,
 * the monthly cost ledger, the yearly public disclosure sheet (公示) and anomalies.
 * Money in yuan with two decimals; times ISO 8601 with an offset; dates YYYY-MM-DD (China time).
 */
const isoDate = ZIsoDate;
const isoTime = ZIsoTime;
const text = zText;
const optText = zOptText;
const twoDecimals = (v: number) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6;
/** A cost: not negative, two decimals, below any plausible single bill. */
export const MAX_COST_YUAN = 10_000_000;
/** The one money type (`zMoney`): a "1234.50" string once parsed, never a float. */
const money = zMoney({ max: MAX_COST_YUAN });
const positiveMoney = zMoney({ max: MAX_COST_YUAN, positive: true });
const km = z.number().int().min(0, bilingual('里程不能为负', 'odometer cannot be negative')).max(5_000_000);
/**
 * One refuel or charge: more than this is no single vehicle's fill (the largest coach tanks
 * hold about 400 L; the largest bus batteries about 600 kWh). Whether it fits *this* vehicle's
 * tank is an anomaly, not a refusal.
 */
export const MAX_FILL = 1000;
const quantity = z
  .number()
  .positive(bilingual('加油（充电）量必须大于 0', 'quantity must be greater than 0'))
  .max(MAX_FILL, bilingual(`加油（充电）量超过 ${MAX_FILL}，不合常理`, `more than ${MAX_FILL} in one fill is not plausible`))
  .refine(twoDecimals, bilingual('最多两位小数', 'at most two decimals'));
const cardNo = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z-]{4,40}$/, bilingual('卡号应为 4–40 位数字或字母', 'card number: 4–40 digits or letters'));

export const VENDOR_KINDS = ['fuel', 'charging', 'repair', 'insurance'] as const;
export const COST_KINDS = ['fuel', 'charging', 'repair', 'insurance', 'inspection', 'toll', 'parking', 'other'] as const;
/** The cost ledger's columns: charging counts as fuel (energy); inspection fees as other. */
export const LEDGER_CATEGORIES = ['fuel', 'repair', 'insurance', 'toll', 'parking', 'other'] as const;
export const COST_STATUSES = ['recorded', 'pending', 'approved', 'rejected', 'returned', 'withdrawn'] as const;
/** Why a vendor is flagged: not in the designated list, listed but not designated, or used outside its contract. */
export const VENDOR_FLAGS = ['not_listed', 'not_designated', 'outside_contract'] as const;
export const ANOMALY_RULES = [
  'fuel_consumption',
  'refuel_without_trip',
  'refuel_over_tank',
  'odometer_backwards',
  'rest_day_trip',
  'sealed_vehicle_use',
  'non_designated_vendor',
  'insurance_expired',
  'inspection_overdue',
] as const;
export const ANOMALY_STATUSES = ['open', 'dismissed', 'resolved'] as const;
export type TCostKind = (typeof COST_KINDS)[number];
export type TAnomalyRule = (typeof ANOMALY_RULES)[number];

// ---------- vendors ----------
const contractOk = (v: { contractStart?: string | null; contractEnd?: string | null }) =>
  !v.contractStart || !v.contractEnd || v.contractEnd >= v.contractStart;
const contractIssue = { message: bilingual('合同结束日期不能早于开始日期', 'contract end is before its start'), path: ['contractEnd'] };
const vendorBase = z.object({
  kind: z.enum(VENDOR_KINDS),
  name: text(100),
  /** Designated through centralised procurement (定点); an undesignated vendor may be listed to name it. */
  designated: z.boolean().default(true),
  contractNo: optText(60),
  contractStart: isoDate.nullish(),
  contractEnd: isoDate.nullish(),
  address: optText(200),
  phone: optText(30),
  note: optText(500),
});
export const ZVendorCreateSchema = vendorBase
  .refine(contractOk, contractIssue)
  .refine((v) => !v.designated || (!!v.contractStart && !!v.contractEnd), {
    message: bilingual('定点单位须填写合同起止日期', 'a designated vendor needs its contract period'),
    path: ['contractStart'],
  });
export const ZVendorUpdateSchema = vendorBase
  .omit({ kind: true })
  .extend({ status: z.enum(['active', 'inactive']) })
  .partial()
  .refine(contractOk, contractIssue);
export const ZVendorQuerySchema = ZPageQuerySchema.extend({
  kind: z.enum(VENDOR_KINDS).optional(),
  status: z.enum(['active', 'inactive']).optional(),
  q: z.string().trim().max(40).optional(),
});
export const ZVendorSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  kind: z.enum(VENDOR_KINDS),
  name: z.string(),
  designated: z.boolean(),
  contractNo: z.string().nullable(),
  contractStart: z.string().nullable(),
  contractEnd: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  status: z.enum(['active', 'inactive']),
  note: z.string().nullable(),
  /** Designated and in its contract period today. */
  inContract: z.boolean(),
});
export type TVendor = z.infer<typeof ZVendorSchema>;

// ---------- fuel cards ----------
export const ZFuelCardSetSchema = z.object({ vehicleId: ZRef.nullable(), note: optText(200) });
export const ZFuelCardParamSchema = z.object({ cardNo });
export const ZFuelCardSchema = z.object({
  cardNo: z.string(),
  vehicleId: z.number().int().nullable(),
  plate: z.string().nullable(),
  orgId: z.number().int(),
  note: z.string().nullable(),
});

// ---------- cost records ----------
/** A vendor by id from the list, or by name (a name not in the list is flagged as not designated). */
const vendorRef = { vendorId: ZRef.nullish(), vendorName: optText(100) };
const vendorGiven = (v: { vendorId?: number | null; vendorName?: string | null }) => !!v.vendorId || !!v.vendorName;
const vendorIssue = (zh: string, en: string) => ({ message: bilingual(`请选择或填写${zh}`, `give the ${en}`), path: ['vendorId'] });

export const ZRefuelCreateSchema = z
  .object({
    vehicleId: ZRef,
    /** fuel: litres at a fuel station; charging: kWh at a charging station. */
    kind: z.enum(['fuel', 'charging']).default('fuel'),
    at: isoTime,
    quantity,
    amount: positiveMoney,
    ...vendorRef,
    cardNo: cardNo.nullish(),
    odometerKm: km.nullish(),
    note: optText(500),
  })
  .refine(vendorGiven, vendorIssue('加油站（充电站）', 'station'));
const repairItem = z.object({ name: text(100), parts: money.default('0'), labour: money.default('0') });
export const ZRepairCreateSchema = z
  .object({
    vehicleId: ZRef,
    date: isoDate,
    items: z.array(repairItem).min(1).max(100),
    ...vendorRef,
    odometerKm: km.nullish(),
    reason: optText(500),
    note: optText(500),
  })
  .refine(vendorGiven, vendorIssue('维修厂', 'repair shop'))
  // Parts and labour are never negative, so the sum is above zero when any of them is.
  .refine((v) => v.items.some((i) => i.parts !== '0.00' || i.labour !== '0.00'), {
    message: bilingual('维修金额必须大于 0', 'the repair must cost something'),
    path: ['items'],
  });
export const ZInsuranceCreateSchema = z
  .object({
    vehicleId: ZRef,
    ...vendorRef,
    policyNo: text(60),
    coverage: z.enum(['compulsory', 'commercial']).default('compulsory'),
    start: isoDate,
    end: isoDate,
    premium: money,
    note: optText(500),
  })
  .refine(vendorGiven, vendorIssue('保险公司', 'insurer'))
  .refine((v) => v.end > v.start, { message: bilingual('保险止期须晚于起期', 'the policy must end after it starts'), path: ['end'] });
export const ZInspectionCreateSchema = z
  .object({
    vehicleId: ZRef,
    date: isoDate,
    nextDue: isoDate,
    amount: money.default('0'),
    station: optText(100),
    passed: z.boolean().default(true),
    note: optText(500),
  })
  .refine((v) => v.nextDue > v.date, {
    message: bilingual('下次检验日期须晚于检验日期', 'next due must be after the inspection'),
    path: ['nextDue'],
  });
export const ZTollCreateSchema = z.object({
  vehicleId: ZRef,
  at: isoTime,
  entry: text(60),
  exit: text(60),
  amount: money,
  transactionId: optText(60),
});
export const ZOtherCostCreateSchema = z.object({
  vehicleId: ZRef,
  kind: z.enum(['parking', 'other']),
  at: isoTime,
  amount: positiveMoney,
  payee: optText(100),
  description: text(200),
});

export const ZCostQuerySchema = ZPageQuerySchema.extend({
  vehicleId: ZId.optional(),
  orgId: ZId.optional(),
  kind: z.enum(COST_KINDS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  flagged: z.enum(['true', 'false']).optional(),
}).refine((v) => !v.from || !v.to || v.to >= v.from, { message: bilingual('结束日期早于开始日期', 'to is before from'), path: ['to'] });
export const ZCostRecordSchema = z.object({
  id: z.number().int(),
  kind: z.enum(COST_KINDS),
  vehicleId: z.number().int(),
  plate: z.string(),
  orgId: z.number().int(),
  occurredAt: z.string(),
  occurredOn: z.string(),
  amount: ZMoneyOut,
  quantity: z.number().nullable(),
  unit: z.enum(['L', 'kWh']).nullable(),
  vendorId: z.number().int().nullable(),
  vendorName: z.string().nullable(),
  /** Null when the vendor is designated and in contract (or no vendor applies). */
  vendorFlag: z.enum(VENDOR_FLAGS).nullable(),
  odometerKm: z.number().int().nullable(),
  cardNo: z.string().nullable(),
  periodStart: z.string().nullable(),
  periodEnd: z.string().nullable(),
  reference: z.string().nullable(),
  status: z.enum(COST_STATUSES),
  instanceId: z.number().int().nullable(),
  source: z.enum(['manual', 'import']),
  details: z.unknown(),
  createdAt: z.string(),
});
export type TCostRecord = z.infer<typeof ZCostRecordSchema>;

// ---------- statement imports ----------
export const IMPORT_KINDS = ['fuel', 'etc'] as const;
export const ZCostImportResultSchema = ZImportResultSchema.extend({
  /** Rows already imported from an earlier statement (same transaction id): not imported twice. */
  skipped: z.number().int(),
});

// ---------- ledger and disclosure ----------
export const ZLedgerQuerySchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  orgId: ZId.optional(),
  vehicleId: ZId.optional(),
});
/** Sums in yuan, exact ("1234.50"); `costPerKm` beside them is a ratio (yuan per km, rounded to the fen) computed from these exact sums. */
const ZCosts = z.object({
  fuel: ZMoneyOut,
  repair: ZMoneyOut,
  insurance: ZMoneyOut,
  toll: ZMoneyOut,
  parking: ZMoneyOut,
  other: ZMoneyOut,
  total: ZMoneyOut,
});
export const ZLedgerSchema = z.object({
  year: z.number().int(),
  /** Per month (1–12) across everything in scope. */
  months: z.array(ZCosts.extend({ month: z.number().int(), litres: z.number(), kwh: z.number() })),
  units: z.array(
    ZCosts.extend({
      orgId: z.number().int(),
      orgName: z.string(),
      vehicles: z.number().int(),
      km: z.number(),
      costPerKm: z.number().nullable(),
    }),
  ),
  vehicles: z.array(
    ZCosts.extend({
      vehicleId: z.number().int(),
      plate: z.string(),
      orgId: z.number().int(),
      orgName: z.string(),
      litres: z.number(),
      kwh: z.number(),
      /** Distance in the year from the odometer readings of trips and refuels. */
      km: z.number(),
      costPerKm: z.number().nullable(),
      months: z.array(ZCosts.extend({ month: z.number().int() })),
    }),
  ),
  totals: ZCosts.extend({ km: z.number(), costPerKm: z.number().nullable() }),
});
export type TLedger = z.infer<typeof ZLedgerSchema>;
export const ZDisclosureQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100), orgId: ZId.optional() });
export const ZDisclosureSchema = z.object({
  year: z.number().int(),
  titleZh: z.string(),
  titleEn: z.string(),
  orgName: z.string(),
  generatedAt: z.string(),
  rows: z.array(
    z.object({
      seq: z.number().int(),
      orgName: z.string(),
      plate: z.string(),
      vehicleType: z.string(),
      model: z.string(),
      energy: z.string(),
      fuel: ZMoneyOut,
      repair: ZMoneyOut,
      insurance: ZMoneyOut,
      toll: ZMoneyOut,
      parking: ZMoneyOut,
      other: ZMoneyOut,
      total: ZMoneyOut,
      km: z.number(),
      costPerKm: z.number().nullable(),
    }),
  ),
  totals: ZCosts.extend({ km: z.number(), costPerKm: z.number().nullable(), vehicles: z.number().int() }),
});

// ---------- anomalies ----------
export const ZAnomalyQuerySchema = ZPageQuerySchema.extend({
  status: z.enum(ANOMALY_STATUSES).optional(),
  rule: z.enum(ANOMALY_RULES).optional(),
  vehicleId: ZId.optional(),
  orgId: ZId.optional(),
});
export const ZAnomalySchema = z.object({
  id: z.number().int(),
  rule: z.enum(ANOMALY_RULES),
  vehicleId: z.number().int(),
  plate: z.string(),
  orgId: z.number().int(),
  evidenceKey: z.string(),
  occurredOn: z.string(),
  /** What the rule saw (litres, km, median, record ids …), and `message`: the finding in the reader's language. */
  evidence: z.record(z.string(), z.unknown()),
  message: z.string(),
  status: z.enum(ANOMALY_STATUSES),
  reason: z.string().nullable(),
  detectedAt: z.string(),
  lastSeenAt: z.string(),
});
export type TAnomaly = z.infer<typeof ZAnomalySchema>;
export const ZAnomalyRunSchema = z.object({ asOf: isoDate.optional() });
export const ZAnomalyRunResultSchema = z.object({
  asOf: z.string(),
  found: z.number().int(),
  added: z.number().int(),
  resolved: z.number().int(),
  byRule: z.record(z.string(), z.number().int()),
});
export const ZAnomalyDismissSchema = z.object({ reason: text(500) });
