import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Db, Executor } from '../../db/client';
import { queryRows } from '../../db/client';
import { writeAudit } from '../audit/audit.service';
import { AppError, badRequest, notFound } from '../http/errors';
import type { AuthContext } from '../rbac/context';
import { P } from '../rbac/permissions';
import { attachments } from './files.schema';
import { sql } from 'drizzle-orm';

/**
 * Who may see and attach files of an owner type is decided by the owning record, never by the
 * file: a module registers its type with two scope checks that look the record up exactly as
 * the record's own read (and write) does, so a record outside the caller's scope is invisible
 * through its attachments too. The core runs them on every upload, list, download and delete;
 * an owner type without both checks is refused at registration, and a stored file whose owner
 * type is not registered is invisible (no check, no access).
 */
export type AttachmentOwner = {
  /** The caller may read the owner record (the record's own read check: scope of its read permission). */
  canView: (db: Executor, ctx: AuthContext, ownerId: string) => Promise<boolean>;
  /** The caller may change the owner record's files: attach and delete (its write check). */
  canAttach: (db: Executor, ctx: AuthContext, ownerId: string) => Promise<boolean>;
};
const owners = new Map<string, AttachmentOwner>();
export function registerAttachmentOwner(type: string, owner: AttachmentOwner) {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(type)) throw new Error(`attachment owner type "${type}": lower-case letters, digits and _`);
  if (typeof owner?.canView !== 'function' || typeof owner?.canAttach !== 'function')
    throw new Error(`attachment owner type "${type}" needs both scope checks (canView, canAttach)`);
  const known = owners.get(type);
  if (known && known !== owner) throw new Error(`attachment owner type "${type}" is registered twice`);
  owners.set(type, owner);
}
/** The registered owner types (tests walk every one of them). */
export function attachmentOwnerTypes(): string[] {
  return [...owners.keys()];
}

/** Types accepted, by what the content is — never by the file name or the client's MIME type. */
const ALLOWED = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
]);

export async function detectType(buf: Buffer): Promise<string> {
  const ft = await fileTypeFromBuffer(buf);
  if (ft) return ft.mime;
  // No magic number: accept plain text (CSV, TXT) only when it is valid UTF-8 without NUL bytes.
  if (!buf.includes(0)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf);
      return 'text/plain';
    } catch {
      /* not text */
    }
  }
  return 'application/octet-stream';
}

async function orgCovered(db: Executor, ctx: AuthContext, permission: string, table: 'people', id: string) {
  const rows = await queryRows<{ id: number; path: string }>(
    db,
    sql`select o.id, o.path from ${sql.identifier(table)} t join orgs o on o.id = t.org_id where t.id = ${Number(id) || 0}`,
  );
  return !!rows[0] && ctx.covers(permission, rows[0]);
}
registerAttachmentOwner('person_photo', {
  canView: (db, ctx, id) => orgCovered(db, ctx, P['people.read'], 'people', id),
  canAttach: (db, ctx, id) => orgCovered(db, ctx, P['people.write'], 'people', id),
});

export class FilesService {
  constructor(
    private readonly db: Db,
    private readonly dir: string,
    private readonly maxBytes: number,
  ) {}

  private pathOf(id: string) {
    return path.join(this.dir, id.slice(0, 2), id);
  }

