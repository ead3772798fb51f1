import type { FastifyInstance } from 'fastify';
import { officeApi } from '../../../contracts/modules/office-space.api';
import {
  type CoreServices,
  batchedRows,
  buildTemplate,
  mapRows,
  mountRoutes,
  importOutcome,
  readUpload,
  requireAuth,
  sendXlsx,
  streamXlsx,
  writeAudit,
} from '../../core';
import type { AllocationService } from './allocation.service';
import type { ComplianceService } from './compliance.service';
import type { InspectionService } from './inspection.service';
import type { LeaseService } from './lease.service';
import type { OccupancyService } from './occupancy.service';
import {
  ALLOCATION_EXPORT_COLUMNS,
  BUILDING_COLUMNS,
  COMPLIANCE_EXPORT_COLUMNS,
  OCCUPANCY_COLUMNS,
  type OfficeExcel,
  REPAIR_EXPORT_COLUMNS,
  ROOM_COLUMNS,
  ROOM_EXPORT_COLUMNS,
} from './office.excel';
import { OP } from './office.permissions';
import type { PlacesService } from './places.service';
import type { RectificationService } from './rectification.service';
import type { RepairService } from './repair.service';
import type { RoomService } from './rooms.service';

export type OfficeServices = {
  core: CoreServices;
  places: PlacesService;
  rooms: RoomService;
  occupancies: OccupancyService;
  compliance: ComplianceService;
  rectifications: RectificationService;
  inspections: InspectionService;
  leases: LeaseService;
  allocations: AllocationService;
  repairs: RepairService;
  excel: OfficeExcel;
};

const KINDS = { buildings: BUILDING_COLUMNS, rooms: ROOM_COLUMNS, occupancy: OCCUPANCY_COLUMNS } as const;
const names = { buildings: ['楼栋', 'Buildings'], rooms: ['房间', 'Rooms'], occupancy: ['使用人', 'Occupancy'] } as const;
const xlsx = (zh: string, en: string, locale: string) => (locale === 'en' ? en : zh);

