import { z } from 'zod';
import { bilingual, ZId, ZMoneyOut, zMoney, ZIsoDate, ZIsoTime, zOptText, ZPageQuerySchema, ZRef, zText } from '../common';

/**
 * Official vehicles (公务用车) contracts, shared by the server and the web client.
 * Money in yuan with two decimals; times are ISO 8601 with an explicit offset; dates YYYY-MM-DD.
 */
const isoDate = ZIsoDate;
const isoTime = ZIsoTime;
const text = zText;
const optText = zOptText;
/** A price: the one money type (`zMoney`, a "1234.50" string once parsed), below 10^8 yuan. */
const money = zMoney({ max: 100_000_000, zh: '金额超出范围', en: 'amount out of range' });
const displacement = z
  .number()
  .positive(bilingual('排量必须大于 0', 'displacement must be greater than 0'))
  .max(20, bilingual('排量不能超过 20 L', 'displacement cannot exceed 20 L'));
const km = z.number().int().min(0, bilingual('里程不能为负', 'odometer cannot be negative')).max(5_000_000);

export const VEHICLE_TYPES = ['confidential_comm', 'emergency', 'law_enforcement', 'special_technical', 'other'] as const;
export const BODY_TYPES = ['sedan', 'suv', 'mpv', 'bus_small_medium', 'bus_large', 'pickup', 'van', 'other'] as const;
export const ENERGIES = ['gasoline', 'diesel', 'hybrid', 'plugin_hybrid', 'electric', 'fuel_cell', 'cng'] as const;
export const VEHICLE_STATUSES = ['in_service', 'in_repair', 'sealed', 'disposed'] as const;
/** 公务 / 行政执法 markings with a supervision phone, or exempt (security needs) with a reason. */
export const MARKINGS = ['official', 'law_enforcement', 'exempt'] as const;
export const LICENCE_CLASSES = ['A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2'] as const;
export const BOOKING_STATUSES = ['booked', 'in_progress', 'completed', 'cancelled'] as const;
export const DISPOSAL_METHODS = ['scrap', 'auction', 'transfer'] as const;
export const EVENT_KINDS = [
  'purchase',
  'register',
  'update',
  'status',
  'assign',
  'trip',
  'refuel',
  'repair',
  'replaced',
  'transfer_out',
  'transfer_in',
  'disposal',
  'insurance',
  'inspection',
] as const;
export type TVehicleType = (typeof VEHICLE_TYPES)[number];
export type TBodyType = (typeof BODY_TYPES)[number];
export type TEnergy = (typeof ENERGIES)[number];

/**
 * Chinese number plates: province abbreviation, issuing-authority letter (no I/O), then
 * ordinary 5 characters (苏A12345, 苏A1B2C3); small new-energy D/F + 5 (苏AD12345); large
 * new-energy 5 digits + D/F (苏A12345D); police (苏A1234警) and emergency (苏A1234应急).
 * A separator dot or spaces are dropped and letters upper-cased first.
 */
const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const L = 'A-HJ-NP-Z';
export const PLATE_PATTERNS = [
  new RegExp(`^[${PROVINCES}][${L}][${L}0-9]{5}$`),
  new RegExp(`^[${PROVINCES}][${L}][DF][${L}0-9][0-9]{4}$`),
  new RegExp(`^[${PROVINCES}][${L}][0-9]{5}[DF]$`),
  new RegExp(`^[${PROVINCES}][${L}][${L}0-9]{4}(警|应急)$`),
];
export const normalisePlate = (v: string) => v.replace(/[\s·•.-]/g, '').toUpperCase();
export const isValidPlate = (v: string) => PLATE_PATTERNS.some((re) => re.test(normalisePlate(v)));
const plate = z
  .string()
  .trim()
  .max(16)
  .transform(normalisePlate)
  .refine(
    (v) => PLATE_PATTERNS.some((re) => re.test(v)),
    bilingual('号牌格式不正确，如 苏A12345、新能源 苏AD12345', 'not a valid plate, e.g. 苏A12345 or new-energy 苏AD12345'),
  );
