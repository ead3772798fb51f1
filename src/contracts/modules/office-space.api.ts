import { z } from 'zod';
import { ZId, ZImportResultSchema, ZRef, ZIsoDate, ZOkSchema, ZPageQuerySchema, pageOf } from '../common';
import { defineRoutes } from '../route';
import {
  USE_CLASSES,
  ZAllocationAssignSchema,
  ZAllocationCreateSchema,
  ZAllocationQuerySchema,
  ZAllocationSchema,
  ZBuildingCreateSchema,
  ZBuildingSchema,
  ZBuildingUpdateSchema,
  ZComplianceExportQuerySchema,
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
  ZRepairCreateSchema,
  ZRepairFilingSchema,
  ZRepairProgressSchema,
  ZRepairQuerySchema,
  ZRepairSchema,
  ZRepairSnapshotSchema,
  ZRoomCreateSchema,
  ZRoomDetailSchema,
  ZRoomQuerySchema,
  ZRoomSchema,
  ZRoomUpdateSchema,
  ZSiteCreateSchema,
  ZSiteSchema,
  ZSiteUpdateSchema,
  ZSummarySchema,
  ZUnitStatsSchema,
} from './office-space';

const ZOrgQuery = z.object({ orgId: ZId.optional() });
const isoDay = ZIsoDate;
export const ZOccupancyPatchSchema = z.object({
  endDate: isoDay.nullish(),
  postEndedOn: isoDay.nullish(),
  note: z.string().max(200).nullish(),
});
export const ZRectificationListQuerySchema = ZPageQuerySchema.extend({
  orgId: ZId.optional(),
  personId: ZId.optional(),
  status: z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn']).optional(),
});
export const OFFICE_IMPORT_KINDS = ['buildings', 'rooms', 'occupancy'] as const;
const ZImportKind = z.object({ kind: z.enum(OFFICE_IMPORT_KINDS) });

/**
 * The office-space module's HTTP routes, defined once for the server and the web. Routes that
 * had no response schema before keep none (their answers are serialised as the service returns them).
 */
