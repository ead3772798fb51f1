import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { MAX_BUILDING_AREA, MAX_ROOM_AREA, ROOM_STATUSES, USE_CLASSES } from '../../../contracts/modules/office-space';
import {
  type AuthContext,
  type CoreServices,
  type ExcelColumn,
  type Executor,
  assertOrgInScope,
  type MessageCode,
  parseWorkbook,
  queryRows,
  translate,
  writeAudit,
} from '../../core';
import type { OccupancyService } from './occupancy.service';
import { OP } from './office.permissions';
import { officeBuildings, officeFloors, officeSites } from './office.schema';
import type { RoomService } from './rooms.service';

/**
 * Excel exchange for the spreadsheets units keep today: buildings, rooms and occupancy.
 * Each import validates every row (including look-ups of sites, buildings, units and
 * people by name) and then writes all rows in one transaction, or nothing.
 */
const opt = (labels: [string, string, string][]) => labels.map(([code, labelZh, labelEn]) => ({ code, labelZh, labelEn }));
const USE_CLASS_OPTS = opt([
  ['office', '办公室', 'Office'],
  ['service', '服务用房', 'Service room'],
  ['equipment', '设备用房', 'Equipment room'],
  ['auxiliary', '附属用房', 'Auxiliary room'],
]);
const STATUS_OPTS = opt([
  ['in_use', '在用', 'In use'],
  ['idle', '闲置', 'Idle'],
  ['repair', '维修中', 'Under repair'],
  ['leased_in', '租用', 'Leased in'],
  ['rented_out', '出租', 'Rented out'],
  ['lent_out', '出借', 'Lent out'],
]);
const OWNERSHIP_OPTS = opt([
  ['owned', '自有', 'Owned'],
  ['leased_in', '租用', 'Leased in'],
  ['allocated', '调剂使用', 'Allocated'],
]);
const KIND_OPTS = opt([
  ['primary', '主办公室', 'Primary'],
  ['concurrent', '兼职用房', 'Concurrent post'],
]);

