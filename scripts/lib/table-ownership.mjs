/**
 * The pure half of `scripts/check-table-ownership.mjs`: parse schema files for the tables a
 * module owns, parse a module's source for the tables its SQL names and the schema objects it
 * imports, and decide which uses cross a boundary. No file system here, so the unit test
 * (tests/unit/table-ownership.test.ts) can feed it strings.
 *
 * The rule (docs/architecture.md, "Dependency rules"): a module's SQL names only its own tables;
 * another module's data comes through that module's index.ts functions. The core's tables (orgs,
 * people, accounts …) are the core's public data and may be read, except `rule_tables`, which a
 * module reads through the core's rule helper so every read takes the version in force.
 */

/** Core tables a module must not name even though they belong to the core. */
export const CORE_TABLES_FORBIDDEN = new Set(['rule_tables']);

/** `export const officeRooms = pgTable('office_rooms', …)` → [{ name: 'officeRooms', table: 'office_rooms' }]. */
export function declaredTables(source) {
  const out = [];
  const re = /(?:export\s+)?const\s+([A-Za-z_$][\w$]*)\s*=\s*pgTable\(\s*['"]([a-z_][a-z0-9_]*)['"]/g;
  for (const m of source.matchAll(re)) out.push({ name: m[1], table: m[2] });
  // A table declared without a const (rare) still counts as owned.
  for (const m of source.matchAll(/pgTable\(\s*['"]([a-z_][a-z0-9_]*)['"]/g)) {
    if (!out.some((t) => t.table === m[1])) out.push({ name: null, table: m[1] });
  }
  return out;
}

function lineAt(source, index) {
  let line = 1;
  for (let i = 0; i < index; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The literal text of every template literal in the source (tagged `sql\`…\`` or not: SQL is also
 * built in untagged templates passed to `sql.raw`), with `${…}` holes blanked out, each with the
 * offset of its opening backtick. Nested templates inside holes are returned too. Comments and
 * quoted strings outside templates are skipped so a backtick in them opens nothing.
 */
export function templateLiterals(source) {
  const out = [];
  let i = 0;
  const n = source.length;
  // Scan code from position i until a closing `}` at depth 0 (when inHole) or end of input.
  function scanCode(inHole) {
    let depth = 0;
    while (i < n) {
      const c = source[i];
      const next = source[i + 1];
      if (c === '/' && next === '/') {
        while (i < n && source[i] !== '\n') i++;
      } else if (c === '/' && next === '*') {
        const end = source.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 2;
      } else if (c === "'" || c === '"') {
        i++;
        while (i < n && source[i] !== c && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
        i++;
      } else if (c === '`') {
        scanTemplate();
      } else if (c === '{') {
        depth++;
        i++;
      } else if (c === '}') {
        if (inHole && depth === 0) {
          i++;
          return;
        }
        depth--;
        i++;
      } else i++;
    }
  }
  function scanTemplate() {
    const start = i;
    i++;
    let text = '';
    while (i < n && source[i] !== '`') {
      if (source[i] === '\\') {
        text += source.slice(i, i + 2);
        i += 2;
      } else if (source[i] === '$' && source[i + 1] === '{') {
        i += 2;
        scanCode(true);
        text += ' ? ';
      } else {
        text += source[i];
        i++;
      }
    }
    i++;
    out.push({ start, text });
  }
  scanCode(false);
  return out;
}

const SQL_TABLE_RE = /\b(from|join|update|into|table)\s+(?:only\s+)?(?:public\.)?"?([a-z_][a-z0-9_]*)"?/gi;

/** Table names used in SQL text inside the source's templates, with their line numbers. */
export function sqlTableRefs(source) {
  const out = [];
  for (const t of templateLiterals(source)) {
    for (const m of t.text.matchAll(SQL_TABLE_RE)) {
      // The template text has holes replaced, so offsets drift; count lines within the text.
      const before = t.text.slice(0, m.index);
      const line = lineAt(source, t.start) + (before.match(/\n/g)?.length ?? 0);
      out.push({ table: m[2].toLowerCase(), keyword: m[1].toLowerCase(), line });
    }
  }
  return out;
}

/** Named imports: `import { a, type B, c as d } from 'x'` → [{ name: 'a', from: 'x', line }]. */
export function namedImports(source) {
  const out = [];
  const re = /import\s+(?:type\s+)?\{([^}]*)\}\s*from\s*['"]([^'"]+)['"]/g;
  for (const m of source.matchAll(re)) {
    const line = lineAt(source, m.index);
    for (const raw of m[1].split(',')) {
      const name = raw
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)[0]
        .trim();
      if (name) out.push({ name, from: m[2], line });
    }
  }
  return out;
}

/**
 * Which module an import path in `file` (a repository-relative path such as
 * `src/server/modules/assets/assets.service.ts`) points at, or null when not a module.
 */
export function importedModule(file, spec) {
  if (!spec.startsWith('.')) return null;
  const dir = file.split('/').slice(0, -1);
  for (const part of spec.split('/')) {
    if (part === '.' || part === '') continue;
    if (part === '..') dir.pop();
    else dir.push(part);
  }
  const joined = dir.join('/');
  const m = /^src\/server\/modules\/([^/]+)/.exec(joined);
  return m ? m[1] : null;
}

/**
 * The violations in one module file.
 * @param {{ module: string, file: string, source: string }} input
 * @param {{ owners: Map<string, string>, schemaNames: Map<string, string>, allow?: Array<{ file: string, table: string }> }} ownership
 *   owners: table → owning module ('core' for the core's tables); schemaNames: schema const → owning module.
 */
export function violationsIn({ module, file, source }, { owners, schemaNames, allow = [] }) {
  const out = [];
  const allowed = (table) => allow.some((a) => a.file === file && a.table === table);
  for (const ref of sqlTableRefs(source)) {
    const owner = owners.get(ref.table);
    if (!owner || owner === module) continue;
    if (owner === 'core' && !CORE_TABLES_FORBIDDEN.has(ref.table)) continue;
    if (allowed(ref.table)) continue;
    out.push({
      file,
      line: ref.line,
      table: ref.table,
      owner,
      message:
        owner === 'core'
          ? `${ref.table} is read through the core's rule helper, not by SQL`
          : `${ref.table} belongs to module ${owner}: use a function from its index.ts`,
    });
  }
  for (const imp of namedImports(source)) {
    const target = importedModule(file, imp.from);
    if (!target || target === module) continue;
    const owner = schemaNames.get(imp.name);
    if (owner !== target) continue;
    out.push({
      file,
      line: imp.line,
      table: imp.name,
      owner,
      message: `imports ${imp.name}, a table of module ${owner}: use a function from its index.ts`,
    });
  }
  return out;
}
