import { z } from 'zod';
import { bilingual, ZId, ZIsoDate, ZMoneyOut, zMoney, zOptText, ZPageQuerySchema, ZRef, zText } from '../common';

/**
 * Office space (办公用房) contracts, shared by the server and the web client.
 * Areas are usable area in ㎡ with two decimals.
 */
const isoDate = ZIsoDate;
const text = zText;
const optText = zOptText;

/** ㎡ with two decimals; no single room or building is larger than these (absurd input is rejected). */
export const MAX_ROOM_AREA = 5000;
export const MAX_BUILDING_AREA = 500_000;
const area = (max: number) =>
  z
    .number()
    .positive(bilingual('面积必须大于 0', 'area must be greater than 0'))
    .max(max, bilingual(`面积不能超过 ${max} ㎡`, `area cannot exceed ${max} m²`))
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, {
      message: bilingual('面积最多两位小数', 'area has at most two decimals'),
    });

export const USE_CLASSES = ['office', 'service', 'equipment', 'auxiliary'] as const;
export const ROOM_STATUSES = ['in_use', 'idle', 'repair', 'leased_in', 'rented_out', 'lent_out'] as const;
export const OWNERSHIPS = ['owned', 'leased_in', 'allocated'] as const;
export const OCCUPANCY_KINDS = ['primary', 'concurrent'] as const;
export const MEASURES = ['vacate', 'swap', 'merge', 'partition'] as const;
export type TUseClass = (typeof USE_CLASSES)[number];
export type TRoomStatus = (typeof ROOM_STATUSES)[number];

// ---------- sites ----------
export const ZSiteCreateSchema = z.object({
  name: text(100),
  orgId: ZRef,
  address: optText(200),
  note: optText(500),
});
export const ZSiteUpdateSchema = ZSiteCreateSchema.partial().extend({ status: z.enum(['active', 'inactive']).optional() });
export const ZSiteSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  name: z.string(),
  address: z.string().nullable(),
  note: z.string().nullable(),
  status: z.string(),
  buildings: z.number().int(),
  rooms: z.number().int(),
  area: z.number(),
});
export type TSite = z.infer<typeof ZSiteSchema>;

// ---------- buildings ----------
export const ZBuildingCreateSchema = z.object({
  siteId: ZRef,
  name: text(100),
  grossArea: area(MAX_BUILDING_AREA),
  yearBuilt: z.number().int().min(1900).max(2100).nullish(),
  ownership: z.enum(OWNERSHIPS),
  address: optText(200),
  floorsAbove: z.number().int().min(1).max(120).default(1),
  floorsBelow: z.number().int().min(0).max(10).default(0),
  highRise: z.boolean().default(false),
});
export const ZBuildingUpdateSchema = ZBuildingCreateSchema.omit({ siteId: true })
  .partial()
  .extend({ status: z.enum(['active', 'inactive']).optional() });
export const ZBuildingSchema = z.object({
  id: z.number().int(),
  siteId: z.number().int(),
  siteName: z.string(),
  orgId: z.number().int(),
  name: z.string(),
  grossArea: z.number(),
  yearBuilt: z.number().int().nullable(),
  ownership: z.enum(OWNERSHIPS),
  address: z.string().nullable(),
  floorsAbove: z.number().int(),
  floorsBelow: z.number().int(),
  highRise: z.boolean(),
  status: z.string(),
  rooms: z.number().int(),
  roomArea: z.number(),
});
export type TBuilding = z.infer<typeof ZBuildingSchema>;

// ---------- floors and plans ----------
/** A point in metres from the plan's top-left corner. */
export const ZPointSchema = z.tuple([z.number().min(-1000).max(1000), z.number().min(-1000).max(1000)]);
export const ZPlanShapeSchema = z.object({
  id: z.string().min(1).max(40),
  /** The room record this shape draws, or null while not yet linked. */
  roomId: ZRef.nullable(),
  label: z.string().max(40).default(''),
  points: z.array(ZPointSchema).min(3).max(200),
});
export const ZFloorPlanSchema = z.object({
  /** Drawing extent in metres. */
  widthM: z.number().positive().max(1000),
  heightM: z.number().positive().max(1000),
  /** Snap grid in metres. */
  gridM: z.number().positive().max(10).default(0.5),
  /** Optional scanned plan to trace over: an uploaded image, placed and scaled in metres. */
  background: z
    .object({
      fileId: z.string().min(1).max(80),
      x: z.number(),
      y: z.number(),
      /** Metres per image pixel (the plan's scale). */
      metresPerPixel: z.number().positive().max(10),
      opacity: z.number().min(0).max(1).default(0.5),
    })
    .nullish(),
  shapes: z.array(ZPlanShapeSchema).max(2000),
});
export type TFloorPlan = z.infer<typeof ZFloorPlanSchema>;
export type TPlanShape = z.infer<typeof ZPlanShapeSchema>;

