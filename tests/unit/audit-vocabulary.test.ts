import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionLabel, auditEntityLabel, auditVocabularySnapshot } from '../../src/server/core/audit/audit.vocabulary';
import { installModules } from '../../src/server/core/module/module';
import { MODULES } from '../../src/server/modules';

/**
 * Every action and record type the services write has a label in the audit vocabulary (the
 * core's or its module's), so the auditor never reads a code. The writes are found in the
 * source: literal `action:` / `entityType:` values, the approval engine's decisions, and the
 * record types handed to the modules' export/import helpers.
 */
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../src/server');
function sources(dir: string, out: string[] = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sources(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

describe('the audit vocabulary', () => {
  installModules(MODULES);
  // Only in files that write audit records.
  const auditing = sources(root)
    .map((f) => fs.readFileSync(f, 'utf8'))
    .filter((t) => /writeAudit|statusHooks\(|auditExport|exported\(|audited\(|auditAnon\(/.test(t));
  const all = (re: RegExp) => new Set(auditing.flatMap((t) => [...t.matchAll(re)].map((m) => m[1]!)));

  it('labels every action written', () => {
    const actions = all(/\baction: '([a-z_]+)'/g);
    // `action: before ? 'update' : 'create'` and the like.
    for (const t of auditing) for (const m of t.matchAll(/\baction: [^,\n'?]*\? '([a-z_]+)' : '([a-z_]+)'/g)) actions.add(m[1]!).add(m[2]!);
    // The approval engine writes its decisions as actions.
    for (const a of ['submit', 'resubmit', 'approve', 'reject', 'return', 'withdraw']) actions.add(a);
    expect(actions.size).toBeGreaterThan(20);
    const { actions: declared } = auditVocabularySnapshot();
    expect([...actions].filter((a) => !declared.has(a))).toEqual([]);
  });

  it('labels every record type written', () => {
    const types = all(/\bentityType: '([a-z_]+)'/g);
    // Record types passed to status hooks and to the export/import helpers.
    for (const t of all(/statusHooks\('[a-z_]+', '([a-z_]+)'\)/g)) types.add(t);
    for (const t of all(/(?:exported|audited|auditExport)\([^,()]*(?:,[^,()]*)?, '([a-z_]+)'/g)) types.add(t);
    expect(types.size).toBeGreaterThan(50);
    const { entities: declared } = auditVocabularySnapshot();
    expect([...types].filter((t) => !declared.has(t))).toEqual([]);
  });

  it('falls back to a word, never the code, for what nobody declared', () => {
    expect(auditActionLabel('frobnicate', 'zh')).toBe('其他操作');
    expect(auditActionLabel('frobnicate', 'en')).toBe('Other action');
    expect(auditEntityLabel('widget_thing', 'zh')).toBe('其他记录');
    expect(auditEntityLabel('widget_thing', 'en')).toBe('Other record');
    expect(auditEntityLabel('vehicle_booking', 'zh')).toBe('派车单');
  });
});