export const BUILDING_COLUMNS: ExcelColumn[] = [
  { key: 'siteName', headerZh: '办公区', headerEn: 'Site', type: 'string', required: true, width: 20, example: '机关大院' },
  { key: 'name', headerZh: '楼栋', headerEn: 'Building', type: 'string', required: true, width: 16, example: '1号楼' },
  { key: 'grossArea', headerZh: '建筑面积(㎡)', headerEn: 'Gross area (m²)', type: 'number', required: true, example: 12000.5 },
  { key: 'yearBuilt', headerZh: '建成年份', headerEn: 'Year built', type: 'number', example: 2008 },
  { key: 'ownership', headerZh: '权属', headerEn: 'Ownership', type: 'enum', enum: OWNERSHIP_OPTS, required: true, example: 'owned' },
  { key: 'address', headerZh: '地址', headerEn: 'Address', type: 'string', width: 30 },
  { key: 'floorsAbove', headerZh: '地上层数', headerEn: 'Floors above', type: 'number', required: true, example: 6 },
  { key: 'floorsBelow', headerZh: '地下层数', headerEn: 'Floors below', type: 'number', example: 1 },
];
export const ROOM_COLUMNS: ExcelColumn[] = [
  { key: 'siteName', headerZh: '办公区', headerEn: 'Site', type: 'string', required: true, width: 20, example: '机关大院' },
  { key: 'buildingName', headerZh: '楼栋', headerEn: 'Building', type: 'string', required: true, example: '1号楼' },
  {
    key: 'level',
    headerZh: '楼层',
    headerEn: 'Floor',
    type: 'number',
    required: true,
    example: 3,
    noteZh: '数字；地下一层填 -1',
    noteEn: 'a number; -1 for the first basement',
  },
  { key: 'number', headerZh: '房间号', headerEn: 'Room number', type: 'string', required: true, example: '301' },
  { key: 'useClass', headerZh: '用途分类', headerEn: 'Use class', type: 'enum', enum: USE_CLASS_OPTS, required: true, example: 'office' },
  {
    key: 'useType',
    headerZh: '具体用途',
    headerEn: 'Use',
    type: 'string',
    example: 'office',
    noteZh: '基础数据“房间用途”的代码或名称，如 办公室、会议室、档案室',
    noteEn: 'code or name from the room-use list, e.g. office, meeting, archive',
  },
  { key: 'area', headerZh: '使用面积(㎡)', headerEn: 'Usable area (m²)', type: 'number', required: true, example: 18.5 },
  {
    key: 'orgName',
    headerZh: '使用单位',
    headerEn: 'Unit',
    type: 'string',
    required: true,
    width: 24,
    noteZh: '单位全称或简称',
    noteEn: 'full or short name of the unit',
  },
  { key: 'status', headerZh: '状态', headerEn: 'Status', type: 'enum', enum: STATUS_OPTS, example: 'in_use' },
  {
    key: 'singleOccupant',
    headerZh: '领导单人办公室',
    headerEn: 'Single-occupant suite',
    type: 'boolean',
    noteZh: '是/否',
    noteEn: 'yes/no',
  },
  { key: 'note', headerZh: '备注', headerEn: 'Note', type: 'string', width: 30 },
];
export const OCCUPANCY_COLUMNS: ExcelColumn[] = [
  { key: 'personName', headerZh: '姓名', headerEn: 'Name', type: 'string', required: true },
  { key: 'orgName', headerZh: '所在单位', headerEn: 'Unit', type: 'string', required: true, width: 24 },
  {
    key: 'employeeNo',
    headerZh: '工号',
    headerEn: 'Employee no.',
    type: 'string',
    noteZh: '同单位有重名时必填',
    noteEn: 'required when the unit has two people of that name',
  },
  { key: 'siteName', headerZh: '办公区', headerEn: 'Site', type: 'string', required: true, width: 20 },
  { key: 'buildingName', headerZh: '楼栋', headerEn: 'Building', type: 'string', required: true },
  { key: 'number', headerZh: '房间号', headerEn: 'Room number', type: 'string', required: true },
  { key: 'kind', headerZh: '用房类型', headerEn: 'Kind', type: 'enum', enum: KIND_OPTS, example: 'primary' },
  { key: 'startDate', headerZh: '起用日期', headerEn: 'Start date', type: 'date', required: true, example: '2024-01-01' },
];
export const ROOM_EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'siteName', headerZh: '办公区', headerEn: 'Site', type: 'string', width: 20 },
  { key: 'buildingName', headerZh: '楼栋', headerEn: 'Building', type: 'string' },
  { key: 'floorName', headerZh: '楼层', headerEn: 'Floor', type: 'string' },
  { key: 'number', headerZh: '房间号', headerEn: 'Room number', type: 'string' },
  { key: 'useClass', headerZh: '用途分类', headerEn: 'Use class', type: 'enum', enum: USE_CLASS_OPTS },
  { key: 'useType', headerZh: '具体用途', headerEn: 'Use', type: 'string' },
  { key: 'area', headerZh: '使用面积(㎡)', headerEn: 'Usable area (m²)', type: 'number' },
  { key: 'orgName', headerZh: '使用单位', headerEn: 'Unit', type: 'string', width: 24 },
  { key: 'status', headerZh: '状态', headerEn: 'Status', type: 'enum', enum: STATUS_OPTS },
  { key: 'occupantNames', headerZh: '使用人', headerEn: 'Occupants', type: 'string', width: 30 },
  { key: 'note', headerZh: '备注', headerEn: 'Note', type: 'string', width: 30 },
];
export const COMPLIANCE_EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'orgName', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 24 },
  { key: 'name', headerZh: '姓名', headerEn: 'Name', type: 'string' },
  { key: 'postTitle', headerZh: '职务', headerEn: 'Post', type: 'string', width: 20 },
  { key: 'postLevel', headerZh: '职务级别代码', headerEn: 'Post level', type: 'string' },
  { key: 'entitledArea', headerZh: '标准面积(㎡)', headerEn: 'Standard (m²)', type: 'number' },
  { key: 'actualArea', headerZh: '实际使用面积(㎡)', headerEn: 'Actual (m²)', type: 'number' },
  { key: 'excessArea', headerZh: '超标面积(㎡)', headerEn: 'Excess (m²)', type: 'number' },
  { key: 'roomNumbers', headerZh: '房间', headerEn: 'Rooms', type: 'string', width: 24 },
];

