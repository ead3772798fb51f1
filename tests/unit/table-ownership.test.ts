// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the sources under test are code holding SQL templates
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JS module of the lint script, without type declarations
import * as T from '../../scripts/lib/table-ownership.mjs';

type Violation = { file: string; line: number; table: string; owner: string; message: string };
const ownership = {
  owners: new Map([
    ['office_rooms', 'office-space'],
    ['office_buildings', 'office-space'],
    ['assets', 'assets'],
    ['orgs', 'core'],
    ['people', 'core'],
    ['rule_tables', 'core'],
  ]),
  schemaNames: new Map([
    ['officeRooms', 'office-space'],
    ['assets', 'assets'],
  ]),
};
const check = (source: string, allow: { file: string; table: string }[] = []): Violation[] =>
  T.violationsIn({ module: 'assets', file: 'src/server/modules/assets/x.service.ts', source }, { ...ownership, allow });

describe('table ownership parser', () => {
  it('reads the tables a schema file declares', () => {
    const src = `export const officeRooms = pgTable('office_rooms', {\n id: serial('id') });\nexport const x = pgTable("office_sites", {});`;
    expect(T.declaredTables(src)).toEqual([
      { name: 'officeRooms', table: 'office_rooms' },
      { name: 'x', table: 'office_sites' },
    ]);
  });

  it('finds table names in sql templates with their lines, skipping holes, comments and strings', () => {
    const src = [
      "const a = 'from office_rooms'; // from office_rooms",
      'const q = sql`select r.id',
      '  from assets a join office_rooms r on r.id = a.room_id',
      '  where a.id in ${ids.map((i) => `${i}`)} and exists (select 1 from "orgs" o)`;',
    ].join('\n');
    expect(T.sqlTableRefs(src).map((r: { table: string; line: number }) => [r.table, r.line])).toEqual([
      ['assets', 3],
      ['office_rooms', 3],
      ['orgs', 4],
    ]);
  });

  it('flags another module’s table in SQL, with file and line', () => {
    const v = check('const x = 1;\nawait db.execute(sql`select r.id from office_rooms r join orgs o on o.id = r.org_id`);');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ file: 'src/server/modules/assets/x.service.ts', line: 2, table: 'office_rooms', owner: 'office-space' });
  });

  it('flags an update of and an insert into another module’s table', () => {
    const v = check('sql`update office_buildings set name = ${n}`; sql`insert into office_rooms (id) values (1)`');
    expect(v.map((x) => x.table)).toEqual(['office_buildings', 'office_rooms']);
  });

  it('lets a module use its own tables and read the core’s, but not rule_tables', () => {
    expect(check('sql`select * from assets a join orgs o on o.id = a.org_id join people p on true`')).toEqual([]);
    const v = check('sql`select data from rule_tables where name = ${n}`');
    expect(v).toHaveLength(1);
    expect(v[0].message).toContain('rule helper');
  });

  it('keeps an allowlisted read quiet for that file only', () => {
    const src = 'sql`select data from rule_tables`';
    expect(check(src, [{ file: 'src/server/modules/assets/x.service.ts', table: 'rule_tables' }])).toEqual([]);
    expect(check(src, [{ file: 'src/server/modules/assets/other.ts', table: 'rule_tables' }])).toHaveLength(1);
  });

  it('flags a drizzle schema object imported from another module, not its functions', () => {
    const v = check("import { officeRoomFacts, type officeRooms as R } from '../office-space';\nimport { assets } from './assets.schema';");
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ line: 1, table: 'officeRooms', owner: 'office-space' });
  });

  it('ignores words after "from" outside SQL that are no table', () => {
    expect(check('const m = `imported from the statement`;')).toEqual([]);
  });
});
