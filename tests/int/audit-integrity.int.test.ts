/**
 * The audit chain against a database administrator: every tamper below is done directly in
 * the database, as someone with the database's rights (but not the audit key, kept outside it)
 * could, and `verifyAuditIntegrity` (what `npm run audit:verify` runs) must name it. The chain's
 * own hashes cannot: truncation and a rewrite with every later hash recomputed leave a chain
 * that verifies; the anchors (HMAC-SM3, out of the database) are what catch them.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AUDIT_ANCHORS_FILE,
  type AuditIntegrity,
  readAuditAnchors,
  verifyAuditIntegrity,
  writeAuditAnchors,
} from '../../src/server/core/audit/audit.anchors';
import { GENESIS_HASH, chainHash } from '../../src/server/core/audit/audit.chain';
import { verifyAuditChain, writeAudit } from '../../src/server/core/audit/audit.service';
import { type Db, type Executor, queryRows } from '../../src/server/db/client';
import { type Session, type TestApp, buildTestApp, login, seedTestDistrict } from '../helpers/app';

const KEY = crypto.randomBytes(32).toString('hex');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'houqin-audit-'));
let app: TestApp;
let db: Db;
let tenant: number;
let auditor: Session;
let admin: Session;
let auditorEn: Session;

type Row = {
  id: number;
  tenant_id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  ip: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  org_id: number | null;
  summary: string | null;
  before: unknown;
  after: unknown;
  prev_hash: string;
  hash: string;
};
const rowsOf = (t: number) =>
  queryRows<Row>(
    db,
    sql`select id::int as id, tenant_id, to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, actor_id, actor_name,
               ip, action, entity_type, entity_id, org_id, summary, before, after, prev_hash, hash
          from audit_log where tenant_id = ${t} order by id`,
  );
const fields = (r: Row) => ({
  id: r.id,
  tenantId: r.tenant_id,
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  ip: r.ip,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  orgId: r.org_id,
  summary: r.summary,
  before: r.before,
  after: r.after,
});
const insertRow = (r: Row) =>
  db.execute(sql`insert into audit_log (id, tenant_id, at, actor_id, actor_name, ip, action, entity_type, entity_id, org_id, summary,
                                        before, after, prev_hash, hash)
                 values (${r.id}, ${r.tenant_id}, ${r.at}, ${r.actor_id}, ${r.actor_name}, ${r.ip}, ${r.action}, ${r.entity_type},
                         ${r.entity_id}, ${r.org_id}, ${r.summary}, ${r.before === null ? null : JSON.stringify(r.before)}::jsonb,
                         ${r.after === null ? null : JSON.stringify(r.after)}::jsonb, ${r.prev_hash}, ${r.hash})`);
/** As a DBA would: switch the append-only trigger off, do it, switch it back on. */
async function asDba(fn: (tx: Executor) => Promise<unknown>) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger audit_log_no_update`);
    await fn(tx);
    await tx.execute(sql`alter table audit_log enable trigger audit_log_no_update`);
  });
}
const verify = (opts: Partial<Parameters<typeof verifyAuditIntegrity>[1]> = {}) =>
  verifyAuditIntegrity(db, { tenantId: tenant, key: KEY, dataDir, ...opts });
const codes = (r: AuditIntegrity) => r.problems.map((p) => p.code);
/** The database's own message (the driver's error is wrapped by the query builder). */
const purge = (before: ReturnType<typeof sql>) =>
  db.execute(sql`select audit_purge(${tenant}, ${before})`).catch((e: Error & { cause?: Error }) => {
    throw e.cause ?? e;
  });

beforeAll(async () => {
  app = await buildTestApp({ HOUQIN_DATA_DIR: dataDir, HOUQIN_AUDIT_KEY: KEY });
  db = app.services.db;
  const d = await seedTestDistrict(app);
  tenant = d.bureau.id;
  auditor = await login(app, 'auditor');
  admin = await login(app, 'admin');
  auditorEn = await login(app, 'auditor', undefined, 'en');
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('anchors out of the database', () => {
  it('a clean chain verifies; anchors are written to the file and shown to the auditor, on demand and by the job', async () => {
    expect((await verify()).problems).toEqual([]);
    const a = await auditor.post('/api/v1/audit/anchor');
    expect(a.statusCode, a.body).toBe(200);
    const run = await admin.post('/api/v1/jobs/audit.anchor/run');
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json().status).toBe('succeeded');
    const lines = readAuditAnchors(dataDir);
    expect(lines.length).toBe(2);
    expect(lines.every((l) => l.anchor?.tenantId === tenant && /^[0-9a-f]{64}$/.test(l.anchor.hmac))).toBe(true);
    // The anchor request is itself audited, and covered by the anchor it took.
    const [anchorRecord, jobRecord] = (await rowsOf(tenant)).slice(-2);
    expect([anchorRecord!.action, jobRecord!.action]).toEqual(['anchor', 'run']);
    expect(lines[0]!.anchor!.lastId).toBe(anchorRecord!.id);

    const v = await auditor.get('/api/v1/audit/verify');
    expect(v.statusCode, v.body).toBe(200);
    expect(v.json()).toMatchObject({ ok: true, anchors: 2, problems: [] });
    expect(v.json().lastAnchor.lastId).toBe(lines[1]!.anchor!.lastId);
    expect(v.json().verifiedUpTo).toBe(v.json().head.lastId);
    // Only the auditor reads the chain's state.
    expect((await admin.get('/api/v1/audit/verify')).statusCode).toBe(403);
    expect((await admin.post('/api/v1/audit/anchor')).statusCode).toBe(403);
  });

  it('detects an anchor edited in the file (its HMAC-SM3 no longer matches)', async () => {
    const lines = readAuditAnchors(dataDir);
    const forged = lines.map((l, i) => (i === 0 ? { ...l, anchor: { ...l.anchor!, count: l.anchor!.count - 1 } } : l));
    expect(codes(await verify({ lines: forged }))).toEqual(['anchor_forged']);
    // Without the key, nothing can be checked, and verification says so.
    expect(codes(await verify({ key: null }))).toEqual(['no_key']);
    // A garbled line is reported, not skipped.
    fs.appendFileSync(path.join(dataDir, AUDIT_ANCHORS_FILE), 'not json\n');
    expect(codes(await verify())).toEqual(['anchor_unreadable']);
    const text = fs.readFileSync(path.join(dataDir, AUDIT_ANCHORS_FILE), 'utf8');
    fs.writeFileSync(path.join(dataDir, AUDIT_ANCHORS_FILE), text.replace('not json\n', ''));
    expect((await verify()).ok).toBe(true);
  });
});

describe('what a database administrator could do is detected', () => {
  it('deleting the newest records (truncation)', async () => {
    await login(app, 'leader'); // more records after the anchor …
    await writeAuditAnchors(db, { key: KEY, dataDir, tenantIds: [tenant] }); // … anchored
    const rows = await rowsOf(tenant);
    const newest = rows.slice(-3);
    await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('houqin.audit_purge', 'on', true)`);
      await tx.execute(sql`delete from audit_log where tenant_id = ${tenant} and id >= ${newest[0]!.id}`);
    });
    // The chain alone still verifies: what is left is a valid prefix.
    expect((await verifyAuditChain(db, tenant)).ok).toBe(true);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(r.problems).toContainEqual(expect.objectContaining({ code: 'truncated', id: newest[2]!.id }));
    const v = (await auditor.get('/api/v1/audit/verify')).json();
    expect(v.ok).toBe(false);
    expect(v.problems.join(' ')).toContain('截断');
    const en = (await auditorEn.get('/api/v1/audit/verify')).json();
    expect(en.problems.join(' ')).toContain('truncation');
    // Put them back (inserting is allowed): whole again.
    for (const row of newest) await insertRow(row);
    expect((await verify()).problems).toEqual([]);
  });

  it('rewriting a record and recomputing every later hash', async () => {
    const rows = await rowsOf(tenant);
    const target = rows[Math.floor(rows.length / 2)]!;
    const originals = rows.filter((r) => r.id >= target.id);
    await asDba(async (tx) => {
      let prev = target.prev_hash;
      for (const r of originals) {
        const changed = { ...fields(r), summary: r.id === target.id ? 'nothing happened here' : r.summary };
        const hash = chainHash(prev, changed);
        await tx.execute(sql`update audit_log set summary = ${changed.summary}, prev_hash = ${prev}, hash = ${hash}
                               where tenant_id = ${tenant} and id = ${r.id}`);
        prev = hash;
      }
    });
    // The chain is self-consistent again …
    expect((await verifyAuditChain(db, tenant)).ok).toBe(true);
    // … but the anchored heads no longer have their hashes.
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(codes(r)).toContain('rewritten');
    // Undo, as the rows were.
    await asDba(async (tx) => {
      for (const r of originals)
        await tx.execute(sql`update audit_log set summary = ${r.summary}, prev_hash = ${r.prev_hash}, hash = ${r.hash}
                               where tenant_id = ${tenant} and id = ${r.id}`);
    });
    expect((await verify()).problems).toEqual([]);
  });

  it('audit_purge(…, now()) is refused by the database; a purge done around it is detected', async () => {
    const before = (await rowsOf(tenant)).length;
    await expect(purge(sql`now()`)).rejects.toThrow(/180 days/);
    await expect(purge(sql`now() - interval '179 days'`)).rejects.toThrow(/180 days/);
    await expect(purge(sql`null`)).rejects.toThrow(/180 days/);
    // At the minimum it runs (nothing here is that old).
    const [ok] = await queryRows<{ n: number }>(db, sql`select audit_purge(${tenant}, now() - interval '180 days') as n`);
    expect(Number(ok!.n)).toBe(0);
    expect((await rowsOf(tenant)).length).toBe(before);
    expect((await verify()).ok).toBe(true);

    // A DBA doing by hand what the old function did: delete the start of the chain and move
    // the purge anchor so the rest still verifies.
    const rows = await rowsOf(tenant);
    const cut = rows[Math.floor(rows.length / 2)]!;
    await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('houqin.audit_purge', 'on', true)`);
      await tx.execute(sql`delete from audit_log where tenant_id = ${tenant} and id <= ${cut.id}`);
      await tx.execute(sql`insert into audit_anchors (tenant_id, first_id, prev_hash) values (${tenant}, ${cut.id + 1}, ${cut.hash})
                           on conflict (tenant_id) do update set first_id = excluded.first_id, prev_hash = excluded.prev_hash`);
    });
    expect((await verifyAuditChain(db, tenant)).ok).toBe(true);
    const r = await verify();
    expect(r.ok).toBe(false);
    expect(codes(r)).toContain('purged_young');
  });

  it('a lawful purge (records older than the minimum) keeps verification clean', async () => {
    // A tenant of its own, with a history written by hand a year back.
    const t = 900_000 + Math.floor(Math.random() * 1000);
    const day = 86_400_000;
    let prev = GENESIS_HASH;
    const add = async (at: Date, summary: string) => {
      const [{ id }] = await queryRows<{ id: string }>(db, sql`select nextval('audit_log_id_seq') as id`);
      const f = {
        id: Number(id),
        tenantId: t,
        at: at.toISOString(),
        actorId: null,
        actorName: 'system',
        ip: null,
        action: 'create',
        entityType: 'test',
        entityId: null,
        orgId: null,
        summary,
        before: null,
        after: null,
      };
      const hash = chainHash(prev, f);
      await insertRow({
        id: f.id,
        tenant_id: t,
        at: f.at,
        actor_id: null,
        actor_name: 'system',
        ip: null,
        action: 'create',
        entity_type: 'test',
        entity_id: null,
        org_id: null,
        summary,
        before: null,
        after: null,
        prev_hash: prev,
        hash,
      });
      prev = hash;
    };
    const now = Date.now();
    await writeAuditAnchors(db, { key: KEY, dataDir, tenantIds: [t], now: new Date(now - 401 * day) }); // empty then
    for (let i = 0; i < 3; i++) await add(new Date(now - (400 - i) * day), `old ${i}`);
    await writeAuditAnchors(db, { key: KEY, dataDir, tenantIds: [t], now: new Date(now - 390 * day) });
    for (let i = 0; i < 3; i++) await add(new Date(now - (10 - i) * day), `recent ${i}`);
    await writeAuditAnchors(db, { key: KEY, dataDir, tenantIds: [t] });
    const check = () => verifyAuditIntegrity(db, { tenantId: t, key: KEY, dataDir });
    expect((await check()).problems).toEqual([]);
    const [p] = await queryRows<{ n: number }>(db, sql`select audit_purge(${t}, now() - interval '365 days') as n`);
    expect(Number(p!.n)).toBe(3);
    const r = await check();
    expect(r.problems).toEqual([]);
    expect(r.checked).toBe(3);
  });
});

describe('personal data in free text', () => {
  it('is masked in the audit record like the structured fields', async () => {
    await db.transaction((tx) =>
      writeAudit(
        tx,
        { tenantId: tenant, actorId: null, actorName: 'test', ip: null },
        {
          action: 'create',
          entityType: 'asset_loan',
          summary: '借给 王五 13812345678',
          after: { borrowerName: '区运动会筹委会', contact: '王五 138-1234-5678', note: '身份证 110101199003071234', phone: '13912345678' },
        },
      ),
    );
    const [rec] = (await auditor.get('/api/v1/audit?entityType=asset_loan')).json().items;
    expect(rec.summary).toBe('借给 王五 138****5678');
    expect(rec.after).toEqual({
      borrowerName: '区运动会筹委会',
      contact: '王五 138****5678',
      note: '身份证 1101**********1234',
      phone: '139****5678',
    });
    expect(JSON.stringify(rec)).not.toMatch(/13812345678|1234-5678|199003071234/);
  });
});