const ZBuildingRow = z.object({
  siteName: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  grossArea: z.number().positive().max(MAX_BUILDING_AREA),
  yearBuilt: z.number().int().min(1900).max(2100).optional(),
  ownership: z.enum(['owned', 'leased_in', 'allocated']),
  address: z.string().max(200).optional(),
  floorsAbove: z.number().int().min(1).max(120),
  floorsBelow: z.number().int().min(0).max(10).default(0),
});
const ZRoomRow = z.object({
  siteName: z.string().min(1).max(100),
  buildingName: z.string().min(1).max(100),
  level: z.number().int().min(-10).max(150),
  number: z.coerce.string().min(1).max(20),
  useClass: z.enum(USE_CLASSES),
  useType: z.string().max(40).optional(),
  area: z.number().positive().max(MAX_ROOM_AREA),
  orgName: z.string().min(1).max(100),
  status: z.enum(ROOM_STATUSES).default('in_use'),
  singleOccupant: z.boolean().default(false),
  note: z.string().max(500).optional(),
});
const ZOccupancyRow = z.object({
  personName: z.string().min(1).max(50),
  orgName: z.string().min(1).max(100),
  employeeNo: z.coerce.string().max(40).optional(),
  siteName: z.string().min(1).max(100),
  buildingName: z.string().min(1).max(100),
  number: z.coerce.string().min(1).max(20),
  kind: z.enum(['primary', 'concurrent']).default('primary'),
  startDate: z.string(),
});

type Err = { row: number; column: string; message: string };
const msg = (ctx: AuthContext, zh: string, en: string) => (ctx.locale === 'en' ? en : zh);
const colName = (cols: ExcelColumn[], key: string, ctx: AuthContext) => {
  const c = cols.find((x) => x.key === key)!;
  return ctx.locale === 'en' ? c.headerEn : c.headerZh;
};

/** Units the caller may write for, by full and short name. */
async function unitsByName(db: Executor, ctx: AuthContext, permission: string) {
  const rows = await queryRows<{ id: number; name: string; short_name: string | null; path: string }>(
    db,
    sql`select id, name, short_name, path from orgs where kind in ('unit','bureau') and status = 'active' and tenant_id = ${ctx.tenantId}`,
  );
  const m = new Map<string, number>();
  for (const r of rows) {
    if (!ctx.covers(permission, r)) continue;
    m.set(r.name, r.id);
    if (r.short_name) m.set(r.short_name, r.id);
  }
  return m;
}

export class OfficeExcel {
  constructor(
    private readonly core: CoreServices,
    private readonly rooms: RoomService,
    private readonly occupancies: OccupancyService,
  ) {}

  async importBuildings(ctx: AuthContext, buf: Buffer, orgId: number) {
    ctx.require(OP['office.manage']);
    await assertOrgInScope(this.core.db, ctx, OP['office.manage'], orgId);
    const { rows, errors } = await parseWorkbook(buf, BUILDING_COLUMNS, ZBuildingRow, ctx.locale);
    const existing = await queryRows<{ site: string; name: string }>(
      this.core.db,
      sql`select s.name as site, b.name from office_buildings b join office_sites s on s.id = b.site_id where b.tenant_id = ${ctx.tenantId}`,
    );
    const seen = new Set(existing.map((e) => `${e.site}/${e.name}`));
    for (const r of rows) {
      const k = `${r.data.siteName}/${r.data.name}`;
      if (seen.has(k))
        errors.push({
          row: r.row,
          column: colName(BUILDING_COLUMNS, 'name', ctx),
          message: msg(ctx, '该办公区已有同名楼栋', 'the site already has a building of this name'),
        });
      seen.add(k);
    }
    if (errors.length) return { imported: 0, errors: sortErrors(errors) };
    await this.core.db.transaction(async (tx) => {
      const sites = new Map<string, number>();
      for (const s of await tx.select().from(officeSites)) if (s.tenantId === ctx.tenantId) sites.set(s.name, s.id);
      for (const { data } of rows) {
        let siteId = sites.get(data.siteName);
        if (!siteId) {
          const [s] = await tx.insert(officeSites).values({ tenantId: ctx.tenantId, orgId, name: data.siteName }).returning();
          siteId = s!.id;
          sites.set(data.siteName, siteId);
        }
        const [site] = await tx.select().from(officeSites).where(sql`${officeSites.id} = ${siteId}`);
        const [b] = await tx
          .insert(officeBuildings)
          .values({
            tenantId: ctx.tenantId,
            siteId,
            orgId: site!.orgId,
            name: data.name,
            grossArea: data.grossArea,
            yearBuilt: data.yearBuilt ?? null,
            ownership: data.ownership,
            address: data.address ?? null,
            floorsAbove: data.floorsAbove,
            floorsBelow: data.floorsBelow,
          })
          .returning();
        const floors = [];
        for (let l = -data.floorsBelow; l <= data.floorsAbove; l++)
          if (l !== 0) floors.push({ tenantId: ctx.tenantId, buildingId: b!.id, level: l, name: l > 0 ? `${l}F` : `B${-l}` });
        await tx.insert(officeFloors).values(floors);
      }
      await writeAudit(tx, ctx.auditActor(), {
        action: 'import',
        entityType: 'office_building',
        orgId,
        summary: `${rows.length} buildings`,
      });
    });
    return { imported: rows.length, errors: [] };
  }

