import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ZAllocateSchema,
  ZBoardQuerySchema,
  ZCentreCreateSchema,
  ZClassCreateSchema,
  ZClassQuerySchema,
  ZRoomCreateSchema,
  ZTraineeInputSchema,
  ZTrainingSettleSchema,
} from '../../../contracts/modules/training';
import {
  type AuthContext,
  type CoreServices,
  type Executor,
  type MessageCode,
  addDays,
  assertOrgInScope,
  badRequest,
  both,
  cnToday,
  conflict,
  day,
  dbError,
  inScope,
  iso,
  notFound,
  num,
  queryRows,
  ruleInForce,
  scopeOn,
  translate,
  where,
  writeAudit,
} from '../../core';
import { type FeeCheck, HOUSEKEEPING_MOVES, classNights, inclusiveDays, settleTraining } from './training.fees';
import { TM } from './training.messages';
import { TP } from './training.permissions';
import { TRAINING_FEE_CAPS_RULE } from './training.ruletables';

type Row = Record<string, unknown>;
const READ = TP['training.read'];
const MANAGE = TP['training.manage'];
/** The longest class (days): longer would be a residence, not a class. */
export const CLASS_MAX_DAYS = 366;

const hkLabel = (ctx: AuthContext, s: string) => translate(`TRAINING_HK_${s.toUpperCase()}` as MessageCode, ctx.locale);
const showChecks = (ctx: AuthContext, checks: FeeCheck[]) =>
  checks.map((c) => ({ rule: c.rule, passed: c.passed, message: translate(c.code as MessageCode, ctx.locale, c.params) }));

/** A class's status on a China day: settled, else planned / in progress / finished by its dates. */
export function classStatus(r: { settled: boolean; start: string; end: string }, today: string) {
  if (r.settled) return 'settled' as const;
  if (today < r.start) return 'planned' as const;
  if (today > r.end) return 'finished' as const;
  return 'in_progress' as const;
}

/** Training-class lodging: centres, rooms and beds, classes and trainees, allocation, stays, settlement. */
export class TrainingService {
  constructor(readonly core: CoreServices) {}

  // ——— centres and rooms ———

  async centres(ctx: AuthContext) {
    ctx.require(READ);
    const rows = await queryRows<Row>(
      this.core.db,
      sql`select c.*, o.name as org_name,
            (select count(*)::int from training_rooms r where r.centre_id = c.id) as rooms,
            (select count(*)::int from training_beds b where b.centre_id = c.id) as beds
          from training_centres c left join orgs o on o.id = c.org_id
          where c.tenant_id = ${ctx.tenantId} and ${inScope(ctx, READ, sql`c.org_id`, sql`c.tenant_id`)} order by c.id`,
    );
    return { items: rows.map(centreView) };
  }

