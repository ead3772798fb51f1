import { z } from 'zod';
import { pageOf } from '../common';
import { defineRoutes } from '../route';
import {
  ZServiceOrderAcceptSchema,
  ZServiceOrderCancelSchema,
  ZServiceOrderCreateSchema,
  ZServiceOrderQuerySchema,
  ZServiceOrderSchema,
  ZServiceStaffSchema,
  ZServiceTaskQuerySchema,
  ZServiceTaskSchema,
  ZServiceTaskTickSchema,
} from './meeting-services';

/** The meeting-service routes (会务服务), defined once for the server and the web. */
export const meetingServicesApi = defineRoutes('meeting-services', {
  serviceOrders: {
    method: 'GET',
    path: '/meetings/service-orders',
    summary: 'Service orders in scope (the desk: rooms it manages; a booker: own orders), paged',
    query: ZServiceOrderQuerySchema,
    response: pageOf(ZServiceOrderSchema),
  },
  createServiceOrder: {
    method: 'POST',
    path: '/meetings/service-orders',
    summary: 'Order services for a booking; refused naming the frugality rule when a forbidden item is asked for',
    body: ZServiceOrderCreateSchema,
    response: ZServiceOrderSchema,
    status: 201,
  },
  serviceStaff: {
    method: 'GET',
    path: '/meetings/service-staff',
    summary: 'Accounts that may serve meetings (to assign tasks to)',
    response: z.array(ZServiceStaffSchema),
  },
  serviceTasks: {
    method: 'GET',
    path: '/meetings/service-tasks',
    summary: 'Service tasks (mine=true: the caller’s own), with their checklists',
    query: ZServiceTaskQuerySchema,
    response: pageOf(ZServiceTaskSchema),
  },
  tickServiceTask: {
    method: 'POST',
    path: '/meetings/service-tasks/:id/tick',
    summary: 'Tick (or untick) one checklist line, optionally with photos',
    body: ZServiceTaskTickSchema,
    response: ZServiceTaskSchema,
  },
  serviceOrder: { method: 'GET', path: '/meetings/service-orders/:id', response: ZServiceOrderSchema },
  acceptServiceOrder: {
    method: 'POST',
    path: '/meetings/service-orders/:id/accept',
    summary: 'The desk accepts: the order becomes before / during / after tasks for one service staff',
    body: ZServiceOrderAcceptSchema,
    response: ZServiceOrderSchema,
  },
  cancelServiceOrder: {
    method: 'POST',
    path: '/meetings/service-orders/:id/cancel',
    body: ZServiceOrderCancelSchema,
    response: ZServiceOrderSchema,
  },
});
