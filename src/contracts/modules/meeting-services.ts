import { z } from 'zod';
import { ZId, ZPageQuerySchema, ZRef, zOptText, zText } from '../common';
import { MEETING_LEVELS } from './meetings';

/**
 * Meeting service orders (会务服务) on a booking of the meetings module, and the service team's
 * tasks with their before / during / after checklists. Shared by the server and the web client.
 */

/** Order statuses: submitted → accepted → in_progress → done, or cancelled before done. */
export const SERVICE_ORDER_STATUSES = ['submitted', 'accepted', 'in_progress', 'done', 'cancelled'] as const;
export type ServiceOrderStatus = (typeof SERVICE_ORDER_STATUSES)[number];
export const SERVICE_ORDER_STATUS_LABELS: Record<ServiceOrderStatus, { zh: string; en: string }> = {
  submitted: { zh: '已提交', en: 'Submitted' },
  accepted: { zh: '已受理', en: 'Accepted' },
  in_progress: { zh: '服务中', en: 'In progress' },
  done: { zh: '已完成', en: 'Done' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** Audio-visual services (code list). */
export const SERVICE_AV = ['projector', 'microphones', 'video_conference', 'recording', 'screen_display'] as const;
export const SERVICE_AV_LABELS: Record<(typeof SERVICE_AV)[number], { zh: string; en: string }> = {
  projector: { zh: '投影', en: 'Projector' },
  microphones: { zh: '话筒音响', en: 'Microphones and sound' },
  video_conference: { zh: '视频会议', en: 'Video conference' },
  recording: { zh: '录音录像', en: 'Recording' },
  screen_display: { zh: '电子屏会标', en: 'Screen banner' },
};

/**
 * Optional items an order may ask for. Whether one is allowed is decided by the frugality rule
 * table (`meeting_frugality`), never here: this is only the list of things that can be named.
 */
export const SERVICE_ITEMS = ['flowers', 'backdrop', 'fruit', 'gifts', 'pens_paper', 'name_list', 'signage', 'green_plants'] as const;
export type ServiceItem = (typeof SERVICE_ITEMS)[number];
export const SERVICE_ITEM_LABELS: Record<ServiceItem, { zh: string; en: string }> = {
  flowers: { zh: '鲜花', en: 'Flowers' },
  backdrop: { zh: '背景板', en: 'Backdrop' },
  fruit: { zh: '水果', en: 'Fruit' },
  gifts: { zh: '纪念品', en: 'Gifts' },
  pens_paper: { zh: '纸笔', en: 'Pens and paper' },
  name_list: { zh: '参会名单', en: 'Attendee list' },
  signage: { zh: '指引标识', en: 'Signage' },
  green_plants: { zh: '绿植', en: 'Green plants' },
};

/** Task phases: 会前布置 / 会中服务 / 会后清场. */
export const SERVICE_PHASES = ['before', 'during', 'after'] as const;
export type ServicePhase = (typeof SERVICE_PHASES)[number];
export const SERVICE_PHASE_LABELS: Record<ServicePhase, { zh: string; en: string }> = {
  before: { zh: '会前布置', en: 'Before: set-up' },
  during: { zh: '会中服务', en: 'During the meeting' },
  after: { zh: '会后清场', en: 'After: clearing up' },
};
export const SERVICE_TASK_STATUS_LABELS = {
  open: { zh: '待完成', en: 'Open' },
  done: { zh: '已完成', en: 'Done' },
} as const;

const zName = zText(30);
export const ZServiceOrderCreateSchema = z.object({
  bookingId: ZRef,
  /** Cups of tea and bottles (or cups) of water. */
  teaCount: z.number().int().min(0).max(5000).default(0),
  waterCount: z.number().int().min(0).max(5000).default(0),
  /** Nameplates (桌签): names in seating order, one tent card each. */
  nameplates: z.array(zName).max(300).default([]),
  /** The rostrum (主席台): names by precedence, the first the most senior; seats come from the protocol order. */
  rostrum: z.array(zName).max(41).default([]),
  av: z.array(z.enum(SERVICE_AV)).max(SERVICE_AV.length).default([]),
  printedMaterials: zOptText(500),
  printedCopies: z.number().int().min(0).max(10000).default(0),
  staffOnDuty: z.number().int().min(0).max(50).default(0),
  items: z.array(z.enum(SERVICE_ITEMS)).max(SERVICE_ITEMS.length).default([]),
  note: zOptText(500),
});
export type TServiceOrderCreate = z.input<typeof ZServiceOrderCreateSchema>;

export const ZServiceOrderQuerySchema = ZPageQuerySchema.extend({
  status: z.enum(SERVICE_ORDER_STATUSES).optional(),
  bookingId: ZId.optional(),
  /** Only the orders the caller placed. */
  mine: z.coerce.boolean().optional(),
  order: z.enum(['asc', 'desc']).optional(),
});

export const ZServiceOrderAcceptSchema = z.object({
  /** The service staff account the tasks go to. */
  assigneeId: ZRef,
});
export const ZServiceOrderCancelSchema = z.object({ reason: zText(200) });

export const ZServiceOrderSchema = z.object({
  id: z.number().int(),
  bookingId: z.number().int(),
  bookingTitle: z.string(),
  roomName: z.string(),
  start: z.string(),
  end: z.string(),
  level: z.enum(MEETING_LEVELS),
  orgName: z.string(),
  status: z.enum(SERVICE_ORDER_STATUSES),
  teaCount: z.number().int(),
  waterCount: z.number().int(),
  nameplates: z.array(z.string()),
  rostrum: z.array(z.string()),
  /** The rostrum names as seated, left to right as seen from the hall. */
  rostrumSeats: z.array(z.string()),
  av: z.array(z.enum(SERVICE_AV)),
  printedMaterials: z.string().nullable(),
  printedCopies: z.number().int(),
  staffOnDuty: z.number().int(),
  items: z.array(z.enum(SERVICE_ITEMS)),
  note: z.string().nullable(),
  assigneeName: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
  cancelReason: z.string().nullable(),
  canAccept: z.boolean(),
  canCancel: z.boolean(),
});
export type TServiceOrder = z.infer<typeof ZServiceOrderSchema>;

export const ZChecklistItemSchema = z.object({
  zh: z.string(),
  en: z.string(),
  done: z.boolean(),
  doneAt: z.string().nullable(),
});
export const ZServiceTaskSchema = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  phase: z.enum(SERVICE_PHASES),
  status: z.enum(['open', 'done']),
  bookingTitle: z.string(),
  roomName: z.string(),
  start: z.string(),
  end: z.string(),
  assigneeName: z.string().nullable(),
  checklist: z.array(ZChecklistItemSchema),
  photoCount: z.number().int(),
  canTick: z.boolean(),
});
export type TServiceTask = z.infer<typeof ZServiceTaskSchema>;
export const ZServiceTaskQuerySchema = ZPageQuerySchema.extend({
  /** Only the caller's own tasks (the phone list). */
  mine: z.coerce.boolean().optional(),
  status: z.enum(['open', 'done']).optional(),
  orderId: ZId.optional(),
});
export const ZServiceTaskTickSchema = z.object({
  /** The checklist line (0-based). */
  index: z.number().int().min(0).max(99),
  done: z.boolean(),
  photoFileIds: z.array(z.string().max(80)).max(6).default([]),
});
export const ZServiceStaffSchema = z.object({ id: z.number().int(), name: z.string() });