const phone = z
  .string()
  .trim()
  .regex(/^[0-9-]{5,20}$/, bilingual('监督电话格式不正确', 'not a valid phone number'));

// ---------- vehicles ----------
const markingFields = {
  marking: z.enum(MARKINGS).default('official'),
  supervisionPhone: phone.nullish(),
  markingExemptReason: optText(200),
};
type MarkingInput = { marking?: string; supervisionPhone?: string | null; markingExemptReason?: string | null };
const markingOk = (v: MarkingInput) => v.marking === undefined || (v.marking === 'exempt' ? !!v.markingExemptReason : !!v.supervisionPhone);
const markingIssue = {
  message: bilingual('标识车辆须填写监督电话；免于标识须说明理由', 'marked vehicles need a supervision phone; exempt ones need a reason'),
  path: ['marking'],
};
const displacementOk = (v: { energy?: string; displacement?: number | null }) =>
  v.energy === undefined || (v.energy === 'electric' ? v.displacement == null : v.displacement != null);
const displacementIssue = {
  message: bilingual('纯电动车不填排量，其他能源类型须填排量', 'electric vehicles have no displacement; all others need one'),
  path: ['displacement'],
};

const vehicleBase = z.object({
  plate,
  orgId: ZRef,
  type: z.enum(VEHICLE_TYPES),
  leaderFixed: z.boolean().default(false),
  brand: text(40),
  model: text(60),
  domestic: z.boolean(),
  bodyType: z.enum(BODY_TYPES),
  energy: z.enum(ENERGIES),
  displacement: displacement.nullish(),
  seats: z.number().int().min(1).max(80),
  price: money,
  purchaseDate: isoDate,
  odometerKm: km.default(0),
  tankCapacityL: z.number().positive().max(2000).nullish(),
  batteryCapacityKwh: z.number().positive().max(2000).nullish(),
  ...markingFields,
  note: optText(500),
});
/** Registers a vehicle already owned (the ledger's opening entries); new ones come from a delivered purchase. */
export const ZVehicleCreateSchema = vehicleBase.refine(markingOk, markingIssue).refine(displacementOk, displacementIssue);
export const ZVehicleUpdateSchema = vehicleBase
  .pick({ brand: true, model: true, seats: true, tankCapacityL: true, batteryCapacityKwh: true, note: true, leaderFixed: true })
  .extend({
    ...markingFields,
    marking: z.enum(MARKINGS).optional(),
    /** Disposal goes through its own approval: it cannot be set here. */
    status: z.enum(['in_service', 'in_repair', 'sealed']).optional(),
  })
  .partial()
  .refine(markingOk, markingIssue);
export const ZVehicleQuerySchema = ZPageQuerySchema.extend({
  orgId: ZId.optional(),
  status: z.enum(VEHICLE_STATUSES).optional(),
  type: z.enum(VEHICLE_TYPES).optional(),
  energy: z.enum(ENERGIES).optional(),
  q: z.string().trim().max(20).optional(),
});
export const ZVehicleSchema = z.object({
  id: z.number().int(),
  plate: z.string(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  type: z.enum(VEHICLE_TYPES),
  leaderFixed: z.boolean(),
  brand: z.string(),
  model: z.string(),
  domestic: z.boolean(),
  bodyType: z.enum(BODY_TYPES),
  energy: z.enum(ENERGIES),
  newEnergy: z.boolean(),
  displacement: z.number().nullable(),
  seats: z.number().int(),
  price: ZMoneyOut,
  purchaseDate: z.string(),
  odometerKm: z.number().int(),
  tankCapacityL: z.number().nullable(),
  batteryCapacityKwh: z.number().nullable(),
  marking: z.enum(MARKINGS),
  supervisionPhone: z.string().nullable(),
  markingExemptReason: z.string().nullable(),
  status: z.enum(VEHICLE_STATUSES),
  replacedById: z.number().int().nullable(),
  disposedAt: z.string().nullable(),
  note: z.string().nullable(),
});
export type TVehicle = z.infer<typeof ZVehicleSchema>;

/** One entry of the history file (履历档案). `amount` (yuan) and `quantity` serve the ledgers to come. */
export const ZVehicleEventSchema = z.object({
  id: z.number().int(),
  kind: z.enum(EVENT_KINDS),
  occurredAt: z.string(),
  orgId: z.number().int(),
  amount: ZMoneyOut.nullable(),
  quantity: z.number().nullable(),
  odometerKm: z.number().int().nullable(),
  refType: z.string().nullable(),
  refId: z.number().int().nullable(),
  summary: z.string(),
  data: z.unknown().nullable(),
  createdBy: z.number().int().nullable(),
});

// ---------- quotas ----------
export const ZQuotaSetSchema = z.object({ quota: z.number().int().min(0).max(10_000), note: optText(200) });
export const ZQuotaSchema = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  quota: z.number().int(),
  ratio: z.number(),
  cap: z.number().int(),
  actual: z.number().int(),
  pending: z.number().int(),
  overCap: z.boolean(),
});

