import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZOccupancyCreateSchema, ZOccupancyQuerySchema } from '../../../contracts/modules/office-space';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  assertOrgInScope,
  badRequest,
  conflict,
  inScope,
  notFound,
  both,
  queryRows,
  validationFailed,
  writeAudit,
  num,
} from '../../core';
import { M } from './office.messages';
import { OP } from './office.permissions';
import { currentOn, orderBy, roomRow, scopeOn, today } from './office.repository';
import { officeOccupancies, officeRooms } from './office.schema';

/**
 * Who uses which room, when. Rules enforced here: only active people in the caller's scope,
 * no double use of a single-occupant room and no two primary offices for one person
 * (checked under row locks), and a room nobody uses any more becomes idle.
 */
export class OccupancyService {
  constructor(private readonly core: CoreServices) {}
  private get db() {
    return this.core.db;
  }

  // ---------- occupancy ----------
  async listOccupancies(ctx: AuthContext, q: z.infer<typeof ZOccupancyQuerySchema>, limit?: number) {
    const scope = await scopeOn(this.db, ctx, OP['office.read'], sql`oc.org_id`, q.orgId);
    const roomScope = inScope(ctx, OP['office.read'], sql`r.org_id`);
    const conds = [
      sql`(${scope} or ${roomScope})`,
      q.roomId ? sql`oc.room_id = ${q.roomId}` : undefined,
      q.personId ? sql`oc.person_id = ${q.personId}` : undefined,
      q.current === 'true' ? currentOn(today()) : undefined,
      q.current === 'false' ? sql`oc.end_date < ${today()}::date` : undefined,
    ].filter((x): x is ReturnType<typeof sql> => Boolean(x));
    const where = sql.join(conds, sql` and `);
    const from = sql`from office_occupancies oc join office_rooms r on r.id = oc.room_id join people p on p.id = oc.person_id
                     join office_buildings b on b.id = r.building_id left join orgs o on o.id = oc.org_id`;
    const size = limit ?? q.pageSize;
    // The count and the page at once (two pooled connections on PostgreSQL).
    const [[c], rows] = await both(
      this.db,
      () => queryRows<{ n: number }>(this.db, sql`select count(*)::int as n ${from} where ${where}`),
      () =>
        queryRows<Record<string, unknown>>(
          this.db,
          sql`select oc.id, oc.person_id, p.name as person_name, p.status as person_status, p.post_level, oc.room_id, r.number as room_number,
                b.name as building_name, oc.org_id, o.name as org_name, oc.kind, oc.start_date::text, oc.end_date::text, oc.note
              ${from} where ${where}
              order by ${orderBy(q.sort, { startDate: 'oc.start_date', personName: 'p.name', roomNumber: 'r.number', orgName: 'o.name' }, 'oc.start_date desc, oc.id desc')}
              limit ${size} offset ${(q.page - 1) * size}`,
        ),
    );
    return {
      total: num(c?.n),
      items: rows.map((r) => ({
        id: num(r.id),
        personId: num(r.person_id),
        personName: String(r.person_name),
        personStatus: String(r.person_status),
        postLevel: String(r.post_level),
        roomId: num(r.room_id),
        roomNumber: String(r.room_number),
        buildingName: String(r.building_name),
        orgId: num(r.org_id),
        orgName: (r.org_name as string) ?? null,
        kind: r.kind as 'primary',
        startDate: String(r.start_date),
        endDate: (r.end_date as string) ?? null,
        note: (r.note as string) ?? null,
      })),
    };
  }

