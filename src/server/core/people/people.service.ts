import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ZPersonCreateSchema, type TPeopleQuery, type TPersonCreate, type ZPersonUpdateSchema } from '../../../contracts/core/people';
import type { Db, Executor } from '../../db/client';
import { writeAudit } from '../audit/audit.service';
import type { FieldCipher } from '../crypto/crypto';
import { maskIdNumber, maskPhone } from '../crypto/crypto';
import { type ImportError, parseWorkbook } from '../excel/excel';
import { conflict, fieldError, notFound } from '../http/errors';
import { orgs } from '../org/org.schema';
import type { AuthContext } from '../rbac/context';
import { P } from '../rbac/permissions';
import { codeItems } from '../refdata/refdata.schema';
import { PEOPLE_COLUMNS } from './people.columns';
import { type PersonListRow, peopleRepository as repo } from './people.repository';
import { people } from './people.schema';
import { cnToday } from '../util/dates';

/** A status date defaults to today in China, from the core clock. */
const today = () => cnToday();

export class PeopleService {
  constructor(
    private readonly db: Db,
    private readonly cipher: FieldCipher,
  ) {}

  view(r: PersonListRow) {
    return {
      id: r.id,
      orgId: r.orgId,
      orgName: r.orgName,
      deptId: r.deptId,
      deptName: r.deptName,
      name: r.name,
      gender: r.gender as 'M' | null,
      postTitle: r.postTitle,
      rankCode: r.rankCode,
      postLevel: r.postLevel,
      staffingType: r.staffingType as 'admin',
      status: r.status as 'active',
      statusSince: r.statusSince,
      phoneMasked: r.phoneTail ? `*******${r.phoneTail}` : null,
      employeeNo: r.employeeNo,
    };
  }

  async list(ctx: AuthContext, q: TPeopleQuery, permission: string = P['people.read'], limit?: number) {
    ctx.require(permission);
    let orgPath: string | undefined;
    if (q.orgId) {
      const [org] = await this.db.select().from(orgs).where(eq(orgs.id, q.orgId));
      if (!org || !ctx.covers(permission, org)) throw notFound('org');
      orgPath = org.path;
    }
    const res = await repo.list(this.db, ctx, permission, { ...q, orgPath }, limit ?? q.pageSize, limit ? 0 : (q.page - 1) * q.pageSize);
    return { total: res.total, items: res.rows.map((r) => this.view(r)) };
  }

  /** Pass the open transaction as `db` when inside one: PGlite has one connection, so a query on the pool would wait for the transaction forever. */
  async get(ctx: AuthContext, id: number, permission: string = P['people.read'], db: Executor = this.db) {
    ctx.require(permission);
    const r = await repo.byId(db, id);
    if (!r || !ctx.covers(permission, { id: r.orgId, path: r.orgPath })) throw notFound('person');
    return r;
  }

  async detail(ctx: AuthContext, id: number) {
    const r = await this.get(ctx, id);
    const sensitive = ctx.covers(P['people.sensitive'], { id: r.orgId, path: r.orgPath });
    const phone = r.phoneEnc ? this.cipher.decrypt(r.phoneEnc) : null;
    const idNo = r.idNumberEnc ? this.cipher.decrypt(r.idNumberEnc) : null;
    return {
      ...this.view(r),
      phone: phone && (sensitive ? phone : maskPhone(phone)),
      idNumber: idNo && (sensitive ? idNo : maskIdNumber(idNo)),
      sensitiveVisible: sensitive,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      statusHistory: (await repo.statusHistory(this.db, id)).map((h) => ({
        status: h.status,
        effectiveFrom: h.effectiveFrom,
        note: h.note,
      })),
    };
  }

  /** Resolves unit and department: the unit must be in scope, the department inside it. */
  private async placement(tx: Executor, ctx: AuthContext, orgId: number, deptId: number | null | undefined) {
    const [org] = await tx.select().from(orgs).where(eq(orgs.id, orgId));
    if (!org || !ctx.covers(P['people.write'], org)) throw notFound('org');
    if (org.kind !== 'unit' && org.kind !== 'bureau')
      throw fieldError(ctx, 'orgId', '应选择单位（不是内设机构）', 'must be a unit, not a department');
    if (deptId) {
      const [dep] = await tx.select().from(orgs).where(eq(orgs.id, deptId));
      if (dep?.kind !== 'department' || !dep.path.startsWith(org.path))
        throw fieldError(ctx, 'deptId', '内设机构不属于该单位', 'the department is not part of that unit');
    }
    return org;
  }

