import type { Trx } from '../../db/database.js';
import type { Conversation, Inbox } from '../../db/schema.js';
import type { Services } from '../../core/services.js';
import { defineAction } from '../../core/action.js';
import type { Actor } from '../../core/actor.js';
import { notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { perform } from '../../core/perform.js';
import { insertActivity, insertMessage } from '../../messages/messages.repository.js';
import { reopenForCustomer } from '../../conversations/conversations.repository.js';
import { findInbox } from '../../inboxes/inboxes.repository.js';
import { findOrCreateContact } from '../api/receive-incoming.js';
import { insertAttachments } from '../../messages/attachments.repository.js';
import { findEmailSettings } from './email-settings.repository.js';
import { splitAddress } from './headers.js';
import { ensureThread, findThreadedConversation, recordIncomingEmail } from './threading.js';
import { receiveResult as result, recordBounce } from './record-bounce.js';
import { type TEmailReceiveResult, type TReceivedEmail, ZReceivedEmailSchema } from './email.types.js';

/** What a message shows at most; the full text stays with its email facts. */
const CONTENT_MAX = 20_000;

/** Reply tokens addressed to this inbox (`local+token@domain`), from the envelope and the headers. */
function replyTokens(mail: TReceivedEmail, inboxAddress: string): string[] {
  const tokens = new Set<string>();
  for (const address of [...mail.envelope_to, ...mail.recipients]) {
    const split = splitAddress(address);
    if (split?.token && split.base === inboxAddress) tokens.add(split.token);
  }
  return [...tokens];
}

async function openConversation(
  trx: Trx,
  inbox: Inbox,
  contactId: string,
  subject: string,
  now: string,
): Promise<Conversation> {
  const conversation: Conversation = {
    id: newId('conversation'),
    account_id: inbox.account_id,
    inbox_id: inbox.id,
    contact_id: contactId,
    status: 'open',
    snoozed_until: null,
    assignee_user_id: null,
    priority: 'none',
    subject: subject || null,
    last_message_id: null,
    last_activity_at: now,
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('conversations').values(conversation).execute();
  return conversation;
}

function contentOf(mail: TReceivedEmail): string {
  const text = mail.text.trim();
  if (!text) return mail.attachments.length ? '(attachments only)' : '(no text)';
  if (text.length <= CONTENT_MAX) return text;
  return `${text.slice(0, CONTENT_MAX - 60)}\n[…] (shortened; the full text is kept with the message)`;
}

export const receiveEmail = defineAction({
  name: 'email.receive',
  summary: 'A mail arriving on an email inbox',
  input: ZReceivedEmailSchema,
  kind: 'write',
  allow: { channel: true },
  // The mail's text and files are the customer's; the audit event keeps who, what thread, which files.
  redact: ['text', 'full_text', 'attachments'],
  async handler({ db: trx, actor, input: mail, services, audit }): Promise<TEmailReceiveResult> {
    if (actor.kind !== 'channel') throw notFound('Inbox');
    const inbox = await findInbox(trx, actor.accountId, actor.inboxId);
    const settings = await findEmailSettings(trx, inbox.id);
    if (inbox.type !== 'email' || !settings) throw notFound('Inbox');
    const now = services.now().toISOString();

    if (mail.loop === 'bounce') return recordBounce(trx, inbox, mail, now);
    // Our own mail coming back (a forwarding loop, a misrouted copy) is never a customer's.
    if (splitAddress(mail.from.address)?.base === settings.address) return result('ignored');

    const seen = await trx
      .selectFrom('messages')
      .select(['id', 'conversation_id', 'author_id'])
      .where('inbox_id', '=', inbox.id)
      .where('source_id', '=', mail.source_id)
      .executeTakeFirst();
    if (seen) {
      return result('duplicate', {
        conversation_id: seen.conversation_id,
        message_id: seen.id,
        contact_id: seen.author_id,
      });
    }

    const threadedId = await findThreadedConversation(
      trx,
      inbox.id,
      mail.thread_ids,
      replyTokens(mail, settings.address),
    );
    let conversation = threadedId
      ? await trx
          .selectFrom('conversations')
          .selectAll()
          .where('id', '=', threadedId)
          .executeTakeFirstOrThrow()
      : undefined;

    if (mail.loop === 'auto_reply') {
      // Noted where it belongs, without reopening or answering: an auto-responder gets nothing back.
      if (!conversation) return result('ignored');
      const note = await insertActivity(trx, {
        inbox,
        conversationId: conversation.id,
        content: `Automatic reply from ${mail.from.address}: ${mail.subject || '(no subject)'}`.slice(
          0,
          1000,
        ),
        now,
      });
      return result('auto_reply', { conversation_id: conversation.id, message_id: note.id });
    }

    const contact = await findOrCreateContact(
      trx,
      services.db.dialect,
      inbox.account_id,
      inbox.id,
      { email: mail.from.address, ...(mail.from.name && { name: mail.from.name }) },
      now,
    );
    conversation ??= await openConversation(trx, inbox, contact.id, mail.subject, now);
    await ensureThread(trx, conversation, mail.subject || '(no subject)', now);
    await reopenForCustomer(trx, inbox, conversation, 'a new email from the customer', now);
    const message = await insertMessage(trx, {
      accountId: inbox.account_id,
      inbox,
      conversationId: conversation.id,
      type: 'incoming',
      author: { author_kind: 'contact', author_id: contact.id },
      content: contentOf(mail),
      sourceId: mail.source_id,
      now,
    });
    await recordIncomingEmail(trx, message, {
      rfcMessageId: mail.message_id ?? `<${message.id.toLowerCase()}@deskwoot.invalid>`,
      inReplyTo: mail.thread_ids[0] ?? null,
      references: mail.references,
      subject: mail.subject,
      fullText: mail.full_text,
    });
    await insertAttachments(trx, message, mail.attachments, now);
    if (mail.attachments.length)
      audit({ attachments: mail.attachments.map((a) => ({ filename: a.filename, size: a.size })) });
    return result('stored', {
      conversation_id: conversation.id,
      message_id: message.id,
      contact_id: contact.id,
    });
  },
  target: (_input, output) => (output?.message_id ? { type: 'message', id: output.message_id } : null),
  auditResult: (output) => ({ ...output }),
});

function isUniqueViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${(error as { code?: unknown }).code ?? ''} ${error.message}` : '';
  return /23505|SQLITE_CONSTRAINT_UNIQUE|UNIQUE constraint failed/.test(text);
}

/**
 * Receives one parsed mail into the inbox of `actor`. When two deliveries of one mail race (a
 * provider's webhook retried while the first is still being stored), the loser fails on the unique
 * index and is run once more, finding the winner's message.
 */
export async function receiveParsedEmail(
  services: Services,
  actor: Actor,
  mail: TReceivedEmail,
): Promise<TEmailReceiveResult> {
  try {
    return await perform(services, actor, receiveEmail, mail);
  } catch (error) {
    if (isUniqueViolation(error)) return perform(services, actor, receiveEmail, mail);
    throw error;
  }
}
