import { z } from 'zod';
import { ZIsoDate, ZOkSchema } from '../common';
import { defineRoutes } from '../route';
import {
  ZCalendarDaySchema,
  ZCalendarDayUpsertSchema,
  ZCodeItemSchema,
  ZCodeItemUpsertSchema,
  ZRulePreviewSchema,
  ZRuleTableSchema,
  ZRuleVersionCreateSchema,
  ZWorkingDaySchema,
} from './refdata';

const ZListName = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/);
const ZCode = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/);
const ZDay = ZIsoDate;

/** Reference data (core): code lists and rule tables, defined once for the server and the web. */
export const refdataApi = defineRoutes('refdata', {
  lists: {
    method: 'GET',
    path: '/refdata/lists',
    response: z.object({ items: z.array(z.object({ list: z.string(), count: z.number() })) }),
  },
  items: {
    method: 'GET',
    path: '/refdata/lists/:list',
    params: z.object({ list: ZListName }),
    query: z.object({ active: z.enum(['true', 'false']).optional() }),
    response: z.object({ items: z.array(ZCodeItemSchema) }),
  },
  upsertItem: {
    method: 'PUT',
    path: '/refdata/lists/:list/:code',
    summary: 'Create or edit a code (no hard delete: set active=false)',
    params: z.object({ list: ZListName, code: ZCode }),
    body: ZCodeItemUpsertSchema,
    response: ZCodeItemSchema,
  },
  rules: { method: 'GET', path: '/refdata/rules', response: z.object({ items: z.array(ZRuleTableSchema) }) },
  ruleVersions: {
    method: 'GET',
    path: '/refdata/rules/:name',
    params: z.object({ name: ZListName }),
    response: z.object({ items: z.array(ZRuleTableSchema) }),
  },
  addRuleVersion: {
    method: 'POST',
    path: '/refdata/rules/:name',
    summary: 'Publish a new version of a rule table',
    params: z.object({ name: ZListName }),
    body: ZRuleVersionCreateSchema,
    response: ZRuleTableSchema,
  },
  previewRuleVersion: {
    method: 'POST',
    path: '/refdata/rules/:name/preview',
    summary: 'Check a candidate version and show what publishing it would change (writes nothing)',
    params: z.object({ name: ZListName }),
    body: ZRuleVersionCreateSchema,
    response: ZRulePreviewSchema,
  },
});

/** The working-day calendar (core): holidays and make-up working days. */
export const calendarApi = defineRoutes('calendar', {
  year: {
    method: 'GET',
    path: '/calendar',
    summary: 'Holidays and make-up working days of a year',
    query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
    response: z.object({ year: z.number(), complete: z.boolean(), days: z.array(ZCalendarDaySchema) }),
  },
  setDay: { method: 'PUT', path: '/calendar/:day', params: z.object({ day: ZDay }), body: ZCalendarDayUpsertSchema, response: ZOkSchema },
  deleteDay: { method: 'DELETE', path: '/calendar/:day', params: z.object({ day: ZDay }), response: ZOkSchema },
  workingDay: {
    method: 'GET',
    path: '/calendar/working-day',
    summary: 'Is this date a working day?',
    query: z.object({ date: ZDay }),
    response: ZWorkingDaySchema,
  },
  addWorkingDays: {
    method: 'GET',
    path: '/calendar/add-working-days',
    query: z.object({ date: ZDay, days: z.coerce.number().int().min(0).max(3650) }),
    response: z.object({ date: z.string() }),
  },
});