  /** The rank must be an active code of the `rank` list. */
  private async checkRank(tx: Executor, rankCode: string | null | undefined, locale: string) {
    if (!rankCode) return null;
    const [item] = await tx
      .select()
      .from(codeItems)
      .where(and(eq(codeItems.list, 'rank'), eq(codeItems.code, rankCode), eq(codeItems.active, true)));
    if (!item) throw fieldError({ locale }, 'rankCode', '职级代码不在代码表中', 'not a code of the rank list');
    return item;
  }

  /** A rank maps to a post level through reference data (configurable per province). */
  private async postLevelFor(
    tx: Executor,
    input: { postLevel?: string | null; rankCode?: string | null },
    locale: string,
  ): Promise<string> {
    const item = await this.checkRank(tx, input.rankCode, locale);
    if (input.postLevel) return input.postLevel;
    const mapped = (item?.extra as { postLevel?: string } | null)?.postLevel;
    if (mapped) return mapped;
    throw fieldError({ locale }, 'postLevel', '必填（或填写可映射的职级）', 'is required (or give a rank that maps to one)');
  }

  private secrets(input: { phone?: string | null; idNumber?: string | null }) {
    const out: Partial<typeof people.$inferInsert> = {};
    if (input.phone !== undefined) {
      out.phoneEnc = input.phone ? this.cipher.encrypt(input.phone) : null;
      out.phoneTail = input.phone ? input.phone.slice(-4) : null;
    }
    if (input.idNumber !== undefined) {
      out.idNumberEnc = input.idNumber ? this.cipher.encrypt(input.idNumber) : null;
      out.idNumberIndex = input.idNumber ? this.cipher.blindIndex(input.idNumber) : null;
    }
    return out;
  }

  private async insertOne(tx: Executor, ctx: AuthContext, input: TPersonCreate) {
    const org = await this.placement(tx, ctx, input.orgId, input.deptId);
    const postLevel = await this.postLevelFor(tx, input, ctx.locale);
    const row = await repo.insert(tx, {
      tenantId: org.tenantId,
      orgId: org.id,
      deptId: input.deptId ?? null,
      name: input.name,
      gender: input.gender ?? null,
      postTitle: input.postTitle ?? null,
      rankCode: input.rankCode ?? null,
      postLevel,
      staffingType: input.staffingType,
      status: input.status,
      statusSince: input.statusSince ?? today(),
      employeeNo: input.employeeNo ?? null,
      ...this.secrets(input),
    });
    await repo.addStatus(tx, row.id, row.status, row.statusSince ?? today());
    await writeAudit(tx, ctx.auditActor(), {
      action: 'create',
      entityType: 'person',
      entityId: row.id,
      orgId: org.id,
      summary: row.name,
      after: { ...input, postLevel },
    });
    return row;
  }

  async create(ctx: AuthContext, input: TPersonCreate) {
    ctx.require(P['people.write']);
    const row = await this.db.transaction((tx) => this.insertOne(tx, ctx, input)).catch(duplicate);
    return this.detail(ctx, row.id);
  }

  async update(ctx: AuthContext, id: number, patch: z.infer<typeof ZPersonUpdateSchema>) {
    ctx.require(P['people.write']);
    await this.db
      .transaction(async (tx) => {
        await tx.execute(sql`select id from people where id = ${id} for update`);
        const before = await this.get(ctx, id, P['people.write'], tx);
        const orgId = patch.orgId ?? before.orgId;
        const deptId =
          patch.deptId !== undefined ? patch.deptId : patch.orgId !== undefined && patch.orgId !== before.orgId ? null : before.deptId;
        if (patch.orgId !== undefined || patch.deptId !== undefined) await this.placement(tx, ctx, orgId, deptId);
        if (patch.rankCode) await this.checkRank(tx, patch.rankCode, ctx.locale);
        const { phone, idNumber, statusSince, ...plain } = patch;
        const set: Partial<typeof people.$inferInsert> = { ...plain, orgId, deptId, ...this.secrets({ phone, idNumber }) };
        if (patch.status && patch.status !== before.status) {
          set.statusSince = statusSince ?? today();
          await repo.addStatus(tx, id, patch.status, set.statusSince);
        }
        await repo.update(tx, id, set);
        const { phoneEnc: _a, idNumberEnc: _b, idNumberIndex: _c, ...beforePlain } = before;
        await writeAudit(tx, ctx.auditActor(), {
          action: 'update',
          entityType: 'person',
          entityId: id,
          orgId,
          summary: before.name,
          before: beforePlain,
          after: patch,
        });
      })
      .catch(duplicate);
    return this.detail(ctx, id);
  }