// ---------- drivers ----------
export const ZDriverCreateSchema = z.object({
  personId: ZRef,
  licenceClass: z.enum(LICENCE_CLASSES),
  licenceExpiry: isoDate,
  note: optText(200),
});
export const ZDriverUpdateSchema = ZDriverCreateSchema.omit({ personId: true })
  .partial()
  .extend({ status: z.enum(['active', 'inactive']).optional() });
export const ZDriverSchema = z.object({
  personId: z.number().int(),
  name: z.string(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  licenceClass: z.enum(LICENCE_CLASSES),
  licenceExpiry: z.string(),
  status: z.enum(['active', 'inactive']),
  note: z.string().nullable(),
});

// ---------- purchase requests ----------
export const ZCheckSchema = z.object({ rule: z.string(), passed: z.boolean(), message: z.string() });
export type TCheck = z.infer<typeof ZCheckSchema>;
export const ZPurchaseCreateSchema = z
  .object({
    orgId: ZRef,
    type: z.enum(VEHICLE_TYPES),
    bodyType: z.enum(BODY_TYPES),
    price: money,
    displacement: displacement.nullish(),
    energy: z.enum(ENERGIES),
    domestic: z.boolean(),
    reason: text(1000),
    model: optText(60),
    seats: z.number().int().min(1).max(80).nullish(),
    leaderFixed: z.boolean().default(false),
    replacesVehicleId: ZRef.nullish(),
    /** Why a fuel vehicle rather than new energy (required by the new-energy-first rule; missing → a failed check). */
    fuelReason: optText(500),
    /** 执法执勤 "where needed": the type's higher cap (18万 / 1.8 L), with a written reason. */
    whereNeeded: z.boolean().default(false),
    whereNeededReason: optText(500),
  })
  .refine(displacementOk, displacementIssue);
export const ZPurchaseSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  type: z.enum(VEHICLE_TYPES),
  bodyType: z.enum(BODY_TYPES),
  price: ZMoneyOut,
  displacement: z.number().nullable(),
  energy: z.enum(ENERGIES),
  domestic: z.boolean(),
  reason: z.string(),
  model: z.string().nullable(),
  seats: z.number().int().nullable(),
  leaderFixed: z.boolean(),
  replacesVehicleId: z.number().int().nullable(),
  fuelReason: z.string().nullable(),
  whereNeeded: z.boolean(),
  whereNeededReason: z.string().nullable(),
  checks: z.array(ZCheckSchema),
  checksPassed: z.boolean(),
  ruleVersion: z.number().int(),
  status: z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn', 'delivered']),
  instanceId: z.number().int().nullable(),
  vehicleId: z.number().int().nullable(),
  createdAt: z.string(),
});
export const ZPurchaseQuerySchema = ZPageQuerySchema.extend({
  orgId: ZId.optional(),
  status: z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn', 'delivered']).optional(),
});
export const ZDeliverSchema = z
  .object({
    plate,
    purchaseDate: isoDate,
    price: money,
    brand: text(40),
    model: text(60),
    seats: z.number().int().min(1).max(80),
    displacement: displacement.nullish(),
    odometerKm: km.default(0),
    tankCapacityL: z.number().positive().max(2000).nullish(),
    batteryCapacityKwh: z.number().positive().max(2000).nullish(),
    ...markingFields,
  })
  .refine(markingOk, markingIssue);

