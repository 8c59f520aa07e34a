import { z } from 'zod';
import type { Conversation } from '../db/schema.js';
import { type ActionContext, defineAction } from '../core/action.js';
import { messageAuthor } from '../core/actor.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { ZContentSchema, ZIdSchema } from '../core/text.js';
import { findVisibleContact } from '../contacts/contacts.repository.js';
import { findVisibleInbox } from '../inboxes/inboxes.repository.js';
import { authorNames, insertMessage, toMessageJson } from '../messages/messages.repository.js';
import type { TMessage } from '../messages/messages.types.js';
import { toConversationJson } from './conversations.repository.js';
import type { TConversation } from './conversations.types.js';

export const ZStartConversationInputSchema = z
  .object({
    contact_id: ZIdSchema,
    inbox_id: ZIdSchema,
    content: ZContentSchema,
  })
  .strict();

type Input = z.infer<typeof ZStartConversationInputSchema>;

/** A web chat lives in the visitor's browser: only the visitor can start one, so there is none to open. */
function refuseWebChat(inbox: { type: string }): void {
  if (inbox.type === 'web_chat')
    throw new AppError(
      'unprocessable',
      'A web chat is started by the visitor on the website; reply in their conversation instead',
    );
}

/** An email conversation is a mail to the contact: without an address there is nowhere to send it. */
function refuseEmailWithoutAddress(inbox: { type: string }, contact: { email: string | null }): void {
  if (inbox.type === 'email' && !contact.email)
    throw new AppError('unprocessable', 'This contact has no email address; add one before emailing them', {
      fields: [{ field: 'contact_id', message: 'The contact has no email address' }],
    });
}

/** The contact and inbox must both be visible to the actor; otherwise neither "exists". */
async function locate(ctx: ActionContext<Input>) {
  const inbox = await findVisibleInbox(ctx.db, ctx.actor, ctx.input.inbox_id);
  const contact = await findVisibleContact(ctx.db, ctx.actor, ctx.input.contact_id);
  refuseWebChat(inbox);
  refuseEmailWithoutAddress(inbox, contact);
  return { inbox_id: inbox.id, conversation_id: null };
}

/** Outbound: a new conversation with one contact, opened by a first outgoing message. */
export const startConversation = defineAction({
  name: 'conversation.start',
  summary: 'Start a conversation with one contact in an allowed inbox',
  input: ZStartConversationInputSchema,
  kind: 'write',
  allow: { roles: ['admin', 'teammate'] },
  agent: { scope: 'outbound:write', customerFacing: true },
  locate,
  async handler(ctx): Promise<{ conversation: TConversation; message: TMessage }> {
    const { db: trx, actor, input, services, afterCommit } = ctx;
    const inbox = await findVisibleInbox(trx, actor, input.inbox_id);
    const contact = await findVisibleContact(trx, actor, input.contact_id);
    refuseWebChat(inbox);
    refuseEmailWithoutAddress(inbox, contact);
    const at = services.now().toISOString();
    const conversation: Conversation = {
      id: newId('conversation'),
      account_id: actor.accountId,
      inbox_id: inbox.id,
      contact_id: contact.id,
      status: 'open',
      snoozed_until: null,
      assignee_user_id: actor.kind === 'user' ? actor.userId : null,
      priority: 'none',
      subject: null,
      last_message_id: null,
      last_activity_at: at,
      created_at: at,
      updated_at: at,
    };
    await trx.insertInto('conversations').values(conversation).execute();
    const message = await insertMessage(trx, {
      accountId: actor.accountId,
      inbox,
      conversationId: conversation.id,
      type: 'outgoing',
      author: messageAuthor(actor),
      content: input.content,
      now: at,
    });
    if (message.delivery_status === 'pending') afterCommit(services.onDeliveryQueued);
    const [json] = await toConversationJson(trx, [{ ...conversation, last_message_id: message.id }]);
    return { conversation: json!, message: toMessageJson(message, await authorNames(trx, [message])) };
  },
  target: (_input, output) => (output ? { type: 'conversation', id: output.conversation.id } : null),
  auditResult: (output) => ({ conversation_id: output.conversation.id, message_id: output.message.id }),
});
