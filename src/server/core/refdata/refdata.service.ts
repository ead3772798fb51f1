import { and, asc, between, desc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ZCalendarDayUpsertSchema, ZCodeItemUpsertSchema, ZRuleVersionCreateSchema } from '../../../contracts/core/refdata';
import type { Db, Executor } from '../../db/client';
import { writeAudit } from '../audit/audit.service';
import { badRequest, notFound } from '../http/errors';
import type { AuthContext } from '../rbac/context';
import { P } from '../rbac/permissions';
import { type DayOverrides, addWorkingDays, isWorkingDay } from './calendar';
import { calendarDays, codeItems, ruleTables } from './refdata.schema';
import { CORE_RULE_TABLES } from './core.ruletables';
import { type RuleDiff, diffRuleData } from './rule-diff';
import {
  type RuleTableDefinition,
  type RulePreviewEffect,
  assertRuleData,
  registerRuleTables,
  registeredRuleTables,
  ruleInForce,
  ruleTableDefinition,
} from './rule-table';
import { CALENDAR_DAYS, CODE_LISTS } from './seed-data';
import { cnToday } from '../util/dates';

/**
 * Code lists, versioned rule tables and the holiday calendar. Modules read rules as "the
 * version in force on date D" and ask the calendar whether a date is a working day; both are
 * cached in process and invalidated on every change made through this service.
 */
export class RefdataService {
  private overrides: DayOverrides | null = null;

  constructor(private readonly db: Db) {
    registerRuleTables(CORE_RULE_TABLES);
  }

  /** Inserts missing seed rows only: an administrator's edits are never overwritten. */
  async seed(): Promise<void> {
    await this.db
      .insert(codeItems)
      .values(CODE_LISTS.map((c) => ({ ...c, sort: c.sort ?? 0, extra: c.extra ?? null })))
      .onConflictDoNothing();
    // Every registered table's seed versions (the modules declared theirs before the app was built).
    for (const def of registeredRuleTables())
      for (const { legacySchema: _legacy, ...v } of def.versions)
        await this.db
          .insert(ruleTables)
          .values({ ...v, name: def.name, data: v.data as Record<string, unknown> })
          .onConflictDoNothing();
    await this.db.insert(calendarDays).values(CALENDAR_DAYS).onConflictDoNothing();
    this.overrides = null;
  }

  async lists(ctx: AuthContext) {
    ctx.require(P['refdata.read']);
    return this.db
      .select({ list: codeItems.list, count: sql<number>`count(*)::int` })
      .from(codeItems)
      .groupBy(codeItems.list)
      .orderBy(asc(codeItems.list));
  }

  /**
   * A code list's entries: the labels every page shows for a coded value (a room use, an asset
   * class) and the options of its pickers, so any signed-in caller reads them. `refdata.read`
   * is the reference-data pages' (all lists, rule tables, the calendar), which the
   * self-service roles do not get (issue #17).
   */
  async items(_ctx: AuthContext, list: string, activeOnly: boolean) {
    const conds = [eq(codeItems.list, list)];
    if (activeOnly) conds.push(eq(codeItems.active, true));
    return this.db
      .select()
      .from(codeItems)
      .where(and(...conds))
      .orderBy(asc(codeItems.sort), asc(codeItems.code));
  }

