import { z } from 'zod';
import { pageOf } from '../common';
import { defineRoutes } from '../route';
import {
  ZAllocateSchema,
  ZAutoAllocateResultSchema,
  ZBoardQuerySchema,
  ZBoardSchema,
  ZCentreCreateSchema,
  ZCentreSchema,
  ZClassCreateSchema,
  ZClassDetailSchema,
  ZClassQuerySchema,
  ZClassSchema,
  ZHousekeepingSchema,
  ZRoomCreateSchema,
  ZRoomSchema,
  ZTraineeSchema,
  ZTraineesAddSchema,
  ZTrainingSettleSchema,
} from './training';

/** Training-class lodging: HTTP routes, defined once for the server and the web. */
export const trainingApi = defineRoutes('training', {
  // Unpaged: the training centres in scope (a district runs one or two).
  centres: { method: 'GET', path: '/training/centres', response: z.object({ items: z.array(ZCentreSchema) }) },
  createCentre: { method: 'POST', path: '/training/centres', body: ZCentreCreateSchema, response: ZCentreSchema, status: 201 },
  addRoom: {
    method: 'POST',
    path: '/training/centres/:id/rooms',
    summary: 'A room with its beds',
    body: ZRoomCreateSchema,
    response: ZRoomSchema,
    status: 201,
  },
  // Whole: one centre's rooms (tens to a few hundred), the board shows them all at once.
  board: {
    method: 'GET',
    path: '/training/centres/:id/board',
    summary: "The rooms board: every room's housekeeping status and one night's occupants",
    query: ZBoardQuerySchema,
    response: ZBoardSchema,
  },
  housekeeping: {
    method: 'POST',
    path: '/training/rooms/:id/housekeeping',
    summary: 'Housekeeping transition (待清扫 → 已清扫 → 已检查)',
    body: ZHousekeepingSchema,
    response: ZRoomSchema,
  },
  classes: { method: 'GET', path: '/training/classes', query: ZClassQuerySchema, response: pageOf(ZClassSchema) },
  createClass: { method: 'POST', path: '/training/classes', body: ZClassCreateSchema, response: ZClassDetailSchema, status: 201 },
  class: { method: 'GET', path: '/training/classes/:id', response: ZClassDetailSchema },
  exportRoster: {
    method: 'GET',
    path: '/training/classes/:id/roster/export',
    kind: 'download',
    summary: "A class's roster with rooms, beds and stays as Excel (the front desk's guest list)",
  },
  addTrainees: {
    method: 'POST',
    path: '/training/classes/:id/trainees',
    body: ZTraineesAddSchema,
    response: ZClassDetailSchema,
    status: 201,
  },
  autoAllocate: {
    method: 'POST',
    path: '/training/classes/:id/auto-allocate',
    summary: 'Give every trainee without a bed a bed free on every night of the class',
    response: ZAutoAllocateResultSchema,
  },
  allocate: {
    method: 'POST',
    path: '/training/classes/:id/allocations',
    summary: 'One trainee to one bed for every night of the class (409 if any night is taken)',
    body: ZAllocateSchema,
    response: ZTraineeSchema,
    status: 201,
  },
  checkIn: { method: 'POST', path: '/training/trainees/:id/check-in', response: ZTraineeSchema },
  checkOut: {
    method: 'POST',
    path: '/training/trainees/:id/check-out',
    summary: "Check out: the bed's remaining nights are released and the room is to be cleaned",
    response: ZTraineeSchema,
  },
  settle: {
    method: 'POST',
    path: '/training/classes/:id/settle',
    summary: 'The class settlement against the training fee caps',
    body: ZTrainingSettleSchema,
    response: ZClassDetailSchema,
  },
});
