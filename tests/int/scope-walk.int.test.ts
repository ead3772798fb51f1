import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentOwnerTypes } from '../../src/server/core/files/files.service';
import { queryRows } from '../../src/server/db/client';
import { enableDemoData } from '../../src/server/demo';
import { type Session, type TestApp, buildTestApp, login } from '../helpers/app';
import { readWorkbook } from '../helpers/excel';

/**
 * The scope walk (#15): every operation of the OpenAPI document, called as unit A's and unit
 * B's administrators and as a staff member of unit A, each with the OTHER unit's ids (path
 * parameters, `?orgId=` and every id-like query parameter, the ids in generated bodies). It
 * fails on
 *  - a 2xx whose body (JSON, or an exported workbook) carries the other unit's data: an org id
 *    of its subtree under an org key (`orgId`, `unitId`, `…OrgId`), its name, or one of its
 *    known identifiers (vehicle plates, asset and meter codes, a borrower's phone number);
 *  - a 2xx mutation on a path naming the other unit's record;
 *  - an audit record written by a walker about an org of the other unit's subtree (a change
 *    that went through, whatever the response said).
 * Routes come from the OpenAPI document, so a new route is walked by default: a path parameter
 * the walk cannot resolve to the other unit's records fails the test until the route is added
 * to RESOURCES (how to find the other unit's ids) or to SHARED (with the reason it is shared).
 * Data: the demo district (the README's accounts: unit_a = 发改局 u03, unit_b = 教育局 u04,
 * staff of u03), which has records in every module, plus a loan borrowed by each unit, one
 * attachment of each registered owner type on each unit's records, and a record of each unit
 * for every table the demo fills for one side only (copied by SQL). Every walked route must
 * find the other unit's records, both ways: a route walked with no ids fails the test.
 */

type Target = { unitId: number; orgIds: Set<number>; name: string; markers: Set<string>; phone: string };
/** The parts of the OpenAPI document the walk reads. */
type Schema = {
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  minimum?: number;
  exclusiveMinimum?: boolean;
  minItems?: number;
  items?: Schema;
  required?: string[];
  properties?: Record<string, Schema>;
  pattern?: string;
  format?: string;
  anyOf?: Schema[];
  oneOf?: Schema[];
};
type OaParam = { in: string; name: string; required?: boolean; schema?: Schema };
type OaOp = { parameters?: OaParam[]; requestBody?: { content?: Record<string, { schema?: Schema }> } };
type Op = { method: string; path: string; op: OaOp };

/**
 * Routes whose data is legitimately shared across units, or that are not about one unit's
 * records at all. Each entry says why; anything else is walked.
 */
const SHARED: Record<string, string> = {
  // Signing in and one's own account: no other unit's ids to pass (and logout would end the walk).
  'POST /api/v1/auth/login': 'sign-in',
  'POST /api/v1/auth/logout': 'ends the walking session',
  'POST /api/v1/auth/password': 'own password',
  'POST /api/v1/auth/password-policy': 'password strength check, no record',
  'PUT /api/v1/auth/preferences': 'own preferences',
  // Code lists, rule tables, the holiday calendar, approval flow definitions and job names are
  // district-wide reference data by design (everyone reads them; only their administrators change them).
  'GET /api/v1/refdata/lists/{list}': 'code list (district-wide)',
  'PUT /api/v1/refdata/lists/{list}/{code}': 'code list (district-wide)',
  'GET /api/v1/refdata/rules/{name}': 'rule table (district-wide)',
  'POST /api/v1/refdata/rules/{name}': 'rule table (district-wide)',
  'POST /api/v1/refdata/rules/{name}/preview': 'rule table (district-wide)',
  'PUT /api/v1/calendar/{day}': 'holiday calendar (district-wide)',
  'DELETE /api/v1/calendar/{day}': 'holiday calendar (district-wide)',
  'GET /api/v1/approval-flows/{businessType}': 'approval flow definition (district-wide)',
  'PUT /api/v1/approval-flows/{businessType}': 'approval flow definition (district-wide)',
  'POST /api/v1/jobs/{name}/run': 'scheduled job (system administration)',
  // Import templates: headers and one fixed example row (e.g. the unit '区发展和改革局'), no records.
  'GET /api/v1/people/import/template': 'import template',
  'GET /api/v1/energy/meters/template': 'import template',
  'GET /api/v1/energy/readings/template': 'import template',
  'GET /api/v1/assets/import/template': 'import template',
  // Import templates are empty workbooks; the import kinds are walked by their own tests (multipart).
  'GET /api/v1/office-space/import/{kind}/template': 'empty template',
  'POST /api/v1/office-space/import/{kind}': 'multipart import: rows checked in tests/int/office-space',
  'GET /api/v1/vehicles/costs/import/{kind}/template': 'empty template',
  'POST /api/v1/vehicles/costs/import/{kind}': 'multipart import: rows checked in tests/int/vehicle-costs',
  // District-wide records that belong to no unit (the services scope them by tenant on purpose
  // and only the bureau's administrators change them), so no unit has one to be walked against:
  // custom roles have no org at all (the security administrator's catalogue, RbacService);
  // 定点 vehicle vendors are listed by the bureau and read by every vehicle reader
  // (VendorService); the supplier list is the district's, read by every procurement reader
  // (PlansService.suppliers); the supplies catalogue is kept by the bureau (catalogueOrg).
  'PATCH /api/v1/roles/{id}': 'custom roles: district-wide, no org',
  'DELETE /api/v1/roles/{id}': 'custom roles: district-wide, no org',
  'GET /api/v1/vehicles/vendors/{id}': 'vehicle vendors: district-wide list kept by the bureau',
  'PATCH /api/v1/vehicles/vendors/{id}': 'vehicle vendors: district-wide list kept by the bureau',
  'GET /api/v1/procurement/suppliers/{id}': 'suppliers: district-wide list kept by the bureau',
  'PATCH /api/v1/procurement/suppliers/{id}': 'suppliers: district-wide list kept by the bureau',
  'PATCH /api/v1/supplies/items/{id}': 'supplies catalogue: district-wide, kept by the bureau',
  // The procurement publication (四公开) is public by law: no sign-in at all.
  'GET /api/v1/public/procurement': 'public disclosure',
  // The door display signs nobody in: a device token of the room is its authority (tests/int/meetings).
  'GET /api/v1/meetings/display/{roomId}': 'door display: no sign-in, a revocable device token',
  // A meeting's attendee sign-in takes the meeting's token, not an id (tests/int/meetings).
  'POST /api/v1/meetings/sign-in': 'attendee sign-in by the meeting token',
};