  async importRooms(ctx: AuthContext, buf: Buffer) {
    ctx.require(OP['office.import']);
    ctx.require(OP['office.write']);
    const { rows, errors } = await parseWorkbook(buf, ROOM_COLUMNS, ZRoomRow, ctx.locale);
    const db = this.core.db;
    const units = await unitsByName(db, ctx, OP['office.write']);
    const buildings = await queryRows<{ id: number; site: string; name: string }>(
      db,
      sql`select b.id, s.name as site, b.name from office_buildings b join office_sites s on s.id = b.site_id where b.tenant_id = ${ctx.tenantId} and b.status = 'active'`,
    );
    const bId = new Map(buildings.map((b) => [`${b.site}/${b.name}`, b.id]));
    const uses = await queryRows<{ code: string; label_zh: string; label_en: string }>(
      db,
      sql`select code, label_zh, label_en from code_items where list = 'room_use' and active`,
    );
    const roomUseCode = (v: string | undefined) =>
      v ? uses.find((u) => u.code === v || u.label_zh === v || u.label_en.toLowerCase() === v.toLowerCase())?.code : 'office';
    const existing = await queryRows<{ building_id: number; level: number; number: string }>(
      db,
      sql`select r.building_id, f.level, r.number from office_rooms r join office_floors f on f.id = r.floor_id where r.active and r.tenant_id = ${ctx.tenantId}`,
    );
    const taken = new Set(existing.map((e) => `${e.building_id}/${e.level}/${e.number}`));
    const plan: { row: number; buildingId: number; orgId: number; useType: string; data: z.infer<typeof ZRoomRow> }[] = [];
    for (const r of rows) {
      const c = (k: string) => colName(ROOM_COLUMNS, k, ctx);
      const buildingId = bId.get(`${r.data.siteName}/${r.data.buildingName}`);
      const orgId = units.get(r.data.orgName);
      const useType = roomUseCode(r.data.useType);
      let ok = true;
      if (!buildingId) {
        errors.push({
          row: r.row,
          column: c('buildingName'),
          message: msg(
            ctx,
            `未找到楼栋“${r.data.siteName}/${r.data.buildingName}”，请先导入楼栋`,
            `no building "${r.data.siteName}/${r.data.buildingName}"; import buildings first`,
          ),
        });
        ok = false;
      }
      if (!orgId) {
        errors.push({
          row: r.row,
          column: c('orgName'),
          message: msg(ctx, `未找到单位“${r.data.orgName}”，或无权维护该单位`, `no unit "${r.data.orgName}" that you may maintain`),
        });
        ok = false;
      }
      if (!useType) {
        errors.push({
          row: r.row,
          column: c('useType'),
          message: msg(ctx, `“${r.data.useType}”不在房间用途代码表中`, `"${r.data.useType}" is not in the room-use list`),
        });
        ok = false;
      }
      if (!ok) continue;
      const key = `${buildingId}/${r.data.level}/${r.data.number}`;
      if (taken.has(key)) {
        errors.push({
          row: r.row,
          column: c('number'),
          message: msg(ctx, `该楼层已有房间号 ${r.data.number}`, `room ${r.data.number} already exists on this floor`),
        });
        continue;
      }
      taken.add(key);
      plan.push({ row: r.row, buildingId: buildingId!, orgId: orgId!, useType: useType!, data: r.data });
    }
    if (errors.length) return { imported: 0, errors: sortErrors(errors) };
    const refused = await writeAllOrNothing(db, ctx, colName(ROOM_COLUMNS, 'number', ctx), plan, async (tx) => {
      const floorIds = new Map<string, number>();
      for (const f of await tx.select().from(officeFloors).where(sql`${officeFloors.tenantId} = ${ctx.tenantId}`))
        floorIds.set(`${f.buildingId}/${f.level}`, f.id);
      // The same rules as a single room (floor permission, suite checks), row by row.
      return async (p) => {
        let floorId = floorIds.get(`${p.buildingId}/${p.data.level}`);
        if (!floorId) {
          const name = p.data.level > 0 ? `${p.data.level}F` : `B${-p.data.level}`;
          const [f] = await tx
            .insert(officeFloors)
            .values({ tenantId: ctx.tenantId, buildingId: p.buildingId, level: p.data.level, name })
            .returning();
          floorId = f!.id;
          floorIds.set(`${p.buildingId}/${p.data.level}`, floorId);
        }
        await this.rooms.createRoom(
          ctx,
          {
            floorId,
            number: p.data.number,
            useClass: p.data.useClass,
            useType: p.useType,
            area: Math.round(p.data.area * 100) / 100,
            orgId: p.orgId,
            status: p.data.status,
            singleOccupant: p.data.singleOccupant,
            note: p.data.note ?? null,
          },
          tx,
        );
      };
    });
    if (refused.length) return { imported: 0, errors: refused };
    await db.execute(sql`analyze office_rooms`);
    return { imported: plan.length, errors: [] };
  }

