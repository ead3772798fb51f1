import { sql } from 'drizzle-orm';
import { cnDateTime } from '../../../contracts/dates';
import {
  type AuthContext,
  type CoreServices,
  badRequest,
  conflict,
  forbidden,
  iso,
  notFound,
  now,
  nowMs,
  num,
  queryRows,
  writeAudit,
} from '../../core';
import { M } from './meetings.messages';
import { MP } from './meetings.permissions';
import { bookingVisible, loadRules, wall } from './meetings.repository';

/** Attendee sign-in with the meeting's QR (once per person) and the attendance list. */
export class AttendanceService {
  constructor(private readonly core: CoreServices) {}

  /** The booking the caller may see, with whether it organised it or serves its room. */
  private async booking(ctx: AuthContext, id: number) {
    const [r] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select b.*, rm.name as room_name, ro.path as room_org_path from meeting_bookings b join meeting_rooms rm on rm.id = b.room_id
          join orgs ro on ro.id = b.room_org_id where b.tenant_id = ${ctx.tenantId} and b.id = ${id} and ${bookingVisible(ctx)}`,
    );
    if (!r) throw notFound('meeting_booking');
    const org = { id: num(r.room_org_id), path: String(r.room_org_path) };
    const own = num(r.created_by) === ctx.account.id || (ctx.account.personId !== null && num(r.organiser_id) === ctx.account.personId);
    return { r, canRun: own || ctx.covers(MP['meetings.manage'], org) || ctx.covers(MP['meetings.serve'], org) };
  }

  /** The token behind the meeting's QR: for the organiser and the service desk to show. */
  async code(ctx: AuthContext, id: number) {
    const { r, canRun } = await this.booking(ctx, id);
    if (!canRun) throw forbidden(M.MEETING_NOT_ORGANISER);
    const token = String(r.sign_in_token);
    return { bookingId: id, token, path: `/meetings/sign-in?token=${token}` };
  }

  /**
   * The meeting behind a token, for the sign-in page to show before the tap. The token is the
   * capability (whoever scans the QR in the room may read the title, time and room), within the
   * caller's tenant; it reveals nothing a door display would not.
   */
  async preview(ctx: AuthContext, token: string) {
    const rule = await loadRules(this.core.db);
    const [b] = await queryRows<Record<string, unknown>>(
      this.core.db,
      sql`select b.id, b.title, b.status, b.start_at, b.end_at, r.name as room_name,
            exists (select 1 from meeting_attendance a where a.tenant_id = b.tenant_id and a.booking_id = b.id
                      and a.person_id = ${ctx.account.personId ?? -1}) as signed_in
          from meeting_bookings b join meeting_rooms r on r.id = b.room_id
          where b.sign_in_token = ${token} and b.tenant_id = ${ctx.tenantId}`,
    );
    if (!b) throw notFound('meeting_booking');
    const start = new Date(b.start_at as string).getTime();
    const end = new Date(b.end_at as string).getTime();
    const from = start - rule.signInOpensBeforeMinutes * 60_000;
    const t = nowMs();
    return {
      bookingId: num(b.id),
      title: String(b.title),
      start: iso(b.start_at)!,
      end: iso(b.end_at)!,
      roomName: String(b.room_name),
      open: ['booked', 'checked_in', 'finished'].includes(String(b.status)) && t >= from && t < end,
      opensAt: new Date(from).toISOString(),
      signedIn: b.signed_in === true || b.signed_in === 't',
    };
  }

  /**
   * A signed-in member of staff signs in with the meeting's token, from the rule's minutes
   * before the start until the end. One row per person (the primary key): a second scan answers
   * `already` and changes nothing.
   */
  async signIn(ctx: AuthContext, token: string) {
    const personId = ctx.account.personId;
    if (!personId) throw badRequest(M.MEETING_SIGNIN_NO_PERSON);
    const rule = await loadRules(this.core.db);
    return this.core.db.transaction(async (tx) => {
      const [b] = await queryRows<Record<string, unknown>>(
        tx,
        sql`select id, org_id, title, status, start_at, end_at from meeting_bookings where sign_in_token = ${token} and tenant_id = ${ctx.tenantId}`,
      );
      if (!b) throw notFound('meeting_booking');
      const start = new Date(b.start_at as string).getTime();
      const end = new Date(b.end_at as string).getTime();
      const from = start - rule.signInOpensBeforeMinutes * 60_000;
      const t = nowMs();
      if (!['booked', 'checked_in', 'finished'].includes(String(b.status)) || t < from || t >= end)
        throw conflict(M.MEETING_SIGNIN_CLOSED, { from: wall(new Date(from)), until: wall(new Date(end)) });
      const inserted = await queryRows<{ signed_in_at: Date }>(
        tx,
        sql`insert into meeting_attendance (tenant_id, booking_id, person_id, account_id, signed_in_at)
            values (${ctx.tenantId}, ${num(b.id)}, ${personId}, ${ctx.account.id}, ${now().toISOString()}::timestamptz)
            on conflict do nothing returning signed_in_at`,
      );
      if (inserted.length)
        await writeAudit(tx, ctx.auditActor(), {
          action: 'create',
          entityType: 'meeting_attendance',
          entityId: num(b.id),
          orgId: num(b.org_id),
          summary: String(b.title),
          after: { personId },
        });
      const [a] = inserted.length
        ? inserted
        : await queryRows<{ signed_in_at: Date }>(
            tx,
            sql`select signed_in_at from meeting_attendance where tenant_id = ${ctx.tenantId} and booking_id = ${num(b.id)} and person_id = ${personId}`,
          );
      return { bookingId: num(b.id), title: String(b.title), signedInAt: iso(a!.signed_in_at)!, already: inserted.length === 0 };
    });
  }

  /** Who signed in, in order (a meeting has at most its attendees). */
  async list(ctx: AuthContext, id: number) {
    const { r } = await this.booking(ctx, id);
    const rows = await queryRows<{ person_id: number; name: string; org_name: string | null; signed_in_at: Date }>(
      this.core.db,
      sql`select a.person_id, p.name, o.name as org_name, a.signed_in_at from meeting_attendance a join people p on p.id = a.person_id
          left join orgs o on o.id = p.org_id where a.tenant_id = ${ctx.tenantId} and a.booking_id = ${id} order by a.signed_in_at, a.person_id`,
    );
    return {
      bookingId: id,
      title: String(r.title),
      start: iso(r.start_at)!,
      roomName: String(r.room_name),
      items: rows.map((x) => ({ personId: num(x.person_id), name: x.name, orgName: x.org_name, signedInAt: iso(x.signed_in_at)! })),
    };
  }

  /** The list as rows for the Excel export (wall times, numbered). */
  async exportRows(ctx: AuthContext, id: number) {
    const l = await this.list(ctx, id);
    return {
      ...l,
      rows: l.items.map((x, k) => ({ index: k + 1, name: x.name, orgName: x.orgName, signedInText: cnDateTime(x.signedInAt, true) })),
    };
  }
}
