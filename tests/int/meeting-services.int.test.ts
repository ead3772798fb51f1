import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, cnToday, queryRows } from '../../src/server/core';
import { upload } from '../helpers/excel';
import { type Session, type TestApp, addAccountWithRole, buildTestApp, login, seedTestDistrict } from '../helpers/app';

/**
 * Meeting service orders (会务服务) over HTTP, on PGlite and (with TEST_DATABASE_URL) on
 * PostgreSQL: an order on a booking, a forbidden item refused naming the frugality rule (and
 * allowed where the rule makes an exception for the level), another unit's booking as 404,
 * acceptance into before / during / after tasks, the staff ticking with a photo until the order
 * is done, and the audit rows of each change.
 */
let app: TestApp;
let d: Awaited<ReturnType<typeof seedTestDistrict>>;
let manager: Session;
let unitA: Session;
let unitAEn: Session;
let unitB: Session;
let desk: Session;
let server: Session;
const M = '/api/v1/meetings';
const D = addDays(cnToday(), 7);
const at = (hm: string) => `${D}T${hm}:00+08:00`;
const id: Record<string, number> = {};
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAADklEQVR4nGM4gQQYkDkA89oSwaI+MosAAAAASUVORK5CYII=', 'base64');
const audits = async (entityType: string, entityId: number) =>
  queryRows<{ action: string; after: Record<string, unknown> | null }>(
    app.services.db,
    sql`select action, after from audit_log where entity_type = ${entityType} and entity_id = ${String(entityId)} order by id`,
  );

beforeAll(async () => {
  app = await buildTestApp();
  d = await seedTestDistrict(app);
  manager = await login(app, 'manager');
  unitA = await login(app, 'unit_a');
  unitAEn = await login(app, 'unit_a', undefined, 'en');
  unitB = await login(app, 'unit_b');
  desk = await addAccountWithRole(app, { username: 'desk', orgId: d.bureau.id, roleCode: 'meeting_desk' });
  server = await addAccountWithRole(app, { username: 'server1', orgId: d.bureau.id, roleCode: 'meeting_staff' });
  const room = await manager.post(`${M}/rooms`, {
    name: '第二会议室',
    orgId: d.bureau.id,
    capacity: 30,
    bufferMinutes: 0,
    requiresApproval: false,
  });
  expect(room.statusCode, room.body).toBe(201);
  const b = await unitA.post(`${M}/bookings`, {
    roomId: room.json().id,
    title: '项目推进会',
    start: at('09:00'),
    end: at('10:00'),
    attendees: 12,
  });
  expect(b.statusCode, b.body).toBe(201);
  id.booking = b.json().id;
  const imp = await unitA.post(`${M}/bookings`, {
    roomId: room.json().id,
    title: '干部大会',
    start: at('14:00'),
    end: at('16:00'),
    attendees: 20,
    level: 'important',
  });
  expect(imp.statusCode, imp.body).toBe(201);
  id.important = imp.json().id;
});
afterAll(async () => {
  await app?.close();
});