/** Thin HTTP layer: the routes are defined in the contract (officeApi); sign-in, one service call, present. */
export async function officeRoutes(app: FastifyInstance, opts: { svc: OfficeServices; maxUploadMb: number }) {
  const { places, rooms, occupancies, compliance, rectifications, inspections, leases, allocations, repairs, excel, core } = opts.svc;
  const audited = async (ctx: ReturnType<typeof requireAuth>, entityType: string, summary: string) =>
    core.db.transaction((tx) => writeAudit(tx, ctx.auditActor(), { action: 'export', entityType, summary }));

  mountRoutes(app, officeApi, {
    // ---------- sites, buildings, floors ----------
    sites: async (req) => ({ items: await places.listSites(requireAuth(req), req.query.orgId) }),
    createSite: async (req) => places.createSite(requireAuth(req), req.body),
    updateSite: async (req) => places.updateSite(requireAuth(req), req.params.id, req.body),
    buildings: async (req) => ({ items: await places.listBuildings(requireAuth(req), req.query) }),
    createBuilding: async (req) => places.createBuilding(requireAuth(req), req.body),
    updateBuilding: async (req) => places.updateBuilding(requireAuth(req), req.params.id, req.body),
    floors: async (req) => ({ items: await places.listFloors(requireAuth(req), req.query.buildingId) }),
    createFloor: async (req) => places.createFloor(requireAuth(req), req.body),
    floor: async (req) => compliance.floorDetail(requireAuth(req), req.params.id),
    updateFloor: async (req) => places.updateFloor(requireAuth(req), req.params.id, req.body),

    // ---------- rooms ----------
    rooms: async (req) => rooms.listRooms(requireAuth(req), req.query),
    exportRooms: async (req, reply) => {
      const ctx = requireAuth(req);
      ctx.require(OP['office.export']);
      const src = await batchedRows((page, pageSize) => rooms.listRooms(ctx, { ...req.query, page, pageSize }, OP['office.export']));
      await audited(ctx, 'office_room', `${src.count}/${src.total} rows; filter ${JSON.stringify(req.query)}`);
      return streamXlsx(reply, {
        columns: ROOM_EXPORT_COLUMNS,
        rows: src.rows,
        locale: req.locale,
        sheetName: xlsx('房间', 'Rooms', req.locale),
        fileName: xlsx('房间清单', 'rooms', req.locale),
      });
    },
    room: async (req) => rooms.room(requireAuth(req), req.params.id),
    createRoom: async (req) => (await rooms.createRoom(requireAuth(req), req.body))!,
    updateRoom: async (req) => rooms.updateRoom(requireAuth(req), req.params.id, req.body),
    retireRoom: async (req) => {
      await rooms.retireRoom(requireAuth(req), req.params.id);
      return { ok: true as const };
    },

    // ---------- occupancy ----------
    occupancies: async (req) => occupancies.listOccupancies(requireAuth(req), req.query),
    createOccupancy: async (req) => (await occupancies.createOccupancy(requireAuth(req), req.body))!,
    updateOccupancy: async (req) => occupancies.updateOccupancy(requireAuth(req), req.params.id, req.body),

    // ---------- compliance, summary, dashboard ----------
    compliance: async (req) => compliance.compliance(requireAuth(req), req.query),
    exportCompliance: async (req, reply) => {
      const ctx = requireAuth(req);
      ctx.require(OP['office.export']);
      const src = await compliance.exportRows(ctx, req.query);
      await audited(ctx, 'office_compliance', `${src.count} rows; filter ${JSON.stringify(req.query)}`);
      return streamXlsx(reply, {
        columns: COMPLIANCE_EXPORT_COLUMNS,
        rows: src.rows,
        locale: req.locale,
        sheetName: xlsx('达标情况', 'Compliance', req.locale),
        fileName: xlsx('办公用房达标情况', 'office-compliance', req.locale),
      });
    },
    summary: async (req) => compliance.summary(requireAuth(req), req.query.orgId),
    unitStats: async (req) => compliance.unitStats(requireAuth(req), req.query.orgId),
    overdue: async (req) => compliance.overdue(requireAuth(req), req.query.orgId),
    mine: async (req) => compliance.mine(requireAuth(req)),
    filingReport: async (req) => compliance.filingReport(requireAuth(req), req.query.orgId),

    // ---------- rectification ----------
    rectifications: async (req) => rectifications.list(requireAuth(req), req.query),
    rectification: async (req) => rectifications.get(requireAuth(req), req.params.id),
    createRectification: async (req) => rectifications.create(requireAuth(req), req.body),
    previewRectification: async (req) => rectifications.preview(requireAuth(req), req.body.personId, req.body.payload),

    // ---------- inspections ----------
    inspections: async (req) => ({ items: await inspections.list(requireAuth(req)) }),
    createInspection: async (req) => inspections.create(requireAuth(req), req.body),
    addFinding: async (req) => inspections.addFinding(requireAuth(req), req.params.id, req.body),
    findings: async (req) => inspections.findings(requireAuth(req), req.query),
    closeFinding: async (req) => inspections.close(requireAuth(req), req.params.id, req.body),

    // ---------- leases in (租用) ----------
    leases: async (req) => leases.list(requireAuth(req), req.query),
    createLease: async (req) => leases.create(requireAuth(req), req.body),
    renewLease: async (req) => leases.renew(requireAuth(req), req.params.id, req.body),
    terminateLease: async (req) => leases.terminate(requireAuth(req), req.params.id, req.body),

    // ---------- allocation (调配) ----------
    allocations: async (req) => allocations.list(requireAuth(req), req.query),
    exportAllocations: async (req, reply) => {
      const ctx = requireAuth(req);
      ctx.require(OP['office.export']);
      const src = await batchedRows((page, pageSize) => allocations.list(ctx, { ...req.query, page, pageSize }));
      await audited(ctx, 'office_allocation', `${src.count}/${src.total} rows`);
      return streamXlsx(reply, {
        columns: ALLOCATION_EXPORT_COLUMNS,
        rows: mapRows(src.rows, (a) => ({ ...a, roomNumbers: a.rooms.map((r) => `${r.buildingName} ${r.number}`).join('、') })),
        locale: req.locale,
        sheetName: xlsx('调配', 'Allocations', req.locale),
        fileName: xlsx('办公用房调配', 'allocations', req.locale),
      });
    },
    idleRooms: async (req) => allocations.idleRooms(requireAuth(req), req.query),
    allocation: async (req) => allocations.get(requireAuth(req), req.params.id),
    createAllocation: async (req) => allocations.create(requireAuth(req), req.body),
    assignAllocation: async (req) => allocations.assign(requireAuth(req), req.params.id, req.body.roomIds),

    // ---------- repairs and refits (维修改造) ----------
    repairs: async (req) => repairs.list(requireAuth(req), req.query),
    exportRepairs: async (req, reply) => {
      const ctx = requireAuth(req);
      ctx.require(OP['office.export']);
      const src = await batchedRows((page, pageSize) => repairs.list(ctx, { ...req.query, page, pageSize }));
      await audited(ctx, 'office_repair', `${src.count}/${src.total} rows`);
      return streamXlsx(reply, {
        columns: REPAIR_EXPORT_COLUMNS,
        rows: src.rows,
        locale: req.locale,
        sheetName: xlsx('维修改造', 'Repairs', req.locale),
        fileName: xlsx('办公用房维修改造', 'repairs', req.locale),
      });
    },
    repair: async (req) => repairs.get(requireAuth(req), req.params.id),
    repairCurrent: async (req) => repairs.current(requireAuth(req), req.params.id),
    createRepair: async (req) => repairs.create(requireAuth(req), req.body),
    repairProgress: async (req) => repairs.progress(requireAuth(req), req.params.id, req.body),
    fileRepair: async (req) => repairs.file(requireAuth(req), req.params.id, req.body),

    // ---------- Excel import ----------
    importTemplate: async (req, reply) => {
      requireAuth(req).require(OP['office.import']);
      const [zh, en] = names[req.params.kind];
      const buf = await buildTemplate([...KINDS[req.params.kind]], req.locale, xlsx(zh, en, req.locale));
      return sendXlsx(reply, buf, xlsx(`${zh}导入模板`, `${en.toLowerCase()}-template`, req.locale));
    },
    importRows: async (req) => {
      const ctx = requireAuth(req);
      ctx.require(OP['office.import']);
      const { buffer } = await readUpload(req, opts.maxUploadMb);
      const res =
        req.params.kind === 'buildings'
          ? await excel.importBuildings(ctx, buffer, req.query.orgId ?? ctx.account.orgId)
          : req.params.kind === 'rooms'
            ? await excel.importRooms(ctx, buffer)
            : await excel.importOccupancy(ctx, buffer);
      // A file with row errors answers 422 IMPORT_FAILED with the report in `details` (nothing was imported).
      return importOutcome(res);
    },
  });
}
