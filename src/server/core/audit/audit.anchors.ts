import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { hmacSm3, resolveKeyFile } from '../crypto/crypto';
import { orgs } from '../org/org.schema';
import { GENESIS_HASH, canonicalJson } from './audit.chain';
import { auditLog } from './audit.schema';
import { type ChainRecord, purgeAnchorOf, verifyAuditChain } from './audit.service';

/**
 * Anchors: the chain's head (last id, its hash, the record count) sealed with an HMAC-SM3
 * under a key kept outside the database, and written outside the database (a JSON-lines file
 * in the data directory and the server log). A database administrator can rewrite the chain
 * and recompute every hash, or delete its newest records, and the chain alone still verifies;
 * the anchors taken before then no longer match, and they cannot be forged without the key.
 */

/** The legal minimum (网络安全法 art. 21: logs kept ≥ 6 months); also enforced by audit_purge(). */
export const AUDIT_RETENTION_MIN_DAYS = 180;
export const AUDIT_ANCHORS_FILE = 'audit-anchors.jsonl';
export const AUDIT_KEY_FILE = 'audit.key';

export type AuditAnchor = {
  v: 1;
  /** When the anchor was taken (ISO, UTC). */
  at: string;
  tenantId: number;
  /** First retained id after retention purges (0: the chain starts at genesis). */
  firstId: number;
  /** The head: last record's id (0: empty chain) and hash; its time. */
  lastId: number;
  hash: string;
  headAt: string | null;
  /** Records in the retained chain up to and including the head. */
  count: number;
  /** Which key sealed it (a fingerprint, not the key), so a key change is told from forgery. */
  keyId: string;
  hmac: string;
};

/** The audit key: HOUQIN_AUDIT_KEY, else `audit.key` in the data directory (created on first start). */
export function resolveAuditKey(configured: string | undefined, dataDir: string): string {
  return resolveKeyFile(configured, dataDir, AUDIT_KEY_FILE);
}

/** The key without creating one: verification must not invent a key that seals nothing. */
export function readAuditKey(configured: string | undefined, dataDir: string): string | null {
  if (configured) return configured;
  try {
    return fs.readFileSync(path.join(dataDir, AUDIT_KEY_FILE), 'utf8').trim();
  } catch {
    return null;
  }
}

export const auditKeyId = (key: string) => hmacSm3(key, 'houqin audit key id').slice(0, 16);
export const anchorHmac = (key: string, a: Omit<AuditAnchor, 'hmac'>) => hmacSm3(key, canonicalJson({ ...a, hmac: undefined }));

/** The keyed seal of a head alone (printed by audit:verify, to compare with a copy kept elsewhere). */
export const headHmac = (key: string, tenantId: number, h: ChainHead) => hmacSm3(key, canonicalJson({ tenantId, ...h }));

export type ChainHead = { firstId: number; lastId: number; hash: string; headAt: string | null; count: number };

/** The tenant's chain head as the database has it now. */
export async function chainHead(db: Executor, tenantId: number): Promise<ChainHead> {
  const purge = await purgeAnchorOf(db, tenantId);
  const [last] = await db
    .select({ id: auditLog.id, hash: auditLog.hash, at: auditLog.at })
    .from(auditLog)
    .where(eq(auditLog.tenantId, tenantId))
    .orderBy(desc(auditLog.id))
    .limit(1);
  const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.tenantId, tenantId));
  return {
    firstId: purge?.firstId ?? 0,
    lastId: last?.id ?? (purge ? purge.firstId - 1 : 0),
    hash: last?.hash ?? purge?.prevHash ?? GENESIS_HASH,
    headAt: last ? new Date(last.at).toISOString() : null,
    count: Number(n),
  };
}

const rootTenants = async (db: Executor) =>
  (await db.select({ id: orgs.id }).from(orgs).where(isNull(orgs.parentId)).orderBy(orgs.id)).map((r) => r.id);

type AnchorLog = { info: (obj: object, msg?: string) => void };

/**
 * Takes an anchor of each tenant's chain (or of `tenantIds`), appends them to the anchors file
 * and writes them to the log. Appending only: earlier anchors are never rewritten.
 */
export async function writeAuditAnchors(
  db: Executor,
  opts: { key: string; dataDir: string; log?: AnchorLog; tenantIds?: number[]; now?: Date },
): Promise<AuditAnchor[]> {
  const tenants = opts.tenantIds ?? (await rootTenants(db));
  const at = (opts.now ?? new Date()).toISOString();
  const keyId = auditKeyId(opts.key);
  const out: AuditAnchor[] = [];
  for (const tenantId of tenants) {
    const head = await chainHead(db, tenantId);
    const unsealed = { v: 1 as const, at, tenantId, ...head, keyId };
    out.push({ ...unsealed, hmac: anchorHmac(opts.key, unsealed) });
  }
  if (!out.length) return out;
  fs.mkdirSync(opts.dataDir, { recursive: true });
  fs.appendFileSync(path.join(opts.dataDir, AUDIT_ANCHORS_FILE), out.map((a) => `${JSON.stringify(a)}\n`).join(''), { mode: 0o600 });
  for (const a of out) opts.log?.info({ auditAnchor: a }, 'audit chain anchor');
  return out;
}

