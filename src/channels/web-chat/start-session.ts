import type { Executor, Trx } from '../../db/database.js';
import type { Contact, Inbox, WebChatSettings } from '../../db/schema.js';
import { defineAction } from '../../core/action.js';
import { newSecret, sha256Hex } from '../../core/crypto.js';
import { AppError, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { findInbox } from '../../inboxes/inboxes.repository.js';
import type { Services } from '../../core/services.js';
import { chatMessages } from './chat-messages.js';
import { verifyIdentity } from './identity.js';
import { findContactByUserId, findVisitorByTokenHash } from './web-chat.repository.js';
import { type TSession, type TStartSessionInput, ZStartSessionInputSchema } from './web-chat.types.js';

/** Visitor tokens live in the visitor's browser; only their SHA-256 is stored. */
export const VISITOR_TOKEN_PREFIX = 'dwv_';

/** Verified user ids of one inbox's site, as contact external ids. */
export const externalIdNamespace = (inboxId: string): string => `web_chat:${inboxId}`;

/** The inbox the channel actor stands for, its widget settings, and that the key names it. */
export async function widgetInbox(
  trx: Executor,
  accountId: string,
  inboxId: string,
  publicKey: string,
): Promise<{ inbox: Inbox; settings: WebChatSettings }> {
  const inbox = await findInbox(trx, accountId, inboxId);
  const settings = await trx
    .selectFrom('web_chat_settings')
    .selectAll()
    .where('inbox_id', '=', inbox.id)
    .executeTakeFirst();
  if (inbox.type !== 'web_chat' || !settings || settings.public_key !== publicKey) throw notFound('Inbox');
  return { inbox, settings };
}

/** The verified user id, or null without an identity; a hash that does not match is refused. */
function verifiedUserId(
  services: Services,
  inbox: Inbox,
  settings: WebChatSettings,
  input: TStartSessionInput,
) {
  const identity = input.identity;
  if (!identity) {
    if (settings.identity === 'required')
      throw new AppError(
        'forbidden',
        'This chat is for signed-in customers: a verified identity is required',
      );
    return null;
  }
  if (!verifyIdentity(services.box.open(inbox.secret_sealed), identity.user_id, identity.hash))
    throw new AppError('forbidden', 'The identity could not be verified: its hash does not match');
  return identity.user_id;
}

async function contactFor(
  trx: Trx,
  inbox: Inbox,
  input: TStartSessionInput,
  userId: string | null,
  now: string,
): Promise<Contact> {
  const namespace = externalIdNamespace(inbox.id);
  const known = userId ? await findContactByUserId(trx, inbox.account_id, namespace, userId) : undefined;
  const email = (userId ? (input.identity?.email ?? input.email) : input.email)?.toLowerCase() ?? null;
  const name = (userId ? (input.identity?.name ?? input.name) : input.name) ?? null;
  if (known) {
    const contact = await trx
      .selectFrom('contacts')
      .selectAll()
      .where('id', '=', known)
      .executeTakeFirstOrThrow();
    if ((!contact.email && email) || (!contact.name && name)) {
      const fill = { email: contact.email ?? email, name: contact.name ?? name, updated_at: now };
      await trx.updateTable('contacts').set(fill).where('id', '=', contact.id).execute();
      return { ...contact, ...fill };
    }
    return contact;
  }
  // An unverified visitor gets a contact of its own: an email typed into a form proves nothing,
  // so it is recorded but never joins the visitor to an existing customer's record.
  const contact: Contact = {
    id: newId('contact'),
    account_id: inbox.account_id,
    name,
    email,
    phone: null,
    custom_attributes: '{}',
    created_at: now,
    updated_at: now,
  };
  await trx.insertInto('contacts').values(contact).execute();
  if (userId) {
    await trx
      .insertInto('contact_external_ids')
      .values({ account_id: inbox.account_id, namespace, value: userId, contact_id: contact.id })
      .execute();
  }
  return contact;
}

type SessionOutput = TSession & { visitor_id: string; contact_id: string };

/**
 * A visitor opens the chat: resumes with its token (when it is this inbox's and belongs to the same
 * signed-in user, or to none), or starts as a new visitor. A forged identity changes nothing.
 */
export const startSession = defineAction({
  name: 'web_chat.start_session',
  summary: 'A website visitor starts or resumes a chat',
  input: ZStartSessionInputSchema,
  kind: 'write',
  allow: { channel: true },
  redact: ['visitor_token', 'identity'],
  async handler({ db: trx, actor, input, services }): Promise<SessionOutput> {
    if (actor.kind !== 'channel') throw notFound('Inbox');
    const { inbox, settings } = await widgetInbox(trx, actor.accountId, actor.inboxId, input.public_key);
    const userId = verifiedUserId(services, inbox, settings, input);
    const now = services.now().toISOString();
    const existing = input.visitor_token
      ? await findVisitorByTokenHash(trx, inbox.id, sha256Hex(input.visitor_token), now)
      : undefined;
    if (existing && input.visitor_token && existing.user_id === userId) {
      await trx
        .updateTable('web_chat_visitors')
        .set({ last_seen_at: now })
        .where('id', '=', existing.id)
        .execute();
      const contact = await trx
        .selectFrom('contacts')
        .select('email')
        .where('id', '=', existing.contact_id)
        .executeTakeFirstOrThrow();
      return {
        visitor_id: existing.id,
        contact_id: existing.contact_id,
        visitor_token: input.visitor_token,
        conversation_id: existing.conversation_id,
        verified: userId !== null,
        email: contact.email,
        messages: existing.conversation_id ? await chatMessages(trx, existing.conversation_id) : [],
      };
    }
    const email = userId ? (input.identity?.email ?? input.email) : input.email;
    if (settings.require_email === 1 && !email) {
      throw new AppError('bad_request', 'Give your email to start the chat', {
        fields: [{ field: 'email', message: 'Required by this chat' }],
      });
    }
    const contact = await contactFor(trx, inbox, input, userId, now);
    // A signed-in customer finds its chat again on any device: its latest one in this inbox.
    const latest = userId
      ? await trx
          .selectFrom('conversations')
          .select('id')
          .where('account_id', '=', inbox.account_id)
          .where('inbox_id', '=', inbox.id)
          .where('contact_id', '=', contact.id)
          .orderBy('last_activity_at', 'desc')
          .orderBy('id', 'desc')
          .executeTakeFirst()
      : undefined;
    const token = newSecret(VISITOR_TOKEN_PREFIX);
    const visitor = {
      id: newId('visitor'),
      account_id: inbox.account_id,
      inbox_id: inbox.id,
      token_hash: sha256Hex(token),
      contact_id: contact.id,
      conversation_id: latest?.id ?? null,
      user_id: userId,
      created_at: now,
      last_seen_at: now,
    };
    await trx.insertInto('web_chat_visitors').values(visitor).execute();
    return {
      visitor_id: visitor.id,
      contact_id: contact.id,
      visitor_token: token,
      conversation_id: visitor.conversation_id,
      verified: userId !== null,
      email: contact.email,
      messages: visitor.conversation_id ? await chatMessages(trx, visitor.conversation_id) : [],
    };
  },
  target: (_input, output) => (output ? { type: 'contact', id: output.contact_id } : null),
  auditResult: (output) => ({
    visitor_id: output.visitor_id,
    contact_id: output.contact_id,
    verified: output.verified,
  }),
});
