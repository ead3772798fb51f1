import { z } from 'zod';
import { ZId, ZIsoDate, ZIsoMonth, ZIsoTime, ZMoneyOut, ZPageQuerySchema, ZRef, bilingual, zMoney, zOptText, zText } from '../common';

/**
 * Public-institution energy (公共机构节能) contracts, shared by the server and the web client.
 * Quantities are in the meter's unit; standard coal in kgce; water in m³ (never part of
 * energy); times ISO 8601 with an offset; dates YYYY-MM-DD and months YYYY-MM, China time.
 */

export const ENERGY_TYPES = [
  'electricity',
  'water',
  'natural_gas',
  'heat',
  'gasoline',
  'diesel',
  'lpg',
  'coal',
  'coke',
  'kerosene',
  'fuel_oil',
  'pv_generation',
] as const;
export type TEnergyType = (typeof ENERGY_TYPES)[number];

/** The units a meter of each type may count in; the first is the type's base unit. */
export const ENERGY_UNITS: Record<TEnergyType, readonly string[]> = {
  electricity: ['kWh', 'MWh'],
  water: ['m3', 't'],
  natural_gas: ['m3'],
  heat: ['GJ', 'MJ'],
  gasoline: ['L', 'kg', 't'],
  diesel: ['L', 'kg', 't'],
  lpg: ['kg', 't'],
  coal: ['kg', 't'],
  coke: ['kg', 't'],
  kerosene: ['L', 'kg', 't'],
  fuel_oil: ['kg', 't'],
  pv_generation: ['kWh', 'MWh'],
};
export const ALL_UNITS = ['kWh', 'MWh', 'm3', 't', 'GJ', 'MJ', 'L', 'kg'] as const;

/** 分项计量: end uses of electricity (and other energy) measured by sub-meters. */
export const END_USES = ['lighting_socket', 'hvac', 'power', 'special'] as const;
/** A register meter has readings (表底数); a bill account has only monthly bills (fuel bought, LPG …). */
export const METER_KINDS = ['register', 'bill'] as const;
export const METER_STATUSES = ['active', 'retired'] as const;
/** Interval meters report every 15, 30 or 60 minutes; null: read by hand (monthly). */
export const METER_INTERVALS = [15, 30, 60] as const;
export const READING_FLAGS = ['rollover', 'negative', 'spike'] as const;
export const READING_SOURCES = ['manual', 'import', 'api'] as const;

/** A bill amount: the one money type (`zMoney`, a "1234.50" string once parsed), below 10^8 yuan. */
const money = zMoney({ max: 100_000_000 });
const month = ZIsoMonth;
const year = z.coerce.number().int().min(2000).max(2100);
/** A register value: not negative, below 10^12 (no real register has more digits). */
export const MAX_REGISTER = 1e12;
const registerValue = z
  .number({ error: bilingual('读数必须是数字', 'the reading must be a number') })
  .min(0, bilingual('表底数不能为负', 'a register value cannot be negative'))
  .max(MAX_REGISTER, bilingual('读数超出表计量程', 'beyond any register'));
const range = <T extends { from?: string; to?: string }>(s: z.ZodType<T>) =>
  s.refine((v) => !v.from || !v.to || v.to >= v.from, { message: bilingual('结束日期早于开始日期', 'to is before from'), path: ['to'] });

// ---------- meters ----------
const meterBase = z.object({
  name: zText(100),
  /** The meter's number (表号) or account number; unique in the tenant when given. */
  code: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z_.\-/]{1,40}$/, bilingual('表号为 1–40 位数字、字母或 -_./', 'code: 1–40 letters, digits or -_./'))
    .nullish(),
  energyType: z.enum(ENERGY_TYPES),
  unit: z.enum(ALL_UNITS),
  kind: z.enum(METER_KINDS).default('register'),
  orgId: ZRef,
  siteId: ZRef.nullish(),
  buildingId: ZRef.nullish(),
  parentId: ZRef.nullish(),
  endUse: z.enum(END_USES).nullish(),
  /** CT/PT ratio or pulse factor: consumption = register difference × multiplier. */
  multiplier: z.number().positive(bilingual('倍率必须大于 0', 'the multiplier must be greater than 0')).max(1_000_000).default(1),
  /** The register's capacity (e.g. 99999999): a smaller reading after a large one has rolled over. */
  rolloverValue: z.number().positive().max(MAX_REGISTER).nullish(),
  /** Counts in the unit's totals. Default: a meter without a parent does, a sub-meter does not. */
  inTotal: z.boolean().optional(),
  intervalMinutes: z
    .union([z.literal(15), z.literal(30), z.literal(60)])
    .nullish()
    .describe('15, 30 or 60 for a smart meter; null for a meter read by hand'),
  installedOn: ZIsoDate.nullish(),
  note: zOptText(500),
});
const unitFits = (v: { energyType?: TEnergyType; unit?: string }) =>
  !v.energyType || !v.unit || ENERGY_UNITS[v.energyType].includes(v.unit);
