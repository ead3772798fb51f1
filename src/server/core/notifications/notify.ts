import type { Executor } from '../../db/client';
import { notifications } from './notifications.schema';

export type NotificationInput = {
  kind: string;
  titleZh: string;
  titleEn: string;
  body?: string | null;
  /** In-app route, e.g. `/approvals/12`. */
  link?: string | null;
};

/**
 * Queues in-app notifications inside the caller's transaction, so a notification exists
 * exactly when the change that caused it commits.
 */
export async function notify(tx: Executor, accountIds: number[], n: NotificationInput): Promise<void> {
  const ids = [...new Set(accountIds)].filter((id) => id > 0);
  if (!ids.length) return;
  await tx.insert(notifications).values(
    ids.map((accountId) => ({
      accountId,
      kind: n.kind,
      titleZh: n.titleZh,
      titleEn: n.titleEn,
      body: n.body ?? null,
      link: n.link ?? null,
    })),
  );
}
