import { sql } from 'drizzle-orm';
import { type Executor, queryRows } from '../../db/client';
import { writeAudit } from '../audit/audit.service';
import type { AuthContext } from '../rbac/context';
import type { BusinessType } from './registry';

type Hook = NonNullable<BusinessType['onRejected']>;

/**
 * The usual business-record side of an approval: the record (a row of `table` with `id`,
 * `org_id` and `status`, keyed by the instance's business id) takes the decision as its
 * status, with an audit record, in the approval's transaction. A module spreads these into
 * `registerBusinessType` and writes its own `onApproved` where approval does more.
 */
export function statusHooks(
  table: string,
  entityType: string,
): { onApproved: Hook; onRejected: Hook; onReturned: Hook; onWithdrawn: Hook; onResubmitted: Hook } {
  const set =
    (status: string): Hook =>
    async (tx: Executor, inst, ctx: AuthContext) => {
      const id = Number(inst.businessId);
      const [before] = await queryRows<{ org_id: number; status: string }>(
        tx,
        sql`select org_id, status from ${sql.identifier(table)} where id = ${id} for update`,
      );
      await tx.execute(sql`update ${sql.identifier(table)} set status = ${status} where id = ${id}`);
      await writeAudit(tx, ctx.auditActor(), {
        action: 'update',
        entityType,
        entityId: id,
        orgId: before ? Number(before.org_id) : undefined,
        before: { status: before?.status },
        after: { status },
      });
    };
  return {
    onApproved: set('approved'),
    onRejected: set('rejected'),
    onReturned: set('returned'),
    onWithdrawn: set('withdrawn'),
    onResubmitted: set('pending'),
  };
}