/** Columns naming an org: their values must never be of the other unit's subtree. */
const ORG_KEY = /^(orgId|unitId|deptId|[a-z]+OrgId)$/;

/**
 * How to find the other unit's records for a path parameter, by the path up to that
 * parameter. `$T` is the other unit's subtree (ids), `$M` the caller's.
 */
const RESOURCES: Record<string, string> = {
  '/api/v1/auth/tokens/{id}': `select t.id from api_tokens t join accounts a on a.id = t.account_id where a.org_id in $T`,
  '/api/v1/orgs/{id}': `select id from orgs where id in $T order by depth desc`,
  '/api/v1/accounts/{id}': `select id from accounts where org_id in $T`,
  '/api/v1/accounts/break-glass/{id}': `select g.id from admin_break_glass g join accounts a on a.id = g.target_account_id where a.org_id in $T`,
  '/api/v1/roles/{id}': `select id from roles where builtin = false`,
  '/api/v1/role-assignments/{id}': `select id from role_assignments where org_id in $T`,
  '/api/v1/notifications/{id}': `select n.id from notifications n join accounts a on a.id = n.account_id where a.org_id in $T`,
  '/api/v1/approvals/{id}': `select id from approval_instances where org_id in $T`,
  '/api/v1/approval-comments/{id}': `select c.id from approval_comments c join accounts a on a.id = c.account_id where a.org_id in $T`,
  '/api/v1/files/{id}': `select id from attachments where id like 'scopewalk%' and org_id in $T`,
  '/api/v1/people/{id}': `select id from people where org_id in $T`,
  '/api/v1/general-requests/{id}': `select id from general_requests where org_id in $T`,
  '/api/v1/office-space/sites/{id}': `select id from office_sites where org_id in $T`,
  '/api/v1/office-space/buildings/{id}': `select id from office_buildings where org_id in $T`,
  '/api/v1/office-space/floors/{id}': `select f.id from office_floors f join office_buildings b on b.id = f.building_id where b.org_id in $T
     and not exists (select 1 from office_rooms r where r.building_id = b.id and r.org_id in $M)`,
  '/api/v1/office-space/rooms/{id}': `select id from office_rooms where org_id in $T`,
  '/api/v1/office-space/occupancies/{id}': `select id from office_occupancies where org_id in $T`,
  '/api/v1/office-space/rectifications/{id}': `select id from office_rectifications where org_id in $T`,
  '/api/v1/office-space/inspections/{id}': `select id from office_inspections where org_id in $T`,
  '/api/v1/office-space/findings/{id}': `select id from office_findings where org_id in $T`,
  '/api/v1/office-space/leases/{id}': `select id from office_leases where org_id in $T`,
  '/api/v1/office-space/allocations/{id}': `select id from office_allocations where org_id in $T`,
  '/api/v1/office-space/repairs/{id}': `select id from office_repairs where org_id in $T`,
  '/api/v1/vehicles/quotas/{orgId}': `select $UNIT`,
  '/api/v1/vehicles/drivers/{personId}': `select person_id from vehicle_drivers where org_id in $T`,
  '/api/v1/vehicles/purchase-requests/{id}': `select id from vehicle_purchase_requests where org_id in $T`,
  '/api/v1/vehicles/bookings/{id}': `select id from vehicle_bookings where org_id in $T`,
  '/api/v1/vehicles/trip-requests/{id}': `select id from vehicle_trip_requests where org_id in $T`,
  '/api/v1/vehicles/disposals/{id}': `select id from vehicle_disposals where org_id in $T`,
  '/api/v1/vehicles/{id}': `select id from vehicles where org_id in $T`,
  '/api/v1/vehicles/vendors/{id}': `select id from vehicle_vendors where org_id in $T`,
  '/api/v1/vehicles/costs/records/{id}': `select id from vehicle_cost_records where org_id in $T`,
  '/api/v1/vehicles/costs/fuel-cards/{cardNo}': `select card_no from vehicle_fuel_cards where org_id in $T`,
  '/api/v1/vehicles/anomalies/{id}': `select id from vehicle_anomalies where org_id in $T`,
  '/api/v1/energy/meters/{id}': `select id from energy_meters where org_id in $T`,
  '/api/v1/energy/bills/{id}': `select id from energy_bills where org_id in $T`,
  '/api/v1/energy/quotas/{orgId}': `select $UNIT`,
  '/api/v1/energy/quota-explanations/{id}': `select id from energy_quota_explanations where org_id in $T`,
  '/api/v1/energy/anomalies/{id}': `select id from energy_anomalies where org_id in $T`,
  '/api/v1/energy/patrol-findings/{id}': `select id from energy_patrol_findings where org_id in $T`,
  '/api/v1/energy/notices/{id}': `select id from energy_notices where org_id in $T`,
  '/api/v1/energy/reports/by-id/{id}': `select id from energy_reports where org_id in $T`,
  '/api/v1/energy/reports/{orgId}': `select $UNIT`,
  '/api/v1/procurement/projects/{id}': `select id from procurement_projects where org_id in $T`,
  '/api/v1/procurement/plans/{id}': `select id from procurement_plans where org_id in $T`,
  '/api/v1/procurement/suppliers/{id}': `select id from procurement_suppliers where org_id in $T`,
  '/api/v1/supplies/items/{id}': `select id from supplies_items where org_id in $T`,
  '/api/v1/supplies/requisitions/{id}': `select id from supplies_requisitions where org_id in $T`,
  '/api/v1/assets/by-code/{code}': `select code from assets where org_id in $T`,
  '/api/v1/assets/{id}': `select id from assets where org_id in $T`,
  '/api/v1/asset-pool/hand-ins/{id}': `select id from asset_hand_ins where org_id in $T`,
  '/api/v1/asset-pool/allocations/{id}': `select id from asset_allocations where org_id in $T`,
  '/api/v1/asset-pool/loans/{id}': `select id from asset_loans where borrower_org_id in $T`,
  '/api/v1/asset-pool/disposals/{id}': `select id from asset_disposals where org_id in $T`,
  '/api/v1/asset-stocktakes/{id}': `select id from asset_stocktakes where org_id in $T`,
  '/api/v1/meetings/plans/{id}': `select id from meeting_plans where org_id in $T`,
  '/api/v1/training/centres/{id}': `select id from training_centres where org_id in $T`,
  '/api/v1/training/rooms/{id}': `select id from training_rooms where org_id in $T`,
  '/api/v1/training/classes/{id}': `select id from training_classes where org_id in $T`,
  '/api/v1/training/trainees/{id}': `select t.id from training_trainees t join training_classes k on k.id = t.class_id where k.org_id in $T`,
  // A unit's own meeting rooms (bookable by its unit only) and its bookings, series and door displays.
  '/api/v1/meetings/rooms/{id}': `select id from meeting_rooms where org_id in $T and bookable_by = 'own_unit'`,
  '/api/v1/meetings/bookings/{id}': `select id from meeting_bookings where org_id in $T and room_org_id in $T`,
  '/api/v1/meetings/series/{id}': `select id from meeting_series where org_id in $T`,
  // Service orders on another unit's meetings, and their tasks.
  '/api/v1/meetings/service-orders/{id}': `select id from meeting_service_orders where org_id in $T`,
  '/api/v1/meetings/service-tasks/{id}': `select t.id from meeting_service_tasks t join meeting_service_orders o on o.id = t.order_id where o.org_id in $T`,
  '/api/v1/meetings/display-tokens/{id}': `select id from meeting_display_tokens where org_id in $T`,
  // A year after an org parameter: the demo's full year and the current one.
  '{year}': `select 2025 union all select 2026`,
};

