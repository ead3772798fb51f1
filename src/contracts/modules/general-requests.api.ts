import { z } from 'zod';
import { pageOf, ZPageNo, zPageSize } from '../common';
import { ZGeneralRequestCreateSchema, ZGeneralRequestSchema } from '../core/approval';
import { defineRoutes } from '../route';

/** General requests (一般事项申请): a request whose only business is its approval; defined once for the server and the web. */
export const generalRequestsApi = defineRoutes('general-requests', {
  create: {
    method: 'POST',
    path: '/general-requests',
    summary: 'Submit a general request (creates and submits its approval)',
    body: ZGeneralRequestCreateSchema,
    response: ZGeneralRequestSchema,
  },
  list: {
    method: 'GET',
    path: '/general-requests',
    query: z.object({
      page: ZPageNo.default(1),
      pageSize: zPageSize({ max: 100 }),
      status: z.enum(['pending', 'approved', 'rejected', 'returned', 'withdrawn']).optional(),
    }),
    response: pageOf(ZGeneralRequestSchema),
  },
  get: { method: 'GET', path: '/general-requests/:id', response: ZGeneralRequestSchema },
  revise: {
    method: 'PATCH',
    path: '/general-requests/:id',
    summary: 'Revise a returned request and resubmit it',
    body: ZGeneralRequestCreateSchema,
    response: ZGeneralRequestSchema,
  },
});
