import fs from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { filesApi } from '../../../contracts/core/files.api';
import { requireAuth } from '../auth/auth.plugin';
import { readUpload } from '../excel/excel';
import { mountRoutes } from '../http/route';
import type { FilesService } from './files.service';

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
export async function filesRoutes(app: FastifyInstance, opts: { files: FilesService; maxUploadMb: number }) {
  mountRoutes(app, filesApi, {
    upload: async (req) => {
      const ctx = requireAuth(req);
      const { buffer, filename, fields } = await readUpload(req as unknown as FastifyRequest, opts.maxUploadMb);
      return view(await opts.files.upload(ctx, { buffer, filename, ownerType: fields.ownerType ?? '', ownerId: fields.ownerId || null }));
    },
    list: async (req) => ({
      items: (await opts.files.list(requireAuth(req), req.query.ownerType, req.query.ownerId)).map(view),
    }),
    get: async (req, reply) => {
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
    remove: async (req) => {
      await opts.files.remove(requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  });
}