  async importOccupancy(ctx: AuthContext, buf: Buffer) {
    ctx.require(OP['office.import']);
    ctx.require(OP['office.write']);
    const { rows, errors } = await parseWorkbook(buf, OCCUPANCY_COLUMNS, ZOccupancyRow, ctx.locale);
    const db = this.core.db;
    const units = await unitsByName(db, ctx, OP['office.write']);
    const rooms = await queryRows<{ id: number; key: string }>(
      db,
      sql`select r.id, s.name || '/' || b.name || '/' || r.number as key from office_rooms r
          join office_buildings b on b.id = r.building_id join office_sites s on s.id = r.site_id where r.active and r.tenant_id = ${ctx.tenantId}`,
    );
    const roomId = new Map<string, number[]>();
    for (const r of rooms) roomId.set(r.key, [...(roomId.get(r.key) ?? []), r.id]);
    const plan: { row: number; personId: number; roomId: number; kind: 'primary' | 'concurrent'; startDate: string }[] = [];
    for (const r of rows) {
      const c = (k: string) => colName(OCCUPANCY_COLUMNS, k, ctx);
      const orgId = units.get(r.data.orgName);
      if (!orgId) {
        errors.push({
          row: r.row,
          column: c('orgName'),
          message: msg(ctx, `未找到单位“${r.data.orgName}”，或无权维护该单位`, `no unit "${r.data.orgName}" that you may maintain`),
        });
        continue;
      }
      const people = await queryRows<{ id: number }>(
        db,
        sql`select id from people where org_id = ${orgId} and name = ${r.data.personName} and status = 'active'
            ${r.data.employeeNo ? sql`and employee_no = ${r.data.employeeNo}` : sql``}`,
      );
      if (people.length !== 1) {
        errors.push({
          row: r.row,
          column: c(people.length ? 'employeeNo' : 'personName'),
          message: people.length
            ? msg(ctx, '同单位有重名，请填写工号', 'two people share this name; give the employee no.')
            : msg(ctx, '该单位没有此在职人员', 'no active person of this name in the unit'),
        });
        continue;
      }
      const ids = roomId.get(`${r.data.siteName}/${r.data.buildingName}/${r.data.number}`) ?? [];
      if (ids.length !== 1) {
        errors.push({
          row: r.row,
          column: c('number'),
          message: ids.length
            ? msg(ctx, '该楼栋有多个同号房间（不同楼层）', 'several floors have this room number')
            : msg(ctx, '未找到该房间', 'no such room'),
        });
        continue;
      }
      plan.push({ row: r.row, personId: people[0]!.id, roomId: ids[0]!, kind: r.data.kind, startDate: r.data.startDate });
    }
    if (errors.length) return { imported: 0, errors: sortErrors(errors) };
    // Overlap rules (single-occupant suites, one primary office) are checked row by row in one
    // transaction; the first failure rolls back everything and is reported with its row.
    const refused = await writeAllOrNothing(
      db,
      ctx,
      colName(OCCUPANCY_COLUMNS, 'number', ctx),
      plan,
      async (tx) => (p) =>
        this.occupancies.createOccupancy(
          ctx,
          { personId: p.personId, roomId: p.roomId, kind: p.kind, startDate: p.startDate, endDate: null, note: null },
          tx,
        ),
    );
    if (refused.length) return { imported: 0, errors: refused };
    await db.execute(sql`analyze office_occupancies`);
    return { imported: plan.length, errors: [] };
  }
}