/** Query parameters that take an id of the other unit's records (others get a sample value). */
const QUERY_IDS: Record<string, string> = {
  orgId: `select $UNIT`,
  rootId: `select $UNIT`,
  deptId: `select id from orgs where id in $T and kind = 'department'`,
  vehicleId: `select id from vehicles where org_id in $T`,
  buildingId: RESOURCES['/api/v1/office-space/buildings/{id}']!,
  siteId: RESOURCES['/api/v1/office-space/sites/{id}']!,
  meterId: RESOURCES['/api/v1/energy/meters/{id}']!,
  floorId: RESOURCES['/api/v1/office-space/floors/{id}']!,
  roomId: RESOURCES['/api/v1/office-space/rooms/{id}']!,
  personId: RESOURCES['/api/v1/people/{id}']!,
  warehouseId: `select id from asset_warehouses where org_id in $T`,
  inspectionId: RESOURCES['/api/v1/office-space/inspections/{id}']!,
  itemId: RESOURCES['/api/v1/supplies/items/{id}']!,
};

/** For each registered attachment owner type: one record of the other unit (fixture files hang on it). */
const OWNER_RECORDS: Record<string, string> = {
  approval: RESOURCES['/api/v1/approvals/{id}']!,
  person_photo: RESOURCES['/api/v1/people/{id}']!,
  asset_photo: `select id from assets where org_id in $T and status <> 'disposed'`,
  office_floor: RESOURCES['/api/v1/office-space/floors/{id}']!,
  office_finding: RESOURCES['/api/v1/office-space/findings/{id}']!,
  office_lease: RESOURCES['/api/v1/office-space/leases/{id}']!,
  office_repair: RESOURCES['/api/v1/office-space/repairs/{id}']!,
  vehicle_booking: RESOURCES['/api/v1/vehicles/bookings/{id}']!,
  energy_patrol: RESOURCES['/api/v1/energy/patrol-findings/{id}']!,
  // A service task's photos: the task of an order on another unit's meeting in another unit's room.
  meeting_service_task: `select t.id from meeting_service_tasks t join meeting_service_orders o on o.id = t.order_id
                           where o.org_id in $T`,
};