  /**
   * Assigns a room. Locks the room and the person rows first, so two concurrent assignments
   * are checked one after the other and cannot both pass.
   */
  async createOccupancy(ctx: AuthContext, input: z.infer<typeof ZOccupancyCreateSchema>, tx0?: Executor) {
    ctx.require(OP['office.write']);
    const run = async (tx: Executor) => {
      const room = await roomRow(tx, ctx, input.roomId, OP['office.write'], true);
      if (!room.active) throw badRequest(M.OFFICE_ROOM_INACTIVE, { room: room.number });
      const [person] = await queryRows<{ id: number; name: string; org_id: number; status: string; tenant_id: number }>(
        tx,
        sql`select id, name, org_id, status, tenant_id from people where id = ${input.personId} for update`,
      );
      if (!person || person.tenant_id !== ctx.tenantId) throw notFound('person');
      await assertOrgInScope(tx, ctx, OP['office.write'], person.org_id).catch(() => {
        throw notFound('person');
      });
      if (person.status !== 'active')
        throw badRequest(M.OFFICE_PERSON_INACTIVE, {
          person: person.name,
          status: ctx.locale === 'en' ? person.status : person.status === 'retired' ? '退休' : '调离',
        });
      const end = input.endDate ?? '9999-12-31';
      if (room.singleOccupant) {
        const [clash] = await queryRows<{ name: string; start_date: string }>(
          tx,
          sql`select p.name, oc.start_date::text from office_occupancies oc join people p on p.id = oc.person_id
              where oc.room_id = ${room.id} and oc.start_date <= ${end}::date and coalesce(oc.end_date, '9999-12-31') >= ${input.startDate}::date limit 1`,
        );
        if (clash) throw conflict(M.OFFICE_OCCUPANCY_OVERLAP, { room: room.number, person: clash.name, from: clash.start_date });
      }
      if (input.kind === 'primary') {
        const [other] = await queryRows<{ number: string; start_date: string }>(
          tx,
          sql`select r.number, oc.start_date::text from office_occupancies oc join office_rooms r on r.id = oc.room_id
              where oc.person_id = ${person.id} and oc.kind = 'primary'
                and oc.start_date <= ${end}::date and coalesce(oc.end_date, '9999-12-31') >= ${input.startDate}::date limit 1`,
        );
        if (other) throw conflict(M.OFFICE_SECOND_PRIMARY, { person: person.name, room: other.number, from: other.start_date });
      }
      const [row] = await tx
        .insert(officeOccupancies)
        .values({
          tenantId: ctx.tenantId,
          roomId: room.id,
          personId: person.id,
          orgId: person.org_id,
          kind: input.kind,
          startDate: input.startDate,
          endDate: input.endDate ?? null,
          note: input.note ?? null,
        })
        .returning();
      if (room.status === 'idle')
        await tx.update(officeRooms).set({ status: 'in_use', updatedAt: new Date() }).where(eq(officeRooms.id, room.id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'office_occupancy',
        entityId: row!.id,
        orgId: person.org_id,
        summary: `${person.name} → ${room.number}`,
        after: row,
      });
      return row!;
    };
    const row = tx0 ? await run(tx0) : await this.db.transaction(run);
    if (tx0) return null;
    return (await this.listOccupancies(ctx, { page: 1, pageSize: 1, personId: row.personId, roomId: row.roomId })).items.find(
      (o) => o.id === row.id,
    )!;
  }

  /** Ends an occupancy (the room is recovered) or records the day a concurrent post ended. */
  async updateOccupancy(
    ctx: AuthContext,
    id: number,
    input: { endDate?: string | null; postEndedOn?: string | null; note?: string | null },
  ) {
    ctx.require(OP['office.write']);
    await this.db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(officeOccupancies)
        .where(and(eq(officeOccupancies.id, id), eq(officeOccupancies.tenantId, ctx.tenantId)));
      if (!before) throw notFound('occupancy');
      await roomRow(tx, ctx, before.roomId, OP['office.write'], true);
      if (input.endDate && input.endDate < before.startDate)
        throw validationFailed([{ field: 'endDate', message: ctx.locale === 'en' ? 'is before the start date' : '早于开始日期' }]);
      const [row] = await tx.update(officeOccupancies).set(input).where(eq(officeOccupancies.id, id)).returning();
      await this.idleIfEmpty(tx, before.roomId);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'office_occupancy',
        entityId: id,
        orgId: before.orgId,
        before,
        after: row,
      });
    });
    return { ok: true as const };
  }

  idleIfEmpty(tx: Executor, roomId: number) {
    return idleIfEmpty(tx, roomId);
  }
}

/** A room nobody uses any more is idle (闲置), which makes it visible for reallocation. */
export async function idleIfEmpty(tx: Executor, roomId: number) {
  const [occ] = await queryRows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from office_occupancies oc where oc.room_id = ${roomId} and ${currentOn(today())}`,
  );
  if (num(occ?.n) === 0)
    await tx
      .update(officeRooms)
      .set({ status: 'idle', updatedAt: new Date() })
      .where(and(eq(officeRooms.id, roomId), eq(officeRooms.status, 'in_use'), eq(officeRooms.useClass, 'office')));
}
