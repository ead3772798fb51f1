import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  SERVICE_ITEM_LABELS,
  SERVICE_ORDER_STATUS_LABELS,
  SERVICE_PHASES,
  type ServiceOrderStatus,
  type ZServiceOrderCreateSchema,
  type ZServiceOrderQuerySchema,
  type ZServiceTaskQuerySchema,
  type ZServiceTaskTickSchema,
} from '../../../contracts/modules/meeting-services';
import { MEETING_BOOKING_STATUS_LABELS, MEETING_LEVEL_LABELS } from '../../../contracts/modules/meetings';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  accountsWith,
  badRequest,
  both,
  conflict,
  cnToday,
  forbidden,
  inScope,
  iso,
  notFound,
  nowMs,
  num,
  numOrNull,
  queryRows,
  ruleInForce,
  where,
  writeAudit,
} from '../../core';
import { MEETING_PERMISSIONS as MP, meetingBookingFacts, meetingBookingsView } from '../meetings';
import { SM } from './meeting-services.messages';
import { MEETING_FRUGALITY, MEETING_SERVICE_CHECKLISTS } from './meeting-services.ruletables';
import { forbiddenItems, orderStatusAfterTick, rostrumSeats } from './rules';

/** Files attached to a task (the staff's photos of the set-up, of the cleared room). */
export const TASK_FILES = 'meeting_service_task';

type Row = Record<string, unknown>;
const label = (ctx: AuthContext, l: { zh: string; en: string }) => (ctx.locale === 'en' ? l.en : l.zh);
const strs = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/**
 * Who sees an order: its author, the booking unit's readers, and the room's managing unit's
 * desk and service staff (the scope of the meetings permissions, as the booking itself).
 */
export function orderVisible(ctx: AuthContext, o = sql.raw('o')): SQL {
  return sql`(${o}.created_by = ${ctx.account.id}
    or ${inScope(ctx, MP['meetings.read'], sql`${o}.org_id`)}
    or ${inScope(ctx, MP['meetings.manage'], sql`${o}.room_org_id`)}
    or ${inScope(ctx, MP['meetings.serve'], sql`${o}.room_org_id`)})`;
}

const ORDER_COLS = (ctx: AuthContext) => sql`o.*, b.title as booking_title, b.room_name, b.start_at, b.end_at, b.level,
  og.name as org_name, asg.display_name as assignee_name, cr.display_name as created_by_name,
  ${inScope(ctx, MP['meetings.manage'], sql`o.room_org_id`)} as can_manage`;
const ORDER_FROM = sql`meeting_service_orders o join ${meetingBookingsView()} b on b.id = o.booking_id
  join orgs og on og.id = o.org_id left join accounts asg on asg.id = o.assignee_id left join accounts cr on cr.id = o.created_by`;

function orderView(ctx: AuthContext, r: Row) {
  const status = String(r.status) as ServiceOrderStatus;
  const open = status === 'submitted' || status === 'accepted';
  return {
    id: num(r.id),
    bookingId: num(r.booking_id),
    bookingTitle: String(r.booking_title),
    roomName: String(r.room_name),
    start: iso(r.start_at)!,
    end: iso(r.end_at)!,
    level: String(r.level) as 'important' | 'ordinary',
    orgName: String(r.org_name),
    status,
    teaCount: num(r.tea_count),
    waterCount: num(r.water_count),
    nameplates: strs(r.nameplates),
    rostrum: strs(r.rostrum),
    rostrumSeats: rostrumSeats(strs(r.rostrum)),
    av: strs(r.av) as never,
    printedMaterials: (r.printed_materials as string | null) ?? null,
    printedCopies: num(r.printed_copies),
    staffOnDuty: num(r.staff_on_duty),
    items: strs(r.items) as never,
    note: (r.note as string | null) ?? null,
    assigneeName: (r.assignee_name as string | null) ?? null,
    createdByName: (r.created_by_name as string | null) ?? null,
    createdAt: iso(r.created_at)!,
    cancelReason: (r.cancel_reason as string | null) ?? null,
    canAccept: status === 'submitted' && r.can_manage === true,
    canCancel: open && (r.can_manage === true || num(r.created_by) === ctx.account.id),
  };
}

