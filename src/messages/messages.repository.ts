import type { Executor, Trx } from '../db/database.js';
import { compiledOnce } from '../db/compiled-once.js';
import type { Inbox, Message, MessageTable } from '../db/schema.js';
import { SYSTEM_AUTHOR } from '../core/actor.js';
import { newId } from '../core/ids.js';
import { queueDelivery } from '../channels/api/queue-delivery.js';
import { queueChatFallback } from '../channels/web-chat/fallback.js';
import { emailUndeliverable, prepareOutgoingEmail } from '../channels/email/threading.js';
import { type AttachmentsByMessage, attachmentsOf, NO_ATTACHMENTS } from './attachments.repository.js';
import type { TMessage } from './messages.types.js';

export interface NewMessageInput {
  accountId: string;
  inbox: Pick<Inbox, 'id' | 'type' | 'webhook_url'>;
  conversationId: string;
  type: MessageTable['type'];
  author: { author_kind: MessageTable['author_kind']; author_id: string | null };
  content: string;
  sourceId?: string | null;
  now: string;
}

/**
 * A line in the thread that records what happened to the conversation (a status change, a
 * hand-off, a bounce): never delivered, and the conversation keeps its place in the list.
 * Written by the system unless an author is given.
 */
export function insertActivity(
  trx: Trx,
  input: {
    inbox: NewMessageInput['inbox'] & Pick<Inbox, 'account_id'>;
    conversationId: string;
    content: string;
    now: string;
    author?: NewMessageInput['author'];
  },
): Promise<Message> {
  const { inbox, author = SYSTEM_AUTHOR, ...rest } = input;
  return insertMessage(trx, { ...rest, accountId: inbox.account_id, inbox, type: 'activity', author });
}

/** Outgoing messages go out on their inbox's channel: a webhook, a mail, or the chat widget's stream. */
function initialDeliveryStatus(input: NewMessageInput): Message['delivery_status'] {
  // A web chat reply reaches the widget over its stream once committed: there is nothing to retry.
  if (input.type === 'outgoing' && input.inbox.type === 'web_chat') return 'sent';
  // An email reply is sent by the outbox like a webhook, with the same retries.
  if (input.type === 'outgoing' && input.inbox.type === 'email') return 'pending';
  if (input.type !== 'outgoing' || input.inbox.type !== 'api') return null;
  return input.inbox.webhook_url ? 'pending' : 'failed';
}

/**
 * Appends a message and keeps the conversation's list fields current. An outgoing message of an
 * API or email inbox gets its delivery queued in the same transaction, so it cannot be lost; an email
 * inbox with no SMTP server set up fails it at once, with that reason.
 */
export async function insertMessage(trx: Trx, input: NewMessageInput): Promise<Message> {
  const undeliverable =
    input.type === 'outgoing' && input.inbox.type === 'email'
      ? await emailUndeliverable(trx, input.inbox.id)
      : null;
  const message: Message = {
    id: newId('message'),
    account_id: input.accountId,
    inbox_id: input.inbox.id,
    conversation_id: input.conversationId,
    type: input.type,
    author_kind: input.author.author_kind,
    author_id: input.author.author_id,
    content: input.content,
    source_id: input.sourceId ?? null,
    delivery_status: undeliverable ? 'failed' : initialDeliveryStatus(input),
    delivery_error: undeliverable,
    created_at: input.now,
  };
  await trx.insertInto('messages').values(message).execute();
  const touchesList = input.type !== 'activity';
  await trx
    .updateTable('conversations')
    .set(
      touchesList
        ? { last_message_id: message.id, last_activity_at: input.now, updated_at: input.now }
        : { updated_at: input.now },
    )
    .where('id', '=', input.conversationId)
    .execute();
  if (message.delivery_status === 'pending') {
    await queueDelivery(trx, message, input.now);
    // Its Message-ID and threading are fixed now, so every attempt sends the same mail.
    if (input.inbox.type === 'email') await prepareOutgoingEmail(trx, message, input.now);
  }
  // A web chat reply is also mailed, after a grace period, if the visitor is gone by then.
  if (input.type === 'outgoing' && input.inbox.type === 'web_chat')
    await queueChatFallback(trx, message, input.now);
  return message;
}

type AuthorNames = Map<string, string | null>;

/** Names of the people and contacts who wrote these messages, in two small queries. */
export async function authorNames(db: Executor, messages: readonly Message[]): Promise<AuthorNames> {
  const ids = (kind: Message['author_kind']) => [
    ...new Set(
      messages.filter((m) => m.author_kind === kind && m.author_id).map((m) => m.author_id as string),
    ),
  ];
  const names: AuthorNames = new Map();
  const userIds = ids('user');
  const contactIds = ids('contact');
  if (userIds.length) {
    for (const u of await db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('id', 'in', userIds)
      .execute()) {
      names.set(u.id, u.name);
    }
  }
  if (contactIds.length) {
    for (const c of await db
      .selectFrom('contacts')
      .select(['id', 'name'])
      .where('id', 'in', contactIds)
      .execute()) {
      names.set(c.id, c.name);
    }
  }
  return names;
}

/** The columns a message's public shape is made of. */
const MESSAGE_JSON_COLUMNS = [
  'id',
  'conversation_id',
  'type',
  'author_kind',
  'author_id',
  'content',
  'delivery_status',
  'delivery_error',
  'created_at',
] as const satisfies readonly (keyof Message)[];

export function toMessageJson(
  message: Pick<Message, (typeof MESSAGE_JSON_COLUMNS)[number]>,
  names: AuthorNames,
  attachments: AttachmentsByMessage = NO_ATTACHMENTS,
): TMessage {
  return {
    id: message.id,
    conversation_id: message.conversation_id,
    type: message.type,
    private: message.type === 'note',
    author: {
      kind: message.author_kind,
      id: message.author_id,
      name: message.author_id ? (names.get(message.author_id) ?? null) : null,
    },
    content: message.content,
    delivery_status: message.delivery_status,
    delivery_error: message.delivery_error ?? null,
    attachments: [...(attachments.get(message.id) ?? [])],
    created_at: message.created_at,
  };
}

const threadRows = compiledOnce((db, conversationId: string, limit: number) =>
  db
    .selectFrom('messages as m')
    .leftJoin('users as u', (join) => join.onRef('u.id', '=', 'm.author_id').on('m.author_kind', '=', 'user'))
    .leftJoin('contacts as c', (join) =>
      join.onRef('c.id', '=', 'm.author_id').on('m.author_kind', '=', 'contact'),
    )
    .select((eb) => [
      ...MESSAGE_JSON_COLUMNS.map((column) => `m.${column}` as const),
      eb.fn.coalesce('u.name', 'c.name').as('author_name'),
      eb
        .exists(eb.selectFrom('attachments as a').select('a.id').whereRef('a.message_id', '=', 'm.id'))
        .as('has_attachments'),
    ])
    .where('m.conversation_id', '=', conversationId)
    .orderBy('m.id', 'desc')
    .limit(limit),
);

/**
 * The newest `limit` messages of a conversation, oldest first, in their public shape: one query
 * with the authors' names joined in, and one more only when some of them carry attachments.
 */
export async function recentThread(db: Executor, conversationId: string, limit: number): Promise<TMessage[]> {
  const rows = (await threadRows(db, conversationId, limit)).reverse();
  const names: AuthorNames = new Map(rows.map((r) => [r.author_id ?? '', r.author_name]));
  const attachments = await attachmentsOf(
    db,
    rows.filter((r) => Boolean(r.has_attachments)),
  );
  return rows.map((r) => toMessageJson(r, names, attachments));
}