export type AnchorLine = { line: number; anchor: AuditAnchor | null };

/** Every line of the anchors file (1-based line numbers); a line that is not an anchor has `anchor: null`. */
export function readAuditAnchors(dataDir: string): AnchorLine[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dataDir, AUDIT_ANCHORS_FILE), 'utf8');
  } catch {
    return [];
  }
  const out: AnchorLine[] = [];
  text.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    try {
      const a = JSON.parse(raw) as AuditAnchor;
      const shaped =
        a &&
        a.v === 1 &&
        typeof a.at === 'string' &&
        Number.isInteger(a.tenantId) &&
        Number.isInteger(a.firstId) &&
        Number.isInteger(a.lastId) &&
        Number.isInteger(a.count) &&
        typeof a.hash === 'string' &&
        typeof a.keyId === 'string' &&
        typeof a.hmac === 'string';
      out.push({ line: i + 1, anchor: shaped ? a : null });
    } catch {
      out.push({ line: i + 1, anchor: null });
    }
  });
  return out;
}

export type IntegrityProblem =
  /** The chain itself: a record removed/inserted before `id`, or `id` altered. */
  | { code: 'chain_link' | 'chain_content'; id: number }
  /** The anchors file: a line that is not an anchor, an anchor whose HMAC fails, one sealed by another key. */
  | { code: 'anchor_unreadable'; line: number }
  | { code: 'anchor_forged'; line: number }
  | { code: 'anchor_other_key'; line: number; keyId: string }
  /** An anchored head is gone (the newest records were deleted) or has another hash (rewritten). */
  | { code: 'truncated'; id: number; anchorAt: string }
  | { code: 'rewritten'; id: number; anchorAt: string }
  | { code: 'count_changed'; id: number; anchorAt: string; expected: number; found: number }
  /** Records younger than the retention minimum were purged. */
  | { code: 'purged_young'; anchorAt: string }
  /** No key to check anchors with. */
  | { code: 'no_key' };

export type AuditIntegrity = {
  tenantId: number;
  ok: boolean;
  /** Records whose hash was recomputed and found right, and the last of them. */
  checked: number;
  verifiedUpTo: number | null;
  head: ChainHead & { hmac: string | null };
  anchors: number;
  lastAnchor: AuditAnchor | null;
  problems: IntegrityProblem[];
};

/**
 * Verifies a tenant's audit trail against everything a database administrator cannot forge:
 * the chain's hashes, then every anchor of this tenant (its HMAC under the audit key, its head
 * still present with the same hash and position, and, where the head was purged, that it was
 * older than the retention minimum).
 */
export async function verifyAuditIntegrity(
  db: Executor,
  opts: { tenantId: number; key: string | null; dataDir: string; now?: Date; lines?: AnchorLine[] },
): Promise<AuditIntegrity> {
  const { tenantId, key } = opts;
  const cutoff = (opts.now ?? new Date()).getTime() - AUDIT_RETENTION_MIN_DAYS * 86_400_000;
  const problems: IntegrityProblem[] = [];
  const lines = opts.lines ?? readAuditAnchors(opts.dataDir);
  const keyId = key ? auditKeyId(key) : null;
  if (!key && lines.length) problems.push({ code: 'no_key' });

  const anchors: AuditAnchor[] = [];
  for (const { line, anchor } of lines) {
    if (!anchor) {
      problems.push({ code: 'anchor_unreadable', line });
      continue;
    }
    if (anchor.tenantId !== tenantId || !key) continue;
    if (anchor.keyId !== keyId) problems.push({ code: 'anchor_other_key', line, keyId: anchor.keyId });
    else if (anchorHmac(key, anchor) !== anchor.hmac) problems.push({ code: 'anchor_forged', line });
    else anchors.push(anchor);
  }

  const wanted = new Set(anchors.map((a) => a.lastId));
  const seen = new Map<number, ChainRecord & { position: number }>();
  const chain = await verifyAuditChain(db, tenantId, (r, position) => {
    if (wanted.has(r.id)) seen.set(r.id, { ...r, position });
  });
  if (!chain.ok) problems.push({ code: chain.kind === 'link' ? 'chain_link' : 'chain_content', id: chain.firstBadId });

  const purge = await purgeAnchorOf(db, tenantId);
  const purgeFirst = purge?.firstId ?? 0;
  const lastPurged = purge ? purge.firstId - 1 : 0;
  // Anchored heads the walk did not reach (it stopped at a break) are looked up directly.
  const unseen = [...wanted].filter((id) => id >= purgeFirst && id > 0 && !seen.has(id));
  const present = new Map<number, string>();
  if (unseen.length) {
    const rows = await db
      .select({ id: auditLog.id, hash: auditLog.hash })
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenantId), inArray(auditLog.id, unseen)));
    for (const r of rows) present.set(r.id, r.hash);
  }

  for (const a of anchors) {
    if (purge && a.lastId < purgeFirst) {
      // The anchored head is before the retained chain: it was purged, which is lawful only
      // for records older than the minimum.
      if (a.lastId === lastPurged && a.lastId > 0 && a.hash !== purge.prevHash)
        problems.push({ code: 'rewritten', id: a.lastId, anchorAt: a.at });
      if (a.lastId > 0 && a.headAt && Date.parse(a.headAt) > cutoff) problems.push({ code: 'purged_young', anchorAt: a.at });
      // Records written after this anchor were purged too: they are younger than the anchor.
      else if (a.lastId < lastPurged && Date.parse(a.at) > cutoff) problems.push({ code: 'purged_young', anchorAt: a.at });
      continue;
    }
    if (a.lastId === 0) continue; // the chain was empty when anchored
    const rec = seen.get(a.lastId);
    const hash = rec?.hash ?? present.get(a.lastId);
    if (hash === undefined) problems.push({ code: 'truncated', id: a.lastId, anchorAt: a.at });
    else if (hash !== a.hash) problems.push({ code: 'rewritten', id: a.lastId, anchorAt: a.at });
    else if (rec && a.firstId === purgeFirst && rec.position !== a.count)
      problems.push({ code: 'count_changed', id: a.lastId, anchorAt: a.at, expected: a.count, found: rec.position });
  }

  const head = await chainHead(db, tenantId);
  const unique = [...new Map(problems.map((p) => [JSON.stringify(p.code === 'purged_young' ? { c: p.code } : p), p])).values()];
  return {
    tenantId,
    ok: unique.length === 0,
    checked: chain.checked,
    verifiedUpTo: chain.ok ? (chain.checked ? chain.lastId : null) : null,
    head: { ...head, hmac: key ? headHmac(key, tenantId, head) : null },
    anchors: anchors.length,
    lastAnchor: anchors.at(-1) ?? null,
    problems: unique,
  };
}