const unitIssue = { message: bilingual('计量单位与能源种类不符', 'the unit does not fit the energy type'), path: ['unit'] };
export const ZMeterCreateSchema = meterBase.refine(unitFits, unitIssue);
export const ZMeterUpdateSchema = meterBase
  .omit({ energyType: true, kind: true, orgId: true })
  .extend({ status: z.enum(METER_STATUSES) })
  .partial();
export const ZMeterQuerySchema = ZPageQuerySchema.extend({
  orgId: ZId.optional(),
  siteId: ZId.optional(),
  buildingId: ZId.optional(),
  energyType: z.enum(ENERGY_TYPES).optional(),
  kind: z.enum(METER_KINDS).optional(),
  status: z.enum(METER_STATUSES).optional(),
  /** Meters read by hand (no interval), for the monthly entry form. */
  manual: z.enum(['true', 'false']).optional(),
  /** 待录入: active manual meters without a reading for the current period (last month's, due from the 1st). */
  due: z.enum(['true']).optional(),
  q: z.string().trim().max(40).optional(),
});
export const ZMeterSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  code: z.string().nullable(),
  energyType: z.enum(ENERGY_TYPES),
  unit: z.string(),
  kind: z.enum(METER_KINDS),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  siteId: z.number().int().nullable(),
  siteName: z.string().nullable(),
  buildingId: z.number().int().nullable(),
  buildingName: z.string().nullable(),
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  endUse: z.enum(END_USES).nullable(),
  multiplier: z.number(),
  rolloverValue: z.number().nullable(),
  inTotal: z.boolean(),
  intervalMinutes: z.number().int().nullable(),
  installedOn: z.string().nullable(),
  status: z.enum(METER_STATUSES),
  note: z.string().nullable(),
  lastReadingAt: z.string().nullable(),
  lastValue: z.number().nullable(),
  children: z.number().int(),
});
export type TMeter = z.infer<typeof ZMeterSchema>;
export type TMeterNode = TMeter & { nodes: TMeterNode[] };
export const ZMeterNodeSchema: z.ZodType<TMeterNode> = ZMeterSchema.extend({ nodes: z.lazy(() => z.array(ZMeterNodeSchema)) });

// ---------- readings ----------
/** Most rows one batch may carry; a larger batch is refused whole (413). */
export const MAX_BATCH = 10_000;
export const ZReadingRowSchema = z.object({
  meterId: z.number().int().positive(),
  ts: ZIsoTime,
  value: z.number(),
});
/**
 * The batch body. Rows are checked one by one by the service (a bad row is rejected with its
 * reason, the others stored), so the contract only bounds the array.
 */