export const ZFloorCreateSchema = z.object({
  buildingId: ZRef,
  level: z.number().int().min(-10).max(150),
  name: text(40),
});
export const ZFloorUpdateSchema = z.object({ name: text(40).optional(), plan: ZFloorPlanSchema.nullish() });
export const ZFloorSchema = z.object({
  id: z.number().int(),
  buildingId: z.number().int(),
  level: z.number().int(),
  name: z.string(),
  hasPlan: z.boolean(),
  rooms: z.number().int(),
  roomArea: z.number(),
});
/** A floor with its plan and every room on it, with compliance colouring facts, for the editor and the viewer. */
export const ZFloorDetailSchema = ZFloorSchema.extend({
  buildingName: z.string(),
  siteName: z.string(),
  plan: ZFloorPlanSchema.nullable(),
  rooms: z.number().int(),
  roomList: z.array(
    z.object({
      id: z.number().int(),
      number: z.string(),
      useClass: z.enum(USE_CLASSES),
      useType: z.string(),
      area: z.number(),
      status: z.enum(ROOM_STATUSES),
      orgId: z.number().int(),
      orgName: z.string().nullable(),
      overStandard: z.boolean(),
      occupants: z.array(z.object({ personId: z.number().int(), name: z.string(), postTitle: z.string().nullable() })),
    }),
  ),
});
export type TFloorDetail = z.infer<typeof ZFloorDetailSchema>;

/** Shoelace area of a polygon (㎡ when points are in metres). */
export function polygonArea(points: readonly (readonly [number, number])[]): number {
  let s = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i]!;
    const [x2, y2] = points[(i + 1) % points.length]!;
    s += x1 * y2 - x2 * y1;
  }
  return Math.abs(s) / 2;
}
/** Drawn vs registered area: a difference above this share is shown as a warning. */
export const PLAN_AREA_TOLERANCE = 0.05;
export function planAreaMismatch(drawn: number, registered: number): boolean {
  return registered > 0 && Math.abs(drawn - registered) / registered > PLAN_AREA_TOLERANCE;
}

// ---------- rooms ----------
export const ZRoomCreateSchema = z.object({
  floorId: ZRef,
  number: text(20),
  useClass: z.enum(USE_CLASSES),
  useType: z.string().trim().min(1).max(40).default('office'),
  area: area(MAX_ROOM_AREA),
  orgId: ZRef,
  status: z.enum(ROOM_STATUSES).default('in_use'),
  /** A leader's suite: one occupant at a time. */
  singleOccupant: z.boolean().default(false),
  /** A rest room or toilet inside a leader's suite points to the suite's office. */
  suiteOfId: ZRef.nullish(),
  note: optText(500),
});
export const ZRoomUpdateSchema = ZRoomCreateSchema.omit({ floorId: true })
  .partial()
  .extend({
    /** Why the area or use changed (kept in the dated history). */
    changeReason: optText(200),
    effectiveFrom: isoDate.optional(),
  });