  async remove(ctx: AuthContext, id: number) {
    ctx.require(P['people.write']);
    await this.db.transaction(async (tx) => {
      const before = await this.get(ctx, id, P['people.write'], tx);
      if ((await repo.references(tx, id)) > 0) throw conflict('IN_USE');
      await repo.deleteWithHistory(tx, id);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'delete',
        entityType: 'person',
        entityId: id,
        orgId: before.orgId,
        summary: before.name,
      });
    });
  }

  /**
   * All-or-nothing import: every row is parsed and checked (including units in scope and
   * duplicate ID numbers within the file and against the database) before one transaction
   * writes them all. Any error → nothing written, and the report lists every problem.
   */
  async importWorkbook(ctx: AuthContext, buf: Buffer): Promise<{ imported: number; errors: ImportError[] }> {
    ctx.require(P['people.import']);
    const schema = ZPersonCreateSchema.omit({ orgId: true, deptId: true }).extend({
      unit: ZPersonCreateSchema.shape.name.max(100),
      department: ZPersonCreateSchema.shape.name.max(100).optional(),
    });
    const { rows, errors } = await parseWorkbook(buf, PEOPLE_COLUMNS, schema, ctx.locale);
    const header = (key: string) => {
      const c = PEOPLE_COLUMNS.find((x) => x.key === key)!;
      return ctx.locale === 'en' ? c.headerEn : c.headerZh;
    };
    const en = ctx.locale === 'en';
    // Units the caller may write to, by name, short name and credit code.
    const units = await this.db
      .select()
      .from(orgs)
      .where(and(inArray(orgs.kind, ['unit', 'bureau']), eq(orgs.status, 'active')));
    const writable = units.filter((u) => ctx.covers(P['people.write'], u));
    const unitByKey = new Map<string, (typeof units)[number]>();
    for (const u of writable) for (const k of [u.name, u.shortName, u.creditCode]) if (k) unitByKey.set(k, u);
    const depts = writable.length
      ? await this.db
          .select()
          .from(orgs)
          .where(and(eq(orgs.kind, 'department'), or(...writable.map((u) => sql`${orgs.path} like ${`${u.path}%`}`))))
      : [];
    const inputs: { row: number; input: TPersonCreate }[] = [];
    const seenId = new Map<string, number>();
    for (const { row, data } of rows) {
      const unit = unitByKey.get(data.unit);
      if (!unit) {
        errors.push({
          row,
          column: header('unit'),
          message: en ? `unit "${data.unit}" not found in your scope` : `单位“${data.unit}”不存在或不在您的管理范围内`,
        });
        continue;
      }
      let deptId: number | null = null;
      if (data.department) {
        const dep = depts.find((d) => d.name === data.department && d.path.startsWith(unit.path));
        if (!dep) {
          errors.push({
            row,
            column: header('department'),
            message: en ? `department "${data.department}" not found in ${unit.name}` : `${unit.name} 下没有内设机构“${data.department}”`,
          });
          continue;
        }
        deptId = dep.id;
      }
      if (data.idNumber) {
        const idx = this.cipher.blindIndex(data.idNumber);
        const prev = seenId.get(idx);
        if (prev) {
          errors.push({ row, column: header('idNumber'), message: en ? `same ID number as row ${prev}` : `与第 ${prev} 行身份证号重复` });
          continue;
        }
        seenId.set(idx, row);
      }
      const { unit: _u, department: _d, ...rest } = data;
      inputs.push({ row, input: { ...rest, orgId: unit.id, deptId } });
    }
    if (seenId.size) {
      const existing = await this.db
        .select({ idx: people.idNumberIndex })
        .from(people)
        .where(inArray(people.idNumberIndex, [...seenId.keys()]));
      for (const e of existing)
        errors.push({
          row: seenId.get(e.idx!)!,
          column: header('idNumber'),
          message: en ? 'a person with this ID number already exists' : '该身份证号的人员已存在',
        });
    }
    if (errors.length) return { imported: 0, errors: errors.sort((a, b) => a.row - b.row) };
    if (!inputs.length)
      return { imported: 0, errors: [{ row: 2, column: header('name'), message: en ? 'the sheet has no data rows' : '表格中没有数据行' }] };
    await this.db.transaction(async (tx) => {
      for (const { input } of inputs) await this.insertOne(tx, ctx, input);
      await writeAudit(tx, ctx.auditActor(), { action: 'import', entityType: 'person', summary: `${inputs.length} rows` });
    });
    return { imported: inputs.length, errors: [] };
  }
}

function duplicate(err: unknown): never {
  const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
  if (code === '23505') throw conflict('DUPLICATE', { field: 'idNumber' });
  throw err;
}