export const ZReadingBatchSchema = z.object({
  readings: z
    .array(z.unknown())
    .min(1)
    .max(MAX_BATCH, bilingual(`一批最多 ${MAX_BATCH} 条读数`, `at most ${MAX_BATCH} readings per batch`))
    .describe('[{ meterId, ts (ISO 8601 with offset), value (cumulative register) }]'),
});
export const REJECT_REASONS = ['invalid_row', 'unknown_meter', 'not_register', 'retired', 'bad_time', 'future', 'bad_value'] as const;
export const ZReadingBatchResultSchema = z.object({
  inserted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), code: z.enum(REJECT_REASONS), reason: z.string() })),
  /** Stored but flagged for review (rollover, negative consumption, spike). */
  flagged: z.number().int(),
});
export const ZReadingCreateSchema = z.object({
  meterId: ZRef,
  ts: ZIsoTime,
  value: registerValue,
  note: zOptText(200),
});
/** A month's readings by hand: each meter's register at the end of the month (stored as the first instant of the next). */
export const ZMonthlyReadingsSchema = z.object({
  month,
  readings: z
    .array(z.object({ meterId: ZRef, value: registerValue }))
    .min(1)
    .max(2000),
});
export const ZReadingCorrectSchema = z.object({
  meterId: ZRef,
  ts: ZIsoTime,
  value: registerValue,
  reason: zText(200),
});
export const ZReadingQuerySchema = range(
  ZPageQuerySchema.extend({
    meterId: ZId.optional(),
    orgId: ZId.optional(),
    from: ZIsoDate.optional(),
    to: ZIsoDate.optional(),
    flagged: z.enum(['true', 'false']).optional(),
    flag: z.enum(READING_FLAGS).optional(),
  }),
);
export const ZReadingSchema = z.object({
  meterId: z.number().int(),
  meterName: z.string(),
  energyType: z.enum(ENERGY_TYPES),
  unit: z.string(),
  orgId: z.number().int(),
  ts: z.string(),
  value: z.number(),
  /** Consumption since the previous valid reading, after the multiplier and any rollover; null for a meter's first reading. */
  consumption: z.number().nullable(),
  flag: z.enum(READING_FLAGS).nullable(),
  source: z.enum(READING_SOURCES),
  originalValue: z.number().nullable(),
  correctionReason: z.string().nullable(),
  correctedAt: z.string().nullable(),
});
export type TReading = z.infer<typeof ZReadingSchema>;
/** Entry form: each manual meter of a unit with its last reading before the month ends and the one at its end, if any. */
export const ZMonthlySheetQuerySchema = z.object({ orgId: ZId, month });
export const ZMonthlySheetSchema = z.object({
  month: z.string(),
  /** The instant the month's readings are stored at (end of the month, China time). */
  ts: z.string(),
  items: z.array(
    z.object({
      meter: ZMeterSchema,
      previous: z.object({ ts: z.string(), value: z.number() }).nullable(),
      current: z.object({ value: z.number(), consumption: z.number().nullable(), flag: z.enum(READING_FLAGS).nullable() }).nullable(),
    }),
  ),
});

