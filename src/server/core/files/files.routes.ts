import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZOkSchema } from '../../../contracts/common';
import { requireAuth } from '../auth/auth.plugin';
import { readUpload } from '../excel/excel';
import type { FilesService } from './files.service';

const ZFile = z.object({
  id: z.string(),
  filename: z.string(),
  mime: z.string(),
  size: z.number(),
  ownerType: z.string(),
  ownerId: z.string().nullable(),
  createdAt: z.string(),
});
const view = (r: {
  id: string;
  filename: string;
  mime: string;
  size: number;
  ownerType: string;
  ownerId: string | null;
  createdAt: Date;
}) => ({
  id: r.id,
  filename: r.filename,
  mime: r.mime,
  size: r.size,
  ownerType: r.ownerType,
  ownerId: r.ownerId,
  createdAt: r.createdAt.toISOString(),
});
const ZFileId = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) });

export async function filesRoutes(appBase: FastifyInstance, opts: { files: FilesService; maxUploadMb: number }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const tags = ['files'];
  app.post(
    '/api/v1/files',
    {
      schema: {
        tags,
        summary: 'Upload an attachment (multipart: file, ownerType, ownerId?)',
        consumes: ['multipart/form-data'],
        response: { 200: ZFile },
      },
    },
    async (req) => {
      const ctx = requireAuth(req);
      const { buffer, filename, fields } = await readUpload(req, opts.maxUploadMb);
      return view(await opts.files.upload(ctx, { buffer, filename, ownerType: fields.ownerType ?? '', ownerId: fields.ownerId || null }));
    },
  );
  app.get(
    '/api/v1/files',
    {
      schema: {
        tags,
        querystring: z.object({ ownerType: z.string().max(40), ownerId: z.string().max(64) }),
        response: { 200: z.object({ items: z.array(ZFile) }) },
      },
    },
    async (req) => ({
      items: (await opts.files.list(requireAuth(req), req.query.ownerType, req.query.ownerId)).map(view),
    }),
  );
  app.get(
    '/api/v1/files/:id',
    { schema: { tags, summary: 'Download (through the owning record’s permissions)', params: ZFileId } },
    async (req, reply) => {
      const { row, path } = await opts.files.get(requireAuth(req), req.params.id);
      const inline = row.mime.startsWith('image/') || row.mime === 'application/pdf';
      return reply
        .header('content-type', row.mime === 'text/plain' ? 'text/plain; charset=utf-8' : row.mime)
        .header('x-content-type-options', 'nosniff')
        .header(
          'content-disposition',
          `${inline ? 'inline' : 'attachment'}; filename="file"; filename*=UTF-8''${encodeURIComponent(row.filename)}`,
        )
        .send(fs.createReadStream(path));
    },
  );
  app.delete('/api/v1/files/:id', { schema: { tags, params: ZFileId, response: { 200: ZOkSchema } } }, async (req) => {
    await opts.files.remove(requireAuth(req), req.params.id);
    return { ok: true as const };
  });
}
