import { z } from 'zod';
import { defineAction } from '../core/action.js';
import { inboxFilter } from '../core/actor.js';
import type { TConversation } from './conversations.types.js';

export const ZConversationCountSchema = z
  .object({
    inbox_id: z.string(),
    status: z.enum(['open', 'pending', 'resolved', 'snoozed']),
    count: z.number().int(),
  })
  .meta({ id: 'ConversationCount' });

export type TConversationCount = z.infer<typeof ZConversationCountSchema>;

/** How many conversations each visible inbox holds in each status (for the inbox's sidebar and tabs). */
export const countConversations = defineAction({
  name: 'conversation.count',
  summary: 'Count the conversations the caller can see, by inbox and status',
  input: z.object({}).strict(),
  kind: 'read',
  allow: { roles: ['admin', 'teammate'] },
  async handler({ db, actor }): Promise<{ counts: TConversationCount[] }> {
    const inboxes = inboxFilter(actor);
    if (inboxes && inboxes.length === 0) return { counts: [] };
    let query = db
      .selectFrom('conversations')
      .select(['inbox_id', 'status', (eb) => eb.fn.countAll<number | string>().as('n')])
      .where('account_id', '=', actor.accountId);
    if (inboxes) query = query.where('inbox_id', 'in', inboxes);
    const rows = await query.groupBy(['inbox_id', 'status']).execute();
    return {
      counts: rows.map((r) => ({
        inbox_id: r.inbox_id,
        status: r.status satisfies TConversation['status'],
        count: Number(r.n),
      })),
    };
  },
});
