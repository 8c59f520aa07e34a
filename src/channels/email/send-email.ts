import type { Transporter } from 'nodemailer';
import type { Delivery, EmailSettings } from '../../db/schema.js';
import type { Services } from '../../core/services.js';
import { fromName, headerText, replyAddress, replySubject, textToHtml } from './headers.js';

/** Why a send did not go through; permanent ones (an SMTP 5xx) are not retried. */
export interface SendFailure {
  error: string;
  permanent: boolean;
}

interface CachedTransport {
  key: string;
  transport: Transporter;
}

/**
 * One transport per inbox, kept while its settings stay the same. Without a pool, each send opens
 * its own connection, so a dead connection never outlives one attempt. The mailer is loaded with
 * the first mail sent: a help desk without an email inbox never pays for it.
 */
const transports = new Map<string, CachedTransport>();

export async function transportFor(
  services: Services,
  settings: EmailSettings,
  timeoutMs: number,
): Promise<Transporter> {
  const key = JSON.stringify([
    settings.smtp_host,
    settings.smtp_port,
    settings.smtp_security,
    settings.smtp_user,
    settings.smtp_password_sealed,
    timeoutMs,
  ]);
  const { default: nodemailer } = await import('nodemailer');
  const cached = transports.get(settings.inbox_id);
  if (cached?.key === key) return cached.transport;
  cached?.transport.close();
  const password = settings.smtp_password_sealed ? services.box.open(settings.smtp_password_sealed) : null;
  const transport = nodemailer.createTransport({
    host: settings.smtp_host,
    port: settings.smtp_port,
    secure: settings.smtp_security === 'tls',
    requireTLS: settings.smtp_security === 'starttls',
    ignoreTLS: settings.smtp_security === 'none',
    ...(settings.smtp_user && { auth: { user: settings.smtp_user, pass: password ?? '' } }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  transports.set(settings.inbox_id, { key, transport });
  return transport;
}

/** Closes every cached transport (a server stopping, a test ending). */
export function closeEmailTransports(): void {
  for (const { transport } of transports.values()) transport.close();
  transports.clear();
}

/** The name a mail is signed with: the teammate's or agent's, or none for the system. */
export async function authorName(
  services: Services,
  kind: string,
  id: string | null,
): Promise<string | null> {
  if (!id) return null;
  const db = services.db.kysely;
  if (kind === 'user') {
    return (
      (await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null
    );
  }
  if (kind === 'agent') {
    return (
      (await db.selectFrom('agents').select('name').where('id', '=', id).executeTakeFirst())?.name ?? null
    );
  }
  return null;
}

/** nodemailer's errors carry the server's reply code; 5xx is final, the rest may pass on retry. */
export function describe(error: unknown): SendFailure {
  const details = error as { responseCode?: unknown; code?: unknown; response?: unknown; message?: unknown };
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : null;
  const response = typeof details.response === 'string' ? headerText(details.response, 300) : null;
  const message = typeof details.message === 'string' ? headerText(details.message, 300) : 'Sending failed';
  const code = typeof details.code === 'string' ? `${details.code}: ` : '';
  return {
    error: `${code}${response ?? message}`.slice(0, 500),
    permanent: responseCode !== null && responseCode >= 500 && responseCode < 600,
  };
}

/**
 * Sends one outgoing message of an email inbox to its contact, with the Message-ID and threading
 * fixed when it was written: From "<author> via <inbox>" <inbox address>, Reply-To carrying the
 * conversation's token, a plain text part and an escaped HTML part. Returns null once the SMTP
 * server took it.
 */
export async function sendEmailDelivery(
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
    const [inbox, settings, facts, thread, contact] = await Promise.all([
      db.selectFrom('inboxes').select('name').where('id', '=', message.inbox_id).executeTakeFirstOrThrow(),
      db.selectFrom('email_settings').selectAll().where('inbox_id', '=', message.inbox_id).executeTakeFirst(),
      db.selectFrom('email_messages').selectAll().where('message_id', '=', message.id).executeTakeFirst(),
      db
        .selectFrom('email_threads')
        .select('reply_token')
        .where('conversation_id', '=', message.conversation_id)
        .executeTakeFirst(),
      db
        .selectFrom('conversations as c')
        .innerJoin('contacts as ct', 'ct.id', 'c.contact_id')
        .select(['ct.email', 'ct.name'])
        .where('c.id', '=', message.conversation_id)
        .executeTakeFirstOrThrow(),
    ]);
    if (!settings) return { error: 'The inbox has no email settings', permanent: true };
    if (!facts || !thread) return { error: 'The message has no email threading facts', permanent: true };
    if (!contact.email) return { error: 'The contact has no email address', permanent: true };
    const author = await authorName(services, message.author_kind, message.author_id);
    const transport = await transportFor(services, settings, timeoutMs);
    await transport.sendMail({
      envelope: { from: settings.address, to: [contact.email] },
      from: { name: fromName(author, inbox.name), address: settings.address },
      to: contact.name ? { name: headerText(contact.name, 100), address: contact.email } : contact.email,
      replyTo: replyAddress(settings.address, thread.reply_token),
      subject: facts.in_reply_to ? replySubject(facts.subject) : headerText(facts.subject, 998),
      messageId: facts.rfc_message_id,
      ...(facts.in_reply_to && { inReplyTo: facts.in_reply_to }),
      ...(facts.references && { references: facts.references }),
      date: new Date(message.created_at),
      text: message.content,
      html: textToHtml(message.content),
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return null;
  } catch (error) {
    return describe(error);
  }
}