let app: TestApp;
const targets = new Map<string, Target>(); // by walker's username: the other unit
const sessions = new Map<string, Session>();
const walkerIds = new Map<string, number>();
const stats = { requests: 0, reachedHandler: 0, ok2xx: 0, unresolved: [] as string[], noData: new Set<string>() };
const leaks: string[] = [];
const idCache = new Map<string, string[]>();

async function ids(q: string, t: Target, mine: Target, limit = 2): Promise<string[]> {
  const key = `${q}|${t.unitId}`;
  if (!idCache.has(key)) {
    const list = (xs: Set<number>) => `(${[...xs].join(',')})`;
    const text = q.replaceAll('$T', list(t.orgIds)).replaceAll('$M', list(mine.orgIds)).replaceAll('$UNIT', String(t.unitId));
    const rows = await queryRows<Record<string, unknown>>(app.services.db, sql.raw(`select * from (${text}) x limit ${limit}`));
    idCache.set(
      key,
      rows.map((r) => String(Object.values(r)[0])),
    );
  }
  return idCache.get(key)!;
}

function sample(name: string, schema: Schema | undefined, t: Target): unknown {
  const s = schema ?? {};
  if (s.enum) return s.enum[0];
  if (s.nullable && !s.type) return null;
  if (ORG_KEY.test(name)) return t.unitId;
  switch (s.type) {
    case 'integer':
    case 'number':
      if (/year/i.test(name)) return 2025;
      return Math.max(1, Number(s.minimum ?? 1) + (s.exclusiveMinimum ? 1 : 0));
    case 'boolean':
      return false;
    case 'array':
      return s.minItems ? Array.from({ length: s.minItems }, () => sample(name, s.items, t)) : [];
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const k of s.required ?? []) o[k] = sample(k, s.properties?.[k], t);
      return o;
    }
    default: {
      const pat = String(s.pattern ?? '');
      if (s.format === 'date' || pat.includes('\\d{4}-\\d{2}-\\d{2}$') || pat.includes('-02-29')) return '2025-06-02';
      if (pat.includes('T\\d{2}')) return '2025-06-02T09:00:00+08:00';
      if (pat.includes('(0[1-9]|1[0-2])$')) return '2025-06';
      if (s.anyOf || s.oneOf) return sample(name, (s.anyOf ?? s.oneOf)?.[0], t);
      return 'scope-walk';
    }
  }
}

/** Finds the other unit's data in a response body (JSON value or workbook cells). */
function findLeak(value: unknown, t: Target, at = '$'): string | null {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const r = findLeak(value[i], t, `${at}[${i}]`);
      if (r) return r;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (ORG_KEY.test(k) && typeof v === 'number' && t.orgIds.has(v)) return `${at}.${k} = ${v} (the other unit's org)`;
      const r = findLeak(v, t, `${at}.${k}`);
      if (r) return r;
    }
    return null;
  }
  if (typeof value === 'string') {
    if (t.markers.has(value)) return `${at} = "${value}"`;
    if (value.includes(t.name)) return `${at} mentions ${t.name}`;
    if (value.includes(t.phone)) return `${at} carries the borrower's phone`;
  }
  return null;
}

