import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZId, ZIdParamSchema, ZImportResultSchema, ZOkSchema, ZPageQuerySchema, pageOf } from '../../../contracts/common';
import {
  ZBuildingCreateSchema,
  ZBuildingSchema,
  ZBuildingUpdateSchema,
  ZComplianceQuerySchema,
  ZComplianceSchema,
  ZFilingReportSchema,
  ZFindingCloseSchema,
  ZFindingCreateSchema,
  ZFindingQuerySchema,
  ZFindingSchema,
  ZFloorCreateSchema,
  ZFloorDetailSchema,
  ZFloorSchema,
  ZFloorUpdateSchema,
  ZInspectionCreateSchema,
  ZInspectionSchema,
  ZLeaseCreateSchema,
  ZLeaseQuerySchema,
  ZLeaseRenewSchema,
  ZLeaseSchema,
  ZLeaseTerminateSchema,
  ZOccupancyCreateSchema,
  ZOccupancyQuerySchema,
  ZOccupancySchema,
  ZOverdueSchema,
  ZRectificationCreateSchema,
  ZRectificationPayloadSchema,
  ZRectificationSchema,
  ZRoomCreateSchema,
  ZRoomDetailSchema,
  ZRoomQuerySchema,
  ZRoomSchema,
  ZRoomUpdateSchema,
  ZSiteCreateSchema,
  ZSiteSchema,
  ZAllocationAssignSchema,
  ZAllocationCreateSchema,
  ZAllocationQuerySchema,
  ZAllocationSchema,
  ZRepairCreateSchema,
  ZRepairFilingSchema,
  ZRepairProgressSchema,
  ZRepairQuerySchema,
  ZRepairSchema,
  ZRepairSnapshotSchema,
  USE_CLASSES,
  ZSiteUpdateSchema,
  ZSummarySchema,
  ZUnitStatsSchema,
} from '../../../contracts/modules/office-space';
import { type CoreServices, buildTemplate, exportRows, readUpload, requireAuth, sendXlsx, writeAudit } from '../../core';
import type { AllocationService } from './allocation.service';
import type { ComplianceService } from './compliance.service';
import type { InspectionService } from './inspection.service';
import type { LeaseService } from './lease.service';
import {
  ALLOCATION_EXPORT_COLUMNS,
  BUILDING_COLUMNS,
  COMPLIANCE_EXPORT_COLUMNS,
  OCCUPANCY_COLUMNS,
  type OfficeExcel,
  ROOM_COLUMNS,
  REPAIR_EXPORT_COLUMNS,
  ROOM_EXPORT_COLUMNS,
} from './office.excel';
import { OP } from './office.permissions';
import type { RectificationService } from './rectification.service';
import type { RegistryService } from './registry.service';
import type { RepairService } from './repair.service';

export type OfficeServices = {
  core: CoreServices;
  registry: RegistryService;
  compliance: ComplianceService;
  rectifications: RectificationService;
  inspections: InspectionService;
  leases: LeaseService;
  allocations: AllocationService;
  repairs: RepairService;
  excel: OfficeExcel;
};

const BASE = '/api/v1/office-space';
const ZOrgQuery = z.object({ orgId: ZId.optional() });
const MAX_EXPORT = 50_000;

