import { sql } from 'drizzle-orm';
import type { Config } from '../config';
import { createAccount, hashPassword, type OrgRow, OrgService, peopleRepository, people, personStatusHistory } from '../core/bootstrap';
import { type CoreServices, type ModuleDemoAccount, type ModuleDemoContext, writeAudit } from '../core/index';
import { DEMO_ACCOUNTS, DEMO_BUREAU, DEMO_CITY, buildDemoDistrict } from './demo-district';

export const DEMO_PASSWORD = 'Houqin@2026';

type Hook = { after: ((core: CoreServices, ctx: DemoContext) => Promise<void>)[] };
/** The district built, as modules' demo seeds receive it (`ModuleDemoContext` of the core). */
export type DemoContext = ModuleDemoContext & { bureau: OrgRow; units: Map<string, OrgRow> };
const extensions: Hook = { after: [] };

/** Domain modules add their demo data (rooms, vehicles, requests …) after the district exists. */
export function registerDemoExtension(fn: (core: CoreServices, ctx: DemoContext) => Promise<void>) {
  extensions.after.push(fn);
}

/**
 * Loads the demo district into an empty database in one transaction: a city bureau, the
 * district bureau with its departments, 36 units with theirs, ~1,700 people with encrypted
 * personal data, and the documented demo accounts.
 */
export async function loadDemoDistrict(core: CoreServices, _config?: Config): Promise<DemoContext> {
  const { units, people: persons } = buildDemoDistrict();
  const orgSvc = new OrgService(core.db);
  const hash = await hashPassword(DEMO_PASSWORD);
  const ctx = await core.db.transaction(async (tx) => {
    const city = await orgSvc.insertUnder(tx, null, {
      name: DEMO_CITY.name,
      shortName: DEMO_CITY.shortName,
      creditCode: DEMO_CITY.creditCode,
      kind: 'bureau',
      agencyLevel: 'city',
      staffing: 60,
    });
    const bureau = await orgSvc.insertUnder(tx, city, {
      name: DEMO_BUREAU.name,
      shortName: DEMO_BUREAU.shortName,
      creditCode: DEMO_BUREAU.creditCode,
      kind: 'bureau',
      agencyLevel: 'county',
      staffing: DEMO_BUREAU.staffing,
    });
    const unitRows = new Map<string, OrgRow>([['bureau', bureau]]);
    const deptRows = new Map<string, OrgRow>();
    for (const dep of DEMO_BUREAU.departments)
      deptRows.set(`bureau/${dep}`, await orgSvc.insertUnder(tx, bureau, { name: dep, kind: 'department', agencyLevel: 'county' }));
    let sort = 0;
    for (const u of units) {
      const row = await orgSvc.insertUnder(tx, bureau, {
        name: u.name,
        shortName: u.shortName,
        creditCode: u.creditCode,
        kind: 'unit',
        agencyLevel: 'county',
        staffing: u.staffing,
        sort: sort++,
      });
      unitRows.set(u.key, row);
      for (const dep of u.departments)
        deptRows.set(`${u.key}/${dep}`, await orgSvc.insertUnder(tx, row, { name: dep, kind: 'department', agencyLevel: 'county' }));
    }
    const values = persons.map((p) => ({
      tenantId: city.tenantId,
      orgId: unitRows.get(p.unitKey)!.id,
      deptId: p.department ? (deptRows.get(`${p.unitKey}/${p.department}`)?.id ?? null) : null,
      name: p.name,
      gender: p.gender,
      postTitle: p.postTitle,
      rankCode: p.rankCode,
      postLevel: p.postLevel,
      staffingType: p.staffingType,
      status: p.status,
      statusSince: p.statusSince,
      phoneEnc: core.cipher.encrypt(p.phone),
      phoneTail: p.phone.slice(-4),
      idNumberEnc: core.cipher.encrypt(p.idNumber),
      idNumberIndex: core.cipher.blindIndex(p.idNumber),
      employeeNo: p.employeeNo,
    }));
    await peopleRepository.insertMany(tx, values);
    const inserted = await tx
      .select({ id: people.id, orgId: people.orgId, status: people.status, statusSince: people.statusSince, postLevel: people.postLevel })
      .from(people);
    for (let i = 0; i < inserted.length; i += 500) {
      await tx
        .insert(personStatusHistory)
        .values(
          inserted.slice(i, i + 500).map((p) => ({ personId: p.id, status: p.status, effectiveFrom: p.statusSince ?? '2020-01-01' })),
        );
    }
    const bureauHead = inserted.find((p) => p.orgId === bureau.id && p.postLevel === '141');
    const staffUnit = unitRows.get('u03')!;
    const firstStaff = inserted.find((p) => p.orgId === staffUnit.id && p.postLevel === '150' && p.status === 'active');
    const accounts = new Map<string, number>();
    for (const a of DEMO_ACCOUNTS) {
      const scope = a.scope === 'bureau' ? bureau : unitRows.get(a.scope)!;
      const personId = 'person' in a ? (a.person === 'bureau-head' ? bureauHead?.id : firstStaff?.id) : null;
      accounts.set(
        a.username,
        await createAccount(
          tx,
          {
            tenantId: city.tenantId,
            username: a.username,
            displayName: a.displayName,
            password: '',
            orgId: scope.id,
            personId: personId ?? null,
            roleCode: a.roleCode,
            scopeOrgId: scope.id,
          },
          hash,
        ),
      );
    }
    await writeAudit(
      tx,
      { tenantId: city.tenantId, actorId: null, actorName: 'system', ip: null },
      {
        action: 'create',
        entityType: 'demo_data',
        orgId: bureau.id,
        summary: `demo district: ${units.length} units, ${persons.length} people`,
      },
    );
    return { bureau, units: unitRows, accounts };
  });
  const demo: DemoContext = {
    ...ctx,
    // A module's demo accounts: one transaction, in list order, with the documented demo password.
    createAccounts: async (list: ModuleDemoAccount[]) => {
      await core.db.transaction(async (tx) => {
        for (const a of list)
          ctx.accounts.set(a.username, await createAccount(tx, { tenantId: ctx.bureau.tenantId, ...a, password: '' }, hash));
      });
    },
  };
  for (const ext of extensions.after) await ext(core, demo);
  // Fresh planner statistics after the bulk load (PGlite has no autovacuum).
  await core.db.execute(sql`analyze`);
  return demo;
}
