import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZNoticeQuerySchema, ZPatrolCreateSchema, ZPatrolQuerySchema } from '../../../contracts/modules/energy';
import {
  type AttachmentOwner,
  type AuthContext,
  type CoreServices,
  type Executor,
  accountsWith,
  addDays,
  assertOrgInScope,
  badRequest,
  cnDate,
  cnDayStart,
  notFound,
  notify,
  num,
  numOrNull,
  queryRows,
  scopeOn,
  where,
  writeAudit,
} from '../../core';
import { officeRoomFacts, officeRoomSearch } from '../office-space';
import { EM } from './energy.messages';
import { EP } from './energy.permissions';
import { loadRules } from './energy.repository';
import { acBreach, patrolPeriod } from './energy.rules';

export const PATROL_FILES = 'energy_patrol';

const KIND_ZH: Record<string, string> = {
  lights_on: '长明灯',
  ac_summer_low: '空调夏季温度设置过低',
  ac_winter_high: '空调冬季温度设置过高',
  tap_running: '跑冒滴漏',
  equipment_idle: '设备空转',
  other: '其他浪费',
};

async function findingOrg(db: Executor, id: string) {
  if (!/^\d{1,9}$/.test(id)) return null;
  const [r] = await queryRows<{ org_id: number; path: string; inspector_id: number | null }>(
    db,
    sql`select f.org_id, o.path, f.inspector_id from energy_patrol_findings f join orgs o on o.id = f.org_id where f.id = ${Number(id)}`,
  );
  return r ? { org: { id: num(r.org_id), path: r.path }, inspectorId: numOrNull(r.inspector_id) } : null;
}
// Photos of a finding: readable by whoever reads the unit's energy data; attached by the inspector who recorded it.
export const PATROL_FILES_OWNER: AttachmentOwner = {
  canView: async (db, ctx, id) => {
    const f = await findingOrg(db, id);
    return !!f && ctx.covers(EP['energy.read'], f.org);
  },
  canAttach: async (db, ctx, id) => {
    const f = await findingOrg(db, id);
    return !!f && ctx.covers(EP['energy.patrol'], f.org);
  },
};

const FINDING_COLS = sql`f.id, f.org_id, o.name as org_name, f.room_id, f.location, f.kind, f.observed_at, f.setpoint_c, f.note, f.inspector_name,
  f.count_in_period, f.notice_id, f.created_at,
  (select count(*)::int from attachments a where a.owner_type = ${PATROL_FILES} and a.owner_id = f.id::text) as photos`;

/**
 * Energy patrols (节能巡查): an inspector records waste by room with photos — lights left on,
 * air conditioning set below 26 ℃ in summer or above 20 ℃ in winter, running taps. The rule's
 * Nth finding for the same office in one period (a quarter by default) raises a public notice
 * (通报) that carries an assessment deduction; both numbers are rule data.
 */
export class PatrolService {
  constructor(private readonly core: CoreServices) {}

