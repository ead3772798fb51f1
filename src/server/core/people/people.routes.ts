import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ZIdParamSchema, ZImportResultSchema, ZOkSchema, pageOf } from '../../../contracts/common';
import {
  ZPeopleQuerySchema,
  ZPersonCreateSchema,
  ZPersonDetailSchema,
  ZPersonSchema,
  ZPersonUpdateSchema,
} from '../../../contracts/core/people';
import type { Db } from '../../db/client';
import { requireAuth } from '../auth/auth.plugin';
import { writeAudit } from '../audit/audit.service';
import { buildTemplate, exportRows, readUpload, sendXlsx } from '../excel/excel';
import { P } from '../rbac/permissions';
import { PEOPLE_COLUMNS, PEOPLE_EXPORT_COLUMNS } from './people.columns';
import type { PeopleService } from './people.service';

export const MAX_EXPORT_ROWS = 50_000;

export async function peopleRoutes(appBase: FastifyInstance, opts: { people: PeopleService; db: Db; maxUploadMb: number }) {
  const app = appBase.withTypeProvider<ZodTypeProvider>();
  const svc = opts.people;
  const tags = ['people'];

  app.get(
    '/api/v1/people',
    {
      schema: {
        tags,
        summary: 'Personnel in the caller’s scope (orgId includes its subtree)',
        querystring: ZPeopleQuerySchema,
        response: { 200: pageOf(ZPersonSchema) },
      },
    },
    async (req) => svc.list(requireAuth(req), req.query),
  );

  app.get('/api/v1/people/import/template', { schema: { tags, summary: 'Excel template for importing personnel' } }, async (req, reply) => {
    requireAuth(req).require(P['people.import']);
    const buf = await buildTemplate(PEOPLE_COLUMNS, req.locale, req.locale === 'en' ? 'Personnel' : '人员');
    return sendXlsx(reply, buf, req.locale === 'en' ? 'personnel-template' : '人员导入模板');
  });

  app.post(
    '/api/v1/people/import',
    {
      schema: {
        tags,
        summary: 'Import personnel from Excel: all rows or none, with a row-by-row report',
        consumes: ['multipart/form-data'],
        response: { 200: ZImportResultSchema, 422: ZImportResultSchema },
      },
    },
    async (req, reply) => {
      const ctx = requireAuth(req);
      ctx.require(P['people.import']);
      const { buffer } = await readUpload(req, opts.maxUploadMb);
      const res = await svc.importWorkbook(ctx, buffer);
      // A report with errors is still an answer to show, but nothing was written: 422.
      return reply.status(res.errors.length ? 422 : 200).send(res);
    },
  );

  app.get(
    '/api/v1/people/export',
    {
      schema: {
        tags,
        summary: 'Export the filtered list to Excel (max 50,000 rows)',
        querystring: ZPeopleQuerySchema.omit({ page: true, pageSize: true }),
      },
    },
    async (req, reply) => {
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
  );

  app.get('/api/v1/people/:id', { schema: { tags, params: ZIdParamSchema, response: { 200: ZPersonDetailSchema } } }, async (req) =>
    svc.detail(requireAuth(req), req.params.id),
  );
  app.post('/api/v1/people', { schema: { tags, body: ZPersonCreateSchema, response: { 200: ZPersonDetailSchema } } }, async (req) =>
    svc.create(requireAuth(req), req.body),
  );
  app.patch(
    '/api/v1/people/:id',
    { schema: { tags, params: ZIdParamSchema, body: ZPersonUpdateSchema, response: { 200: ZPersonDetailSchema } } },
    async (req) => svc.update(requireAuth(req), req.params.id, req.body),
  );
  app.delete(
    '/api/v1/people/:id',
    {
      schema: {
        tags,
        summary: 'Delete a person nothing refers to (otherwise 409: change the status)',
        params: ZIdParamSchema,
        response: { 200: ZOkSchema },
      },
    },
    async (req) => {
      await svc.remove(requireAuth(req), req.params.id);
      return { ok: true as const };
    },
  );
}