/** Thin HTTP layer: validation by the zod contracts, then one service call. */
export async function officeRoutes(appBase: FastifyInstance, opts: { svc: OfficeServices; maxUploadMb: number }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const { registry, compliance, rectifications, inspections, leases, allocations, repairs, excel, core } = opts.svc;
  const tags = ['office space'];
  const audited = async (ctx: ReturnType<typeof requireAuth>, entityType: string, summary: string) =>
    core.db.transaction((tx) => writeAudit(tx, ctx.auditActor(), { action: 'export', entityType, summary }));

  // ---------- sites, buildings, floors ----------
  app.get(
    `${BASE}/sites`,
    { schema: { tags, querystring: ZOrgQuery, response: { 200: z.object({ items: z.array(ZSiteSchema) }) } } },
    async (req) => ({
      items: await registry.listSites(requireAuth(req), req.query.orgId),
    }),
  );
  app.post(`${BASE}/sites`, { schema: { tags, body: ZSiteCreateSchema } }, async (req) => registry.createSite(requireAuth(req), req.body));
  app.patch(`${BASE}/sites/:id`, { schema: { tags, params: ZIdParamSchema, body: ZSiteUpdateSchema } }, async (req) =>
    registry.updateSite(requireAuth(req), req.params.id, req.body),
  );
  app.get(
    `${BASE}/buildings`,
    {
      schema: {
        tags,
        querystring: ZOrgQuery.extend({ siteId: ZId.optional() }),
        response: { 200: z.object({ items: z.array(ZBuildingSchema) }) },
      },
    },
    async (req) => ({ items: await registry.listBuildings(requireAuth(req), req.query) }),
  );
  app.post(`${BASE}/buildings`, { schema: { tags, body: ZBuildingCreateSchema, response: { 200: ZBuildingSchema } } }, async (req) =>
    registry.createBuilding(requireAuth(req), req.body),
  );
  app.patch(`${BASE}/buildings/:id`, { schema: { tags, params: ZIdParamSchema, body: ZBuildingUpdateSchema } }, async (req) =>
    registry.updateBuilding(requireAuth(req), req.params.id, req.body),
  );
  app.get(
    `${BASE}/floors`,
    { schema: { tags, querystring: z.object({ buildingId: ZId }), response: { 200: z.object({ items: z.array(ZFloorSchema) }) } } },
    async (req) => ({ items: await registry.listFloors(requireAuth(req), req.query.buildingId) }),
  );
  app.post(`${BASE}/floors`, { schema: { tags, body: ZFloorCreateSchema, response: { 200: ZFloorSchema } } }, async (req) =>
    registry.createFloor(requireAuth(req), req.body),
  );
  app.get(
    `${BASE}/floors/:id`,
    {
      schema: {
        tags,
        summary: 'A floor with its plan and rooms (compliance colouring)',
        params: ZIdParamSchema,
        response: { 200: ZFloorDetailSchema },
      },
    },
    async (req) => compliance.floorDetail(requireAuth(req), req.params.id),
  );
  app.patch(
    `${BASE}/floors/:id`,
    {
      schema: {
        tags,
        summary: 'Rename a floor or save its drawn plan',
        params: ZIdParamSchema,
        body: ZFloorUpdateSchema,
        response: { 200: ZOkSchema },
      },
    },
    async (req) => registry.updateFloor(requireAuth(req), req.params.id, req.body),
  );

  // ---------- rooms ----------
  app.get(`${BASE}/rooms`, { schema: { tags, querystring: ZRoomQuerySchema, response: { 200: pageOf(ZRoomSchema) } } }, async (req) =>
    registry.listRooms(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/rooms/export`,
    { schema: { tags, summary: 'Export the filtered rooms to Excel', querystring: ZRoomQuerySchema.omit({ page: true, pageSize: true }) } },
    async (req, reply) => {
      const ctx = requireAuth(req);
      ctx.require(OP['office.export']);
      const { items, total } = await registry.listRooms(
        ctx,
        { ...req.query, page: 1, pageSize: MAX_EXPORT },
        OP['office.export'],
        MAX_EXPORT,
      );
      await audited(ctx, 'office_room', `${items.length}/${total} rows; filter ${JSON.stringify(req.query)}`);
      const buf = await exportRows(ROOM_EXPORT_COLUMNS, items, req.locale, req.locale === 'en' ? 'Rooms' : '房间');
      return sendXlsx(reply, buf, req.locale === 'en' ? 'rooms' : '房间清单');
    },
  );
  app.get(`${BASE}/rooms/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZRoomDetailSchema } } }, async (req) =>
    registry.room(requireAuth(req), req.params.id),
  );
  app.post(
    `${BASE}/rooms`,
    { schema: { tags, body: ZRoomCreateSchema, response: { 200: ZRoomSchema } } },
    async (req) => (await registry.createRoom(requireAuth(req), req.body))!,
  );
  app.patch(
    `${BASE}/rooms/:id`,
    {
      schema: {
        tags,
        summary: 'Change a room; area, use and status changes keep a dated history',
        params: ZIdParamSchema,
        body: ZRoomUpdateSchema,
        response: { 200: ZRoomDetailSchema },
      },
    },
    async (req) => registry.updateRoom(requireAuth(req), req.params.id, req.body),
  );
  app.delete(
    `${BASE}/rooms/:id`,
    { schema: { tags, summary: 'Retire a room nobody uses (kept for history)', params: ZIdParamSchema, response: { 200: ZOkSchema } } },
    async (req) => {
      await registry.retireRoom(requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  );

  // ---------- occupancy ----------
  app.get(
    `${BASE}/occupancies`,
    { schema: { tags, querystring: ZOccupancyQuerySchema, response: { 200: pageOf(ZOccupancySchema) } } },
    async (req) => registry.listOccupancies(requireAuth(req), req.query),
  );
  app.post(
    `${BASE}/occupancies`,
    { schema: { tags, body: ZOccupancyCreateSchema, response: { 200: ZOccupancySchema } } },
    async (req) => (await registry.createOccupancy(requireAuth(req), req.body))!,
  );
  app.patch(
    `${BASE}/occupancies/:id`,
    {
      schema: {
        tags,
        summary: 'End an occupancy (room recovered) or record when a concurrent post ended',
        params: ZIdParamSchema,
        body: z.object({
          endDate: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .nullish(),
          postEndedOn: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .nullish(),
          note: z.string().max(200).nullish(),
        }),
        response: { 200: ZOkSchema },
      },
    },
    async (req) => registry.updateOccupancy(requireAuth(req), req.params.id, req.body),
  );

  // ---------- compliance, summary, dashboard ----------
  app.get(
    `${BASE}/compliance`,
    {
      schema: {
        tags,
        summary: 'Entitled and actual area of every active person in scope',
        querystring: ZComplianceQuerySchema,
        response: { 200: ZComplianceSchema },
      },
    },
    async (req) => compliance.compliance(requireAuth(req), req.query),
  );
  app.get(`${BASE}/compliance/export`, { schema: { tags, querystring: ZComplianceQuerySchema } }, async (req, reply) => {
    const ctx = requireAuth(req);
    ctx.require(OP['office.export']);
    const { items } = await compliance.compliance(ctx, { ...req.query, page: undefined, pageSize: undefined });
    await audited(ctx, 'office_compliance', `${items.length} rows; filter ${JSON.stringify(req.query)}`);
    const rows = items.map((i) => ({ ...i, roomNumbers: i.rooms.map((r) => r.number).join('、') }));
    const buf = await exportRows(COMPLIANCE_EXPORT_COLUMNS, rows, req.locale, req.locale === 'en' ? 'Compliance' : '达标情况');
    return sendXlsx(reply, buf, req.locale === 'en' ? 'office-compliance' : '办公用房达标情况');
  });
  app.get(
    `${BASE}/summary`,
    {
      schema: {
        tags,
        summary: 'Totals by use class and the compliance counts for a unit or subtree',
        querystring: ZOrgQuery,
        response: { 200: ZSummarySchema },
      },
    },
    async (req) => compliance.summary(requireAuth(req), req.query.orgId),
  );
  app.get(`${BASE}/unit-stats`, { schema: { tags, querystring: ZOrgQuery, response: { 200: ZUnitStatsSchema } } }, async (req) =>
    compliance.unitStats(requireAuth(req), req.query.orgId),
  );
  app.get(
    `${BASE}/overdue`,
    {
      schema: { tags, summary: 'Rooms not recovered within the allowed months', querystring: ZOrgQuery, response: { 200: ZOverdueSchema } },
    },
    async (req) => compliance.overdue(requireAuth(req), req.query.orgId),
  );
  app.get(`${BASE}/mine`, { schema: { tags, summary: 'My rooms and my standard' } }, async (req) => compliance.mine(requireAuth(req)));
  app.get(
    `${BASE}/filing-report`,
    {
      schema: {
        tags,
        summary: '单位办公用房备案表 (filing report)',
        querystring: z.object({ orgId: ZId }),
        response: { 200: ZFilingReportSchema },
      },
    },
    async (req) => compliance.filingReport(requireAuth(req), req.query.orgId),
  );

  // ---------- rectification ----------
  const ZRectQuery = ZPageQuerySchema.extend({
    orgId: ZId.optional(),
    personId: ZId.optional(),
    status: z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn']).optional(),
  });
  app.get(
    `${BASE}/rectifications`,
    { schema: { tags, querystring: ZRectQuery, response: { 200: pageOf(ZRectificationSchema) } } },
    async (req) => rectifications.list(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/rectifications/:id`,
    { schema: { tags, params: ZIdParamSchema, response: { 200: ZRectificationSchema } } },
    async (req) => rectifications.get(requireAuth(req), req.params.id),
  );
  app.post(
    `${BASE}/rectifications`,
    {
      schema: {
        tags,
        summary: 'Request 腾/调/合/隔 for an over-standard person (runs on the approval engine)',
        body: ZRectificationCreateSchema,
        response: { 200: ZRectificationSchema },
      },
    },
    async (req) => rectifications.create(requireAuth(req), req.body),
  );
  app.post(
    `${BASE}/rectifications/preview`,
    {
      schema: {
        tags,
        summary: 'What a plan would leave, before submitting it',
        body: z.object({ personId: z.number().int().positive(), payload: ZRectificationPayloadSchema }),
      },
    },
    async (req) => rectifications.preview(requireAuth(req), req.body.personId, req.body.payload),
  );

  // ---------- inspections ----------
  app.get(`${BASE}/inspections`, { schema: { tags, response: { 200: z.object({ items: z.array(ZInspectionSchema) }) } } }, async (req) => ({
    items: await inspections.list(requireAuth(req)),
  }));
  app.post(`${BASE}/inspections`, { schema: { tags, body: ZInspectionCreateSchema, response: { 200: ZInspectionSchema } } }, async (req) =>
    inspections.create(requireAuth(req), req.body),
  );
  app.post(
    `${BASE}/inspections/:id/findings`,
    { schema: { tags, params: ZIdParamSchema, body: ZFindingCreateSchema, response: { 200: ZFindingSchema } } },
    async (req) => inspections.addFinding(requireAuth(req), req.params.id, req.body),
  );
  app.get(
    `${BASE}/findings`,
    { schema: { tags, querystring: ZFindingQuerySchema, response: { 200: pageOf(ZFindingSchema) } } },
    async (req) => inspections.findings(requireAuth(req), req.query),
  );
  app.post(
    `${BASE}/findings/:id/close`,
    {
      schema: {
        tags,
        summary: 'Close a finding with evidence',
        params: ZIdParamSchema,
        body: ZFindingCloseSchema,
        response: { 200: ZFindingSchema },
      },
    },
    async (req) => inspections.close(requireAuth(req), req.params.id, req.body),
  );

  // ---------- leases in (租用) ----------
  app.get(`${BASE}/leases`, { schema: { tags, querystring: ZLeaseQuerySchema, response: { 200: pageOf(ZLeaseSchema) } } }, async (req) =>
    leases.list(requireAuth(req), req.query),
  );
  app.post(`${BASE}/leases`, { schema: { tags, body: ZLeaseCreateSchema, response: { 200: ZLeaseSchema } } }, async (req) =>
    leases.create(requireAuth(req), req.body),
  );
  app.post(
    `${BASE}/leases/:id/renew`,
    {
      schema: {
        tags,
        summary: 'Renew: a new lease from the day after this one ends',
        params: ZIdParamSchema,
        body: ZLeaseRenewSchema,
        response: { 200: ZLeaseSchema },
      },
    },
    async (req) => leases.renew(requireAuth(req), req.params.id, req.body),
  );
  app.post(
    `${BASE}/leases/:id/terminate`,
    { schema: { tags, params: ZIdParamSchema, body: ZLeaseTerminateSchema, response: { 200: ZLeaseSchema } } },
    async (req) => leases.terminate(requireAuth(req), req.params.id, req.body),
  );

  // ---------- allocation (调配) ----------
  app.get(
    `${BASE}/allocations`,
    { schema: { tags, querystring: ZAllocationQuerySchema, response: { 200: pageOf(ZAllocationSchema) } } },
    async (req) => allocations.list(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/allocations/export`,
    { schema: { tags, summary: 'Export the filtered allocation requests to Excel', querystring: ZAllocationQuerySchema } },
    async (req, reply) => {
      const ctx = requireAuth(req);
      ctx.require(OP['office.export']);
      const { items, total } = await allocations.list(ctx, { ...req.query, page: 1, pageSize: MAX_EXPORT });
      await audited(ctx, 'office_allocation', `${items.length}/${total} rows`);
      const rows = items.map((a) => ({ ...a, roomNumbers: a.rooms.map((r) => `${r.buildingName} ${r.number}`).join('、') }));
      const buf = await exportRows(ALLOCATION_EXPORT_COLUMNS, rows, req.locale, req.locale === 'en' ? 'Allocations' : '调配');
      return sendXlsx(reply, buf, req.locale === 'en' ? 'allocations' : '办公用房调配');
    },
  );
  app.get(
    `${BASE}/allocations/idle-rooms`,
    {
      schema: {
        tags,
        summary: 'Idle, empty rooms the bureau can allocate',
        querystring: z.object({ useClass: z.enum(USE_CLASSES).optional(), minArea: z.coerce.number().min(0).max(5000).optional() }),
      },
    },
    async (req) => allocations.idleRooms(requireAuth(req), req.query),
  );
  app.get(`${BASE}/allocations/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZAllocationSchema } } }, async (req) =>
    allocations.get(requireAuth(req), req.params.id),
  );
  app.post(
    `${BASE}/allocations`,
    {
      schema: {
        tags,
        summary: 'Ask for space (runs on the approval engine)',
        body: ZAllocationCreateSchema,
        response: { 201: ZAllocationSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await allocations.create(requireAuth(req), req.body)),
  );
  app.put(
    `${BASE}/allocations/:id/rooms`,
    {
      schema: {
        tags,
        summary: 'The bureau assigns idle rooms to a pending request',
        params: ZIdParamSchema,
        body: ZAllocationAssignSchema,
        response: { 200: ZAllocationSchema },
      },
    },
    async (req) => allocations.assign(requireAuth(req), req.params.id, req.body.roomIds),
  );

  // ---------- repairs and refits (维修改造) ----------
  app.get(`${BASE}/repairs`, { schema: { tags, querystring: ZRepairQuerySchema, response: { 200: pageOf(ZRepairSchema) } } }, async (req) =>
    repairs.list(requireAuth(req), req.query),
  );
  app.get(
    `${BASE}/repairs/export`,
    { schema: { tags, summary: 'Export the filtered repair projects to Excel', querystring: ZRepairQuerySchema } },
    async (req, reply) => {
      const ctx = requireAuth(req);
      ctx.require(OP['office.export']);
      const { items, total } = await repairs.list(ctx, { ...req.query, page: 1, pageSize: MAX_EXPORT });
      await audited(ctx, 'office_repair', `${items.length}/${total} rows`);
      const buf = await exportRows(REPAIR_EXPORT_COLUMNS, items, req.locale, req.locale === 'en' ? 'Repairs' : '维修改造');
      return sendXlsx(reply, buf, req.locale === 'en' ? 'repairs' : '办公用房维修改造');
    },
  );
  app.get(`${BASE}/repairs/:id`, { schema: { tags, params: ZIdParamSchema, response: { 200: ZRepairSchema } } }, async (req) =>
    repairs.get(requireAuth(req), req.params.id),
  );
  app.get(
    `${BASE}/repairs/:id/current`,
    {
      schema: {
        tags,
        summary: "The unit's rooms in the building today (the filing form)",
        params: ZIdParamSchema,
        response: { 200: ZRepairSnapshotSchema },
      },
    },
    async (req) => repairs.current(requireAuth(req), req.params.id),
  );
  app.post(
    `${BASE}/repairs`,
    {
      schema: {
        tags,
        summary: '检查鉴定 and project request (runs on the approval engine)',
        body: ZRepairCreateSchema,
        response: { 201: ZRepairSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await repairs.create(requireAuth(req), req.body)),
  );
  app.post(
    `${BASE}/repairs/:id/progress`,
    {
      schema: {
        tags,
        summary: 'Start the works, or complete them with the acceptance',
        params: ZIdParamSchema,
        body: ZRepairProgressSchema,
        response: { 200: ZRepairSchema },
      },
    },
    async (req) => repairs.progress(requireAuth(req), req.params.id, req.body),
  );
  app.post(
    `${BASE}/repairs/:id/filing`,
    {
      schema: {
        tags,
        summary: '备案: the building after the works; the registry follows, before and after are kept',
        params: ZIdParamSchema,
        body: ZRepairFilingSchema,
        response: { 200: ZRepairSchema },
      },
    },
    async (req) => repairs.file(requireAuth(req), req.params.id, req.body),
  );

  // ---------- Excel import ----------
  const KINDS = { buildings: BUILDING_COLUMNS, rooms: ROOM_COLUMNS, occupancy: OCCUPANCY_COLUMNS } as const;
  const names = { buildings: ['楼栋', 'Buildings'], rooms: ['房间', 'Rooms'], occupancy: ['使用人', 'Occupancy'] } as const;
  const ZKind = z.object({ kind: z.enum(['buildings', 'rooms', 'occupancy']) });
  app.get(`${BASE}/import/:kind/template`, { schema: { tags, params: ZKind } }, async (req, reply) => {
    requireAuth(req).require(OP['office.import']);
    const [zh, en] = names[req.params.kind];
    const buf = await buildTemplate([...KINDS[req.params.kind]], req.locale, req.locale === 'en' ? en : zh);
    return sendXlsx(reply, buf, req.locale === 'en' ? `${en.toLowerCase()}-template` : `${zh}导入模板`);
  });
  app.post(
    `${BASE}/import/:kind`,
    {
      schema: {
        tags,
        summary: 'Import from Excel: all rows or none, with a row-by-row report',
        params: ZKind,
        querystring: ZOrgQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ZImportResultSchema, 422: ZImportResultSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireAuth(req);
      ctx.require(OP['office.import']);
      const { buffer } = await readUpload(req, opts.maxUploadMb);
      const res =
        req.params.kind === 'buildings'
          ? await excel.importBuildings(ctx, buffer, req.query.orgId ?? ctx.account.orgId)
          : req.params.kind === 'rooms'
            ? await excel.importRooms(ctx, buffer)
            : await excel.importOccupancy(ctx, buffer);
      return reply.status(res.errors.length ? 422 : 200).send(res);
    },
  );
}
