import type { FastifyInstance, FastifyRequest } from 'fastify';
import { peopleApi } from '../../../contracts/core/people.api';
import type { Db } from '../../db/client';
import { requireAuth } from '../auth/auth.plugin';
import { writeAudit } from '../audit/audit.service';
import { batchedRows, buildTemplate, importOutcome, readUpload, sendXlsx, streamXlsx } from '../excel/excel';
import { mountRoutes } from '../http/route';
import { P } from '../rbac/permissions';
import { PEOPLE_COLUMNS, PEOPLE_EXPORT_COLUMNS } from './people.columns';
import type { PeopleService } from './people.service';

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
      // Read in batches and streamed to the reply: a district's 20,000 people are never one array.
      const src = await batchedRows((page, pageSize) => svc.list(ctx, { ...req.query, page, pageSize }, P['people.export']));
      await opts.db.transaction((tx) =>
        writeAudit(tx, ctx.auditActor(), {
          action: 'export',
          entityType: 'person',
          summary: `${src.count}/${src.total} rows; filter ${JSON.stringify(req.query)}`,
        }),
      );
      return streamXlsx(reply, {
        columns: PEOPLE_EXPORT_COLUMNS,
        rows: src.rows,
        locale: req.locale,
        sheetName: req.locale === 'en' ? 'Personnel' : '人员',
        fileName: req.locale === 'en' ? 'personnel' : '人员名单',
      });
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