describe('service orders', () => {
  it('creates an order on a booking (201, submitted) with the rostrum seated by protocol', async () => {
    const r = await unitA.post(`${M}/service-orders`, {
      bookingId: id.booking,
      teaCount: 12,
      waterCount: 12,
      nameplates: ['张明', '李华', '王强'],
      rostrum: ['张明', '李华', '王强', '赵敏', '陈静'],
      av: ['projector', 'video_conference'],
      printedMaterials: '会议议程',
      printedCopies: 12,
      staffOnDuty: 1,
      items: ['pens_paper'],
    });
    expect(r.statusCode, r.body).toBe(201);
    id.order = r.json().id;
    expect(r.json()).toMatchObject({ status: 'submitted', bookingTitle: '项目推进会', teaCount: 12, canAccept: false });
    expect(r.json().rostrumSeats).toEqual(['陈静', '王强', '张明', '李华', '赵敏']);
    const rows = await audits('meeting_service_order', id.order);
    expect(rows.map((x) => x.action)).toEqual(['create']);
    expect(rows[0]!.after).toMatchObject({ bookingId: id.booking, teaCount: 12 });
  });

  it('refuses a forbidden item with 4xx naming the rule and the item, in the caller’s language, and stores nothing', async () => {
    const before = await unitA.get(`${M}/service-orders?mine=true`);
    const zh = await unitA.post(`${M}/service-orders`, { bookingId: id.booking, items: ['flowers', 'pens_paper', 'fruit'] });
    expect(zh.statusCode, zh.body).toBe(400);
    expect(zh.json().error.code).toBe('SERVICE_FORBIDDEN_ITEM');
    expect(zh.json().error.message).toContain('会务厉行节约规定');
    expect(zh.json().error.message).toContain('鲜花');
    expect(zh.json().error.message).toContain('水果');
    expect(zh.json().error.message).not.toContain('flowers');
    const en = await unitAEn.post(`${M}/service-orders`, { bookingId: id.booking, items: ['gifts'] });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.message).toContain('Meeting frugality rules');
    expect(en.json().error.message).toContain('Gifts');
    expect((await unitA.get(`${M}/service-orders?mine=true`)).json().total).toBe(before.json().total);
  });

  it('allows a backdrop only for an important meeting, as the rule says', async () => {
    expect((await unitA.post(`${M}/service-orders`, { bookingId: id.booking, items: ['backdrop'] })).statusCode).toBe(400);
    const ok = await unitA.post(`${M}/service-orders`, { bookingId: id.important, items: ['backdrop'] });
    expect(ok.statusCode, ok.body).toBe(201);
    id.importantOrder = ok.json().id;
  });

  it('another unit’s booking is 404 and its orders are invisible; bad input is a clear 4xx', async () => {
    const r = await unitB.post(`${M}/service-orders`, { bookingId: id.booking, teaCount: 3 });
    expect(r.statusCode, r.body).toBe(404);
    expect((await unitB.get(`${M}/service-orders/${id.order}`)).statusCode).toBe(404);
    expect((await unitB.get(`${M}/service-orders`)).json().items.map((o: { id: number }) => o.id)).not.toContain(id.order);
    expect((await unitA.post(`${M}/service-orders`, { bookingId: 99999999999 })).statusCode).toBe(400);
    expect((await unitA.post(`${M}/service-orders`, { bookingId: id.booking, nameplates: ['a\u0000b'] })).statusCode).toBe(400);
    expect((await unitA.post(`${M}/service-orders`, { bookingId: id.booking, teaCount: -1 })).statusCode).toBe(400);
  });

  it('only the desk accepts, to a service staff account; the order becomes three tasks', async () => {
    const staffList = await desk.get(`${M}/service-staff`);
    expect(staffList.statusCode, staffList.body).toBe(200);
    id.server = staffList.json().find((a: { name: string }) => a.name === 'server1').id;
    expect((await unitA.post(`${M}/service-orders/${id.order}/accept`, { assigneeId: id.server })).statusCode).toBe(403);
    const [{ id: notStaff }] = await queryRows<{ id: number }>(app.services.db, sql`select id from accounts where username = 'unit_a'`);
    const bad = await desk.post(`${M}/service-orders/${id.order}/accept`, { assigneeId: notStaff });
    expect(bad.statusCode, bad.body).toBe(400);
    const ok = await desk.post(`${M}/service-orders/${id.order}/accept`, { assigneeId: id.server });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'accepted', assigneeName: 'server1' });
    expect((await desk.post(`${M}/service-orders/${id.order}/accept`, { assigneeId: id.server })).statusCode).toBe(409);
    const tasks = (await server.get(`${M}/service-tasks?mine=true`)).json();
    expect(tasks.items.map((t: { phase: string }) => t.phase)).toEqual(['before', 'during', 'after']);
    expect(tasks.items.every((t: { canTick: boolean; checklist: unknown[] }) => t.canTick && t.checklist.length > 0)).toBe(true);
    id.before = tasks.items[0].id;
  });

  it('the staff ticks lines with a photo; the order goes in progress, then done when every line is ticked', async () => {
    expect((await unitA.post(`${M}/service-tasks/${id.before}/tick`, { index: 0, done: true })).statusCode).toBe(403);
    expect((await server.post(`${M}/service-tasks/${id.before}/tick`, { index: 99, done: true })).statusCode).toBe(400);
    const photo = await upload(app, server, '/api/v1/files', PNG, '布置.png', { ownerType: 'meeting_service_task' });
    expect(photo.statusCode, photo.body).toBe(200);
    const t = await server.post(`${M}/service-tasks/${id.before}/tick`, { index: 0, done: true, photoFileIds: [photo.json().id] });
    expect(t.statusCode, t.body).toBe(200);
    expect(t.json().checklist[0].done).toBe(true);
    expect(t.json().photoCount).toBe(1);
    expect((await desk.get(`${M}/service-orders/${id.order}`)).json().status).toBe('in_progress');
    expect((await desk.get(`/api/v1/files?ownerType=meeting_service_task&ownerId=${id.before}`)).json().items).toHaveLength(1);
    expect((await unitB.get(`/api/v1/files?ownerType=meeting_service_task&ownerId=${id.before}`)).statusCode).toBe(404);
    const all = (await server.get(`${M}/service-tasks?mine=true`)).json().items as { id: number; checklist: { done: boolean }[] }[];
    for (const task of all)
      for (const [i, l] of task.checklist.entries())
        if (!l.done) expect((await server.post(`${M}/service-tasks/${task.id}/tick`, { index: i, done: true })).statusCode).toBe(200);
    expect((await desk.get(`${M}/service-orders/${id.order}`)).json().status).toBe('done');
    expect((await server.post(`${M}/service-tasks/${id.before}/tick`, { index: 0, done: false })).statusCode).toBe(409);
    const taskAudit = await audits('meeting_service_task', id.before);
    expect(taskAudit.map((x) => x.action)).toEqual(expect.arrayContaining(['create', 'update']));
    expect(taskAudit.find((x) => x.action === 'update')!.after).toMatchObject({ done: true, photos: 1 });
    const orderAudit = await audits('meeting_service_order', id.order);
    expect(orderAudit.map((x) => x.after?.status)).toEqual(['submitted', 'accepted', 'in_progress', 'done']);
  });

  it('cancels a submitted order (the author), not a done one; the desk counter counts what awaits it', async () => {
    const wb = async () => {
      const r = await desk.get('/api/v1/workbench');
      const c = (r.json().counters ?? r.json()) as { key: string; count: number }[];
      return c.find((x) => x.key === 'meetingServices.toAccept')?.count;
    };
    expect(await wb()).toBe(1);
    const c = await unitA.post(`${M}/service-orders/${id.importantOrder}/cancel`, { reason: '改为视频会议' });
    expect(c.statusCode, c.body).toBe(200);
    expect(c.json().status).toBe('cancelled');
    expect(await wb()).toBe(0);
    expect((await unitA.post(`${M}/service-orders/${id.order}/cancel`, { reason: '不需要' })).statusCode).toBe(409);
  });
});
