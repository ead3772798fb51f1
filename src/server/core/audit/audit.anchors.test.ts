import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { AUDIT_ANCHORS_FILE, anchorHmac, auditKeyId, readAuditAnchors, readAuditKey, resolveAuditKey } from './audit.anchors';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-auditkey-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the audit key lives outside the database', () => {
  it('comes from HOUQIN_AUDIT_KEY (64 hex) or is generated once into the data directory, readable by its owner only', () => {
    expect(() => loadConfig({ HOUQIN_AUDIT_KEY: 'xyz' })).toThrow(/HOUQIN_AUDIT_KEY/);
    expect(loadConfig({ HOUQIN_AUDIT_KEY: 'b'.repeat(64) }).auditKey).toBe('b'.repeat(64));
    const dir = tmp();
    expect(readAuditKey(undefined, dir)).toBeNull(); // verification never invents a key
    const k = resolveAuditKey(undefined, dir);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
    expect(resolveAuditKey(undefined, dir)).toBe(k);
    expect(readAuditKey(undefined, dir)).toBe(k);
    expect(fs.statSync(path.join(dir, 'audit.key')).mode & 0o077).toBe(0);
    expect(resolveAuditKey('c'.repeat(64), dir)).toBe('c'.repeat(64));
  });
  it('seals an anchor so that any field change, or another key, shows', () => {
    const a = {
      v: 1 as const,
      at: '2026-12-07T00:00:00.000Z',
      tenantId: 1,
      firstId: 0,
      lastId: 9,
      hash: 'ab'.repeat(32),
      headAt: null,
      count: 9,
    };
    const k1 = 'a'.repeat(64);
    const k2 = 'b'.repeat(64);
    const h = anchorHmac(k1, { ...a, keyId: auditKeyId(k1) });
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(anchorHmac(k1, { ...a, keyId: auditKeyId(k1) })).toBe(h);
    expect(anchorHmac(k1, { ...a, count: 8, keyId: auditKeyId(k1) })).not.toBe(h);
    expect(anchorHmac(k2, { ...a, keyId: auditKeyId(k1) })).not.toBe(h);
    expect(auditKeyId(k1)).not.toBe(auditKeyId(k2));
  });
  it('reads the anchors file line by line and flags what is not an anchor', () => {
    const dir = tmp();
    expect(readAuditAnchors(dir)).toEqual([]);
    const good = { v: 1, at: 'x', tenantId: 1, firstId: 0, lastId: 1, hash: 'h', headAt: null, count: 1, keyId: 'k', hmac: 'm' };
    fs.writeFileSync(path.join(dir, AUDIT_ANCHORS_FILE), `${JSON.stringify(good)}\n{"v":1}\nnot json\n\n`);
    const lines = readAuditAnchors(dir);
    expect(lines.map((l) => [l.line, l.anchor === null])).toEqual([
      [1, false],
      [2, true],
      [3, true],
    ]);
  });
});
