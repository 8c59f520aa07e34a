import type { Trx } from '../../db/database.js';
import type { Delivery, Message } from '../../db/schema.js';
import type { Services } from '../../core/services.js';
import { queueDelivery } from '../api/queue-delivery.js';
import { fromName, headerText, textToHtml } from '../email/headers.js';
import { authorName, describe, type SendFailure, transportFor } from '../email/send-email.js';

/** How long a reply waits for the visitor to see it in the widget before it is mailed. */
export const FALLBACK_GRACE_MS = 120_000;

/**
 * The offline fallback of a web chat reply: when the inbox names a fallback email inbox and the
 * visitor left an email, the reply's mail is queued in the outbox (same transaction), due after the
 * grace period. The message itself stays `sent`: it reached the widget's stream.
 */
export async function queueChatFallback(trx: Trx, message: Message, now: string): Promise<void> {
  if (message.type !== 'outgoing' || (message.author_kind !== 'user' && message.author_kind !== 'agent'))
    return;
  const target = await trx
    .selectFrom('web_chat_settings as s')
    .innerJoin('conversations as c', 'c.inbox_id', 's.inbox_id')
    .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
    .select(['s.fallback_email_inbox_id', 'ct.email'])
    .where('s.inbox_id', '=', message.inbox_id)
    .where('c.id', '=', message.conversation_id)
    .executeTakeFirst();
  if (!target?.fallback_email_inbox_id || !target.email) return;
  await queueDelivery(trx, message, now, new Date(Date.parse(now) + FALLBACK_GRACE_MS).toISOString());
}

/**
 * Sends a web chat reply's fallback mail, unless the visitor was seen at or after the reply was
 * written (its open widget showed it): then the delivery ends without mail. Null: done.
 */
export async function sendChatFallback(
  services: Services,
  delivery: Delivery,
  timeoutMs: number,
): Promise<SendFailure | null> {
  const db = services.db.kysely;
  try {
    const message = await db
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', delivery.message_id)
      .executeTakeFirstOrThrow();
    const seen = await db
      .selectFrom('web_chat_visitors')
      .select('last_seen_at')
      .where('conversation_id', '=', message.conversation_id)
      .execute();
    const written = Date.parse(message.created_at);
    if (seen.some((v) => Date.parse(String(v.last_seen_at)) >= written)) return null;
    const [chat, settings, contact] = await Promise.all([
      db.selectFrom('inboxes').select('name').where('id', '=', message.inbox_id).executeTakeFirstOrThrow(),
      db
        .selectFrom('web_chat_settings as w')
        .innerJoin('email_settings as e', 'e.inbox_id', 'w.fallback_email_inbox_id')
        .selectAll('e')
        .where('w.inbox_id', '=', message.inbox_id)
        .executeTakeFirst(),
      db
        .selectFrom('conversations as c')
        .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
        .select(['ct.email', 'ct.name'])
        .where('c.id', '=', message.conversation_id)
        .executeTakeFirstOrThrow(),
    ]);
    if (!settings) return { error: 'The web chat inbox has no fallback email inbox', permanent: true };
    if (!contact.email) return { error: 'The visitor has no email address', permanent: true };
    const author = await authorName(services, message.author_kind, message.author_id);
    const note = `You can answer in the chat on the website.`;
    await (
      await transportFor(services, settings, timeoutMs)
    ).sendMail({
      envelope: { from: settings.address, to: [contact.email] },
      from: { name: fromName(author, chat.name), address: settings.address },
      to: contact.name ? { name: headerText(contact.name, 100), address: contact.email } : contact.email,
      subject: headerText(`New reply from ${chat.name}`, 998),
      date: new Date(message.created_at),
      text: `${message.content}\n\n${note}`,
      html: textToHtml(`${message.content}\n\n${note}`),
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return null;
  } catch (error) {
    return describe(error);
  }
}
