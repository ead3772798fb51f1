import { z } from 'zod';
import { ZId, ZIsoDate, ZRef, ZPageNo, zPageSize } from '../common';

/** GB/T 12407-2008 post-level codes used by the area standards (plus 2xx 职员级别). */
export const POST_LEVELS = [
  '101',
  '102',
  '111',
  '112',
  '121',
  '122',
  '131',
  '132',
  '141',
  '142',
  '150',
  '160',
  '199',
  '201',
  '202',
  '203',
  '204',
  '205',
  '206',
  '207',
  '208',
] as const;
export const STAFFING_TYPES = ['admin', 'institution', 'worker', 'contract'] as const;
export const PERSON_STATUSES = ['active', 'transferred', 'retired'] as const;

const bilingual = (zh: string, en: string) => `${zh}|${en}`;

/** GB 11643-1999 citizen ID: 17 digits and a check character (ISO 7064 MOD 11-2). */
export function isValidIdNumber(id: string): boolean {
  const v = id.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = w.reduce((s, wi, i) => s + wi * Number(v[i]), 0);
  const check = '10X98765432'[sum % 11];
  if (check !== v[17]) return false;
  const y = Number(v.slice(6, 10));
  const m = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Mainland mobile (1[3-9] + 9 digits) or a landline with area code (0xx-xxxxxxx[x]). */
export const isValidPhone = (p: string) => /^1[3-9]\d{9}$/.test(p) || /^0\d{2,3}-?\d{7,8}$/.test(p);

const phone = z.string().trim().refine(isValidPhone, bilingual('电话号码格式不正确', 'not a valid phone number'));
const idNumber = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isValidIdNumber, bilingual('身份证号码校验不通过', 'not a valid resident ID number'));
const isoDate = ZIsoDate;

export const ZPersonSchema = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  deptId: z.number().int().nullable(),
  deptName: z.string().nullable(),
  name: z.string(),
  gender: z.enum(['M', 'F']).nullable(),
  postTitle: z.string().nullable(),
  rankCode: z.string().nullable(),
  postLevel: z.string(),
  staffingType: z.enum(STAFFING_TYPES),
  status: z.enum(PERSON_STATUSES),
  statusSince: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  employeeNo: z.string().nullable(),
});
export type TPerson = z.infer<typeof ZPersonSchema>;

export const ZPersonDetailSchema = ZPersonSchema.extend({
  /** Full values only for holders of people.sensitive; masked otherwise. */
  phone: z.string().nullable(),
  idNumber: z.string().nullable(),
  sensitiveVisible: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  statusHistory: z.array(z.object({ status: z.string(), effectiveFrom: z.string(), note: z.string().nullable() })),
});

export const ZPersonCreateSchema = z.object({
  name: z.string().trim().min(1).max(50),
  orgId: ZRef,
  postLevel: z.enum(POST_LEVELS).optional(),
  deptId: ZRef.nullish(),
  gender: z.enum(['M', 'F']).nullish(),
  postTitle: z.string().trim().max(50).nullish(),
  rankCode: z.string().trim().max(40).nullish(),
  staffingType: z.enum(STAFFING_TYPES).default('admin'),
  status: z.enum(PERSON_STATUSES).default('active'),
  statusSince: isoDate.nullish(),
  phone: phone.nullish(),
  idNumber: idNumber.nullish(),
  employeeNo: z.string().trim().max(30).nullish(),
});
export type TPersonCreate = z.infer<typeof ZPersonCreateSchema>;

export const ZPersonUpdateSchema = z
  .object({
    name: z.string().trim().min(1).max(50),
    orgId: ZRef,
    postLevel: z.enum(POST_LEVELS),
    deptId: ZRef.nullable(),
    gender: z.enum(['M', 'F']).nullable(),
    postTitle: z.string().trim().max(50).nullable(),
    rankCode: z.string().trim().max(40).nullable(),
    staffingType: z.enum(STAFFING_TYPES),
    status: z.enum(PERSON_STATUSES),
    /** Effective date of a status change (defaults to today). */
    statusSince: isoDate,
    phone: phone.nullable(),
    idNumber: idNumber.nullable(),
    employeeNo: z.string().trim().max(30).nullable(),
  })
  .partial()
  .strict();

export const PEOPLE_SORTS = [
  'name',
  '-name',
  'postLevel',
  '-postLevel',
  'orgId',
  '-orgId',
  'status',
  '-status',
  'employeeNo',
  '-employeeNo',
] as const;
export const ZPeopleQuerySchema = z.object({
  orgId: ZId.optional(),
  deptId: ZId.optional(),
  q: z.string().trim().max(50).optional(),
  status: z.enum(PERSON_STATUSES).optional(),
  postLevel: z.enum(POST_LEVELS).optional(),
  staffingType: z.enum(STAFFING_TYPES).optional(),
  page: ZPageNo.default(1),
  pageSize: zPageSize(),
  sort: z.enum(PEOPLE_SORTS).optional(),
});
export type TPeopleQuery = z.infer<typeof ZPeopleQuerySchema>;