  async createCentre(ctx: AuthContext, input: z.infer<typeof ZCentreCreateSchema>) {
    ctx.require(MANAGE);
    const id = await this.core.db.transaction(async (tx) => {
      const org = await assertOrgInScope(tx, ctx, MANAGE, input.orgId);
      if (org.tenantId !== ctx.tenantId) throw notFound('org');
      if (org.kind !== 'unit' && org.kind !== 'bureau') throw badRequest(TM.TRAINING_CENTRE_ORG);
      const [c] = await queryRows<{ id: number }>(
        tx,
        sql`insert into training_centres (tenant_id, org_id, name, address) values (${ctx.tenantId}, ${input.orgId}, ${input.name}, ${input.address ?? null}) returning id`,
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'training_centre',
        entityId: num(c!.id),
        orgId: input.orgId,
        summary: input.name,
        after: input,
      });
      return num(c!.id);
    });
    return (await this.centres(ctx)).items.find((c) => c.id === id)!;
  }

  /** The centre (locked when asked), or 404 outside the caller's scope for `permission`. */
  private async centre(db: Executor, ctx: AuthContext, id: number, permission: string, lock = false) {
    const [c] = await queryRows<Row>(
      db,
      sql`select * from training_centres where id = ${id} and tenant_id = ${ctx.tenantId} ${lock ? sql`for update` : sql``}`,
    );
    if (!c) throw notFound('training_centre');
    await assertOrgInScope(db, ctx, permission, num(c.org_id)).catch(() => {
      throw notFound('training_centre');
    });
    return c;
  }

  async addRoom(ctx: AuthContext, centreId: number, input: z.infer<typeof ZRoomCreateSchema>) {
    ctx.require(MANAGE);
    const roomId = await this.core.db
      .transaction(async (tx) => {
        const c = await this.centre(tx, ctx, centreId, MANAGE);
        const [r] = await queryRows<{ id: number }>(
          tx,
          sql`insert into training_rooms (tenant_id, centre_id, org_id, number, floor)
              values (${ctx.tenantId}, ${centreId}, ${c.org_id}, ${input.number}, ${input.floor}) returning id`,
        );
        const id = num(r!.id);
        await tx.execute(
          sql`insert into training_beds (tenant_id, centre_id, room_id, label)
              select ${ctx.tenantId}, ${centreId}, ${id}, g::text from generate_series(1, ${input.beds}::int) g`,
        );
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'training_room',
          entityId: id,
          orgId: num(c.org_id),
          summary: `${c.name} ${input.number}`,
          after: input,
        });
        return id;
      })
      .catch((err) => {
        if (dbError(err).code === '23505') throw conflict(TM.TRAINING_ROOM_TAKEN, { number: input.number });
        throw err;
      });
    return this.room(ctx, this.core.db, roomId, cnToday());
  }

  /** Rooms with their beds and one night's occupants (one statement, one row per bed). */
  private async rooms(db: Executor, w: ReturnType<typeof sql>, night: string) {
    const rows = await queryRows<Row>(
      db,
      sql`select r.id as room_id, r.centre_id, r.number, r.floor, r.housekeeping, b.id as bed_id, b.label,
            n.trainee_id, t.name as trainee_name, c.title as class_name, t.checked_in_at, t.checked_out_at
          from training_rooms r
          join training_beds b on b.room_id = r.id
          left join training_bed_nights n on n.bed_id = b.id and n.night = ${night}::date
          left join training_trainees t on t.id = n.trainee_id
          left join training_classes c on c.id = n.class_id
          where ${w}
          order by r.floor, r.number, r.id, b.label`,
    );
    const rooms = new Map<number, ReturnType<typeof roomView>>();
    for (const r of rows) {
      const id = num(r.room_id);
      if (!rooms.has(id)) rooms.set(id, roomView(r));
      rooms.get(id)!.beds.push({
        id: num(r.bed_id),
        label: String(r.label),
        traineeId: r.trainee_id == null ? null : num(r.trainee_id),
        traineeName: (r.trainee_name as string) ?? null,
        className: (r.class_name as string) ?? null,
        checkedIn: r.checked_in_at != null && r.checked_out_at == null,
      });
    }
    return [...rooms.values()];
  }

  private async room(ctx: AuthContext, db: Executor, id: number, night: string) {
    const [r] = await this.rooms(db, sql`r.id = ${id} and r.tenant_id = ${ctx.tenantId}`, night);
    if (!r) throw notFound('training_room');
    return r;
  }

  /** The rooms board of one centre for one night (default tonight), filtered by status or floor. */
  async board(ctx: AuthContext, centreId: number, q: z.infer<typeof ZBoardQuerySchema>) {
    ctx.require(READ);
    const c = await this.centre(this.core.db, ctx, centreId, READ);
    const night = q.night ?? cnToday();
    const w = where([
      sql`r.centre_id = ${centreId}`,
      q.housekeeping ? sql`r.housekeeping = ${q.housekeeping}` : undefined,
      q.floor !== undefined ? sql`r.floor = ${q.floor}` : undefined,
    ]);
    const [rooms, [counts]] = await both(
      this.core.db,
      () => this.rooms(this.core.db, w, night),
      () =>
        queryRows<Row>(
          this.core.db,
          sql`select count(*) filter (where housekeeping = 'dirty')::int as dirty, count(*) filter (where housekeeping = 'clean')::int as clean,
                count(*) filter (where housekeeping = 'inspected')::int as inspected,
                (select count(*)::int from training_bed_nights n where n.centre_id = ${centreId} and n.night = ${night}::date) as beds_taken
              from training_rooms where centre_id = ${centreId}`,
        ),
    );
    const [withCounts] = await queryRows<Row>(
      this.core.db,
      sql`select c.*, o.name as org_name, (select count(*)::int from training_rooms r where r.centre_id = c.id) as rooms,
            (select count(*)::int from training_beds b where b.centre_id = c.id) as beds
          from training_centres c left join orgs o on o.id = c.org_id where c.id = ${c.id}`,
    );
    return {
      centre: centreView(withCounts!),
      night,
      rooms,
      counts: {
        dirty: num(counts?.dirty),
        clean: num(counts?.clean),
        inspected: num(counts?.inspected),
        bedsTaken: num(counts?.beds_taken),
      },
    };
  }

  /** 待清扫 → 已清扫 → 已检查 (and back to 待清扫): a move the map does not allow is a 409. */
  async housekeeping(ctx: AuthContext, roomId: number, status: 'dirty' | 'clean' | 'inspected') {
    ctx.require(MANAGE);
    await this.core.db.transaction(async (tx) => {
      const [r] = await queryRows<Row>(
        tx,
        sql`select * from training_rooms where id = ${roomId} and tenant_id = ${ctx.tenantId} for update`,
      );
      if (!r) throw notFound('training_room');
      await assertOrgInScope(tx, ctx, MANAGE, num(r.org_id)).catch(() => {
        throw notFound('training_room');
      });
      const from = String(r.housekeeping);
      if (!(HOUSEKEEPING_MOVES[from] ?? []).includes(status))
        throw conflict(TM.TRAINING_HOUSEKEEPING, { from: hkLabel(ctx, from), to: hkLabel(ctx, status) });
      await tx.execute(sql`update training_rooms set housekeeping = ${status}, updated_at = now() where id = ${roomId}`);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'training_room',
        entityId: roomId,
        orgId: num(r.org_id),
        summary: `${r.number}: ${from} → ${status}`,
        before: { housekeeping: from },
        after: { housekeeping: status },
      });
    });
    return this.room(ctx, this.core.db, roomId, cnToday());
  }

  // ——— classes ———

  /** Who may see a class: the centre's readers and the organising unit's. */
  private visible(ctx: AuthContext) {
    return sql`(${inScope(ctx, READ, sql`k.centre_org_id`)} or ${inScope(ctx, READ, sql`k.org_id`)})`;
  }

  private async classRows(db: Executor, w: ReturnType<typeof sql>, order: ReturnType<typeof sql>, limit: number, offset: number) {
    return queryRows<Row>(
      db,
      sql`select k.*, k.start_date::text as start_date, k.end_date::text as end_date, o.name as org_name, ce.name as centre_name,
            (select count(*)::int from training_trainees t where t.class_id = k.id) as trainee_count,
            (select count(distinct n.trainee_id)::int from training_bed_nights n where n.class_id = k.id) as allocated_count,
            (select count(*)::int from training_trainees t where t.class_id = k.id and t.checked_in_at is not null and t.checked_out_at is null) as checked_in_count
          from training_classes k join training_centres ce on ce.id = k.centre_id left join orgs o on o.id = k.org_id
          where ${w} order by ${order} limit ${limit} offset ${offset}`,
    );
  }

  async classes(ctx: AuthContext, q: z.infer<typeof ZClassQuerySchema>) {
    ctx.require(READ);
    const db = this.core.db;
    const today = cnToday();
    const status =
      q.status === 'settled'
        ? sql`k.settled_at is not null`
        : q.status === 'planned'
          ? sql`k.settled_at is null and k.start_date > ${today}::date`
          : q.status === 'finished'
            ? sql`k.settled_at is null and k.end_date < ${today}::date`
            : q.status === 'in_progress'
              ? sql`k.settled_at is null and k.start_date <= ${today}::date and k.end_date >= ${today}::date`
              : undefined;
    const w = where([
      sql`k.tenant_id = ${ctx.tenantId}`,
      this.visible(ctx),
      q.orgId ? await scopeOn(db, ctx, READ, sql`k.org_id`, q.orgId) : undefined,
      q.centreId ? sql`k.centre_id = ${q.centreId}` : undefined,
      status,
      q.q ? sql`k.title like ${`%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`}` : undefined,
    ]);
    const sorts: Record<string, ReturnType<typeof sql>> = { startDate: sql`k.start_date`, id: sql`k.id`, title: sql`k.title` };
    const desc = q.sort ? q.sort.startsWith('-') : true;
    const col = sorts[(q.sort ?? '-startDate').replace(/^-/, '')] ?? sorts.startDate!;
    const order = sql`${col} ${sql.raw(desc ? 'desc' : 'asc')}, k.id desc`;
    const [[c], rows] = await both(
      db,
      () => queryRows<{ n: number }>(db, sql`select count(*)::int as n from training_classes k where ${w}`),
      () => this.classRows(db, w, order, q.pageSize, (q.page - 1) * q.pageSize),
    );
    return { total: num(c?.n), items: rows.map((r) => classView(r, today)) };
  }

  /** The class row (locked when asked), or 404 unless the caller may read it (and, for MANAGE, manage its centre). */
  private async locateClass(db: Executor, ctx: AuthContext, id: number, permission: string, lock = false) {
    const [k] = await queryRows<Row>(
      db,
      sql`select k.*, k.start_date::text as start_date, k.end_date::text as end_date from training_classes k
          where k.id = ${id} and k.tenant_id = ${ctx.tenantId} ${lock ? sql`for update` : sql``}`,
    );
    if (!k) throw notFound('training_class');
    const covers = async (orgId: number) =>
      assertOrgInScope(db, ctx, permission, orgId)
        .then(() => true)
        .catch(() => false);
    const ok =
      permission === MANAGE ? await covers(num(k.centre_org_id)) : (await covers(num(k.centre_org_id))) || (await covers(num(k.org_id)));
    if (!ok) throw notFound('training_class');
    return k;
  }

  async getClass(ctx: AuthContext, id: number) {
    ctx.require(READ);
    await this.locateClass(this.core.db, ctx, id, READ);
    return this.classDetail(ctx, this.core.db, id);
  }

  private async classDetail(ctx: AuthContext, db: Executor, id: number) {
    const today = cnToday();
    const [k] = await this.classRows(db, sql`k.id = ${id}`, sql`k.id`, 1, 0);
    if (!k) throw notFound('training_class');
    const trainees = await queryRows<Row>(
      db,
      sql`select t.id, t.name, t.unit_name, t.phone_tail, t.checked_in_at, t.checked_out_at,
            (select count(*)::int from training_bed_nights n where n.trainee_id = t.id) as nights,
            b.id as bed_id, b.label as bed_label, r.number as room_number
          from training_trainees t
          left join lateral (select n.bed_id from training_bed_nights n where n.trainee_id = t.id order by n.night limit 1) f on true
          left join training_beds b on b.id = f.bed_id
          left join training_rooms r on r.id = b.room_id
          where t.class_id = ${id} order by t.id`,
    );
    const s = k.settlement as (StoredSettlement & { checks: FeeCheck[] }) | null;
    return {
      ...classView(k, today),
      trainees: trainees.map(traineeView),
      settlement: s ? { ...s, checks: showChecks(ctx, s.checks), settledAt: iso(k.settled_at)! } : null,
    };
  }

  async createClass(ctx: AuthContext, input: z.infer<typeof ZClassCreateSchema>) {
    ctx.require(MANAGE);
    if (input.endDate < input.startDate || addDays(input.startDate, CLASS_MAX_DAYS) <= input.endDate)
      throw badRequest(TM.TRAINING_CLASS_DATES, { max: CLASS_MAX_DAYS });
    const id = await this.core.db.transaction(async (tx) => {
      const c = await this.centre(tx, ctx, input.centreId, MANAGE);
      // The organising unit: any unit of the tenant (a class is run for a unit, whoever's scope it is in).
      const [org] = await queryRows<{ id: number; kind: string }>(
        tx,
        sql`select id, kind from orgs where id = ${input.orgId} and tenant_id = ${ctx.tenantId}`,
      );
      if (!org || (org.kind !== 'unit' && org.kind !== 'bureau')) throw notFound('org');
      const [k] = await queryRows<{ id: number }>(
        tx,
        sql`insert into training_classes (tenant_id, centre_id, centre_org_id, org_id, title, category, start_date, end_date, created_by)
            values (${ctx.tenantId}, ${input.centreId}, ${c.org_id}, ${input.orgId}, ${input.title}, ${input.category}, ${input.startDate},
              ${input.endDate}, ${ctx.account.id}) returning id`,
      );
      const id = num(k!.id);
      if (input.trainees?.length) await this.insertTrainees(tx, ctx, id, input.trainees);
      const { trainees, ...rest } = input;
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'training_class',
        entityId: id,
        orgId: num(c.org_id),
        summary: `${input.title} (${input.startDate}–${input.endDate}), ${trainees?.length ?? 0} trainees`,
        after: rest,
      });
      return id;
    });
    return this.classDetail(ctx, this.core.db, id);
  }

  private async insertTrainees(tx: Executor, ctx: AuthContext, classId: number, list: z.infer<typeof ZTraineeInputSchema>[]) {
    for (const t of list) {
      const digits = t.phone ? t.phone.replace(/\D/g, '') : '';
      await tx.execute(
        sql`insert into training_trainees (tenant_id, class_id, name, unit_name, phone_enc, phone_tail)
            values (${ctx.tenantId}, ${classId}, ${t.name}, ${t.unitName ?? null}, ${t.phone ? this.core.cipher.encrypt(t.phone) : null},
              ${digits ? digits.slice(-4) : null})`,
      );
    }
  }

  async addTrainees(ctx: AuthContext, classId: number, list: z.infer<typeof ZTraineeInputSchema>[]) {
    ctx.require(MANAGE);
    await this.core.db.transaction(async (tx) => {
      const k = await this.locateClass(tx, ctx, classId, MANAGE, true);
      if (k.settled_at) throw conflict(TM.TRAINING_CLASS_SETTLED);
      await this.insertTrainees(tx, ctx, classId, list);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType: 'training_class',
        entityId: classId,
        orgId: num(k.centre_org_id),
        summary: `${list.length} trainees added: ${list.map((t) => t.name).join('、')}`,
      });
    });
    return this.classDetail(ctx, this.core.db, classId);
  }

  // ——— beds ———

  /** Maps the (bed, night) and (trainee, night) unique indexes to 409s. */
  private mapTaken(ctx: AuthContext, err: unknown, night = '—'): never {
    const { code, constraint } = dbError(err);
    if (code === '23505' && constraint === 'training_bed_nights_bed_uq') throw conflict(TM.TRAINING_BED_TAKEN, { night });
    if (code === '23505' && constraint === 'training_bed_nights_trainee_uq')
      throw conflict(TM.TRAINING_TRAINEE_HAS_BED, { name: ctx.locale === 'en' ? 'The trainee' : '该学员' });
    throw err;
  }

  /** One trainee to one bed for every night of the class; a taken night is a 409 (checked here, enforced by the database). */
  async allocate(ctx: AuthContext, classId: number, input: z.infer<typeof ZAllocateSchema>) {
    ctx.require(MANAGE);
    let night: string | undefined;
    await this.core.db
      .transaction(async (tx) => {
        const k = await this.locateClass(tx, ctx, classId, MANAGE);
        if (k.settled_at) throw conflict(TM.TRAINING_CLASS_SETTLED);
        const [t] = await queryRows<Row>(
          tx,
          sql`select id, name from training_trainees where id = ${input.traineeId} and class_id = ${classId}`,
        );
        if (!t) throw notFound('training_trainee');
        const [b] = await queryRows<Row>(
          tx,
          sql`select id, centre_id from training_beds where id = ${input.bedId} and tenant_id = ${ctx.tenantId}`,
        );
        if (!b) throw notFound('training_bed');
        if (num(b.centre_id) !== num(k.centre_id)) throw badRequest(TM.TRAINING_BED_OTHER_CENTRE);
        const [has] = await queryRows<Row>(tx, sql`select 1 from training_bed_nights where trainee_id = ${input.traineeId} limit 1`);
        if (has) throw conflict(TM.TRAINING_TRAINEE_HAS_BED, { name: String(t.name) });
        const nights = classNights(String(k.start_date), String(k.end_date));
        const [taken] = await queryRows<{ night: string }>(
          tx,
          sql`select night::text as night from training_bed_nights where bed_id = ${input.bedId} and night in ${nights} order by night limit 1`,
        );
        if (taken) {
          night = taken.night;
          throw conflict(TM.TRAINING_BED_TAKEN, { night: taken.night });
        }
        night = nights[0];
        await this.insertNights(tx, ctx, num(k.centre_id), classId, input.traineeId, input.bedId, nights);
        await writeAudit(tx, ctx.auditActor(), {
          action: 'allocate',
          entityType: 'training_trainee',
          entityId: input.traineeId,
          orgId: num(k.centre_org_id),
          summary: `${t.name}: bed #${input.bedId}, ${nights.length} nights from ${nights[0]}`,
          after: { bedId: input.bedId, nights: nights.length },
        });
      })
      .catch((err) => this.mapTaken(ctx, err, night));
    return this.trainee(ctx, input.traineeId);
  }

  private async insertNights(
    tx: Executor,
    ctx: AuthContext,
    centreId: number,
    classId: number,
    traineeId: number,
    bedId: number,
    nights: string[],
  ) {
    await tx.execute(
      sql`insert into training_bed_nights (tenant_id, centre_id, bed_id, night, class_id, trainee_id)
          select ${ctx.tenantId}, ${centreId}, ${bedId}, n::date, ${classId}, ${traineeId} from unnest(${`{${nights.join(',')}}`}::text[]) n`,
    );
  }

  /**
   * 自动分房: every trainee without a bed gets a bed free on every night of the class, filling
   * rooms in order (floor, number) and keeping a unit's trainees together (trainees by unit,
   * then name). The centre row is locked so two auto-allocations of one centre run one after
   * the other; a manual allocation racing it still meets the unique indexes.
   */
  async autoAllocate(ctx: AuthContext, classId: number) {
    ctx.require(MANAGE);
    return this.core.db
      .transaction(async (tx) => {
        const k = await this.locateClass(tx, ctx, classId, MANAGE);
        if (k.settled_at) throw conflict(TM.TRAINING_CLASS_SETTLED);
        await this.centre(tx, ctx, num(k.centre_id), MANAGE, true);
        const nights = classNights(String(k.start_date), String(k.end_date));
        const waiting = await queryRows<{ id: number; name: string }>(
          tx,
          sql`select t.id, t.name from training_trainees t
              where t.class_id = ${classId} and t.checked_out_at is null
                and not exists (select 1 from training_bed_nights n where n.trainee_id = t.id)
              order by t.unit_name nulls last, t.name, t.id`,
        );
        const free = waiting.length
          ? await queryRows<{ id: number }>(
              tx,
              sql`select b.id from training_beds b join training_rooms r on r.id = b.room_id
                  where b.centre_id = ${k.centre_id}
                    and not exists (select 1 from training_bed_nights n where n.bed_id = b.id and n.night in ${nights})
                  order by r.floor, r.number, b.label limit ${waiting.length}`,
            )
          : [];
        const pairs = waiting.slice(0, free.length).map((t, i) => [num(t.id), num(free[i]!.id)] as const);
        for (const [traineeId, bedId] of pairs) await this.insertNights(tx, ctx, num(k.centre_id), classId, traineeId, bedId, nights);
        await writeAudit(tx, ctx.auditActor(), {
          action: 'allocate',
          entityType: 'training_class',
          entityId: classId,
          orgId: num(k.centre_org_id),
          summary: `auto-allocated ${pairs.length} of ${waiting.length} trainees, ${nights.length} nights from ${nights[0]}`,
        });
        return { allocated: pairs.length, unallocated: waiting.length - pairs.length };
      })
      .catch((err) => this.mapTaken(ctx, err));
  }

  private async trainee(ctx: AuthContext, id: number) {
    const [t] = await queryRows<Row>(
      this.core.db,
      sql`select t.id, t.name, t.unit_name, t.phone_tail, t.checked_in_at, t.checked_out_at,
            (select count(*)::int from training_bed_nights n where n.trainee_id = t.id) as nights,
            b.id as bed_id, b.label as bed_label, r.number as room_number
          from training_trainees t
          left join lateral (select n.bed_id from training_bed_nights n where n.trainee_id = t.id order by n.night limit 1) f on true
          left join training_beds b on b.id = f.bed_id
          left join training_rooms r on r.id = b.room_id
          where t.id = ${id} and t.tenant_id = ${ctx.tenantId}`,
    );
    if (!t) throw notFound('training_trainee');
    return traineeView(t);
  }

  /** The trainee row locked, with its class located for MANAGE (404 outside scope). */
  private async lockTrainee(tx: Executor, ctx: AuthContext, id: number) {
    const [t] = await queryRows<Row>(tx, sql`select * from training_trainees where id = ${id} and tenant_id = ${ctx.tenantId} for update`);
    if (!t) throw notFound('training_trainee');
    const k = await this.locateClass(tx, ctx, num(t.class_id), MANAGE).catch(() => {
      throw notFound('training_trainee');
    });
    if (k.settled_at) throw conflict(TM.TRAINING_CLASS_SETTLED);
    return { t, k };
  }

  async checkIn(ctx: AuthContext, id: number) {
    ctx.require(MANAGE);
    await this.core.db.transaction(async (tx) => {
      const { t, k } = await this.lockTrainee(tx, ctx, id);
      if (t.checked_in_at) throw conflict(TM.TRAINING_ALREADY_IN, { name: String(t.name) });
      const [bed] = await queryRows<Row>(tx, sql`select bed_id from training_bed_nights where trainee_id = ${id} limit 1`);
      if (!bed) throw conflict(TM.TRAINING_NOT_ALLOCATED, { name: String(t.name) });
      await tx.execute(sql`update training_trainees set checked_in_at = now() where id = ${id}`);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'check_in',
        entityType: 'training_trainee',
        entityId: id,
        orgId: num(k.centre_org_id),
        summary: String(t.name),
      });
    });
    return this.trainee(ctx, id);
  }

  /** Check-out: the nights from today on are released, and the room waits for cleaning. */
  async checkOut(ctx: AuthContext, id: number) {
    ctx.require(MANAGE);
    await this.core.db.transaction(async (tx) => {
      const { t, k } = await this.lockTrainee(tx, ctx, id);
      if (!t.checked_in_at || t.checked_out_at) throw conflict(TM.TRAINING_NOT_IN, { name: String(t.name) });
      const today = cnToday();
      const rooms = await queryRows<{ room_id: number }>(
        tx,
        sql`select distinct b.room_id from training_bed_nights n join training_beds b on b.id = n.bed_id where n.trainee_id = ${id}`,
      );
      await tx.execute(sql`delete from training_bed_nights where trainee_id = ${id} and night >= ${today}::date`);
      await tx.execute(sql`update training_trainees set checked_out_at = now() where id = ${id}`);
      const roomIds = rooms.map((r) => num(r.room_id));
      if (roomIds.length)
        await tx.execute(sql`update training_rooms set housekeeping = 'dirty', updated_at = now() where id in ${roomIds}`);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'check_out',
        entityType: 'training_trainee',
        entityId: id,
        orgId: num(k.centre_org_id),
        summary: `${t.name}; rooms to clean: ${roomIds.join(', ')}`,
      });
    });
    return this.trainee(ctx, id);
  }

  // ——— settlement ———

  async settle(ctx: AuthContext, classId: number, input: z.infer<typeof ZTrainingSettleSchema>) {
    ctx.require(MANAGE);
    await this.core.db.transaction(async (tx) => {
      const k = await this.locateClass(tx, ctx, classId, MANAGE, true);
      if (k.settled_at) throw conflict(TM.TRAINING_CLASS_SETTLED);
      const r = await ruleInForce(tx, TRAINING_FEE_CAPS_RULE, day(k.start_date) ?? cnToday());
      if (!r) throw badRequest(TM.TRAINING_NO_RULE);
      const [n] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from training_trainees where class_id = ${classId}`);
      const trainees = input.trainees ?? Math.max(1, num(n?.n));
      const days = input.days ?? inclusiveDays(String(k.start_date), String(k.end_date));
      const out = settleTraining(r.data, {
        category: num(k.category),
        trainees,
        days,
        arrivalDays: input.arrivalDays,
        departureDays: input.departureDays,
        lodging: input.lodging,
        meals: input.meals,
        other: input.other,
      });
      if (!out) throw badRequest(TM.TRAINING_NO_CATEGORY);
      const stored: StoredSettlement & { checks: FeeCheck[] } = {
        trainees,
        days,
        arrivalDays: input.arrivalDays,
        departureDays: input.departureDays,
        lodging: input.lodging,
        meals: input.meals,
        other: input.other,
        total: out.total,
        cap: out.cap,
        rate: out.rate,
        longRate: out.longRate,
        checks: out.checks,
        passed: out.passed,
        ruleVersion: r.version,
      };
      await tx.execute(
        sql`update training_classes set settlement = ${JSON.stringify(stored)}::jsonb, settled_at = now(), settled_by = ${ctx.account.id} where id = ${classId}`,
      );
      await writeAudit(tx, ctx.auditActor(), {
        action: 'settle',
        entityType: 'training_class',
        entityId: classId,
        orgId: num(k.centre_org_id),
        summary: `total ${out.total}, cap ${out.cap}: ${out.passed ? 'within' : 'failed'}`,
        after: { ...input, trainees, days, total: out.total },
      });
    });
    return this.classDetail(ctx, this.core.db, classId);
  }
}

type StoredSettlement = {
  trainees: number;
  days: number;
  arrivalDays: number;
  departureDays: number;
  lodging: string;
  meals: string;
  other: string;
  total: string;
  cap: string;
  rate: string;
  longRate: string;
  passed: boolean;
  ruleVersion: number;
};

function centreView(r: Row) {
  return {
    id: num(r.id),
    orgId: num(r.org_id),
    orgName: (r.org_name as string) ?? null,
    name: String(r.name),
    address: (r.address as string) ?? null,
    rooms: num(r.rooms),
    beds: num(r.beds),
  };
}

function roomView(r: Row) {
  return {
    id: num(r.room_id),
    centreId: num(r.centre_id),
    number: String(r.number),
    floor: num(r.floor),
    housekeeping: r.housekeeping as 'dirty',
    beds: [] as {
      id: number;
      label: string;
      traineeId: number | null;
      traineeName: string | null;
      className: string | null;
      checkedIn: boolean;
    }[],
  };
}

function classView(r: Row, today: string) {
  const start = day(r.start_date)!;
  const end = day(r.end_date)!;
  return {
    id: num(r.id),
    centreId: num(r.centre_id),
    centreName: String(r.centre_name),
    orgId: num(r.org_id),
    orgName: (r.org_name as string) ?? null,
    title: String(r.title),
    category: num(r.category),
    startDate: start,
    endDate: end,
    status: classStatus({ settled: r.settled_at != null, start, end }, today),
    traineeCount: num(r.trainee_count),
    allocatedCount: num(r.allocated_count),
    checkedInCount: num(r.checked_in_count),
    createdAt: iso(r.created_at)!,
  };
}

function traineeView(t: Row) {
  return {
    id: num(t.id),
    name: String(t.name),
    unitName: (t.unit_name as string) ?? null,
    phoneTail: (t.phone_tail as string) ?? null,
    bedId: t.bed_id == null ? null : num(t.bed_id),
    roomNumber: (t.room_number as string) ?? null,
    bedLabel: (t.bed_label as string) ?? null,
    nights: num(t.nights),
    checkedInAt: iso(t.checked_in_at),
    checkedOutAt: iso(t.checked_out_at),
  };
}
