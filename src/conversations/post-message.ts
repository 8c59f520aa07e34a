import { z } from 'zod';
import { type ActionContext, defineAction } from '../core/action.js';
import { messageAuthor } from '../core/actor.js';
import { ZContentSchema, ZIdSchema } from '../core/text.js';
import { authorNames, insertMessage, toMessageJson } from '../messages/messages.repository.js';
import type { TMessage } from '../messages/messages.types.js';
import { findInbox } from '../inboxes/inboxes.repository.js';
import { findVisibleConversation } from './conversations.repository.js';
import { ZPostMessageInputSchema } from './conversations.types.js';

/** Appends a reply (`outgoing`) or a private note to a conversation the actor can see. */
async function appendMessage(
  ctx: ActionContext<unknown>,
  conversationId: string,
  type: 'outgoing' | 'note',
  content: string,
): Promise<TMessage> {
  const { db: trx, actor, services, afterCommit } = ctx;
  const conversation = await findVisibleConversation(trx, actor, conversationId);
  const inbox = await findInbox(trx, actor.accountId, conversation.inbox_id);
  const message = await insertMessage(trx, {
    accountId: actor.accountId,
    inbox,
    conversationId: conversation.id,
    type,
    author: messageAuthor(actor),
    content,
    now: services.now().toISOString(),
  });
  if (message.delivery_status === 'pending') afterCommit(services.onDeliveryQueued);
  return toMessageJson(message, await authorNames(trx, [message]));
}

/** A person's reply to the customer (`private: false`) or private note (`private: true`). */
export const postMessage = defineAction({
  name: 'conversation.post_message',
  summary: 'Reply to the customer, or add a private note',
  input: ZPostMessageInputSchema,
  kind: 'write',
  allow: { roles: ['admin', 'teammate'] },
  handler: (ctx): Promise<TMessage> =>
    appendMessage(ctx, ctx.input.conversation_id, ctx.input.private ? 'note' : 'outgoing', ctx.input.content),
  target: (input) => ({ type: 'conversation', id: input.conversation_id }),
  auditResult: (output) => ({ message_id: output.id, type: output.type }),
});

export const ZConversationContentInputSchema = z
  .object({ conversation_id: ZIdSchema, content: ZContentSchema })
  .strict();

type ContentInput = z.infer<typeof ZConversationContentInputSchema>;

async function locateConversation(ctx: ActionContext<ContentInput>) {
  const conversation = await findVisibleConversation(ctx.db, ctx.actor, ctx.input.conversation_id);
  return { inbox_id: conversation.inbox_id, conversation_id: conversation.id };
}

/** An agent's reply to the customer; a supervised agent's reply waits for a teammate. */
export const replyToConversation = defineAction({
  name: 'conversation.reply',
  summary: "Reply to the customer on the conversation's own channel",
  input: ZConversationContentInputSchema,
  kind: 'write',
  allow: {},
  agent: { scope: 'replies:write', customerFacing: true },
  locate: locateConversation,
  handler: (ctx): Promise<TMessage> =>
    appendMessage(ctx, ctx.input.conversation_id, 'outgoing', ctx.input.content),
  target: (input) => ({ type: 'conversation', id: input.conversation_id }),
  auditResult: (output) => ({ message_id: output.id }),
});

/** An agent's private note: internal, so it applies directly even when supervised. */
export const addPrivateNote = defineAction({
  name: 'conversation.add_note',
  summary: 'Add a private note, which never leaves the help desk',
  input: ZConversationContentInputSchema,
  kind: 'write',
  allow: {},
  agent: { scope: 'notes:write' },
  handler: (ctx): Promise<TMessage> =>
    appendMessage(ctx, ctx.input.conversation_id, 'note', ctx.input.content),
  target: (input) => ({ type: 'conversation', id: input.conversation_id }),
  auditResult: (output) => ({ message_id: output.id }),
});
