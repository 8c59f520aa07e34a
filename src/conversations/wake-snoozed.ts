import { z } from 'zod';
import { defineAction } from '../core/action.js';
import { insertActivity } from '../messages/messages.repository.js';
import { findInbox } from '../inboxes/inboxes.repository.js';

/** Reopens one account's snoozed conversations whose wake-up time has passed. Run by the scheduler. */
export const wakeSnoozed = defineAction({
  name: 'conversation.wake',
  summary: 'Reopen snoozed conversations whose time has come',
  input: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(),
  kind: 'write',
  allow: { system: true },
  async handler({ db: trx, actor, input, services }): Promise<{ woken: string[] }> {
    const at = services.now().toISOString();
    const due = await trx
      .selectFrom('conversations')
      .select(['id', 'inbox_id'])
      .where('account_id', '=', actor.accountId)
      .where('status', '=', 'snoozed')
      .where('snoozed_until', '<=', at)
      .orderBy('snoozed_until')
      .limit(input.limit)
      .execute();
    for (const conversation of due) {
      await trx
        .updateTable('conversations')
        .set({ status: 'open', snoozed_until: null, updated_at: at })
        .where('id', '=', conversation.id)
        .where('status', '=', 'snoozed')
        .execute();
      await insertActivity(trx, {
        inbox: await findInbox(trx, actor.accountId, conversation.inbox_id),
        conversationId: conversation.id,
        content: 'Snooze ended: conversation reopened',
        now: at,
      });
    }
    return { woken: due.map((c) => c.id) };
  },
  auditResult: (output) => output,
});

/** Accounts that have at least one conversation due to wake, so the scheduler audits only real work. */
export async function accountsWithDueSnoozes(
  db: Parameters<typeof findInbox>[0],
  now: Date,
): Promise<string[]> {
  const rows = await db
    .selectFrom('conversations')
    .select('account_id')
    .distinct()
    .where('status', '=', 'snoozed')
    .where('snoozed_until', '<=', now.toISOString())
    .execute();
  return rows.map((r) => r.account_id);
}