// ---------- bookings and trips ----------
const MAX_TRIP_DAYS = 31;
const periodOk = (v: { start: string; end: string }) => Date.parse(v.end) > Date.parse(v.start);
const periodIssue = { message: bilingual('结束时间须晚于开始时间', 'end must be after start'), path: ['end'] };
const tripLengthOk = (v: { start: string; end: string }) => Date.parse(v.end) - Date.parse(v.start) <= MAX_TRIP_DAYS * 86_400_000;
const tripLengthIssue = {
  message: bilingual(`单次用车不能超过 ${MAX_TRIP_DAYS} 天`, `one booking cannot exceed ${MAX_TRIP_DAYS} days`),
  path: ['end'],
};
export const ZBookingCreateSchema = z
  .object({ start: isoTime, end: isoTime, vehicleId: ZRef, driverId: ZRef, purpose: text(200) })
  .refine(periodOk, periodIssue)
  .refine(tripLengthOk, tripLengthIssue);
export const ZBookingSchema = z.object({
  id: z.number().int(),
  vehicleId: z.number().int(),
  plate: z.string(),
  orgId: z.number().int(),
  driverId: z.number().int(),
  driverName: z.string(),
  start: z.string(),
  end: z.string(),
  purpose: z.string(),
  status: z.enum(BOOKING_STATUSES),
  tripRequestId: z.number().int().nullable(),
  startOdometerKm: z.number().int().nullable(),
  endOdometerKm: z.number().int().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** The vehicle's last recorded odometer reading (the driver sees it when starting). */
  vehicleOdometerKm: z.number().int(),
  /** Implausible start or finish recorded with a reason, in the reader's language. */
  flags: z.array(z.object({ phase: z.enum(['start', 'finish']), message: z.string(), reason: z.string() })),
});
export const ZOdometerSchema = z.object({
  odometerKm: km,
  at: isoTime.optional(),
  /** Why an implausible time or reading is right (without one such a start or finish is refused). */
  reason: z.string().trim().max(500).optional(),
  /** Photos of the odometer or the car (uploaded drafts, bound to the booking). */
  photoFileIds: z.array(z.string().max(80)).max(6).default([]),
});
const MAX_WINDOW_DAYS = 62;
export const ZWindowQuerySchema = z
  .object({ start: isoTime, end: isoTime })
  .refine((v) => Date.parse(v.end) > Date.parse(v.start), {
    message: bilingual('结束时间须晚于开始时间', 'end must be after start'),
    path: ['end'],
  })
  .refine((v) => Date.parse(v.end) - Date.parse(v.start) <= MAX_WINDOW_DAYS * 86_400_000, {
    message: bilingual(`时间窗口不能超过 ${MAX_WINDOW_DAYS} 天`, `the window cannot exceed ${MAX_WINDOW_DAYS} days`),
    path: ['end'],
  });
export const ZAvailabilityQuerySchema = z
  .object({
    start: isoTime,
    end: isoTime,
    seats: z.coerce.number().int().min(1).max(80).optional(),
    type: z.enum(VEHICLE_TYPES).optional(),
    orgId: ZId.optional(),
  })
  .refine((v) => Date.parse(v.end) > Date.parse(v.start), {
    message: bilingual('结束时间须晚于开始时间', 'end must be after start'),
    path: ['end'],
  });