export const ZRoomSchema = z.object({
  id: z.number().int(),
  floorId: z.number().int(),
  floorName: z.string(),
  buildingId: z.number().int(),
  buildingName: z.string(),
  siteId: z.number().int(),
  siteName: z.string(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  number: z.string(),
  useClass: z.enum(USE_CLASSES),
  useType: z.string(),
  area: z.number(),
  status: z.enum(ROOM_STATUSES),
  singleOccupant: z.boolean(),
  suiteOfId: z.number().int().nullable(),
  note: z.string().nullable(),
  occupants: z.number().int(),
  occupantNames: z.string().nullable(),
});
export type TRoom = z.infer<typeof ZRoomSchema>;
export const ZRoomQuerySchema = ZPageQuerySchema.extend({
  orgId: ZId.optional(),
  siteId: ZId.optional(),
  buildingId: ZId.optional(),
  floorId: ZId.optional(),
  useClass: z.enum(USE_CLASSES).optional(),
  status: z.enum(ROOM_STATUSES).optional(),
  q: z.string().trim().max(40).optional(),
});
export const ZRoomHistorySchema = z.object({
  id: z.number().int(),
  area: z.number(),
  useClass: z.string(),
  useType: z.string(),
  status: z.string(),
  effectiveFrom: z.string(),
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export const ZRoomDetailSchema = ZRoomSchema.extend({
  history: z.array(ZRoomHistorySchema),
  occupancies: z.array(z.lazy(() => ZOccupancySchema)),
});

// ---------- occupancy ----------
export const ZOccupancyCreateSchema = z.object({
  personId: ZRef,
  roomId: ZRef,
  startDate: isoDate,
  endDate: isoDate.nullish(),
  kind: z.enum(OCCUPANCY_KINDS).default('primary'),
  note: optText(200),
});
export const ZOccupancyEndSchema = z.object({
  endDate: isoDate,
  /** For a concurrent-post room: the day the person left that post (starts the two-month clock). */
  note: optText(200),
});
export const ZOccupancySchema = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  personStatus: z.string(),
  postLevel: z.string(),
  roomId: z.number().int(),
  roomNumber: z.string(),
  buildingName: z.string(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  kind: z.enum(OCCUPANCY_KINDS),
  startDate: z.string(),
  endDate: z.string().nullable(),
  note: z.string().nullable(),
});
export type TOccupancy = z.infer<typeof ZOccupancySchema>;
export const ZOccupancyQuerySchema = ZPageQuerySchema.extend({
  orgId: ZId.optional(),
  roomId: ZId.optional(),
  personId: ZId.optional(),
  current: z.enum(['true', 'false']).optional(),
});

// ---------- compliance ----------
/** Paged like every list (the district is 20,000 people): the whole list is the export's job. */
export const ZComplianceQuerySchema = ZPageQuerySchema.extend({
  orgId: ZId.optional(),
  onlyOver: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(40).optional(),
});
export const ZComplianceExportQuerySchema = ZComplianceQuerySchema.omit({ page: true, pageSize: true });
export const ZComplianceItemSchema = z.object({
  personId: z.number().int(),
  name: z.string(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  postTitle: z.string().nullable(),
  postLevel: z.string(),
  agencyLevel: z.string(),
  /** ㎡ allowed by the standard; null when the table has no row for this (level, post). */
  entitledArea: z.number().nullable(),
  actualArea: z.number(),
  overStandard: z.boolean(),
  excessArea: z.number(),
  leader: z.boolean(),
  rooms: z.array(
    z.object({ roomId: z.number().int(), number: z.string(), area: z.number(), share: z.number(), occupants: z.number().int() }),
  ),
});
export type TComplianceItem = z.infer<typeof ZComplianceItemSchema>;
export const ZComplianceSchema = z.object({
  items: z.array(ZComplianceItemSchema),
  total: z.number().int(),
  overCount: z.number().int(),
  ruleVersion: z.string(),
});

export const ZSummarySchema = z.object({
  orgId: z.number().int().nullable(),
  sites: z.number().int(),
  buildings: z.number().int(),
  units: z.number().int(),
  rooms: z.number().int(),
  grossArea: z.number(),
  totalArea: z.number(),
  areaByUseClass: z.object({ office: z.number(), service: z.number(), equipment: z.number(), auxiliary: z.number() }),
  staffing: z.number().int(),
  headcount: z.number().int(),
  officeAreaPerCapita: z.number().nullable(),
  servicePerCapita: z.number().nullable(),
  serviceStandard: z.object({ min: z.number(), max: z.number() }),
  serviceStatus: z.enum(['below', 'within', 'above', 'n/a']),
  overStandardCount: z.number().int(),
  overStandardArea: z.number(),
  leaders: z.array(ZComplianceItemSchema),
  idleRooms: z.array(
    z.object({ roomId: z.number().int(), number: z.string(), buildingName: z.string(), orgName: z.string().nullable(), area: z.number() }),
  ),
  violations: z.array(
    z.object({
      roomId: z.number().int(),
      number: z.string(),
      buildingName: z.string(),
      orgName: z.string().nullable(),
      area: z.number(),
      status: z.string(),
    }),
  ),
  overdueRecoveries: z.number().int(),
  openFindings: z.number().int(),
});
export type TSummary = z.infer<typeof ZSummarySchema>;

/** Per-unit breakdown for the dashboard (per-capita area, over-standard people, open findings). */
export const ZUnitStatsSchema = z.object({
  items: z.array(
    z.object({
      orgId: z.number().int(),
      name: z.string(),
      staffing: z.number().int(),
      headcount: z.number().int(),
      officeArea: z.number(),
      totalArea: z.number(),
      officeAreaPerCapita: z.number().nullable(),
      overStandard: z.number().int(),
      openFindings: z.number().int(),
    }),
  ),
});

export const ZOverdueSchema = z.object({
  items: z.array(
    z.object({
      occupancyId: z.number().int(),
      personId: z.number().int(),
      personName: z.string(),
      personStatus: z.string(),
      orgName: z.string().nullable(),
      roomId: z.number().int(),
      roomNumber: z.string(),
      buildingName: z.string(),
      kind: z.enum(OCCUPANCY_KINDS),
      since: z.string(),
      dueDate: z.string(),
      daysOverdue: z.number().int(),
    }),
  ),
});

// ---------- rectification (腾 调 合 隔) ----------
const partitionPart = z.object({
  number: text(20),
  area: area(MAX_ROOM_AREA),
  useType: z.string().trim().min(1).max(40).default('office'),
});
export const ZRectificationPayloadSchema = z.discriminatedUnion('measure', [
  /** 腾: the person leaves these rooms (they become idle when empty). */
  z.object({ measure: z.literal('vacate'), roomIds: z.array(ZRef).min(1).max(20) }),
  /** 调: the person moves from one room to another (smaller or shared) room. */
  z.object({ measure: z.literal('swap'), fromRoomId: ZRef, toRoomId: ZRef }),
  /** 合: the people listed move into one room; their former rooms become idle. */
  z.object({ measure: z.literal('merge'), toRoomId: ZRef, personIds: z.array(ZRef).min(1).max(20) }),
  /** 隔: a room is partitioned into several; the person keeps the part named by `keepIndex`. */
  z.object({
    measure: z.literal('partition'),
    roomId: ZRef,
    parts: z.array(partitionPart).min(2).max(10),
    keepIndex: z.number().int().min(0).max(9),
  }),
]);
export type TRectificationPayload = z.infer<typeof ZRectificationPayloadSchema>;
export const ZRectificationCreateSchema = z.object({
  personId: ZRef,
  reason: text(500),
  effectiveDate: isoDate,
  payload: ZRectificationPayloadSchema,
});
export const ZRectificationSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  personId: z.number().int(),
  personName: z.string(),
  measure: z.enum(MEASURES),
  reason: z.string(),
  effectiveDate: z.string(),
  payload: z.unknown(),
  /** The finding this fixes, as computed when requested. */
  entitledArea: z.number().nullable(),
  actualArea: z.number(),
  excessArea: z.number(),
  status: z.string(),
  instanceId: z.number().int().nullable(),
  appliedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TRectification = z.infer<typeof ZRectificationSchema>;

// ---------- inspections (督查 / 回头看) ----------
export const ZInspectionCreateSchema = z.object({
  title: text(100),
  kind: z.enum(['inspection', 'lookback']),
  orgIds: z.array(ZRef).min(1).max(500),
  checklist: z.array(text(200)).min(1).max(50),
  deadline: isoDate,
});
export const ZInspectionSchema = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: z.enum(['inspection', 'lookback']),
  checklist: z.array(z.string()),
  deadline: z.string(),
  status: z.enum(['open', 'closed']),
  units: z.array(z.object({ orgId: z.number().int(), name: z.string().nullable() })),
  findings: z.number().int(),
  openFindings: z.number().int(),
  createdAt: z.string(),
});
export const ZFindingCreateSchema = z.object({
  orgId: ZRef,
  roomId: ZRef.nullish(),
  description: text(1000),
  checkItem: optText(200),
  rectifyBy: isoDate,
  photoFileIds: z.array(z.string().max(80)).max(10).default([]),
});
export const ZFindingCloseSchema = z.object({
  evidence: text(1000),
  evidenceFileIds: z.array(z.string().max(80)).max(10).default([]),
});
export const ZFindingSchema = z.object({
  id: z.number().int(),
  inspectionId: z.number().int(),
  inspectionTitle: z.string(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  roomId: z.number().int().nullable(),
  roomNumber: z.string().nullable(),
  checkItem: z.string().nullable(),
  description: z.string(),
  rectifyBy: z.string(),
  photoFileIds: z.array(z.string()),
  status: z.enum(['open', 'closed']),
  evidence: z.string().nullable(),
  evidenceFileIds: z.array(z.string()),
  closedAt: z.string().nullable(),
  overdue: z.boolean(),
});
export type TFinding = z.infer<typeof ZFindingSchema>;
export const ZFindingQuerySchema = ZPageQuerySchema.extend({
  orgId: ZId.optional(),
  inspectionId: ZId.optional(),
  status: z.enum(['open', 'closed']).optional(),
  /** Open findings past their rectification deadline (the workbench's 整改逾期). */
  overdue: z.enum(['true']).optional(),
});

// ---------- filing report (单位办公用房备案表) ----------
/**
 * The filing report lists at most this many rooms: a unit's form is a few pages; a whole
 * district's 25,000 rooms are not a form to sign but a spreadsheet (the report says so and
 * offers the rooms export, which streams every room).
 */
export const FILING_ROOMS_MAX = 2000;

export const ZFilingReportSchema = z.object({
  org: z.object({ id: z.number().int(), name: z.string(), agencyLevel: z.string(), staffing: z.number().int() }),
  summary: ZSummarySchema,
  rooms: z.array(ZRoomSchema),
  /** Every room of the unit; more than `rooms.length` when the list stops at FILING_ROOMS_MAX. */
  roomsTotal: z.number().int(),
  floors: z.array(z.object({ id: z.number().int(), name: z.string(), buildingName: z.string() })),
  generatedAt: z.string(),
});

// ---------- leases in (租用) ----------
export const ZLeaseCreateSchema = z
  .object({
    orgId: ZRef,
    landlord: text(100),
    address: text(200),
    area: area(MAX_BUILDING_AREA),
    contractNo: optText(50),
    startDate: isoDate,
    endDate: isoDate,
    rentPerYear: zMoney({ max: 1e10 }),
    note: optText(500),
    /** The signed contract: uploaded drafts bound to the lease. */
    contractFileIds: z.array(z.string().max(80)).max(10).default([]),
  })
  .refine((v) => v.endDate > v.startDate, {
    path: ['endDate'],
    message: bilingual('结束日期须晚于开始日期', 'must be after the start date'),
  });
export const ZLeaseRenewSchema = z.object({
  endDate: isoDate,
  rentPerYear: zMoney({ max: 1e10 }),
  contractNo: optText(50),
});
export const ZLeaseTerminateSchema = z.object({ terminatedOn: isoDate, note: optText(500) });
export const ZLeaseSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  landlord: z.string(),
  address: z.string(),
  area: z.number(),
  contractNo: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  rentPerYear: ZMoneyOut,
  status: z.enum(['active', 'renewed', 'terminated']),
  renewsId: z.number().int().nullable(),
  terminatedOn: z.string().nullable(),
  note: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
});
export type TLease = z.infer<typeof ZLeaseSchema>;
export const ZLeaseQuerySchema = ZPageQuerySchema.extend({
  orgId: ZId.optional(),
  status: z.enum(['active', 'renewed', 'terminated']).optional(),
  /** Active leases ending within this many days. */
  expiringWithin: z.coerce.number().int().min(0).max(3650).optional(),
});

