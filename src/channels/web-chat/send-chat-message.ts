import type { Trx } from '../../db/database.js';
import type { Conversation, Inbox, WebChatVisitor } from '../../db/schema.js';
import { defineAction } from '../../core/action.js';
import { sha256Hex } from '../../core/crypto.js';
import { AppError, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { insertMessage } from '../../messages/messages.repository.js';
import { reopenForCustomer } from '../../conversations/conversations.repository.js';
import { toChatMessages } from './chat-messages.js';
import { widgetInbox } from './start-session.js';
import { liveVisitorsSince } from './web-chat.repository.js';
import { type TChatMessage, ZSendMessageInputSchema } from './web-chat.types.js';

export const unknownVisitor = (): AppError =>
  new AppError('unauthenticated', 'Unknown or expired visitor token: start a new chat session');

/**
 * The visitor behind a token (unless it went unused too long), seen now. The update takes the
 * visitor's row lock on PostgreSQL, so two first messages sent at once take turns and open one
 * conversation, not two.
 */
export async function touchVisitor(
  trx: Trx,
  inboxId: string,
  token: string,
  now: string,
): Promise<WebChatVisitor> {
  const visitor = await trx
    .updateTable('web_chat_visitors')
    .set({ last_seen_at: now })
    .where('token_hash', '=', sha256Hex(token))
    .where('inbox_id', '=', inboxId)
    .where('last_seen_at', '>=', liveVisitorsSince(now))
    .returningAll()
    .executeTakeFirst();
  if (!visitor) throw unknownVisitor();
  return visitor;
}

/** The visitor's chat, reopened if it was resolved or snoozed, or a new one. */
async function chatOf(trx: Trx, inbox: Inbox, visitor: WebChatVisitor, now: string): Promise<string> {
  const current = visitor.conversation_id
    ? await trx
        .selectFrom('conversations')
        .select(['id', 'status'])
        .where('id', '=', visitor.conversation_id)
        .executeTakeFirst()
    : undefined;
  if (current) {
    await reopenForCustomer(trx, inbox, current, 'a new chat message from the visitor', now);
    return current.id;
  }
  const conversation: Conversation = {
    id: newId('conversation'),
    account_id: inbox.account_id,
    inbox_id: inbox.id,
    contact_id: visitor.contact_id,
    status: 'open',
    snoozed_until: null,
    assignee_user_id: null,
    priority: 'none',
    subject: null,
    last_message_id: null,
    last_activity_at: now,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('conversations').values(conversation).execute();
  await trx
    .updateTable('web_chat_visitors')
    .set({ conversation_id: conversation.id })
    .where('id', '=', visitor.id)
    .execute();
  return conversation.id;
}

/** A visitor's chat message: an `incoming` message by its contact, in its conversation. */
export const sendChatMessage = defineAction({
  name: 'web_chat.send_message',
  summary: 'A website visitor sends a chat message',
  input: ZSendMessageInputSchema,
  kind: 'write',
  allow: { channel: true },
  redact: ['visitor_token'],
  async handler({
    db: trx,
    actor,
    input,
    services,
  }): Promise<{ conversation_id: string; message: TChatMessage }> {
    if (actor.kind !== 'channel') throw notFound('Inbox');
    const { inbox } = await widgetInbox(trx, actor.accountId, actor.inboxId, input.public_key);
    const now = services.now().toISOString();
    const visitor = await touchVisitor(trx, inbox.id, input.visitor_token, now);
    const conversationId = await chatOf(trx, inbox, visitor, now);
    const message = await insertMessage(trx, {
      accountId: inbox.account_id,
      inbox,
      conversationId,
      type: 'incoming',
      author: { author_kind: 'contact', author_id: visitor.contact_id },
      content: input.content,
      now,
    });
    const [json] = await toChatMessages(trx, [message]);
    return { conversation_id: conversationId, message: json! };
  },
  target: (_input, output) => (output ? { type: 'message', id: output.message.id } : null),
  auditResult: (output) => ({ conversation_id: output.conversation_id, message_id: output.message.id }),
});