beforeAll(async () => {
  enableDemoData();
  const t0 = Date.now();
  app = await buildTestApp({ HOUQIN_DEMO_DATA: 'true' });
  console.info(`scope walk: demo district ready in ${Date.now() - t0} ms`);
  const db = app.services.db;
  const acc = await queryRows<{ username: string; id: number; org_id: number }>(
    db,
    sql`select username, id, org_id from accounts where username in ('unit_a', 'unit_b', 'staff', 'keeper', 'admin')`,
  );
  const orgOf = (u: string) => Number(acc.find((a) => a.username === u)!.org_id);
  for (const a of acc) walkerIds.set(a.username, Number(a.id));
  const build = async (unitId: number, phone: string): Promise<Target> => {
    const [u] = await queryRows<{ name: string; path: string }>(db, sql`select name, path from orgs where id = ${unitId}`);
    const sub = await queryRows<{ id: number }>(db, sql`select id from orgs where path like ${`${u!.path}%`}`);
    const orgIds = new Set(sub.map((r) => Number(r.id)));
    const list = [...orgIds];
    // Identifiers that belong to this unit's records only: plates, asset and meter codes.
    const marks = await queryRows<{ m: string }>(
      db,
      sql`select plate as m from vehicles where org_id in ${list}
          union all select code from assets where org_id in ${list}
          union all select code from energy_meters where org_id in ${list}`,
    );
    return { unitId, orgIds, name: u!.name, markers: new Set(marks.map((r) => r.m).filter((m) => m && m.length >= 5)), phone };
  };
  const ua = orgOf('unit_a');
  const ub = orgOf('unit_b');
  const tA = await build(ua, '13912340301');
  const tB = await build(ub, '13912340402');
  targets.set('unit_a', tB);
  targets.set('staff', tB);
  targets.set('unit_b', tA);

  // A loan borrowed by each unit, with a contact phone (the reported case): the pool's keeper lends.
  const keeper = await login(app, 'keeper');
  const pool = await queryRows<{ id: number }>(db, sql`select id from assets where status = 'in_pool' order by id limit 2`);
  expect(pool.length).toBe(2);
  for (const [i, t] of [tA, tB].entries()) {
    const r = await keeper.post('/api/v1/asset-pool/loans', {
      assetIds: [Number(pool[i]!.id)],
      borrowerOrgId: t.unitId,
      borrowerName: `${t.name}临时工作组`,
      contact: `王先生 ${t.phone}`,
      purpose: '会议借用',
      lentOn: '2026-01-05',
      dueOn: '2026-03-05',
    });
    expect(r.statusCode, r.body).toBe(201);
  }

  // Office space of each unit's own (the demo's buildings are the bureau's): a building with
  // its floors, a lease and an inspection finding, made by the bureau's office administrator.
  const manager = await login(app, 'manager');
  for (const t of [tA, tB]) {
    const ok = (r: { statusCode: number; body: string }) => {
      expect(r.statusCode, r.body).toBeLessThan(300);
      return JSON.parse(r.body);
    };
    const site = ok(await manager.post('/api/v1/office-space/sites', { name: `${t.name}自有院区`, orgId: t.unitId }));
    ok(
      await manager.post('/api/v1/office-space/buildings', {
        siteId: site.id,
        name: `${t.name}自有楼`,
        grossArea: 1200,
        ownership: 'owned',
        floorsAbove: 2,
        floorsBelow: 0,
      }),
    );
    ok(
      await manager.post('/api/v1/office-space/leases', {
        orgId: t.unitId,
        landlord: `${t.name}房东`,
        address: '测试路 1 号',
        area: 300,
        startDate: '2025-01-01',
        endDate: '2027-12-31',
        rentPerYear: '120000.00',
      }),
    );
    const insp = ok(
      await manager.post('/api/v1/office-space/inspections', {
        title: `${t.name}检查`,
        kind: 'inspection',
        orgIds: [t.unitId],
        checklist: ['面积'],
        deadline: '2026-12-31',
      }),
    );
    ok(
      await manager.post(`/api/v1/office-space/inspections/${insp.id}/findings`, {
        orgId: t.unitId,
        description: '超标准使用',
        rectifyBy: '2026-12-31',
      }),
    );
  }

  // A record of each unit for every route the demo leaves without one (the walk needs the other
  // unit's ids on every route). Copies, by SQL, of an existing record of the table moved to the
  // unit: the walk only needs a row the unit owns, and creating each through its workflow
  // (trip requests dispatched, anomalies detected, stocktakes opened …) would cost minutes.
  // Each unit's account that is not a walker's: it stands as the applicant of the copies (a copy
  // of the staff member's own request would be readable by its applicant, rightly).
  const others = new Map<Target, { id: number; tenant_id: number }>();
  for (const t of [tA, tB]) {
    const [acc] = await queryRows<{ id: number; tenant_id: number }>(
      db,
      sql`select id, tenant_id from accounts where org_id in ${[...t.orgIds]} and username not in ('unit_a', 'unit_b', 'staff') order by id limit 1`,
    );
    expect(acc, `an account of ${t.name} besides the walkers`).toBeDefined();
    others.set(t, acc!);
  }
  const CLONED = [
    'general_requests',
    'office_inspections',
    'office_allocations',
    'office_rectifications',
    'vehicle_trip_requests',
    'vehicle_anomalies',
    'vehicle_disposals',
    'energy_quota_explanations',
    'energy_anomalies',
    'energy_patrol_findings',
    'energy_notices',
    'asset_disposals',
    'asset_stocktakes',
    // The demo's meeting plans are 发改局's; the training centre and its rooms are the bureau's
    // (a centre and a room are copied to each unit so their routes meet the other unit's ids).
    'meeting_plans',
    'training_centres',
    'training_rooms',
    // Service orders (on the demo's bookings) copied to each unit, so a task's photos have an owner there.
    'meeting_service_orders',
  ];
  for (const table of CLONED) {
    // Identifiers in a unique key (request numbers, evidence keys …) get the unit's id appended.
    const cols = await queryRows<{ c: string; type: string; uniq: boolean }>(
      db,
      sql`select column_name as c, data_type as type,
            exists (select 1 from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
                    where i.indrelid = ${table}::regclass and i.indisunique and not i.indisprimary and a.attname = column_name) as uniq
          from information_schema.columns where table_schema = current_schema() and table_name = ${table}
            and column_name <> 'id' order by ordinal_position`,
    );
    for (const t of [tA, tB]) {
      const [has] = await queryRows(db, sql.raw(`select 1 from ${table} where org_id in (${[...t.orgIds].join(',')}) limit 1`));
      if (has) continue;
      const list = cols.map(({ c }) => `"${c}"`).join(', ');
      const other = t === tA ? tB : tA;
      const walkers = [...walkerIds.values()].join(',');
      // The other unit's name in a copied text (a notice's title) becomes this unit's.
      const renamed = (c: string) => `replace("${c}", '${other.name}', '${t.name}')`;
      const values = cols
        .map(({ c, type, uniq }) => {
          if (c === 'org_id') return String(t.unitId);
          if (type === 'text') return uniq && /(key|_no|code|number)$/.test(c) ? `${renamed(c)} || '-${t.unitId}'` : renamed(c);
          if (type === 'jsonb') return `replace("${c}"::text, '${other.name}', '${t.name}')::jsonb`;
          if (type === 'integer' && /(_by|applicant_id|account_id|requester_id)$/.test(c))
            return `case when "${c}" in (${walkers}) then ${others.get(t)!.id} else "${c}" end`;
          return `"${c}"`;
        })
        .join(', ');
      // The first record whose copy fits the table's other unique keys (one open disposal per vehicle …).
      let copied = false;
      let error = '';
      for (let k = 0; k < 20 && !copied; k++)
        copied = await queryRows(
          db,
          sql.raw(`insert into ${table} (${list}) select ${values} from ${table} order by id offset ${k} limit 1 returning id`),
        ).then(
          (rows) => rows.length > 0,
          (e: Error) => {
            error = String((e.cause as Error | undefined)?.message ?? e.message);
            return false;
          },
        );
      expect(copied, `a record of ${table} copied to ${t.name}: ${error}`).toBe(true);
    }
  }
  // An API token and a pending break-glass request on an account of each unit (not a walker's),
  // made as the system administrator would.
  for (const t of [tA, tB]) {
    const acc = others.get(t)!;
    await db.execute(
      sql`insert into api_tokens (account_id, name, prefix, token_hash, permissions, expires_at)
          values (${acc!.id}, 'scope walk', 'hq_sw', ${crypto.randomBytes(16).toString('hex')}, '{}'::text[], now() + interval '30 days')`,
    );
    await db.execute(
      sql`insert into admin_break_glass (tenant_id, target_account_id, action, reason, requested_by, requested_at, expires_at)
          values (${acc!.tenant_id}, ${acc!.id}, 'disable', 'scope walk', ${walkerIds.get('admin')!}, now(), now() + interval '1 day')`,
    );
    // 常用意见 are an account's own: another unit's must stay out of reach.
    await db.execute(sql`insert into approval_comments (account_id, text) values (${acc!.id}, 'scope walk')`);
  }

  // Service tasks carry no org of their own (they are their order's): one on each unit's copied order.
  for (const t of [tA, tB]) {
    await db.execute(
      sql.raw(`insert into meeting_service_tasks (tenant_id, order_id, phase, assignee_id, status, checklist)
        select o.tenant_id, o.id, 'before', k.assignee_id, 'open', k.checklist
          from meeting_service_orders o, (select assignee_id, checklist from meeting_service_tasks order by id limit 1) k
         where o.org_id in (${[...t.orgIds].join(',')})
           and not exists (select 1 from meeting_service_tasks x where x.order_id = o.id and x.phase = 'before')
         order by o.id limit 1`),
    );
  }

  // One attachment of every registered owner type on each unit's records (inserted as stored
  // files are; the walk lists, downloads and deletes them as the other unit).
  const types = attachmentOwnerTypes();
  const missing = types.filter((ty) => !(ty in OWNER_RECORDS));
  expect(missing, 'owner types the walk has no record query for (add them to OWNER_RECORDS)').toEqual([]);
  const covered = new Set<string>();
  for (const t of [tA, tB]) {
    for (const ty of types) {
      const [ownerId] = await ids(OWNER_RECORDS[ty]!, t, t === tA ? tB : tA, 1);
      if (ownerId === undefined) continue;
      covered.add(ty);
      const id = `scopewalk${crypto.randomBytes(8).toString('hex')}`;
      const file = (app.services.files as unknown as { pathOf(id: string): string }).pathOf(id);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, `${t.name} ${t.phone}`);
      await db.execute(
        sql`insert into attachments (id, tenant_id, owner_type, owner_id, org_id, filename, mime, size, sha256, uploaded_by)
            select ${id}, tenant_id, ${ty}, ${ownerId}, id, ${`${t.name}-${ty}.txt`}, 'text/plain', 1, 'x', ${walkerIds.get('keeper')!}
            from orgs where id = ${t.unitId}`,
      );
    }
  }
  // Every owner type has a record in at least one of the two units (the demo has no office
  // findings in one of them): its files are walked from the other side.
  expect(types.filter((ty) => !covered.has(ty))).toEqual([]);
  for (const u of ['unit_a', 'unit_b', 'staff']) sessions.set(u, await login(app, u));
}, 240_000);

