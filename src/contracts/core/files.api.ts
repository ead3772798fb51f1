import { z } from 'zod';
import { ZOkSchema } from '../common';
import { defineRoutes } from '../route';

export const ZStoredFileSchema = z.object({
  id: z.string(),
  filename: z.string(),
  mime: z.string(),
  size: z.number(),
  ownerType: z.string(),
  ownerId: z.string().nullable(),
  createdAt: z.string(),
});
export type TStoredFile = z.infer<typeof ZStoredFileSchema>;
/** Stored files are named by a random hex id, not a database id. */
const ZFileId = z.object({ id: z.string().regex(/^[0-9a-f]{32}$/) });

/** Attachments (core), defined once for the server and the web. */
export const filesApi = defineRoutes('files', {
  upload: {
    method: 'POST',
    path: '/files',
    kind: 'upload',
    summary: 'Upload an attachment (multipart: file, ownerType, ownerId?)',
    // The form fields beside the file (an upload route's body documents its multipart fields).
    body: z.object({
      ownerType: z.string().max(40).describe('The kind of record the file belongs to, e.g. vehicle'),
      ownerId: z.string().max(64).optional().describe('The record; empty while the record is being created'),
    }),
    response: ZStoredFileSchema,
  },
  list: {
    method: 'GET',
    path: '/files',
    query: z.object({ ownerType: z.string().max(40), ownerId: z.string().max(64) }),
    response: z.object({ items: z.array(ZStoredFileSchema) }),
  },
  get: {
    method: 'GET',
    path: '/files/:id',
    kind: 'download',
    summary: 'Download (through the owning record’s permissions)',
    params: ZFileId,
  },
  remove: { method: 'DELETE', path: '/files/:id', params: ZFileId, response: ZOkSchema },
});
