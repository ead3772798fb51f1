import type { FastifyInstance, FastifyRequest } from 'fastify';
import { peopleApi } from '../../../contracts/core/people.api';
import type { Db } from '../../db/client';
import { requireAuth } from '../auth/auth.plugin';
import { writeAudit } from '../audit/audit.service';
import { buildTemplate, exportRows, importOutcome, readUpload, sendXlsx } from '../excel/excel';
import { mountRoutes } from '../http/route';
import { P } from '../rbac/permissions';
import { PEOPLE_COLUMNS, PEOPLE_EXPORT_COLUMNS } from './people.columns';
import type { PeopleService } from './people.service';

export const MAX_EXPORT_ROWS = 50_000;

export async function peopleRoutes(app: FastifyInstance, opts: { people: PeopleService; db: Db; maxUploadMb: number }) {
  const svc = opts.people;
  mountRoutes(app, peopleApi, {
    list: async (req) => svc.list(requireAuth(req), req.query),
    importTemplate: async (req, reply) => {
      requireAuth(req).require(P['people.import']);
      const buf = await buildTemplate(PEOPLE_COLUMNS, req.locale, req.locale === 'en' ? 'Personnel' : '人员');
      return sendXlsx(reply, buf, req.locale === 'en' ? 'personnel-template' : '人员导入模板');
    },
    import: async (req) => {
      const ctx = requireAuth(req);
      ctx.require(P['people.import']);
      const { buffer } = await readUpload(req as unknown as FastifyRequest, opts.maxUploadMb);
      // A report with errors is still an answer to show, but nothing was written: 422 IMPORT_FAILED, the report in `details`.
      return importOutcome(await svc.importWorkbook(ctx, buffer));
    },
    export: async (req, reply) => {
      const ctx = requireAuth(req);
      ctx.require(P['people.export']);
      const q = { ...req.query, page: 1, pageSize: MAX_EXPORT_ROWS };
      const { items, total } = await svc.list(ctx, q, P['people.export'], MAX_EXPORT_ROWS);
      await opts.db.transaction((tx) =>
        writeAudit(tx, ctx.auditActor(), {
          action: 'export',
          entityType: 'person',
          summary: `${items.length}/${total} rows; filter ${JSON.stringify(req.query)}`,
        }),
      );
      const buf = await exportRows(PEOPLE_EXPORT_COLUMNS, items, req.locale, req.locale === 'en' ? 'Personnel' : '人员');
      return sendXlsx(reply, buf, req.locale === 'en' ? 'personnel' : '人员名单');
    },
    get: async (req) => svc.detail(requireAuth(req), req.params.id),
    create: async (req) => svc.create(requireAuth(req), req.body),
    update: async (req) => svc.update(requireAuth(req), req.params.id, req.body),
    remove: async (req) => {
      await svc.remove(requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  });
}