  async create(ctx: AuthContext, input: z.infer<typeof ZPatrolCreateSchema>) {
    ctx.require(EP['energy.patrol']);
    const at = new Date(input.observedAt);
    if (at.getTime() > Date.now() + 5 * 60_000) throw badRequest(EM.ENERGY_READING_FUTURE, { ts: input.observedAt });
    const rules = await loadRules(this.core.db, cnDate(at));
    const p = rules.params.patrol;
    const month = Number(cnDate(at).slice(5, 7));
    if (input.kind.startsWith('ac_')) {
      const breach = acBreach(input.kind, month, input.setpointC!, p, rules.coal.acSetpoints);
      if (breach === null) throw badRequest(EM.ENERGY_PATROL_SEASON, { month });
      if (!breach)
        throw badRequest(EM.ENERGY_PATROL_NOT_BREACH, {
          setpoint: input.setpointC!,
          summer: rules.coal.acSetpoints.summerMinC,
          winter: rules.coal.acSetpoints.winterMaxC,
        });
    }
    const id = await this.core.db.transaction(async (tx) => {
      const org = await assertOrgInScope(tx, ctx, EP['energy.patrol'], input.orgId);
      if (org.tenantId !== ctx.tenantId || org.kind === 'department') throw notFound('org');
      let roomLabel: string | null = null;
      if (input.roomId) {
        const room = (await officeRoomFacts(tx, ctx.tenantId, [input.roomId])).get(input.roomId);
        if (!room) throw notFound('office_room');
        if (room.orgId !== org.id) throw badRequest(EM.ENERGY_ROOM_ORG);
        roomLabel = room.label;
      }
      const period = patrolPeriod(at, p.period);
      const placeKey = input.roomId ? `room:${input.roomId}` : `loc:${(input.location ?? '').trim()}`;
      // Findings for one place are counted one at a time, so two inspectors cannot both record "the third".
      await tx.execute(sql`select pg_advisory_xact_lock(7205, hashtext(${`${org.id}|${placeKey}|${period}`}))`);
      const [c] = await queryRows<{ n: number }>(
        tx,
        sql`select count(*)::int as n from energy_patrol_findings where tenant_id = ${ctx.tenantId} and org_id = ${org.id} and period = ${period}
              and ${input.roomId ? sql`room_id = ${input.roomId}` : sql`room_id is null and location = ${(input.location ?? '').trim()}`}`,
      );
      const count = num(c?.n) + 1;
      const [row] = await queryRows<{ id: number }>(
        tx,
        sql`insert into energy_patrol_findings (tenant_id, org_id, room_id, location, kind, observed_at, period, setpoint_c, note,
              inspector_id, inspector_name, count_in_period)
            values (${ctx.tenantId}, ${org.id}, ${input.roomId ?? null}, ${input.location?.trim() || roomLabel}, ${input.kind}, ${at.toISOString()}::timestamptz,
              ${period}, ${input.setpointC ?? null}, ${input.note ?? null}, ${ctx.account.id}, ${ctx.account.displayName}, ${count})
            returning id`,
      );
      const findingId = num(row!.id);
      if (input.photoFileIds.length) await this.core.files.attach(tx, ctx, input.photoFileIds, PATROL_FILES, String(findingId));
      let noticeId: number | null = null;
      if (count >= p.noticeAt)
        noticeId = await this.raiseNotice(tx, ctx, {
          orgId: org.id,
          placeKey,
          period,
          count,
          place: roomLabel ?? input.location ?? '',
          deduction: p.deductionPerNotice,
        });
      if (noticeId) await tx.execute(sql`update energy_patrol_findings set notice_id = ${noticeId} where id = ${findingId}`);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'energy_patrol_finding',
        entityId: findingId,
        orgId: org.id,
        summary: `${KIND_ZH[input.kind]} ${roomLabel ?? input.location ?? ''} (${period} 第 ${count} 次)`,
        after: input,
      });
      await notify(tx, await accountsWith(tx, EP['energy.write'], org.id), {
        kind: 'energy.patrol',
        titleZh: `节能巡查发现：${roomLabel ?? input.location ?? ''} ${KIND_ZH[input.kind]}（本${p.period === 'quarter' ? '季度' : p.period === 'month' ? '月' : '年'}第 ${count} 次）`,
        titleEn: `Energy patrol: ${input.kind.replace(/_/g, ' ')} at ${roomLabel ?? input.location ?? ''} (number ${count} this ${p.period})`,
        link: `/energy/patrol?id=${findingId}`,
      });
      return findingId;
    });
    return this.get(ctx, id);
  }

  /** One notice per place and period: the Nth finding raises it, later ones add to its count. */
  private async raiseNotice(
    tx: Executor,
    ctx: AuthContext,
    n: { orgId: number; placeKey: string; period: string; count: number; place: string; deduction: number },
  ): Promise<number> {
    const [org] = await queryRows<{ name: string }>(tx, sql`select name from orgs where id = ${n.orgId}`);
    const title = `关于${org?.name ?? ''}${n.place}节能问题的通报`;
    const body = `经节能巡查，${org?.name ?? ''}${n.place}在 ${n.period} 期间被发现能源浪费问题 ${n.count} 次，现予以通报，并在年度节能考核中扣 ${n.deduction} 分。请该单位立即整改，落实节能管理责任。`;
    const [row] = await queryRows<{ id: number; created: boolean }>(
      tx,
      sql`insert into energy_notices (tenant_id, org_id, place_key, period, year, title, body, deduction, findings)
          values (${ctx.tenantId}, ${n.orgId}, ${n.placeKey}, ${n.period}, ${Number(n.period.slice(0, 4))}, ${title}, ${body}, ${n.deduction}, ${n.count})
          on conflict (tenant_id, org_id, place_key, period) do update set findings = excluded.findings
          returning id, (xmax = 0) as created`,
    );
    if (row?.created)
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'energy_notice',
        entityId: row.id,
        orgId: n.orgId,
        summary: title,
      });
    return num(row!.id);
  }

  /** Rooms an inspector may record a finding in: the unit's rooms from the office registry (no office permission needed). */
  async rooms(ctx: AuthContext, orgId: number, q?: string) {
    const perm = ctx.has(EP['energy.patrol']) ? EP['energy.patrol'] : EP['energy.read'];
    ctx.require(perm);
    const org = await assertOrgInScope(this.core.db, ctx, perm, orgId);
    if (org.tenantId !== ctx.tenantId) throw notFound('org');
    return { items: await officeRoomSearch(this.core.db, ctx.tenantId, orgId, q?.trim() || undefined) };
  }

  async list(ctx: AuthContext, q: z.infer<typeof ZPatrolQuerySchema>) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, EP['energy.read'], sql`f.org_id`, q.orgId);
    const w = where([
      sql`f.tenant_id = ${ctx.tenantId}`,
      scope,
      q.roomId ? sql`f.room_id = ${q.roomId}` : undefined,
      q.kind ? sql`f.kind = ${q.kind}` : undefined,
      q.from ? sql`f.observed_at >= ${cnDayStart(q.from).toISOString()}::timestamptz` : undefined,
      q.to ? sql`f.observed_at < ${cnDayStart(addDays(q.to, 1)).toISOString()}::timestamptz` : undefined,
    ]);
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from energy_patrol_findings f where ${w}`);
    const desc = !q.sort || q.sort.startsWith('-');
    const col =
      { observedAt: 'f.observed_at', kind: 'f.kind', orgName: 'o.name', countInPeriod: 'f.count_in_period' }[
        (q.sort ?? '-observedAt').replace(/^-/, '')
      ] ?? 'f.observed_at';
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select ${FINDING_COLS} from energy_patrol_findings f join orgs o on o.id = f.org_id where ${w}
          order by ${sql.raw(col)} ${sql.raw(desc ? 'desc' : 'asc')}, f.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: await this.views(ctx.tenantId, rows) };
  }

  async get(ctx: AuthContext, id: number) {
    ctx.require(EP['energy.read']);
    const rows = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select ${FINDING_COLS}, o.path from energy_patrol_findings f join orgs o on o.id = f.org_id where f.id = ${id} and f.tenant_id = ${ctx.tenantId}`,
    );
    const r = rows[0];
    if (!r || !ctx.covers(EP['energy.read'], { id: num(r.org_id), path: String(r.path) })) throw notFound('energy_patrol_finding');
    return (await this.views(ctx.tenantId, [r]))[0]!;
  }

  /** Room labels come from the office registry (through its index). */
  private async views(tenantId: number, rows: Record<string, unknown>[]) {
    const ids = [...new Set(rows.map((r) => numOrNull(r.room_id)).filter((x): x is number => x !== null))];
    const rooms = await officeRoomFacts(this.core.db, tenantId, ids);
    return rows.map((r) => ({
      id: num(r.id),
      orgId: num(r.org_id),
      orgName: (r.org_name as string) ?? null,
      roomId: numOrNull(r.room_id),
      roomLabel: r.room_id ? (rooms.get(num(r.room_id))?.label ?? null) : null,
      location: (r.location as string) ?? null,
      kind: r.kind as 'lights_on',
      observedAt: new Date(String(r.observed_at)).toISOString(),
      setpointC: numOrNull(r.setpoint_c),
      note: (r.note as string) ?? null,
      inspector: (r.inspector_name as string) ?? null,
      countInPeriod: num(r.count_in_period),
      noticeId: numOrNull(r.notice_id),
      photos: num(r.photos),
      createdAt: new Date(String(r.created_at)).toISOString(),
    }));
  }

  async notices(ctx: AuthContext, q: z.infer<typeof ZNoticeQuerySchema>) {
    ctx.require(EP['energy.read']);
    const db = this.core.db;
    const scope = await scopeOn(db, ctx, EP['energy.read'], sql`n.org_id`, q.orgId);
    const w = where([sql`n.tenant_id = ${ctx.tenantId}`, scope, q.year ? sql`n.year = ${q.year}` : undefined]);
    const [c] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from energy_notices n where ${w}`);
    const rows = await queryRows<Record<string, unknown>>(
      db,
      sql`select n.*, o.name as org_name from energy_notices n join orgs o on o.id = n.org_id where ${w}
          order by n.created_at desc, n.id desc limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    );
    return { total: num(c?.n), items: rows.map(noticeView) };
  }

  async notice(ctx: AuthContext, id: number) {
    ctx.require(EP['energy.read']);
    const [r] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select n.*, o.name as org_name, o.path from energy_notices n join orgs o on o.id = n.org_id where n.id = ${id} and n.tenant_id = ${ctx.tenantId}`,
    );
    if (!r || !ctx.covers(EP['energy.read'], { id: num(r.org_id), path: String(r.path) })) throw notFound('energy_notice');
    return noticeView(r);
  }
}

function noticeView(r: Record<string, unknown>) {
  return {
    id: num(r.id),
    orgId: num(r.org_id),
    orgName: (r.org_name as string) ?? null,
    title: String(r.title),
    body: String(r.body),
    period: String(r.period),
    deduction: num(r.deduction),
    findings: num(r.findings),
    createdAt: new Date(String(r.created_at)).toISOString(),
  };
}
