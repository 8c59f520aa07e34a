import { sql } from 'kysely';
import type { Dialect, Trx } from '../../db/database.js';
import type { Contact, Conversation } from '../../db/schema.js';
import type { Services } from '../../core/services.js';
import { defineAction } from '../../core/action.js';
import type { Actor } from '../../core/actor.js';
import { AppError, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { perform } from '../../core/perform.js';
import { insertMessage } from '../../messages/messages.repository.js';
import { reopenForCustomer } from '../../conversations/conversations.repository.js';
import { findInbox } from '../../inboxes/inboxes.repository.js';
import { type TIncomingInput, type TIncomingResult, ZIncomingInputSchema } from './api-channel.types.js';

type ContactInput = TIncomingInput['contact'];

/**
 * On PostgreSQL, concurrent first messages of one customer would each miss the other's uncommitted
 * contact and conversation and create their own; a transaction lock per customer key makes them
 * take turns (always email before external id, so two callers cannot deadlock). SQLite runs one
 * write transaction at a time already.
 */
async function lockCustomer(trx: Trx, dialect: Dialect, keys: readonly string[]): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const key of keys) await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
}

/** The contact by email, then by this inbox's external id; created (or completed) as needed. */
export async function findOrCreateContact(
  trx: Trx,
  dialect: Dialect,
  accountId: string,
  inboxId: string,
  input: ContactInput,
  now: string,
): Promise<Contact> {
  const email = input.email?.toLowerCase();
  const namespace = `inbox:${inboxId}`;
  await lockCustomer(trx, dialect, [
    ...(email ? [`contact:${accountId}:email:${email}`] : []),
    ...(input.external_id ? [`contact:${accountId}:${namespace}:${input.external_id}`] : []),
  ]);
  let contact = email
    ? await trx
        .selectFrom('contacts')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('email', '=', email)
        .orderBy('id')
        .executeTakeFirst()
    : undefined;
  if (!contact && input.external_id) {
    contact = await trx
      .selectFrom('contact_external_ids as x')
      .innerJoin('contacts', 'contacts.id', 'x.contact_id')
      .selectAll('contacts')
      .where('x.account_id', '=', accountId)
      .where('x.namespace', '=', namespace)
      .where('x.value', '=', input.external_id)
      .executeTakeFirst();
  }
  if (!contact) {
    contact = {
      id: newId('contact'),
      account_id: accountId,
      name: input.name ?? null,
      email: email ?? null,
      phone: input.phone ?? null,
      custom_attributes: '{}',
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('contacts').values(contact).execute();
  } else if ((!contact.name && input.name) || (!contact.phone && input.phone) || (!contact.email && email)) {
    // Found by external id: an email no other contact has (the lookup above) completes it too.
    const fill = {
      name: contact.name ?? input.name ?? null,
      email: contact.email ?? email ?? null,
      phone: contact.phone ?? input.phone ?? null,
      updated_at: now,
    };
    await trx.updateTable('contacts').set(fill).where('id', '=', contact.id).execute();
    contact = { ...contact, ...fill };
  }
  if (input.external_id) {
    await trx
      .insertInto('contact_external_ids')
      .values({ account_id: accountId, namespace, value: input.external_id, contact_id: contact.id })
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  return contact;
}

/** The given conversation, else the contact's latest unresolved one in this inbox, else a new one. */
async function findOrOpenConversation(
  trx: Trx,
  actor: Actor & { kind: 'channel' },
  contact: Contact,
  conversationId: string | undefined,
  now: string,
): Promise<Conversation> {
  const mine = trx
    .selectFrom('conversations')
    .selectAll()
    .where('account_id', '=', actor.accountId)
    .where('inbox_id', '=', actor.inboxId)
    .where('contact_id', '=', contact.id);
  if (conversationId) {
    const given = await mine.where('id', '=', conversationId).executeTakeFirst();
    if (!given) throw notFound('Conversation');
    return given;
  }
  const latest = await mine
    .where('status', '!=', 'resolved')
    .orderBy('last_activity_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (latest) return latest;
  const conversation: Conversation = {
    id: newId('conversation'),
    account_id: actor.accountId,
    inbox_id: actor.inboxId,
    contact_id: contact.id,
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
  return conversation;
}

export const receiveIncoming = defineAction({
  name: 'message.receive',
  summary: 'A customer message arriving on an API inbox',
  input: ZIncomingInputSchema,
  kind: 'write',
  allow: { channel: true },
  async handler({ db: trx, actor, input, services }): Promise<TIncomingResult> {
    if (actor.kind !== 'channel') throw notFound('Inbox');
    const inbox = await findInbox(trx, actor.accountId, actor.inboxId);
    if (input.source_id) {
      const seen = await trx
        .selectFrom('messages')
        .select(['id', 'conversation_id'])
        .where('inbox_id', '=', inbox.id)
        .where('source_id', '=', input.source_id)
        .executeTakeFirst();
      if (seen) throw new DuplicateMessage(seen.id, seen.conversation_id);
    }
    const now = services.now().toISOString();
    const contact = await findOrCreateContact(
      trx,
      services.db.dialect,
      actor.accountId,
      inbox.id,
      input.contact,
      now,
    );
    const conversation = await findOrOpenConversation(trx, actor, contact, input.conversation_id, now);
    await reopenForCustomer(trx, inbox, conversation, 'a new message from the customer', now);
    const message = await insertMessage(trx, {
      accountId: actor.accountId,
      inbox,
      conversationId: conversation.id,
      type: 'incoming',
      author: { author_kind: 'contact', author_id: contact.id },
      content: input.content,
      sourceId: input.source_id ?? null,
      now,
    });
    return {
      contact_id: contact.id,
      conversation_id: conversation.id,
      message_id: message.id,
      duplicate: false,
    };
  },
  target: (_input, output) => (output ? { type: 'message', id: output.message_id } : null),
  auditResult: (output) => ({ ...output }),
});

/** Thrown inside the transaction so a repeated source_id stores nothing, and answered as a success. */
class DuplicateMessage extends AppError {
  constructor(
    readonly messageId: string,
    readonly conversationId: string,
  ) {
    super('conflict', 'This source_id was already received');
  }
}

function isUniqueViolation(error: unknown): boolean {
  const text = error instanceof Error ? `${(error as { code?: unknown }).code ?? ''} ${error.message}` : '';
  return /23505|SQLITE_CONSTRAINT_UNIQUE|UNIQUE constraint failed/.test(text);
}

/**
 * Receives a customer message. A repeated `source_id` answers with the first message's ids; when two
 * deliveries of one message race, the loser's transaction fails on the unique index and is retried once,
 * finding the winner's message.
 */
export async function receive(services: Services, actor: Actor, input: unknown): Promise<TIncomingResult> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await perform(services, actor, receiveIncoming, input);
    } catch (error) {
      if (error instanceof DuplicateMessage) {
        const contact = await services.db.kysely
          .selectFrom('conversations')
          .select('contact_id')
          .where('id', '=', error.conversationId)
          .executeTakeFirstOrThrow();
        return {
          contact_id: contact.contact_id,
          conversation_id: error.conversationId,
          message_id: error.messageId,
          duplicate: true,
        };
      }
      if (attempt === 0 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}