  async upsertItem(ctx: AuthContext, list: string, code: string, input: z.infer<typeof ZCodeItemUpsertSchema>) {
    ctx.require(P['refdata.write']);
    return this.db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(codeItems)
        .where(and(eq(codeItems.list, list), eq(codeItems.code, code)));
      const values = {
        list,
        code,
        labelZh: input.labelZh,
        labelEn: input.labelEn,
        sort: input.sort,
        active: input.active,
        extra: input.extra ?? null,
      };
      const [row] = await tx
        .insert(codeItems)
        .values(values)
        .onConflictDoUpdate({ target: [codeItems.list, codeItems.code], set: values })
        .returning();
      await writeAudit(tx, ctx.auditActor(), {
        action: before ? 'update' : 'create',
        entityType: 'code_item',
        entityId: `${list}/${code}`,
        before,
        after: row,
      });
      return row!;
    });
  }

  async rules(ctx: AuthContext) {
    ctx.require(P['refdata.read']);
    return this.db.select().from(ruleTables).orderBy(asc(ruleTables.name), desc(ruleTables.version));
  }

  /** A rule table's versions: published regulation that pages explaining a figure quote (a repair's area limit, a coal coefficient), readable by any signed-in caller. */
  async ruleVersions(_ctx: AuthContext, name: string) {
    return this.db.select().from(ruleTables).where(eq(ruleTables.name, name)).orderBy(desc(ruleTables.version));
  }

  /**
   * For modules: the typed data of rule table `def` in force on China date `onDate` (today in
   * China by default). Inside a transaction use `ruleInForce(tx, def, onDate)` instead.
   */
  async rule<T>(def: RuleTableDefinition<T>, onDate = cnToday()): Promise<T> {
    const r = await ruleInForce(this.db, def, onDate);
    if (!r) throw notFound('rule');
    return r.data;
  }

  private definition(name: string): RuleTableDefinition {
    const def = ruleTableDefinition(name);
    if (!def) throw notFound('rule');
    return def;
  }

  /**
   * What publishing `input` would change, without writing: the data checked against the
   * table's schema (400 naming each failing field), the changed fields against the version in
   * force on its effective date, and the domain effects of the table's preview hook.
   */
  async previewRuleVersion(ctx: AuthContext, name: string, input: z.infer<typeof ZRuleVersionCreateSchema>) {
    ctx.require(P['refdata.write']);
    const def = this.definition(name);
    const candidate = assertRuleData(def, input.data, ctx.locale);
    return this.db.transaction(async (tx) => {
      const current = await ruleInForce(tx, def, input.effectiveFrom, { beforeFirst: 'first' });
      const diff: RuleDiff[] = diffRuleData(current?.data, candidate);
      const effects: RulePreviewEffect[] = def.preview
        ? await def.preview(tx as Executor, { current: current?.data ?? null, candidate, locale: ctx.locale, tenantId: ctx.tenantId })
        : [];
      return { name, baseVersion: current?.version ?? null, diff, effects };
    });
  }

  /** Versions are immutable: a change is a new version with its own effective date, checked against the table's schema. */
  async addRuleVersion(ctx: AuthContext, name: string, input: z.infer<typeof ZRuleVersionCreateSchema>) {
    ctx.require(P['refdata.write']);
    const def = this.definition(name);
    assertRuleData(def, input.data, ctx.locale);
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(7203, hashtext(${name}))`);
      const [last] = await tx.select().from(ruleTables).where(eq(ruleTables.name, name)).orderBy(desc(ruleTables.version)).limit(1);
      if (!last) throw notFound('rule');
      const [row] = await tx
        .insert(ruleTables)
        .values({
          name,
          version: last.version + 1,
          effectiveFrom: input.effectiveFrom,
          titleZh: input.titleZh,
          titleEn: input.titleEn,
          source: input.source ?? null,
          data: input.data,
          createdBy: ctx.account.id,
        })
        .returning();
      await writeAudit(tx, ctx.auditActor(), {
        action: 'create',
        entityType: 'rule_table',
        entityId: `${name}@${row!.version}`,
        before: last.data,
        after: row!.data,
      });
      return row!;
    });
  }

  // ---------- calendar ----------
  async calendar(ctx: AuthContext, year: number) {
    ctx.require(P['refdata.read']);
    // A date column: a range, not LIKE (date ~~ text does not exist in PostgreSQL: this was a 500).
    return this.db
      .select()
      .from(calendarDays)
      .where(between(calendarDays.day, `${year}-01-01`, `${year}-12-31`))
      .orderBy(asc(calendarDays.day));
  }

  async setDay(ctx: AuthContext, day: string, input: z.infer<typeof ZCalendarDayUpsertSchema>) {
    ctx.require(P['refdata.write']);
    const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (input.kind === 'workday' && dow !== 0 && dow !== 6) {
      throw badRequest(
        'VALIDATION_FAILED',
        { fields: 'kind' },
        {
          fields: [
            { field: 'kind', message: ctx.locale === 'en' ? 'a make-up working day must fall on a weekend' : '调休上班日必须是周末' },
          ],
        },
      );
    }
    await this.db.transaction(async (tx) => {
      const [before] = await tx.select().from(calendarDays).where(eq(calendarDays.day, day));
      const values = { day, ...input };
      await tx.insert(calendarDays).values(values).onConflictDoUpdate({ target: calendarDays.day, set: input });
      await writeAudit(tx, ctx.auditActor(), {
        action: before ? 'update' : 'create',
        entityType: 'calendar_day',
        entityId: day,
        before,
        after: values,
      });
    });
    this.overrides = null;
  }

  async deleteDay(ctx: AuthContext, day: string) {
    ctx.require(P['refdata.write']);
    await this.db.transaction(async (tx) => {
      const [before] = await tx.delete(calendarDays).where(eq(calendarDays.day, day)).returning();
      if (!before) throw notFound('calendar_day');
      await writeAudit(tx, ctx.auditActor(), { action: 'delete', entityType: 'calendar_day', entityId: day, before });
    });
    this.overrides = null;
  }

  private async loadOverrides(): Promise<DayOverrides> {
    if (!this.overrides) {
      const rows = await this.db.select({ day: calendarDays.day, kind: calendarDays.kind }).from(calendarDays);
      this.overrides = new Map(rows.map((r) => [r.day, r.kind as 'holiday' | 'workday']));
    }
    return this.overrides;
  }

  /** The holiday and 调休 overrides, for rules that check many dates at once (pure functions over them). */
  async dayOverrides(): Promise<DayOverrides> {
    return this.loadOverrides();
  }

  async isWorkingDay(date: string): Promise<boolean> {
    return isWorkingDay(date, await this.loadOverrides());
  }

  async addWorkingDays(date: string, n: number): Promise<string> {
    return addWorkingDays(date, n, await this.loadOverrides());
  }

  async describeDay(date: string) {
    const [row] = await this.db.select().from(calendarDays).where(eq(calendarDays.day, date));
    const working = await this.isWorkingDay(date);
    const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
    return {
      date,
      working,
      kind: (row?.kind ?? (dow === 0 || dow === 6 ? 'weekend' : 'weekday')) as 'holiday',
      name: row ? row.nameZh : null,
    };
  }
}