afterAll(async () => {
  await app?.close();
});

describe('scope walk over the OpenAPI document', () => {
  it('no 2xx carries or changes another unit’s data, for any route', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const ops: Op[] = [];
    for (const [path, item] of Object.entries<Record<string, OaOp>>(spec.paths))
      for (const [method, op] of Object.entries(item)) ops.push({ method: method.toUpperCase(), path, op });
    expect(ops.length).toBeGreaterThan(250);
    const t0 = Date.now();
    const since = await queryRows<{ id: number }>(app.services.db, sql`select coalesce(max(id), 0) as id from audit_log`);

    for (const [walker, session] of sessions) {
      const t = targets.get(walker)!;
      const mine = [...targets.values()].find((x) => x !== t)!;
      for (const { method, path, op } of ops) {
        const key = `${method} ${path}`;
        if (SHARED[key]) continue;
        const mutating = method !== 'GET';
        const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
        // Path parameters: each resolved to the other unit's records by the path up to it.
        let urls: string[] = [path];
        let unresolved = false;
        for (const p of pathParams) {
          const prefix = path.slice(0, path.indexOf(`{${p.name}}`) + p.name.length + 2);
          const q = RESOURCES[prefix] ?? (p.name === 'year' ? RESOURCES['{year}'] : undefined);
          if (!q) {
            unresolved = true;
            break;
          }
          // Files: every fixture (one per owner type); other records: one to change, two to read.
          const values = await ids(q, t, mine, prefix === '/api/v1/files/{id}' ? 50 : mutating ? 1 : 2);
          // The other unit has no such record in the demo: nothing to try (counted, printed below).
          if (!values.length) stats.noData.add(key);
          urls = urls.flatMap((u) => values.map((v) => u.replace(`{${p.name}}`, encodeURIComponent(v))));
        }
        if (unresolved) {
          if (!SHARED[key]) stats.unresolved.push(key);
          continue;
        }
        // Mutations are walked only on another unit's records (a path id) or with its org in the
        // body/query: never on the caller's own data.
        const multipart = !!op.requestBody?.content?.['multipart/form-data'];
        if (multipart && key !== 'POST /api/v1/files') continue;
        // Query: the other unit's ids for id-like parameters, samples for the other required ones.
        // A read is walked twice when it takes optional ids: with the other unit's (`?orgId=` …,
        // which must be refused or empty) and without (the caller's whole scope, which must not
        // reach into the other unit).
        const query: Record<string, string> = {};
        const plain: Record<string, string> = {};
        for (const p of (op.parameters ?? []).filter((x) => x.in === 'query')) {
          const idq = QUERY_IDS[p.name];
          if (idq) {
            const [v] = await ids(idq, t, mine, 1);
            if (v !== undefined) query[p.name] = v;
            if (p.required && v !== undefined) plain[p.name] = v;
          } else if (p.required) query[p.name] = plain[p.name] = String(sample(p.name, p.schema, t));
        }
        const variants = [query];
        if (!mutating && Object.keys(plain).length < Object.keys(query).length) variants.push(plain);
        const bodySchema = op.requestBody?.content?.['application/json']?.schema;
        for (const url of urls.flatMap((u) => variants.map((v) => [u, new URLSearchParams(v).toString()] as const))) {
          const [bare, qs] = url;
          const full = qs ? `${bare}?${qs}` : bare;
          if (key === 'POST /api/v1/files') {
            // Attach a file to each owner type's record of the other unit.
            for (const ty of attachmentOwnerTypes()) {
              const [ownerId] = await ids(OWNER_RECORDS[ty]!, t, mine, 1);
              if (ownerId === undefined) continue;
              const boundary = 'scopewalk';
              const part = (name: string, v: string) => `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${v}\r\n`;
              const payload = `${part('ownerType', ty)}${part('ownerId', ownerId)}--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.txt"\r\ncontent-type: text/plain\r\n\r\nscope walk\r\n--${boundary}--\r\n`;
              const r = await app.inject({
                method: 'POST',
                url: full,
                payload,
                headers: { ...session.headers, 'content-type': `multipart/form-data; boundary=${boundary}` },
              });
              stats.requests++;
              if (r.statusCode < 300) leaks.push(`${walker}: POST /api/v1/files attached to ${ty} #${ownerId} of ${t.name}`);
            }
            continue;
          }
          if (path === '/api/v1/files' && method === 'GET') {
            for (const ty of attachmentOwnerTypes()) {
              const [ownerId] = await ids(OWNER_RECORDS[ty]!, t, mine, 1);
              if (ownerId === undefined) continue;
              const r = await session.get(`${bare}?ownerType=${ty}&ownerId=${ownerId}`);
              stats.requests++;
              if (r.statusCode < 300) leaks.push(`${walker}: GET /api/v1/files listed ${ty} #${ownerId} of ${t.name}`);
            }
            continue;
          }
          const payload = bodySchema ? (sample('body', bodySchema, t) as object) : mutating ? {} : undefined;
          const res = await app.inject({
            method: method as 'GET',
            url: full,
            headers: session.headers,
            ...(payload === undefined ? {} : { payload }),
          });
          stats.requests++;
          if (res.statusCode !== 400) stats.reachedHandler++;
          if (res.statusCode >= 300) continue;
          stats.ok2xx++;
          if (mutating && pathParams.length && !SHARED[key]) {
            leaks.push(`${walker}: ${method} ${full} → ${res.statusCode} on ${t.name}'s record`);
            continue;
          }
          const type = String(res.headers['content-type'] ?? '');
          let body: unknown = null;
          if (type.includes('json')) body = res.json();
          else if (type.includes('spreadsheetml')) body = await readWorkbook(res.rawPayload);
          else body = res.body;
          const found = findLeak(body, t);
          if (found) leaks.push(`${walker}: ${method} ${full} → ${res.statusCode}: ${found}`);
        }
      }
    }
    // Changes that went through, whatever the response: audit records of a walker about the other unit.
    for (const [walker] of sessions) {
      const t = targets.get(walker)!;
      const rows = await queryRows<{ action: string; entity_type: string; entity_id: string | null }>(
        app.services.db,
        sql`select action, entity_type, entity_id from audit_log where id > ${since[0]!.id} and actor_id = ${walkerIds.get(walker)!}
            and org_id in ${[...t.orgIds]} and action not in ('login', 'logout', 'login_failed')`,
      );
      for (const r of rows) leaks.push(`${walker}: audited ${r.action} ${r.entity_type} #${r.entity_id ?? ''} in ${t.name}`);
    }
    console.info(
      `scope walk: ${ops.length} operations, ${stats.requests} requests (${stats.reachedHandler} past validation, ${stats.ok2xx} × 2xx), ${leaks.length} leaks, ${Date.now() - t0} ms; ` +
        `no record of the other unit for ${stats.noData.size} routes: ${[...stats.noData].join(', ')}`,
    );
    expect(
      stats.unresolved,
      `routes with a path parameter the walk cannot resolve: add them to RESOURCES or SHARED: ${stats.unresolved.join(', ')}`,
    ).toEqual([]);
    expect(leaks).toEqual([]);
    // Every walked route found the other unit's records (fixtures above), both ways: a route
    // walked with no ids proves nothing.
    expect([...stats.noData], 'routes walked without a record of the other unit: add a fixture').toEqual([]);
  }, 180_000);
});