  async upload(ctx: AuthContext, input: { buffer: Buffer; filename: string; ownerType: string; ownerId?: string | null }) {
    ctx.require(P['files.upload']);
    const owner = owners.get(input.ownerType);
    if (!owner)
      throw badRequest(
        'VALIDATION_FAILED',
        { fields: 'ownerType' },
        { fields: [{ field: 'ownerType', message: ctx.locale === 'en' ? 'unknown owner type' : '未知的附件归属类型' }] },
      );
    if (input.buffer.length > this.maxBytes) throw new AppError(413, 'FILE_TOO_LARGE', { max: Math.round(this.maxBytes / 1048576) });
    if (input.buffer.length === 0)
      throw badRequest(
        'VALIDATION_FAILED',
        { fields: 'file' },
        { fields: [{ field: 'file', message: ctx.locale === 'en' ? 'is empty' : '文件为空' }] },
      );
    const mime = await detectType(input.buffer);
    if (!ALLOWED.has(mime) && mime !== 'text/plain') throw new AppError(415, 'FILE_TYPE_NOT_ALLOWED', { detected: mime });
    if (input.ownerId && !(await owner.canAttach(this.db, ctx, input.ownerId))) throw notFound(input.ownerType);
    const id = crypto.randomBytes(16).toString('hex');
    const file = this.pathOf(id);
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, input.buffer, { flag: 'wx' });
    // Control characters in a stored name would break headers and logs.
    const filename =
      [...path.basename(input.filename)]
        .filter((c) => c.charCodeAt(0) >= 0x20)
        .join('')
        .slice(0, 200) || 'file';
    try {
      return await this.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(attachments)
          .values({
            id,
            tenantId: ctx.tenantId,
            ownerType: input.ownerType,
            ownerId: input.ownerId ?? null,
            orgId: ctx.account.orgId,
            filename,
            mime,
            size: input.buffer.length,
            sha256: crypto.createHash('sha256').update(input.buffer).digest('hex'),
            uploadedBy: ctx.account.id,
          })
          .returning();
        await writeAudit(tx, ctx.auditActor(), {
          action: 'upload',
          entityType: 'attachment',
          entityId: id,
          orgId: ctx.account.orgId,
          summary: `${input.ownerType}:${input.ownerId ?? 'draft'} ${filename} (${mime}, ${input.buffer.length} B)`,
        });
        return row!;
      });
    } catch (err) {
      await fs.rm(file, { force: true });
      throw err;
    }
  }

  /** The file, when the caller may see its owner (drafts: only the uploader). */
  async get(ctx: AuthContext, id: string) {
    const [row] = await this.db.select().from(attachments).where(eq(attachments.id, id));
    if (!row || row.tenantId !== ctx.tenantId) throw notFound('attachment');
    const owner = owners.get(row.ownerType);
    const visible = row.ownerId ? !!owner && (await owner.canView(this.db, ctx, row.ownerId)) : row.uploadedBy === ctx.account.id;
    if (!visible) throw notFound('attachment');
    return { row, path: this.pathOf(row.id) };
  }

  async list(ctx: AuthContext, ownerType: string, ownerId: string) {
    const owner = owners.get(ownerType);
    if (!owner || !(await owner.canView(this.db, ctx, ownerId))) throw notFound(ownerType);
    return this.db
      .select()
      .from(attachments)
      .where(and(eq(attachments.tenantId, ctx.tenantId), eq(attachments.ownerType, ownerType), eq(attachments.ownerId, ownerId)));
  }

  async remove(ctx: AuthContext, id: string) {
    const { row } = await this.get(ctx, id);
    const owner = owners.get(row.ownerType);
    // A draft is its uploader's; a bound file belongs to its record: only who may change the
    // record (its write scope) removes it, the uploader included — a file uploaded while in
    // scope is not a licence to delete it after the record has moved out of scope.
    const allowed = row.ownerId ? !!owner && (await owner.canAttach(this.db, ctx, row.ownerId)) : row.uploadedBy === ctx.account.id;
    if (!allowed) throw notFound('attachment');
    await this.db.transaction(async (tx) => {
      await tx.delete(attachments).where(eq(attachments.id, id));
      await writeAudit(tx, ctx.auditActor(), {
        action: 'delete',
        entityType: 'attachment',
        entityId: id,
        orgId: row.orgId,
        summary: row.filename,
      });
    });
    await fs.rm(this.pathOf(id), { force: true });
  }

  /** For modules: bind draft uploads of the caller to a record, in the record's transaction. */
  async attach(tx: Executor, ctx: AuthContext, ids: string[], ownerType: string, ownerId: string) {
    for (const id of ids) {
      const [row] = await tx
        .update(attachments)
        .set({ ownerType, ownerId })
        .where(and(eq(attachments.id, id), eq(attachments.uploadedBy, ctx.account.id)))
        .returning({ id: attachments.id });
      if (!row) throw notFound('attachment');
    }
  }
}
