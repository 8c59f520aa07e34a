import { defineAction } from '../core/action.js';
import { recentThread } from '../messages/messages.repository.js';
import type { TMessage } from '../messages/messages.types.js';
import { findVisibleConversation, toConversationJson } from './conversations.repository.js';
import { type TConversation, ZConversationIdInputSchema } from './conversations.types.js';

/** A thread this long is shown from its newest messages; older ones are for a later page. */
export const THREAD_LIMIT = 200;

export const getConversation = defineAction({
  name: 'conversation.get',
  summary: 'Open a conversation with its messages',
  input: ZConversationIdInputSchema,
  kind: 'read',
  allow: { roles: ['admin', 'teammate'] },
  agent: { scope: 'conversations:read' },
  async handler({ db, actor, input }): Promise<{ conversation: TConversation; messages: TMessage[] }> {
    const row = await findVisibleConversation(db, actor, input.conversation_id);
    const messages = await recentThread(db, row.id, THREAD_LIMIT);
    const [conversation] = await toConversationJson(db, [row], messages);
    return { conversation: conversation!, messages };
  },
});