/** Integrity of every tenant (root organisation) in the database. */
export async function verifyAllAuditIntegrity(db: Executor, opts: { key: string | null; dataDir: string; now?: Date }) {
  const lines = readAuditAnchors(opts.dataDir);
  const out: AuditIntegrity[] = [];
  for (const tenantId of await rootTenants(db)) out.push(await verifyAuditIntegrity(db, { ...opts, tenantId, lines }));
  return out;
}

/** A problem in words, for the auditor's page and the command line. */
export function describeIntegrityProblem(p: IntegrityProblem, locale: 'zh' | 'en'): string {
  const zh = locale === 'zh';
  switch (p.code) {
    case 'chain_link':
      return zh
        ? `记录 #${p.id} 之前有记录被删除或插入（前一哈希不符）`
        : `a record was removed or inserted before record #${p.id} (previous hash does not match)`;
    case 'chain_content':
      return zh ? `记录 #${p.id} 的内容被改动（与其哈希不符）` : `record #${p.id} was altered (its content does not match its hash)`;
    case 'anchor_unreadable':
      return zh ? `锚点文件第 ${p.line} 行无法识别` : `line ${p.line} of the anchors file is not an anchor`;
    case 'anchor_forged':
      return zh
        ? `锚点文件第 ${p.line} 行的 HMAC 校验失败（锚点被改动）`
        : `the HMAC of anchor line ${p.line} does not match (the anchor was altered)`;
    case 'anchor_other_key':
      return zh
        ? `锚点文件第 ${p.line} 行由另一把密钥（${p.keyId}）签署，无法校验`
        : `anchor line ${p.line} was sealed with another key (${p.keyId}) and cannot be checked`;
    case 'truncated':
      return zh
        ? `锚点（${p.anchorAt}）记录的链头 #${p.id} 已不存在：最新的记录被删除（截断）`
        : `record #${p.id}, the head anchored at ${p.anchorAt}, is gone: the newest records were deleted (truncation)`;
    case 'rewritten':
      return zh
        ? `记录 #${p.id} 的哈希与锚点（${p.anchorAt}）不符：链被改写并重新计算`
        : `record #${p.id} no longer has the hash anchored at ${p.anchorAt}: the chain was rewritten and recomputed`;
    case 'count_changed':
      return zh
        ? `锚点（${p.anchorAt}）时截至 #${p.id} 有 ${p.expected} 条记录，现在为 ${p.found} 条`
        : `up to #${p.id} there were ${p.expected} records at the anchor of ${p.anchorAt}, now ${p.found}`;
    case 'purged_young':
      return zh
        ? `锚点（${p.anchorAt}）之后的记录被清除，但未满 ${AUDIT_RETENTION_MIN_DAYS} 天的最短保留期`
        : `records covered by the anchor of ${p.anchorAt} were purged before the ${AUDIT_RETENTION_MIN_DAYS}-day retention minimum`;
    case 'no_key':
      return zh ? '找不到审计密钥，无法校验锚点的 HMAC' : 'the audit key is missing: the anchors’ HMAC cannot be checked';
  }
}