export const officeApi = defineRoutes('office-space', {
  // ---------- sites, buildings, floors ----------
  // Unpaged (the paging rule's exception for lists small by nature): a district has about a hundred
  // sites and a few hundred buildings, a building a few floors; the registry's pickers take them whole.
  sites: { method: 'GET', path: '/office-space/sites', query: ZOrgQuery, response: z.object({ items: z.array(ZSiteSchema) }) },
  createSite: { method: 'POST', path: '/office-space/sites', body: ZSiteCreateSchema },
  updateSite: { method: 'PATCH', path: '/office-space/sites/:id', body: ZSiteUpdateSchema },
  buildings: {
    method: 'GET',
    path: '/office-space/buildings',
    query: ZOrgQuery.extend({ siteId: ZId.optional() }),
    response: z.object({ items: z.array(ZBuildingSchema) }),
  },
  createBuilding: { method: 'POST', path: '/office-space/buildings', body: ZBuildingCreateSchema, response: ZBuildingSchema },
  updateBuilding: { method: 'PATCH', path: '/office-space/buildings/:id', body: ZBuildingUpdateSchema },
  floors: {
    method: 'GET',
    path: '/office-space/floors',
    query: z.object({ buildingId: ZId }),
    response: z.object({ items: z.array(ZFloorSchema) }),
  },
  createFloor: { method: 'POST', path: '/office-space/floors', body: ZFloorCreateSchema, response: ZFloorSchema },
  floor: {
    method: 'GET',
    path: '/office-space/floors/:id',
    summary: 'A floor with its plan and rooms (compliance colouring)',
    response: ZFloorDetailSchema,
  },
  updateFloor: {
    method: 'PATCH',
    path: '/office-space/floors/:id',
    summary: 'Rename a floor or save its drawn plan',
    body: ZFloorUpdateSchema,
    response: ZOkSchema,
  },

  // ---------- rooms ----------
  rooms: { method: 'GET', path: '/office-space/rooms', query: ZRoomQuerySchema, response: pageOf(ZRoomSchema) },
  exportRooms: {
    method: 'GET',
    path: '/office-space/rooms/export',
    kind: 'download',
    summary: 'Export the filtered rooms to Excel',
    query: ZRoomQuerySchema.omit({ page: true, pageSize: true }),
  },
  room: { method: 'GET', path: '/office-space/rooms/:id', response: ZRoomDetailSchema },
  createRoom: { method: 'POST', path: '/office-space/rooms', body: ZRoomCreateSchema, response: ZRoomSchema },
  updateRoom: {
    method: 'PATCH',
    path: '/office-space/rooms/:id',
    summary: 'Change a room; area, use and status changes keep a dated history',
    body: ZRoomUpdateSchema,
    response: ZRoomDetailSchema,
  },
  retireRoom: {
    method: 'DELETE',
    path: '/office-space/rooms/:id',
    summary: 'Retire a room nobody uses (kept for history)',
    response: ZOkSchema,
  },

  // ---------- occupancy ----------
  occupancies: { method: 'GET', path: '/office-space/occupancies', query: ZOccupancyQuerySchema, response: pageOf(ZOccupancySchema) },
  createOccupancy: { method: 'POST', path: '/office-space/occupancies', body: ZOccupancyCreateSchema, response: ZOccupancySchema },
  updateOccupancy: {
    method: 'PATCH',
    path: '/office-space/occupancies/:id',
    summary: 'End an occupancy (room recovered) or record when a concurrent post ended',
    body: ZOccupancyPatchSchema,
    response: ZOkSchema,
  },

  // ---------- compliance, summary, dashboard ----------
  compliance: {
    method: 'GET',
    path: '/office-space/compliance',
    summary: 'Entitled and actual area of every active person in scope',
    query: ZComplianceQuerySchema,
    response: ZComplianceSchema,
  },
  exportCompliance: { method: 'GET', path: '/office-space/compliance/export', kind: 'download', query: ZComplianceExportQuerySchema },
  summary: {
    method: 'GET',
    path: '/office-space/summary',
    summary: 'Totals by use class and the compliance counts for a unit or subtree',
    query: ZOrgQuery,
    response: ZSummarySchema,
  },
  unitStats: { method: 'GET', path: '/office-space/unit-stats', query: ZOrgQuery, response: ZUnitStatsSchema },
  overdue: {
    method: 'GET',
    path: '/office-space/overdue',
    summary: 'Rooms not recovered within the allowed months',
    query: ZOrgQuery,
    response: ZOverdueSchema,
  },
  mine: { method: 'GET', path: '/office-space/mine', summary: 'My rooms and my standard' },
  filingReport: {
    method: 'GET',
    path: '/office-space/filing-report',
    summary: '单位办公用房备案表 (filing report)',
    query: z.object({ orgId: ZId }),
    response: ZFilingReportSchema,
  },

  // ---------- rectification ----------
  rectifications: {
    method: 'GET',
    path: '/office-space/rectifications',
    query: ZRectificationListQuerySchema,
    response: pageOf(ZRectificationSchema),
  },
  rectification: { method: 'GET', path: '/office-space/rectifications/:id', response: ZRectificationSchema },
  createRectification: {
    method: 'POST',
    path: '/office-space/rectifications',
    summary: 'Request 腾/调/合/隔 for an over-standard person (runs on the approval engine)',
    body: ZRectificationCreateSchema,
    response: ZRectificationSchema,
  },
  previewRectification: {
    method: 'POST',
    path: '/office-space/rectifications/preview',
    summary: 'What a plan would leave, before submitting it',
    body: z.object({ personId: ZRef, payload: ZRectificationPayloadSchema }),
  },

  // ---------- inspections ----------
  // Unpaged: a few inspections a year; their findings (which grow) are the paged list below.
  inspections: { method: 'GET', path: '/office-space/inspections', response: z.object({ items: z.array(ZInspectionSchema) }) },
  createInspection: { method: 'POST', path: '/office-space/inspections', body: ZInspectionCreateSchema, response: ZInspectionSchema },
  addFinding: { method: 'POST', path: '/office-space/inspections/:id/findings', body: ZFindingCreateSchema, response: ZFindingSchema },
  findings: { method: 'GET', path: '/office-space/findings', query: ZFindingQuerySchema, response: pageOf(ZFindingSchema) },
  closeFinding: {
    method: 'POST',
    path: '/office-space/findings/:id/close',
    summary: 'Close a finding with evidence',
    body: ZFindingCloseSchema,
    response: ZFindingSchema,
  },

  // ---------- leases in (租用) ----------
  leases: { method: 'GET', path: '/office-space/leases', query: ZLeaseQuerySchema, response: pageOf(ZLeaseSchema) },
  createLease: { method: 'POST', path: '/office-space/leases', body: ZLeaseCreateSchema, response: ZLeaseSchema },
  renewLease: {
    method: 'POST',
    path: '/office-space/leases/:id/renew',
    summary: 'Renew: a new lease from the day after this one ends',
    body: ZLeaseRenewSchema,
    response: ZLeaseSchema,
  },
  terminateLease: { method: 'POST', path: '/office-space/leases/:id/terminate', body: ZLeaseTerminateSchema, response: ZLeaseSchema },

  // ---------- allocation (调配) ----------
  allocations: { method: 'GET', path: '/office-space/allocations', query: ZAllocationQuerySchema, response: pageOf(ZAllocationSchema) },
  exportAllocations: {
    method: 'GET',
    path: '/office-space/allocations/export',
    kind: 'download',
    summary: 'Export the filtered allocation requests to Excel',
    query: ZAllocationQuerySchema,
  },
  // Bounded, not paged: the 500 largest idle rooms matching the class and area (a picker for one allocation).
  idleRooms: {
    method: 'GET',
    path: '/office-space/allocations/idle-rooms',
    summary: 'Idle, empty rooms the bureau can allocate',
    query: z.object({ useClass: z.enum(USE_CLASSES).optional(), minArea: z.coerce.number().min(0).max(5000).optional() }),
  },
  allocation: { method: 'GET', path: '/office-space/allocations/:id', response: ZAllocationSchema },
  createAllocation: {
    method: 'POST',
    path: '/office-space/allocations',
    summary: 'Ask for space (runs on the approval engine)',
    body: ZAllocationCreateSchema,
    response: ZAllocationSchema,
    status: 201,
  },
  assignAllocation: {
    method: 'PUT',
    path: '/office-space/allocations/:id/rooms',
    summary: 'The bureau assigns idle rooms to a pending request',
    body: ZAllocationAssignSchema,
    response: ZAllocationSchema,
  },

  // ---------- repairs and refits (维修改造) ----------
  repairs: { method: 'GET', path: '/office-space/repairs', query: ZRepairQuerySchema, response: pageOf(ZRepairSchema) },
  exportRepairs: {
    method: 'GET',
    path: '/office-space/repairs/export',
    kind: 'download',
    summary: 'Export the filtered repair projects to Excel',
    query: ZRepairQuerySchema,
  },
  repair: { method: 'GET', path: '/office-space/repairs/:id', response: ZRepairSchema },
  repairCurrent: {
    method: 'GET',
    path: '/office-space/repairs/:id/current',
    summary: "The unit's rooms in the building today (the filing form)",
    response: ZRepairSnapshotSchema,
  },
  createRepair: {
    method: 'POST',
    path: '/office-space/repairs',
    summary: '检查鉴定 and project request (runs on the approval engine)',
    body: ZRepairCreateSchema,
    response: ZRepairSchema,
    status: 201,
  },
  repairProgress: {
    method: 'POST',
    path: '/office-space/repairs/:id/progress',
    summary: 'Start the works, or complete them with the acceptance',
    body: ZRepairProgressSchema,
    response: ZRepairSchema,
  },
  fileRepair: {
    method: 'POST',
    path: '/office-space/repairs/:id/filing',
    summary: '备案: the building after the works; the registry follows, before and after are kept',
    body: ZRepairFilingSchema,
    response: ZRepairSchema,
  },

  // ---------- Excel import ----------
  importTemplate: { method: 'GET', path: '/office-space/import/:kind/template', kind: 'download', params: ZImportKind },
  importRows: {
    method: 'POST',
    path: '/office-space/import/:kind',
    kind: 'upload',
    summary: 'Import from Excel: all rows or none, with a row-by-row report (422 with the report when a row fails)',
    params: ZImportKind,
    query: ZOrgQuery,
    response: ZImportResultSchema,
  },
});