const sortErrors = (e: Err[]) => e.sort((a, b) => a.row - b.row);

class RowRefused extends Error {
  constructor(
    readonly row: number,
    readonly refusal: unknown,
  ) {
    super('row refused');
  }
}

/**
 * Writes every planned row in one transaction through the same service method a single
 * record uses (so every rule applies); the first refusal rolls everything back and is
 * reported against its spreadsheet row, in the user's language.
 */
async function writeAllOrNothing<P extends { row: number }>(
  db: CoreServices['db'],
  ctx: AuthContext,
  column: string,
  plan: P[],
  prepare: (tx: Executor) => Promise<(p: P) => Promise<unknown>>,
): Promise<Err[]> {
  try {
    await db.transaction(async (tx) => {
      const write = await prepare(tx);
      for (const p of plan) await write(p).catch((e) => Promise.reject(new RowRefused(p.row, e)));
    });
    return [];
  } catch (e) {
    if (!(e instanceof RowRefused)) throw e;
    const r = e.refusal as { code?: string; params?: Record<string, string | number> };
    if (!r?.code) throw e.refusal;
    return [{ row: e.row, column, message: translate(r.code as MessageCode, ctx.locale, r.params) }];
  }
}

const REPAIR_STATUS_OPTS = opt([
  ['pending', '审批中', 'Pending approval'],
  ['approved', '已立项', 'Approved'],
  ['in_progress', '实施中', 'In progress'],
  ['completed', '已竣工验收', 'Completed'],
  ['filed', '已备案', 'Filed'],
  ['rejected', '未批准', 'Rejected'],
  ['returned', '已退回', 'Returned'],
  ['withdrawn', '已撤回', 'Withdrawn'],
]);
export const REPAIR_EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'orgName', headerZh: '单位', headerEn: 'Unit', type: 'string', width: 24 },
  { key: 'buildingName', headerZh: '楼栋', headerEn: 'Building', type: 'string', width: 20 },
  {
    key: 'kind',
    headerZh: '类别',
    headerEn: 'Kind',
    type: 'enum',
    enum: opt([
      ['major', '大修', 'Major'],
      ['medium', '中修', 'Medium'],
      ['routine', '日常维修', 'Routine'],
    ]),
  },
  { key: 'title', headerZh: '项目名称', headerEn: 'Project', type: 'string', width: 30 },
  { key: 'budget', headerZh: '预算(元)', headerEn: 'Budget (yuan)', type: 'money' },
  { key: 'actualCost', headerZh: '实际费用(元)', headerEn: 'Actual cost (yuan)', type: 'money' },
  { key: 'addedArea', headerZh: '计划增加面积(㎡)', headerEn: 'Planned added area (m²)', type: 'number' },
  { key: 'plannedStart', headerZh: '计划开工', headerEn: 'Planned start', type: 'string' },
  { key: 'plannedEnd', headerZh: '计划完工', headerEn: 'Planned end', type: 'string' },
  { key: 'completedOn', headerZh: '竣工日期', headerEn: 'Completed on', type: 'string' },
  { key: 'status', headerZh: '状态', headerEn: 'Status', type: 'enum', enum: REPAIR_STATUS_OPTS },
];
export const ALLOCATION_EXPORT_COLUMNS: ExcelColumn[] = [
  { key: 'orgName', headerZh: '申请单位', headerEn: 'Unit', type: 'string', width: 24 },
  { key: 'useClass', headerZh: '用途', headerEn: 'Use', type: 'enum', enum: USE_CLASS_OPTS },
  { key: 'requestedArea', headerZh: '申请面积(㎡)', headerEn: 'Requested (m²)', type: 'number' },
  { key: 'headcount', headerZh: '人数', headerEn: 'People', type: 'number' },
  { key: 'assignedArea', headerZh: '调配面积(㎡)', headerEn: 'Assigned (m²)', type: 'number' },
  { key: 'roomNumbers', headerZh: '调配房间', headerEn: 'Rooms', type: 'string', width: 30 },
  { key: 'reason', headerZh: '理由', headerEn: 'Reason', type: 'string', width: 40 },
  { key: 'status', headerZh: '状态', headerEn: 'Status', type: 'string' },
];
