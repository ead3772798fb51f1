import { z } from 'zod';
import { ZOkSchema } from '../common';
import { defineRoutes } from '../route';
import { ZOrgCreateSchema, ZOrgListQuerySchema, ZOrgSchema, ZOrgUpdateSchema } from './org';

/** The organisation tree's routes (core), defined once for the server and the web. */
export const orgApi = defineRoutes('orgs', {
  // Unpaged: the tree pickers need the visible nodes whole (a district has a few hundred agencies and their departments).
  list: {
    method: 'GET',
    path: '/orgs',
    summary: 'Organisation nodes visible to the caller (flat; build the tree from parentId)',
    query: ZOrgListQuerySchema,
    response: z.object({ items: z.array(ZOrgSchema), total: z.number() }),
  },
  get: { method: 'GET', path: '/orgs/:id', response: ZOrgSchema },
  create: {
    method: 'POST',
    path: '/orgs',
    summary: 'Create a bureau, unit, department or site group',
    body: ZOrgCreateSchema,
    response: ZOrgSchema,
  },
  update: {
    method: 'PATCH',
    path: '/orgs/:id',
    summary: 'Edit, move (parentId) or deactivate (status) a node',
    body: ZOrgUpdateSchema,
    response: ZOrgSchema,
  },
  remove: {
    method: 'DELETE',
    path: '/orgs/:id',
    summary: 'Delete a node nothing refers to (otherwise 409: deactivate it)',
    response: ZOkSchema,
  },
});
