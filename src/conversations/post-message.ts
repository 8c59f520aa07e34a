import { defineAction } from '../core/action.js';
import { messageAuthor } from '../core/actor.js';
import { insertMessage, toMessageJson } from '../messages/messages.repository.js';
import type { TMessage } from '../messages/messages.types.js';
import { findInbox } from '../inboxes/inboxes.repository.js';
import { findVisibleConversation } from './conversations.repository.js';
import { ZPostMessageInputSchema } from './conversations.types.js';

/** A teammate's reply to the customer (`private: false`) or private note (`private: true`). */
export const postMessage = defineAction({
  name: 'conversation.post_message',
  summary: 'Reply to the customer, or add a private note',
  input: ZPostMessageInputSchema,
  kind: 'write',
  allow: { roles: ['admin', 'teammate'] },
  async handler({ db: trx, actor, input, services, afterCommit }): Promise<TMessage> {
    const conversation = await findVisibleConversation(trx, actor, input.conversation_id);
    const inbox = await findInbox(trx, actor.accountId, conversation.inbox_id);
    const message = await insertMessage(trx, {
      accountId: actor.accountId,
      inbox,
      conversationId: conversation.id,
      type: input.private ? 'note' : 'outgoing',
      author: messageAuthor(actor),
      content: input.content,
      now: services.now().toISOString(),
    });
    if (message.delivery_status === 'pending') afterCommit(services.onDeliveryQueued);
    const names = new Map(actor.kind === 'user' ? [[actor.userId, await userName(trx, actor.userId)]] : []);
    return toMessageJson(message, names);
  },
  target: (input) => ({ type: 'conversation', id: input.conversation_id }),
  auditResult: (output) => ({ message_id: output.id, type: output.type }),
});

async function userName(trx: Parameters<typeof findInbox>[0], userId: string): Promise<string | null> {
  const user = await trx.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirst();
  return user?.name ?? null;
}