// ---------- bills ----------
export const ZBillCreateSchema = z.object({
  meterId: ZRef,
  month,
  /** Billed consumption in the meter's unit; for a bill account this is the consumption. */
  quantity: z.number().min(0, bilingual('用量不能为负', 'quantity cannot be negative')).max(1e10),
  amount: money,
  invoiceNo: zOptText(60),
  note: zOptText(200),
});
export const ZBillUpdateSchema = ZBillCreateSchema.omit({ meterId: true, month: true }).partial();
export const ZBillQuerySchema = ZPageQuerySchema.extend({
  meterId: ZId.optional(),
  orgId: ZId.optional(),
  year: year.optional(),
});
export const ZBillSchema = z.object({
  id: z.number().int(),
  meterId: z.number().int(),
  meterName: z.string(),
  energyType: z.enum(ENERGY_TYPES),
  unit: z.string(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  month: z.string(),
  quantity: z.number(),
  amount: ZMoneyOut,
  invoiceNo: z.string().nullable(),
  note: z.string().nullable(),
});

// ---------- indicators and comparisons ----------
export const ZIndicatorQuerySchema = range(z.object({ orgId: ZId.optional(), from: ZIsoDate, to: ZIsoDate }));
const ZByType = z.record(z.string(), z.object({ quantity: z.number(), unit: z.string(), kgce: z.number(), co2: z.number() }));
export const ZIndicatorSchema = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  headcount: z.number().int(),
  buildingArea: z.number(),
  kgce: z.number(),
  kgcePerCapita: z.number().nullable(),
  kgcePerSqm: z.number().nullable(),
  water: z.number(),
  waterPerCapita: z.number().nullable(),
  electricity: z.number(),
  electricityPerSqm: z.number().nullable(),
  co2: z.number(),
  co2PerSqm: z.number().nullable(),
  pvGeneration: z.number(),
  cost: ZMoneyOut,
  byType: ZByType,
});
export type TIndicator = z.infer<typeof ZIndicatorSchema>;
export const ZIndicatorsSchema = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(ZIndicatorSchema),
  /** The whole scope (or the subtree of orgId) as one. */
  total: ZIndicatorSchema.omit({ orgId: true, orgName: true }),
  /** The national figures of the regulations for comparison (kgce/㎡, kgce/person, m³/person). */
  national: z.array(z.object({ year: z.number().int(), kgcePerSqm: z.number(), kgcePerCapita: z.number(), waterPerCapita: z.number() })),
  coefficients: z.object({ electricity: z.number(), scheme: z.enum(['equivalent', 'equal_value']), version: z.number().int() }),
});
export const ZSiteIndicatorsSchema = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(ZIndicatorSchema.omit({ orgId: true, orgName: true }).extend({ siteId: z.number().int(), siteName: z.string() })),
});
export const ZSeriesQuerySchema = range(
  z.object({
    orgId: ZId.optional(),
    meterId: ZId.optional(),
    energyType: z.enum(ENERGY_TYPES).optional(),
    from: ZIsoDate,
    to: ZIsoDate,
    grain: z.enum(['month', 'day', 'hour']).default('month'),
  }),
);
export const ZSeriesSchema = z.object({
  grain: z.enum(['month', 'day', 'hour']),
  points: z.array(z.object({ bucket: z.string(), kgce: z.number(), water: z.number(), byType: z.record(z.string(), z.number()) })),
});
export const ZMonthlyTrendQuerySchema = z.object({ orgId: ZId.optional(), year });
export const ZMonthlyTrendSchema = z.object({
  year: z.number().int(),
  months: z.array(
    z.object({
      month: z.number().int(),
      kgce: z.number(),
      lastYearKgce: z.number(),
      water: z.number(),
      lastYearWater: z.number(),
      /** Change on the same month last year, and on the month before (fractions of 1; null without a base). */
      yoy: z.number().nullable(),
      mom: z.number().nullable(),
    }),
  ),
});
export const ZYearTrendQuerySchema = z.object({
  orgId: ZId.optional(),
  baseYear: year.optional(),
  toYear: year.optional(),
});
export const ZYearTrendSchema = z.object({
  baseYear: z.number().int(),
  years: z.array(
    z.object({
      year: z.number().int(),
      kgce: z.number(),
      kgcePerCapita: z.number().nullable(),
      kgcePerSqm: z.number().nullable(),
      waterPerCapita: z.number().nullable(),
      co2PerSqm: z.number().nullable(),
      /** Change against the base year (fractions of 1). */
      perCapitaChange: z.number().nullable(),
      perSqmChange: z.number().nullable(),
      waterChange: z.number().nullable(),
      co2Change: z.number().nullable(),
    }),
  ),
  /** The 2025 targets against 2020 from the regulations (fractions of 1). */
  targets: z.object({ perSqm: z.number(), perCapita: z.number(), waterPerCapita: z.number(), co2PerSqm: z.number() }),
});
export const ZEndUseSchema = z.object({
  items: z.array(z.object({ endUse: z.enum([...END_USES, 'unmetered']), quantity: z.number(), share: z.number() })),
  total: z.number(),
});
export const ZEndUseQuerySchema = range(z.object({ orgId: ZId.optional(), from: ZIsoDate, to: ZIsoDate }));
export const ZHeatmapQuerySchema = range(z.object({ meterId: ZId, from: ZIsoDate, to: ZIsoDate }));
export const ZHeatmapSchema = z.object({
  meterId: z.number().int(),
  unit: z.string(),
  days: z.array(z.object({ day: z.string(), working: z.boolean(), hours: z.array(z.number().nullable()) })),
  /** Average hourly consumption at night (22:00–06:00) and on rest days, as a share of working daytime. */
  nightShare: z.number().nullable(),
  restDayShare: z.number().nullable(),
});

// ---------- quotas ----------
export const ZQuotaQuerySchema = z.object({ year, orgId: ZId.optional() });
export const ZQuotaSetSchema = z.object({
  kgceQuota: z.number().positive(bilingual('定额必须大于 0', 'the quota must be greater than 0')).max(1e10),
  waterQuota: z.number().positive().max(1e10).nullish(),
  note: zOptText(200),
});
export const EXPLANATION_STATUSES = ['open', 'pending', 'approved', 'returned', 'rejected', 'withdrawn'] as const;
export const ZQuotaSchema = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  year: z.number().int(),
  kgceQuota: z.number().nullable(),
  waterQuota: z.number().nullable(),
  note: z.string().nullable(),
  actualKgce: z.number(),
  actualWater: z.number(),
  /** Used so far as a fraction of the quota. */
  progress: z.number().nullable(),
  /** Year-end projection: this year so far scaled by last year's seasonal share to date (linear without last year). */
  projectedKgce: z.number(),
  projectedShare: z.number().nullable(),
  over: z.boolean(),
  projectedOver: z.boolean(),
  explanation: z.object({ id: z.number().int(), status: z.enum(EXPLANATION_STATUSES) }).nullable(),
});
export const ZExplanationQuerySchema = ZPageQuerySchema.extend({
  year: year.optional(),
  orgId: ZId.optional(),
  status: z.enum(EXPLANATION_STATUSES).optional(),
});
export const ZExplanationSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  year: z.number().int(),
  kgceQuota: z.number(),
  actualKgce: z.number(),
  status: z.enum(EXPLANATION_STATUSES),
  explanation: z.string().nullable(),
  measures: z.string().nullable(),
  instanceId: z.number().int().nullable(),
  openedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export const ZExplanationSubmitSchema = z.object({ explanation: zText(2000), measures: zText(2000) });