// ---------- allocation (调配) ----------
export const ZAllocationCreateSchema = z.object({
  orgId: ZRef,
  useClass: z.enum(USE_CLASSES),
  requestedArea: area(MAX_BUILDING_AREA),
  /** People the space is for (office requests): the standard the bureau weighs the request against. */
  headcount: z.number().int().min(0).max(100_000).default(0),
  reason: text(500),
  neededBy: isoDate.nullish(),
  /** The bureau may name the rooms when it draws up the allocation itself. */
  roomIds: z.array(ZRef).max(200).optional(),
});
export const ZAllocationAssignSchema = z.object({ roomIds: z.array(ZRef).min(1).max(200) });
export const ZAllocationRoomSchema = z.object({
  roomId: z.number().int(),
  number: z.string(),
  area: z.number(),
  useClass: z.enum(USE_CLASSES),
  buildingName: z.string(),
  fromOrgId: z.number().int(),
  fromOrgName: z.string().nullable(),
});
export const ZAllocationSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  useClass: z.enum(USE_CLASSES),
  requestedArea: z.number(),
  headcount: z.number().int(),
  reason: z.string(),
  neededBy: z.string().nullable(),
  rooms: z.array(ZAllocationRoomSchema),
  assignedArea: z.number(),
  status: z.string(),
  instanceId: z.number().int().nullable(),
  appliedAt: z.string().nullable(),
  createdAt: z.string(),
  /** The unit's office area per person today and with the assigned rooms (for the approver). */
  unit: z.object({
    officeArea: z.number(),
    staffing: z.number().int(),
    headcount: z.number().int(),
    perCapita: z.number().nullable(),
    afterOfficeArea: z.number(),
    afterPerCapita: z.number().nullable(),
  }),
});
export type TAllocation = z.infer<typeof ZAllocationSchema>;
export const ZAllocationQuerySchema = ZPageQuerySchema.extend({
  orgId: ZId.optional(),
  status: z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn']).optional(),
});

