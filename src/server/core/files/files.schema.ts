import { index, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Attachments. Access always goes through the owning record: a registered owner type
 * decides whether the caller may see the owner (see files.service.ts).
 */
export const attachments = pgTable(
  'attachments',
  {
    id: text('id').primaryKey(), // random, unguessable
    tenantId: integer('tenant_id').notNull(),
    ownerType: text('owner_type').notNull(),
    ownerId: text('owner_id'),
    orgId: integer('org_id').notNull(),
    filename: text('filename').notNull(),
    /** MIME type detected from the content, never taken from the file name or the client. */
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: integer('uploaded_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_owner_idx').on(t.ownerType, t.ownerId)],
);