// ---------- anomalies ----------
export const ENERGY_ANOMALY_RULES = ['water_loss', 'submeter_gap', 'baseload', 'jump', 'negative', 'stopped'] as const;
export const ZEnergyAnomalyQuerySchema = ZPageQuerySchema.extend({
  rule: z.enum(ENERGY_ANOMALY_RULES).optional(),
  status: z.enum(['open', 'dismissed', 'resolved']).optional(),
  orgId: ZId.optional(),
  meterId: ZId.optional(),
});
export const ZEnergyAnomalySchema = z.object({
  id: z.number().int(),
  rule: z.enum(ENERGY_ANOMALY_RULES),
  meterId: z.number().int(),
  meterName: z.string(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  occurredOn: z.string(),
  message: z.string(),
  evidence: z.record(z.string(), z.unknown()),
  status: z.enum(['open', 'dismissed', 'resolved']),
  dismissReason: z.string().nullable(),
  detectedAt: z.string(),
});
export const ZEnergyAnomalyDismissSchema = z.object({ reason: zText(500) });
export const ZEnergyScanResultSchema = z.object({
  found: z.number().int(),
  byRule: z.record(z.string(), z.number().int()),
  ms: z.number(),
});

// ---------- patrol findings ----------
export const PATROL_KINDS = ['lights_on', 'ac_summer_low', 'ac_winter_high', 'tap_running', 'equipment_idle', 'other'] as const;
export const ZPatrolCreateSchema = z
  .object({
    orgId: ZRef,
    /** The office room from the registry, when known; else a free-text location. */
    roomId: ZRef.nullish(),
    location: zOptText(100),
    kind: z.enum(PATROL_KINDS),
    observedAt: ZIsoTime,
    /** The air conditioner's setpoint, for the two air-conditioning kinds. */
    setpointC: z.number().min(5).max(40).nullish(),
    note: zOptText(500),
    /** Uploaded photos (draft attachments of owner type `energy_patrol`, from /files) to attach. */
    photoFileIds: z.array(z.string().max(80)).max(9).default([]),
  })
  .refine((v) => !!v.roomId || !!v.location, {
    message: bilingual('请选择房间或填写位置', 'give the room or a location'),
    path: ['roomId'],
  })
  .refine((v) => !v.kind.startsWith('ac_') || (v.setpointC !== null && v.setpointC !== undefined), {
    message: bilingual('空调类问题须填写设定温度', 'give the air conditioner’s setpoint'),
    path: ['setpointC'],
  });
export const ZPatrolRoomQuerySchema = z.object({ orgId: ZId, q: z.string().trim().max(40).optional() });
export const ZPatrolRoomsSchema = z.object({ items: z.array(z.object({ id: z.number().int(), label: z.string() })) });
export const ZPatrolQuerySchema = range(
  ZPageQuerySchema.extend({
    orgId: ZId.optional(),
    roomId: ZId.optional(),
    kind: z.enum(PATROL_KINDS).optional(),
    from: ZIsoDate.optional(),
    to: ZIsoDate.optional(),
  }),
);
export const ZPatrolSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  roomId: z.number().int().nullable(),
  roomLabel: z.string().nullable(),
  location: z.string().nullable(),
  kind: z.enum(PATROL_KINDS),
  observedAt: z.string(),
  setpointC: z.number().nullable(),
  note: z.string().nullable(),
  inspector: z.string().nullable(),
  /** This finding's number for the same room (or location) in its period; the rule's count triggers a notice. */
  countInPeriod: z.number().int(),
  noticeId: z.number().int().nullable(),
  photos: z.number().int(),
  createdAt: z.string(),
});
export const ZNoticeSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  title: z.string(),
  body: z.string(),
  period: z.string(),
  deduction: z.number(),
  findings: z.number().int(),
  createdAt: z.string(),
});
export const ZNoticeQuerySchema = ZPageQuerySchema.extend({ year: year.optional(), orgId: ZId.optional() });

