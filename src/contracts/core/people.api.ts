import { ZImportResultSchema, ZOkSchema, pageOf } from '../common';
import { defineRoutes } from '../route';
import { ZPeopleQuerySchema, ZPersonCreateSchema, ZPersonDetailSchema, ZPersonSchema, ZPersonUpdateSchema } from './people';

/** The personnel register's routes (core), defined once for the server and the web. */
export const peopleApi = defineRoutes('people', {
  list: {
    method: 'GET',
    path: '/people',
    summary: 'Personnel in the caller’s scope (orgId includes its subtree)',
    query: ZPeopleQuerySchema,
    response: pageOf(ZPersonSchema),
  },
  importTemplate: { method: 'GET', path: '/people/import/template', kind: 'download', summary: 'Excel template for importing personnel' },
  import: {
    method: 'POST',
    path: '/people/import',
    kind: 'upload',
    // A report with errors is answered with 422 IMPORT_FAILED (nothing was written), the report in `details`.
    summary: 'Import personnel from Excel: all rows or none, with a row-by-row report (422 when it has errors)',
    response: ZImportResultSchema,
  },
  export: {
    method: 'GET',
    path: '/people/export',
    kind: 'download',
    summary: 'Export the filtered list to Excel (max 50,000 rows)',
    query: ZPeopleQuerySchema.omit({ page: true, pageSize: true }),
  },
  get: { method: 'GET', path: '/people/:id', response: ZPersonDetailSchema },
  create: { method: 'POST', path: '/people', body: ZPersonCreateSchema, response: ZPersonDetailSchema },
  update: { method: 'PATCH', path: '/people/:id', body: ZPersonUpdateSchema, response: ZPersonDetailSchema },
  remove: {
    method: 'DELETE',
    path: '/people/:id',
    summary: 'Delete a person nothing refers to (otherwise 409: change the status)',
    response: ZOkSchema,
  },
});
