import { z } from 'zod';
import { ZIsoDate, ZMoneyOut, ZPageQuerySchema, ZRef, bilingual, zMoney, zOptText, zText } from '../common';

/**
 * Training-class lodging (培训住宿, 财行〔2016〕540号): a training centre's rooms and beds with
 * their housekeeping status, classes (开班) with trainees, beds allocated per night (never two
 * trainees in one bed on one night: the database's unique (bed, night)), check-in and
 * check-out, and the class settlement against the `training_fee_caps` rule exact to the fen.
 */
export const HOUSEKEEPING_STATUSES = ['dirty', 'clean', 'inspected'] as const;
export const ZHousekeeping = z.enum(HOUSEKEEPING_STATUSES);
export type THousekeeping = z.infer<typeof ZHousekeeping>;

export const TRAINING_CLASS_STATUSES = ['planned', 'in_progress', 'finished', 'settled'] as const;
export const ZTrainingClassStatus = z.enum(TRAINING_CLASS_STATUSES);

/** 一类 / 二类 / 三类 training. */
export const ZTrainingCategory = z.coerce
  .number()
  .int()
  .min(1, bilingual('培训类别应为 1–3（一类至三类）', 'category must be 1–3'))
  .max(3, bilingual('培训类别应为 1–3（一类至三类）', 'category must be 1–3'));

const ZOrgQuery = z.coerce.number().int().positive().max(2147483647);
const ZPhone = z
  .string()
  .trim()
  .regex(/^[0-9+\- ]{5,20}$/, bilingual('电话号码格式不正确', 'not a phone number'))
  .nullish();

export const ZCentreSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  name: z.string(),
  address: z.string().nullable(),
  rooms: z.number().int(),
  beds: z.number().int(),
});
export type TCentre = z.infer<typeof ZCentreSchema>;
export const ZCentreCreateSchema = z.object({ orgId: ZRef, name: zText(100), address: zOptText(200) });

export const ZRoomCreateSchema = z.object({
  number: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,10}$/, bilingual('房间号应为 1–10 位字母、数字或 -', 'room number: 1–10 letters, digits or -')),
  floor: z.number().int().min(-5).max(99),
  beds: z.number().int().min(1).max(8),
});

export const ZBedSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  /** Tonight's occupant (China day), if any. */
  traineeId: z.number().int().nullable(),
  traineeName: z.string().nullable(),
  className: z.string().nullable(),
  checkedIn: z.boolean(),
});
export const ZRoomSchema = z.object({
  id: z.number().int(),
  centreId: z.number().int(),
  number: z.string(),
  floor: z.number().int(),
  housekeeping: ZHousekeeping,
  beds: z.array(ZBedSchema),
});
export type TRoom = z.infer<typeof ZRoomSchema>;
export type TBed = z.infer<typeof ZBedSchema>;

export const ZBoardQuerySchema = z.object({
  /** The night shown (default: tonight, China day). */
  night: ZIsoDate.optional(),
  housekeeping: ZHousekeeping.optional(),
  floor: z.coerce.number().int().min(-5).max(99).optional(),
});
export const ZBoardSchema = z.object({
  centre: ZCentreSchema,
  night: z.string(),
  rooms: z.array(ZRoomSchema),
  counts: z.object({ dirty: z.number().int(), clean: z.number().int(), inspected: z.number().int(), bedsTaken: z.number().int() }),
});
export type TBoard = z.infer<typeof ZBoardSchema>;

export const ZHousekeepingSchema = z.object({ status: ZHousekeeping });

export const ZTraineeInputSchema = z.object({
  name: zText(40),
  /** The trainee's work unit, as text (trainees come from anywhere). */
  unitName: zOptText(100),
  phone: ZPhone,
});
export const ZTraineeSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  unitName: z.string().nullable(),
  /** Last four digits only; the number is encrypted at rest. */
  phoneTail: z.string().nullable(),
  bedId: z.number().int().nullable(),
  roomNumber: z.string().nullable(),
  bedLabel: z.string().nullable(),
  /** Nights allocated. */
  nights: z.number().int(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
});
export type TTrainee = z.infer<typeof ZTraineeSchema>;

export const ZClassCreateSchema = z.object({
  centreId: ZRef,
  /** The organising unit (主办单位). */
  orgId: ZRef,
  title: zText(100),
  category: ZTrainingCategory,
  startDate: ZIsoDate,
  endDate: ZIsoDate,
  trainees: z.array(ZTraineeInputSchema).max(500).optional(),
});
export const ZTraineesAddSchema = z.object({ trainees: z.array(ZTraineeInputSchema).min(1).max(500) });

export const ZTrainingCheckSchema = z.object({ rule: z.string(), passed: z.boolean(), message: z.string() });
export const ZTrainingSettlementSchema = z.object({
  trainees: z.number().int(),
  days: z.number().int(),
  arrivalDays: z.number().int(),
  departureDays: z.number().int(),
  lodging: ZMoneyOut,
  meals: ZMoneyOut,
  other: ZMoneyOut,
  total: ZMoneyOut,
  cap: ZMoneyOut,
  /** The per-person-per-day rate and the rate beyond the long-course threshold. */
  rate: ZMoneyOut,
  longRate: ZMoneyOut,
  checks: z.array(ZTrainingCheckSchema),
  passed: z.boolean(),
  ruleVersion: z.number().int(),
  settledAt: z.string(),
});
export type TTrainingSettlement = z.infer<typeof ZTrainingSettlementSchema>;

export const ZClassSchema = z.object({
  id: z.number().int(),
  centreId: z.number().int(),
  centreName: z.string(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  title: z.string(),
  category: z.number().int(),
  startDate: z.string(),
  endDate: z.string(),
  status: ZTrainingClassStatus,
  traineeCount: z.number().int(),
  allocatedCount: z.number().int(),
  checkedInCount: z.number().int(),
  createdAt: z.string(),
});
export type TClass = z.infer<typeof ZClassSchema>;
export const ZClassDetailSchema = ZClassSchema.extend({
  trainees: z.array(ZTraineeSchema),
  settlement: ZTrainingSettlementSchema.nullable(),
});
export type TClassDetail = z.infer<typeof ZClassDetailSchema>;

export const ZClassQuerySchema = ZPageQuerySchema.extend({
  centreId: ZOrgQuery.optional(),
  orgId: ZOrgQuery.optional(),
  status: ZTrainingClassStatus.optional(),
  q: z.string().trim().max(60).optional(),
});

export const ZAllocateSchema = z.object({ traineeId: ZRef, bedId: ZRef });
export const ZAutoAllocateResultSchema = z.object({ allocated: z.number().int(), unallocated: z.number().int() });

const ZFeeMoney = zMoney({ max: 100_000_000 });
export const ZTrainingSettleSchema = z.object({
  /** Trainees settled for (default: the class's). */
  trainees: z.number().int().min(1).max(10_000).optional(),
  /** Training days, without arrival and departure (default: the class's dates, inclusive). */
  days: z.number().int().min(1).max(366).optional(),
  arrivalDays: z.number().int().min(0).max(10),
  departureDays: z.number().int().min(0).max(10),
  lodging: ZFeeMoney,
  meals: ZFeeMoney,
  other: ZFeeMoney,
});