export const ZBoardQuerySchema = z
  .object({ start: isoTime, end: isoTime, orgId: ZId.optional() })
  .refine((v) => Date.parse(v.end) > Date.parse(v.start), {
    message: bilingual('结束时间须晚于开始时间', 'end must be after start'),
    path: ['end'],
  })
  .refine((v) => Date.parse(v.end) - Date.parse(v.start) <= MAX_WINDOW_DAYS * 86_400_000, {
    message: bilingual(`时间窗口不能超过 ${MAX_WINDOW_DAYS} 天`, `the window cannot exceed ${MAX_WINDOW_DAYS} days`),
    path: ['end'],
  });

export const TRIP_STATUSES = [
  'pending',
  'approved',
  'rejected',
  'returned',
  'withdrawn',
  'assigned',
  'in_progress',
  'completed',
  'confirmed',
  'cancelled',
] as const;
export const ZTripCreateSchema = z
  .object({
    start: isoTime,
    end: isoTime,
    purpose: text(200),
    origin: text(100),
    destination: text(200),
    passengers: z.number().int().min(1).max(80),
    roundTrip: z.boolean().default(true),
  })
  .refine(periodOk, periodIssue)
  .refine(tripLengthOk, tripLengthIssue);
export const ZTripAssignSchema = z.object({ vehicleId: ZRef, driverId: ZRef });
export const ZTripSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  applicantId: z.number().int(),
  purpose: z.string(),
  origin: z.string(),
  destination: z.string(),
  passengers: z.number().int(),
  start: z.string(),
  end: z.string(),
  roundTrip: z.boolean(),
  restDay: z.boolean(),
  /** 节假日 (a public holiday), 休息日 (another day off) or 工作日, for the trip's tag. */
  dayKind: z.enum(['holiday', 'rest_day', 'working_day']),
  /** Once assigned: the vehicle and the driver, for the applicant. */
  plate: z.string().nullable(),
  driverName: z.string().nullable(),
  driverPhone: z.string().nullable(),
  status: z.enum(TRIP_STATUSES),
  instanceId: z.number().int().nullable(),
  bookingId: z.number().int().nullable(),
  confirmedAt: z.string().nullable(),
  createdAt: z.string(),
});
export const ZTripQuerySchema = ZPageQuerySchema.extend({
  orgId: ZId.optional(),
  status: z.enum(TRIP_STATUSES).optional(),
  mine: z.coerce.boolean().optional(),
});

// ---------- disposal and transfer ----------
export const ZDisposalCreateSchema = z
  .object({ vehicleId: ZRef, method: z.enum(DISPOSAL_METHODS), toOrgId: ZRef.nullish(), reason: text(500) })
  .refine((v) => (v.method === 'transfer') === (v.toOrgId != null), {
    message: bilingual('划拨须指定接收单位；报废、拍卖不填接收单位', 'a transfer needs a receiving unit; scrap and auction take none'),
    path: ['toOrgId'],
  });
export const ZDisposalSchema = z.object({
  id: z.number().int(),
  vehicleId: z.number().int(),
  plate: z.string(),
  orgId: z.number().int(),
  method: z.enum(DISPOSAL_METHODS),
  toOrgId: z.number().int().nullable(),
  reason: z.string(),
  checks: z.array(ZCheckSchema),
  status: z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn']),
  instanceId: z.number().int().nullable(),
  appliedAt: z.string().nullable(),
  createdAt: z.string(),
});

// ---------- yearly statistics ----------
export const ZYearlyStatsQuerySchema = z
  .object({
    from: z.coerce.number().int().min(2000).max(2100),
    to: z.coerce.number().int().min(2000).max(2100),
    orgId: ZId.optional(),
  })
  .refine((v) => v.to >= v.from && v.to - v.from <= 30, {
    path: ['to'],
    message: bilingual('年份范围有误（最多 30 年）', 'the range is wrong (at most 30 years)'),
  });
export const ZYearStatsSchema = z.object({
  year: z.number().int(),
  purchasesApproved: z.number().int(),
  purchasesChangePct: z.number().nullable(),
  newEnergyApproved: z.number().int(),
  transferred: z.number().int(),
  scrapped: z.number().int(),
  auctioned: z.number().int(),
  fleetAtYearEnd: z.number().int(),
});
