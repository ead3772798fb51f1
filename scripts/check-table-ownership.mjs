#!/usr/bin/env node
/**
 * `npm run lint` step: a module's SQL names only its own tables. dependency-cruiser checks
 * imports; this checks what imports cannot see — table names written in SQL templates and
 * drizzle schema objects of another module. Each module owns the tables declared with
 * `pgTable('name'` in its `*.schema.ts` files; the core owns those in src/server/core.
 * Another module's data is read through that module's index.ts; the core's tables may be read,
 * except `rule_tables` (the core's rule helper gives the version in force).
 *
 * Prints each violation as file:line and exits 1 if there is any.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { declaredTables, violationsIn } from './lib/table-ownership.mjs';

const root = path.resolve(import.meta.dirname, '..');
const MODULES = 'src/server/modules';
const CORE = 'src/server/core';

function walk(dir) {
  const out = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) out.push(...walk(rel));
    else if (entry.name.endsWith('.ts')) out.push(rel);
  }
  return out;
}

const read = (rel) => readFileSync(path.join(root, rel), 'utf8');
const owners = new Map();
const schemaNames = new Map();
function own(owner, file) {
  for (const t of declaredTables(read(file))) {
    owners.set(t.table, owner);
    if (t.name) schemaNames.set(t.name, owner);
  }
}

for (const file of walk(CORE).filter((f) => f.endsWith('.schema.ts'))) own('core', file);
const modules = readdirSync(path.join(root, MODULES), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
for (const m of modules) for (const file of walk(`${MODULES}/${m}`).filter((f) => f.endsWith('.schema.ts'))) own(m, file);

const violations = [];
for (const m of modules) {
  for (const file of walk(`${MODULES}/${m}`)) {
    if (file.endsWith('.schema.ts')) continue;
    violations.push(...violationsIn({ module: m, file, source: read(file) }, { owners, schemaNames }));
  }
}

for (const v of violations) console.error(`${v.file}:${v.line}  ${v.message}`);
if (violations.length) {
  console.error(`\n✖ ${violations.length} use(s) of another module's tables (see docs/architecture.md, "Dependency rules").`);
  process.exit(1);
}
console.log(`✔ table ownership: ${modules.length} modules, ${owners.size} tables, no module names another's tables.`);