// ---------- repairs and refits (维修改造) with filings (备案) ----------
export const REPAIR_KINDS = ['major', 'medium', 'routine'] as const;
export const REPAIR_STATUSES = ['pending', 'approved', 'in_progress', 'completed', 'filed', 'rejected', 'returned', 'withdrawn'] as const;
/** The one money type (`zMoney`): a "1234.50" string once parsed, never a float. */
const money = zMoney({ max: 1e10 });
export const ZRepairCreateSchema = z
  .object({
    orgId: ZRef,
    buildingId: ZRef,
    kind: z.enum(REPAIR_KINDS),
    title: text(100),
    /** 检查鉴定: why the works are needed. */
    assessment: text(2000),
    scope: optText(2000),
    budget: money,
    /** Floor area the works add (㎡): only a 大修 may add any, within the configured share. */
    addedArea: z.number().min(0).max(MAX_BUILDING_AREA).default(0),
    plannedStart: isoDate,
    plannedEnd: isoDate,
    fileIds: z.array(z.string().max(80)).max(20).default([]),
  })
  .refine((v) => v.plannedEnd >= v.plannedStart, {
    path: ['plannedEnd'],
    message: bilingual('计划完工日期不能早于开工日期', 'must not be before the planned start'),
  });
export const ZRepairProgressSchema = z.object({
  action: z.enum(['start', 'complete']),
  date: isoDate,
  actualCost: money.optional(),
  /** 竣工验收 conclusion (required to complete). */
  acceptanceNote: optText(2000),
  fileIds: z.array(z.string().max(80)).max(20).default([]),
});
export const ZRepairFilingRoomSchema = z.object({
  /** An existing room of the unit in this building; omitted for a room the works created. */
  roomId: ZRef.optional(),
  floorId: ZRef.optional(),
  number: text(20),
  area: area(MAX_ROOM_AREA),
  useClass: z.enum(USE_CLASSES),
  useType: z.string().trim().min(1).max(40),
  removed: z.boolean().default(false),
});
export const ZRepairFilingSchema = z.object({
  /** The building's gross floor area after the works. */
  grossArea: area(MAX_BUILDING_AREA),
  /** Rooms that changed, were created or were removed; rooms not listed are unchanged. */
  rooms: z.array(ZRepairFilingRoomSchema).max(2000),
  /** The updated floor drawings and acceptance documents. */
  fileIds: z.array(z.string().max(80)).max(20).default([]),
});
export const ZRepairSnapshotSchema = z.object({
  grossArea: z.number(),
  byClass: z.record(z.string(), z.number()),
  rooms: z.array(
    z.object({
      roomId: z.number().int(),
      number: z.string(),
      floorName: z.string(),
      area: z.number(),
      useClass: z.string(),
      useType: z.string().nullable(),
    }),
  ),
  leaders: z.array(
    z.object({
      personName: z.string(),
      post: z.string().nullable(),
      roomNumber: z.string(),
      area: z.number(),
      entitledArea: z.number().nullable(),
    }),
  ),
});
export type TRepairSnapshot = z.infer<typeof ZRepairSnapshotSchema>;
export const ZRepairSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string().nullable(),
  buildingId: z.number().int(),
  buildingName: z.string(),
  buildingGrossArea: z.number(),
  kind: z.enum(REPAIR_KINDS),
  title: z.string(),
  assessment: z.string(),
  scope: z.string().nullable(),
  budget: ZMoneyOut,
  addedArea: z.number(),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  status: z.enum(REPAIR_STATUSES),
  instanceId: z.number().int().nullable(),
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  actualCost: ZMoneyOut.nullable(),
  acceptanceNote: z.string().nullable(),
  filingBefore: ZRepairSnapshotSchema.nullable(),
  filingAfter: ZRepairSnapshotSchema.nullable(),
  filedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TRepair = z.infer<typeof ZRepairSchema>;
export const ZRepairQuerySchema = ZPageQuerySchema.extend({
  orgId: ZId.optional(),
  buildingId: ZId.optional(),
  kind: z.enum(REPAIR_KINDS).optional(),
  status: z.enum(REPAIR_STATUSES).optional(),
});