// ---------- assessment ----------
export const ASSESSMENT_CRITERIA = ['quota', 'change', 'findings', 'reporting'] as const;
export const ZAssessmentQuerySchema = z.object({ year, orgId: ZId.optional() });
export const ZAssessmentSchema = z.object({
  year: z.number().int(),
  published: z.boolean(),
  publishedAt: z.string().nullable(),
  items: z.array(
    z.object({
      orgId: z.number().int(),
      orgName: z.string(),
      score: z.number(),
      rank: z.number().int(),
      grade: z.enum(['excellent', 'good', 'pass', 'fail']),
      breakdown: z.array(
        z.object({ criterion: z.enum(ASSESSMENT_CRITERIA), score: z.number(), max: z.number(), detail: z.record(z.string(), z.unknown()) }),
      ),
    }),
  ),
});

// ---------- annual statistics report ----------
/** The fields of the annual report (公共机构能源资源消费统计), in the order of the national form. */
export const REPORT_FIELDS = [
  'buildingArea',
  'headcount',
  'electricity',
  'water',
  'naturalGas',
  'heat',
  'gasoline',
  'diesel',
  'lpg',
  'coal',
  'otherFuelKgce',
  'pvGeneration',
  'vehicles',
  'newEnergyVehicles',
  'energyCost',
] as const;
export type TReportField = (typeof REPORT_FIELDS)[number];
export const REPORT_STATUSES = ['not_started', 'draft', 'pending', 'approved', 'returned', 'rejected', 'withdrawn'] as const;
const ZReportValues = z.object(
  Object.fromEntries(REPORT_FIELDS.map((f) => [f, z.number().min(0, bilingual('不能为负', 'cannot be negative')).max(1e12)])) as Record<
    TReportField,
    z.ZodNumber
  >,
);
export const ZReportSaveSchema = z.object({
  values: ZReportValues.partial().default({}),
  /** Why a value differs from what the readings give: required for every changed field. */
  reasons: z.record(z.string(), z.string().trim().max(500)).default({}),
});
export const ZReportSchema = z.object({
  id: z.number().int().nullable(),
  orgId: z.number().int(),
  orgName: z.string(),
  creditCode: z.string().nullable(),
  year: z.number().int(),
  status: z.enum(REPORT_STATUSES),
  prefill: ZReportValues,
  values: ZReportValues,
  reasons: z.record(z.string(), z.string()),
  /** Computed from the values: total standard coal, per capita, per ㎡, water per capita. */
  derived: z.object({
    kgce: z.number(),
    kgcePerCapita: z.number().nullable(),
    kgcePerSqm: z.number().nullable(),
    waterPerCapita: z.number().nullable(),
  }),
  lastYear: ZReportValues.partial().nullable(),
  deadline: z.string(),
  late: z.boolean(),
  submittedAt: z.string().nullable(),
  instanceId: z.number().int().nullable(),
});
export type TReport = z.infer<typeof ZReportSchema>;
export const ZReportTrackerQuerySchema = z.object({ year, orgId: ZId.optional() });
export const ZReportTrackerSchema = z.object({
  year: z.number().int(),
  deadline: z.string(),
  counts: z.record(z.string(), z.number().int()),
  items: z.array(
    z.object({
      orgId: z.number().int(),
      orgName: z.string(),
      status: z.enum(REPORT_STATUSES),
      submittedAt: z.string().nullable(),
      late: z.boolean(),
      /** Not submitted, and the deadline has passed. */
      overdue: z.boolean(),
    }),
  ),
});
export const ZReportParamsSchema = z.object({ orgId: ZId, year });

// ---------- overview ----------
export const ZOverviewQuerySchema = z.object({ orgId: ZId.optional(), year: year.optional() });
export const ZOverviewSchema = z.object({
  year: z.number().int(),
  /** Year to date (through yesterday) against the same period last year. */
  ytd: ZIndicatorSchema.omit({ orgId: true, orgName: true }),
  lastYtd: ZIndicatorSchema.omit({ orgId: true, orgName: true }),
  meters: z.object({ total: z.number().int(), interval: z.number().int(), stopped: z.number().int() }),
  quotasOver: z.number().int(),
  quotasProjectedOver: z.number().int(),
  openAnomalies: z.number().int(),
  patrolFindings: z.number().int(),
  reports: z.object({ year: z.number().int(), submitted: z.number().int(), total: z.number().int(), deadline: z.string() }),
});
