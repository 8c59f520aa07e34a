import { randomBytes } from 'node:crypto';
import type { Executor, Trx } from '../../db/database.js';
import type { Message } from '../../db/schema.js';
import { domainOf, headerText } from './headers.js';

/** How many Message-IDs a References header carries at most (the oldest one and the latest). */
const MAX_REFERENCES = 20;

/** The subject a conversation started from our side goes out with: its first line. */
function subjectFrom(content: string): string {
  const first = content.split(/\r?\n/).find((line) => line.trim() !== '') ?? '';
  const line = headerText(first, 78);
  return line.length < headerText(first, 1000).length ? `${line.slice(0, 75)}…` : line || 'A message for you';
}

/** Why an email inbox cannot send at all (no address and SMTP server yet), or null when it can. */
export async function emailUndeliverable(db: Executor, inboxId: string): Promise<string | null> {
  const settings = await db
    .selectFrom('email_settings')
    .select('inbox_id')
    .where('inbox_id', '=', inboxId)
    .executeTakeFirst();
  return settings ? null : 'The email inbox has no address and SMTP server set up';
}

/** The email facts of a conversation, made on its first mail in or out. */
export async function ensureThread(
  trx: Trx,
  conversation: { id: string; account_id: string; inbox_id: string; subject: string | null },
  fallbackSubject: string,
  now: string,
): Promise<{ reply_token: string; subject: string }> {
  const found = await trx
    .selectFrom('email_threads')
    .select(['reply_token', 'subject'])
    .where('conversation_id', '=', conversation.id)
    .executeTakeFirst();
  if (found) return found;
  const thread = {
    conversation_id: conversation.id,
    account_id: conversation.account_id,
    inbox_id: conversation.inbox_id,
    reply_token: randomBytes(12).toString('hex'),
    subject: headerText(conversation.subject ?? fallbackSubject, 998) || 'A message for you',
    created_at: now,
  };
  await trx.insertInto('email_threads').values(thread).execute();
  return thread;
}

/** The conversation of this inbox that a mail answers: by its Message-IDs, then by reply token. */
export async function findThreadedConversation(
  db: Executor,
  inboxId: string,
  threadIds: readonly string[],
  tokens: readonly string[],
): Promise<string | null> {
  for (const id of threadIds) {
    const hit = await db
      .selectFrom('email_messages')
      .select('conversation_id')
      .where('inbox_id', '=', inboxId)
      .where('rfc_message_id', '=', id)
      .executeTakeFirst();
    if (hit) return hit.conversation_id;
  }
  if (!tokens.length) return null;
  const byToken = await db
    .selectFrom('email_threads')
    .select('conversation_id')
    .where('inbox_id', '=', inboxId)
    .where('reply_token', 'in', [...tokens])
    .executeTakeFirst();
  return byToken?.conversation_id ?? null;
}

/** The newest mail of a conversation, which a new one answers. */
async function latestMail(trx: Trx, conversationId: string) {
  return trx
    .selectFrom('email_messages')
    .select(['rfc_message_id', 'references'])
    .where('conversation_id', '=', conversationId)
    .orderBy('message_id', 'desc')
    .executeTakeFirst();
}

/** References for a mail answering `previous`: its references plus itself, first and latest kept. */
function referencesAfter(previous: { rfc_message_id: string; references: string } | undefined): string[] {
  if (!previous) return [];
  const all = [...previous.references.split(' ').filter(Boolean), previous.rfc_message_id];
  return all.length <= MAX_REFERENCES ? all : [all[0]!, ...all.slice(-(MAX_REFERENCES - 1))];
}

/**
 * Fixes an outgoing message's Message-ID, In-Reply-To and References in the transaction that writes
 * it, so the stored facts and every attempt to send it agree, and a reply threads on them.
 */
export async function prepareOutgoingEmail(trx: Trx, message: Message, now: string): Promise<void> {
  const settings = await trx
    .selectFrom('email_settings')
    .select('address')
    .where('inbox_id', '=', message.inbox_id)
    .executeTakeFirst();
  const conversation = await trx
    .selectFrom('conversations')
    .select(['id', 'account_id', 'inbox_id', 'subject'])
    .where('id', '=', message.conversation_id)
    .executeTakeFirstOrThrow();
  const thread = await ensureThread(trx, conversation, subjectFrom(message.content), now);
  const previous = await latestMail(trx, message.conversation_id);
  const domain = settings ? domainOf(settings.address) : 'deskwoot.invalid';
  await trx
    .insertInto('email_messages')
    .values({
      message_id: message.id,
      account_id: message.account_id,
      inbox_id: message.inbox_id,
      conversation_id: message.conversation_id,
      rfc_message_id: `<${message.id.toLowerCase()}@${domain}>`,
      in_reply_to: previous?.rfc_message_id ?? null,
      references: referencesAfter(previous).join(' '),
      subject: thread.subject,
      full_text: null,
      created_at: now,
    })
    .execute();
}

/** Records an inbound mail's threading facts beside its message. */
export async function recordIncomingEmail(
  trx: Trx,
  message: Message,
  facts: {
    rfcMessageId: string;
    inReplyTo: string | null;
    references: readonly string[];
    subject: string;
    fullText: string;
  },
): Promise<void> {
  await trx
    .insertInto('email_messages')
    .values({
      message_id: message.id,
      account_id: message.account_id,
      inbox_id: message.inbox_id,
      conversation_id: message.conversation_id,
      rfc_message_id: facts.rfcMessageId,
      in_reply_to: facts.inReplyTo,
      references: facts.references.slice(-MAX_REFERENCES).join(' '),
      subject: facts.subject,
      full_text: facts.fullText,
      created_at: message.created_at,
    })
    .execute();
}
