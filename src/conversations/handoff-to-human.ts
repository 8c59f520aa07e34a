import { z } from 'zod';
import { defineAction } from '../core/action.js';
import { messageAuthor } from '../core/actor.js';
import { ZIdSchema, zText } from '../core/text.js';
import { insertActivity } from '../messages/messages.repository.js';
import { findInbox } from '../inboxes/inboxes.repository.js';
import { findVisibleConversation, toConversationJson } from './conversations.repository.js';
import type { TConversation } from './conversations.types.js';

export const ZHandoffInputSchema = z
  .object({
    conversation_id: ZIdSchema,
    reason: zText(1000).min(1).describe('Why a person should take over; shown in the thread'),
  })
  .strict();

/**
 * Hands a conversation to the people: it is reopened (so it sits in the open queue), and the
 * reason is written into the thread for whoever picks it up.
 */
export const handoffToHuman = defineAction({
  name: 'conversation.handoff',
  summary: 'Hand the conversation to a human teammate, with the reason',
  input: ZHandoffInputSchema,
  kind: 'write',
  allow: { roles: ['admin', 'teammate'] },
  agent: { scope: 'conversations:update' },
  async handler({ db: trx, actor, input, services }): Promise<TConversation> {
    const conversation = await findVisibleConversation(trx, actor, input.conversation_id);
    const at = services.now().toISOString();
    if (conversation.status !== 'open') {
      await trx
        .updateTable('conversations')
        .set({ status: 'open', snoozed_until: null, updated_at: at })
        .where('id', '=', conversation.id)
        .execute();
    }
    await insertActivity(trx, {
      inbox: await findInbox(trx, actor.accountId, conversation.inbox_id),
      conversationId: conversation.id,
      author: messageAuthor(actor),
      content: `Handed off to a human: ${input.reason}`,
      now: at,
    });
    const [json] = await toConversationJson(trx, [
      await findVisibleConversation(trx, actor, conversation.id),
    ]);
    return json!;
  },
  target: (input) => ({ type: 'conversation', id: input.conversation_id }),
});