type Line = { zh: string; en: string; done: boolean; doneAt: string | null; doneBy: number | null };
function taskView(ctx: AuthContext, r: Row) {
  return {
    id: num(r.id),
    orderId: num(r.order_id),
    phase: String(r.phase) as (typeof SERVICE_PHASES)[number],
    status: String(r.status) as 'open' | 'done',
    bookingTitle: String(r.booking_title),
    roomName: String(r.room_name),
    start: iso(r.start_at)!,
    end: iso(r.end_at)!,
    assigneeName: (r.assignee_name as string | null) ?? null,
    checklist: (r.checklist as Line[]).map((l) => ({ zh: l.zh, en: l.en, done: l.done, doneAt: l.doneAt })),
    photoCount: num(r.photo_count),
    canTick: num(r.assignee_id) === ctx.account.id && String(r.order_status) !== 'cancelled',
  };
}

/** Service orders and their tasks. */
export class ServiceOrderService {
  constructor(private readonly core: CoreServices) {}

  async list(ctx: AuthContext, q: z.infer<typeof ZServiceOrderQuerySchema>) {
    const db = this.core.db;
    const w = where([
      sql`o.tenant_id = ${ctx.tenantId}`,
      orderVisible(ctx),
      q.status ? sql`o.status = ${q.status}` : undefined,
      q.bookingId ? sql`o.booking_id = ${q.bookingId}` : undefined,
      q.mine ? sql`o.created_by = ${ctx.account.id}` : undefined,
    ]);
    const dir = q.order === 'asc' ? sql`asc` : sql`desc`;
    const order = q.sort === 'createdAt' ? sql`o.created_at ${dir}, o.id ${dir}` : sql`b.start_at ${dir}, o.id ${dir}`;
    const [[c], rows] = await both(
      db,
      () => queryRows<{ n: number }>(db, sql`select count(*)::int as n from meeting_service_orders o where ${w}`),
      () =>
        queryRows<Row>(
          db,
          sql`select ${ORDER_COLS(ctx)} from ${ORDER_FROM} where ${w} order by ${order} limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
        ),
    );
    return { total: num(c?.n), items: rows.map((r) => orderView(ctx, r)) };
  }

  async get(ctx: AuthContext, id: number, db: Executor = this.core.db) {
    const [r] = await queryRows<Row>(
      db,
      sql`select ${ORDER_COLS(ctx)} from ${ORDER_FROM} where o.tenant_id = ${ctx.tenantId} and o.id = ${id} and ${orderVisible(ctx)}`,
    );
    if (!r) throw notFound('meeting_service_order');
    return orderView(ctx, r);
  }

  async create(ctx: AuthContext, input: z.infer<typeof ZServiceOrderCreateSchema>) {
    if (!ctx.has(MP['meetings.book']) && !ctx.has(MP['meetings.manage'])) throw forbidden();
    const db = this.core.db;
    const rule = await ruleInForce(db, MEETING_FRUGALITY, cnToday());
    if (!rule) throw badRequest(SM.SERVICE_NO_RULE);
    const id = await db.transaction(async (tx) => {
      // The booking in the caller's scope (its own read rule); another unit's booking is a 404.
      const b = await meetingBookingFacts(tx, ctx, input.bookingId);
      if (!b) throw notFound('meeting_booking');
      if (!b.active || Date.parse(b.end) <= nowMs())
        throw conflict(SM.SERVICE_BOOKING_STATE, {
          title: b.title,
          status: label(
            ctx,
            MEETING_BOOKING_STATUS_LABELS[b.status as keyof typeof MEETING_BOOKING_STATUS_LABELS] ?? { zh: b.status, en: b.status },
          ),
        });
      const refused = forbiddenItems(rule.data, b.level, input.items);
      if (refused.length)
        throw badRequest(
          SM.SERVICE_FORBIDDEN_ITEM,
          {
            rule: label(ctx, { zh: MEETING_FRUGALITY.titleZh, en: MEETING_FRUGALITY.titleEn }),
            version: rule.version,
            level: label(ctx, MEETING_LEVEL_LABELS[b.level]),
            items: refused
              .map((i) => label(ctx, SERVICE_ITEM_LABELS[i as keyof typeof SERVICE_ITEM_LABELS]))
              .join(ctx.locale === 'en' ? ', ' : '、'),
          },
          { rule: MEETING_FRUGALITY.name, version: rule.version, items: refused },
        );
      const values = {
        teaCount: input.teaCount,
        waterCount: input.waterCount,
        nameplates: input.nameplates,
        rostrum: input.rostrum,
        av: input.av,
        printedMaterials: input.printedMaterials ?? null,
        printedCopies: input.printedCopies,
        staffOnDuty: input.staffOnDuty,
        items: input.items,
        note: input.note ?? null,
      };
      const [row] = await queryRows<{ id: number }>(
        tx,
        sql`insert into meeting_service_orders (tenant_id, booking_id, org_id, room_org_id, tea_count, water_count, nameplates, rostrum, av,
              printed_materials, printed_copies, staff_on_duty, items, note, frugality_version, created_by)
            values (${ctx.tenantId}, ${b.id}, ${b.orgId}, ${b.roomOrgId}, ${values.teaCount}, ${values.waterCount},
              ${JSON.stringify(values.nameplates)}::jsonb, ${JSON.stringify(values.rostrum)}::jsonb, ${JSON.stringify(values.av)}::jsonb,
              ${values.printedMaterials}, ${values.printedCopies}, ${values.staffOnDuty}, ${JSON.stringify(values.items)}::jsonb,
              ${values.note}, ${rule.version}, ${ctx.account.id})
            returning id`,
      );
      const id = num(row!.id);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'meeting_service_order',
        entityId: id,
        orgId: b.orgId,
        summary: b.title,
        after: { bookingId: b.id, status: 'submitted', ...values },
      });
      return id;
    });
    return this.get(ctx, id);
  }

  /** The order row locked for a change, visible to the caller, or 404. */
  private async lock(tx: Executor, ctx: AuthContext, id: number) {
    const [r] = await queryRows<Row>(
      tx,
      sql`select o.*, ${inScope(ctx, MP['meetings.manage'], sql`o.room_org_id`)} as can_manage from meeting_service_orders o
          where o.tenant_id = ${ctx.tenantId} and o.id = ${id} and ${orderVisible(ctx)} for update of o`,
    );
    if (!r) throw notFound('meeting_service_order');
    return r;
  }

  private stateError(ctx: AuthContext, status: string, action: { zh: string; en: string }) {
    return conflict(SM.SERVICE_ORDER_STATE, {
      status: label(ctx, SERVICE_ORDER_STATUS_LABELS[status as ServiceOrderStatus]),
      action: label(ctx, action),
    });
  }

  /** The desk accepts: one task per phase with the checklist lines in force, for one service staff. */
  async accept(ctx: AuthContext, id: number, assigneeId: number) {
    const db = this.core.db;
    const lists = await ruleInForce(db, MEETING_SERVICE_CHECKLISTS, cnToday());
    if (!lists) throw badRequest(SM.SERVICE_NO_RULE);
    await db.transaction(async (tx) => {
      const r = await this.lock(tx, ctx, id);
      if (r.can_manage !== true) throw forbidden();
      if (String(r.status) !== 'submitted') throw this.stateError(ctx, String(r.status), { zh: '受理', en: 'accepted' });
      const staff = await accountsWith(tx, MP['meetings.serve'], num(r.room_org_id));
      const [acc] = await queryRows<{ id: number }>(
        tx,
        sql`select id from accounts where id = ${assigneeId} and tenant_id = ${ctx.tenantId} and status = 'active'`,
      );
      if (!acc || !staff.includes(assigneeId)) throw badRequest(SM.SERVICE_NOT_STAFF);
      for (const phase of SERVICE_PHASES) {
        const lines: Line[] = lists.data[phase].map((l) => ({ zh: l.zh, en: l.en, done: false, doneAt: null, doneBy: null }));
        const [t] = await queryRows<{ id: number }>(
          tx,
          sql`insert into meeting_service_tasks (tenant_id, order_id, phase, assignee_id, checklist)
              values (${ctx.tenantId}, ${id}, ${phase}, ${assigneeId}, ${JSON.stringify(lines)}::jsonb) returning id`,
        );
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'meeting_service_task',
          entityId: num(t!.id),
          orgId: num(r.org_id),
          after: { phase, assigneeId, status: 'open', checklist: lines.map((l) => l.zh) },
        });
      }
      await tx.execute(
        sql`update meeting_service_orders set status = 'accepted', assignee_id = ${assigneeId}, accepted_at = now(), updated_at = now() where id = ${id}`,
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'meeting_service_order',
        entityId: id,
        orgId: num(r.org_id),
        before: { status: 'submitted', assigneeId: null },
        after: { status: 'accepted', assigneeId },
      });
    });
    return this.get(ctx, id);
  }

  async cancel(ctx: AuthContext, id: number, reason: string) {
    await this.core.db.transaction(async (tx) => {
      const r = await this.lock(tx, ctx, id);
      if (r.can_manage !== true && num(r.created_by) !== ctx.account.id) throw forbidden();
      const status = String(r.status);
      if (status !== 'submitted' && status !== 'accepted') throw this.stateError(ctx, status, { zh: '取消', en: 'cancelled' });
      await tx.execute(
        sql`update meeting_service_orders set status = 'cancelled', cancelled_at = now(), cancel_reason = ${reason}, updated_at = now() where id = ${id}`,
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'meeting_service_order',
        entityId: id,
        orgId: num(r.org_id),
        before: { status },
        after: { status: 'cancelled', cancelReason: reason },
      });
    });
    return this.get(ctx, id);
  }

  /** Accounts that may be assigned (service staff of the caller's managed scope). */
  async staff(ctx: AuthContext) {
    if (!ctx.has(MP['meetings.manage'])) throw forbidden();
    const rows = await queryRows<{ id: number; name: string }>(
      this.core.db,
      sql`select distinct a.id, a.display_name as name from accounts a join role_assignments ra on ra.account_id = a.id
          join roles r on r.id = ra.role_id
          where a.tenant_id = ${ctx.tenantId} and a.status = 'active' and ${MP['meetings.serve']} = any(r.permissions)
            and ${inScope(ctx, MP['meetings.manage'], sql`ra.org_id`)}
          order by a.display_name, a.id limit 200`,
    );
    return rows.map((r) => ({ id: num(r.id), name: String(r.name) }));
  }

  private taskQuery(ctx: AuthContext, extra: SQL | undefined) {
    return where([sql`t.tenant_id = ${ctx.tenantId}`, sql`(t.assignee_id = ${ctx.account.id} or ${orderVisible(ctx)})`, extra]);
  }
  private static TASK_COLS = sql`t.*, o.status as order_status, b.title as booking_title, b.room_name, b.start_at, b.end_at,
    a.display_name as assignee_name,
    (select count(*)::int from attachments f where f.owner_type = ${TASK_FILES} and f.owner_id = t.id::text) as photo_count`;
  private static TASK_FROM = sql`meeting_service_tasks t join meeting_service_orders o on o.id = t.order_id
    join ${meetingBookingsView()} b on b.id = o.booking_id left join accounts a on a.id = t.assignee_id`;

  async tasks(ctx: AuthContext, q: z.infer<typeof ZServiceTaskQuerySchema>) {
    const db = this.core.db;
    const w = this.taskQuery(
      ctx,
      sql.join(
        [
          sql`true`,
          q.mine ? sql`t.assignee_id = ${ctx.account.id} and o.status <> 'cancelled'` : sql`true`,
          q.status ? sql`t.status = ${q.status}` : sql`true`,
          q.orderId ? sql`t.order_id = ${q.orderId}` : sql`true`,
        ],
        sql` and `,
      ),
    );
    const [[c], rows] = await both(
      db,
      () => queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${ServiceOrderService.TASK_FROM} where ${w}`),
      () =>
        queryRows<Row>(
          db,
          sql`select ${ServiceOrderService.TASK_COLS} from ${ServiceOrderService.TASK_FROM} where ${w}
              order by t.status = 'done', b.start_at, case t.phase when 'before' then 1 when 'during' then 2 else 3 end, t.id
              limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
        ),
    );
    return { total: num(c?.n), items: rows.map((r) => taskView(ctx, r)) };
  }

  async task(ctx: AuthContext, id: number, db: Executor = this.core.db) {
    const [r] = await queryRows<Row>(
      db,
      sql`select ${ServiceOrderService.TASK_COLS} from ${ServiceOrderService.TASK_FROM} where ${this.taskQuery(ctx, sql`t.id = ${id}`)}`,
    );
    if (!r) throw notFound('meeting_service_task');
    return taskView(ctx, r);
  }

  /** The assigned staff ticks a line (with photos); the order follows: in progress, then done. */
  async tick(ctx: AuthContext, id: number, input: z.infer<typeof ZServiceTaskTickSchema>) {
    if (!ctx.has(MP['meetings.serve'])) throw forbidden();
    await this.core.db.transaction(async (tx) => {
      const [t] = await queryRows<Row>(
        tx,
        sql`select t.*, o.status as order_status, o.org_id from meeting_service_tasks t join meeting_service_orders o on o.id = t.order_id
            where ${this.taskQuery(ctx, sql`t.id = ${id}`)} for update of t, o`,
      );
      if (!t) throw notFound('meeting_service_task');
      if (num(t.assignee_id) !== ctx.account.id) throw forbidden(SM.SERVICE_TASK_NOT_MINE);
      const orderStatus = String(t.order_status);
      if (orderStatus !== 'accepted' && orderStatus !== 'in_progress')
        throw this.stateError(ctx, orderStatus, { zh: '勾选', en: 'ticked' });
      const lines = [...(t.checklist as Line[])];
      const line = lines[input.index];
      if (!line) throw badRequest(SM.SERVICE_TASK_LINE, { line: input.index + 1 });
      const at = new Date(nowMs()).toISOString();
      lines[input.index] = { ...line, done: input.done, doneAt: input.done ? at : null, doneBy: input.done ? ctx.account.id : null };
      const status = lines.every((l) => l.done) ? 'done' : 'open';
      await tx.execute(
        sql`update meeting_service_tasks set checklist = ${JSON.stringify(lines)}::jsonb, status = ${status},
              done_at = ${status === 'done' ? at : null} where id = ${id}`,
      );
      if (input.photoFileIds.length) await this.core.files.attach(tx, ctx, input.photoFileIds, TASK_FILES, String(id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'meeting_service_task',
        entityId: id,
        orgId: num(t.org_id),
        summary: line.zh,
        before: { line: line.zh, done: line.done, status: String(t.status) },
        after: { line: line.zh, done: input.done, status, ...(input.photoFileIds.length ? { photos: input.photoFileIds.length } : {}) },
      });
      const all = await queryRows<{ checklist: Line[] }>(
        tx,
        sql`select checklist from meeting_service_tasks where order_id = ${num(t.order_id)}`,
      );
      const next = orderStatusAfterTick(all);
      // Ticks never take an order back to accepted: once work started it stays in progress.
      const target = next === 'accepted' ? 'in_progress' : next;
      if (target !== orderStatus) {
        await tx.execute(
          sql`update meeting_service_orders set status = ${target}, done_at = ${target === 'done' ? at : null}, updated_at = now()
              where id = ${num(t.order_id)}`,
        );
        await writeAudit(tx, ctx.auditActor(), {
          action: 'update',
          entityType: 'meeting_service_order',
          entityId: num(t.order_id),
          orgId: num(t.org_id),
          before: { status: orderStatus },
          after: { status: target },
        });
      }
    });
    return this.task(ctx, id);
  }
}

/** For the attachment checks: the task's assignee and the order's scope keys. */
export async function taskFacts(db: Executor, ctx: AuthContext, id: string) {
  if (!/^\d{1,9}$/.test(id)) return null;
  const [r] = await queryRows<{ assignee_id: number; visible: boolean }>(
    db,
    sql`select t.assignee_id, ${orderVisible(ctx)} as visible from meeting_service_tasks t join meeting_service_orders o on o.id = t.order_id
        where t.tenant_id = ${ctx.tenantId} and t.id = ${Number(id)}`,
  );
  return r ? { assigneeId: numOrNull(r.assignee_id), visible: r.visible === true } : null;
}
