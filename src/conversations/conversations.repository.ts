import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect, Executor, Trx } from '../db/database.js';
import { columnsOf, compiledOnce } from '../db/compiled-once.js';
import type { Conversation, ConversationTable, Database, Message } from '../db/schema.js';
import { type Actor, canSeeInbox, inboxFilter } from '../core/actor.js';
import { notFound } from '../core/errors.js';
import {
  authorNames,
  insertActivity,
  type NewMessageInput,
  toMessageJson,
} from '../messages/messages.repository.js';
import { attachmentsOf } from '../messages/attachments.repository.js';
import {
  ftsCondition,
  postgresConversationMatches,
  postgresConversationsWithMatch,
  queryTerms,
  sqliteConversationsWithMatch,
  sqliteCountMatches,
} from '../search/full-text.js';
import type { TMessage } from '../messages/messages.types.js';
import type { TConversation } from './conversations.types.js';

const CONVERSATION_COLUMNS = columnsOf('conversations', {
  id: true,
  account_id: true,
  inbox_id: true,
  contact_id: true,
  status: true,
  snoozed_until: true,
  assignee_user_id: true,
  priority: true,
  subject: true,
  last_message_id: true,
  last_activity_at: true,
  created_at: true,
  updated_at: true,
});

const conversationById = compiledOnce((db, id: string, accountId: string) =>
  db
    .selectFrom('conversations')
    .select(CONVERSATION_COLUMNS)
    .where('id', '=', id)
    .where('account_id', '=', accountId),
);

/** The conversation if the actor may see it; anything else is "not found", never "forbidden". */
export async function findVisibleConversation(db: Executor, actor: Actor, id: string): Promise<Conversation> {
  const [row] = await conversationById(db, id, actor.accountId);
  if (!row || !canSeeInbox(actor, row.inbox_id)) throw notFound('Conversation');
  return row;
}

export interface ConversationFilter {
  inboxId?: string | undefined;
  status?: Conversation['status'] | undefined;
  assigneeId?: string | null | undefined;
  label?: string | undefined;
  query?: string | undefined;
  after?: { last_activity_at: string; id: string } | undefined;
  limit: number;
}

type ConversationsAsC = Database & { c: ConversationTable };

/** Everything that limits a list except the search words: account, the actor's inboxes, filters, cursor. */
function conversationScope(accountId: string, inboxes: readonly string[] | null, filter: ConversationFilter) {
  return (eb: ExpressionBuilder<ConversationsAsC, 'c'>): Expression<SqlBool> => {
    const conditions: Expression<SqlBool>[] = [eb('c.account_id', '=', accountId)];
    if (inboxes) conditions.push(eb('c.inbox_id', 'in', inboxes));
    if (filter.inboxId) conditions.push(eb('c.inbox_id', '=', filter.inboxId));
    if (filter.status) conditions.push(eb('c.status', '=', filter.status));
    if (filter.assigneeId === null) conditions.push(eb('c.assignee_user_id', 'is', null));
    else if (filter.assigneeId) conditions.push(eb('c.assignee_user_id', '=', filter.assigneeId));
    if (filter.label) {
      conditions.push(
        eb.exists(
          eb
            .selectFrom('conversation_labels as l')
            .select(sql`1`.as('one'))
            .whereRef('l.conversation_id', '=', 'c.id')
            .where('l.label', '=', filter.label),
        ),
      );
    }
    if (filter.after) {
      const { last_activity_at, id } = filter.after;
      conditions.push(eb(eb.refTuple('c.last_activity_at', 'c.id'), '<', eb.tuple(last_activity_at, id)));
    }
    return eb.and(conditions);
  };
}

type Scope = ReturnType<typeof conversationScope>;

/** Newest activity first; `limit + 1` rows so the caller knows whether there is another page. */
export async function listConversationRows(
  db: Executor,
  dialect: Dialect,
  actor: Actor,
  filter: ConversationFilter,
): Promise<Conversation[]> {
  const inboxes = inboxFilter(actor);
  if (inboxes && inboxes.length === 0) return [];
  const scope = conversationScope(actor.accountId, inboxes, filter);
  const want = filter.limit + 1;
  if (!filter.query) return newestFirst(db, scope).selectAll('c').limit(want).execute();
  if (!queryTerms(filter.query).length) return [];
  return searchConversations(db, dialect, actor.accountId, scope, filter.query, want);
}

function newestFirst(db: Executor, scope: Scope) {
  return db
    .selectFrom('conversations as c')
    .where(scope)
    .orderBy('c.last_activity_at', 'desc')
    .orderBy('c.id', 'desc');
}

/*
 * Search: the first `want` conversations in scope, newest activity first, with a message that
 * matches the query. A common word matches most conversations but far too many messages to
 * collect, so the newest conversations in scope are checked first, a window of them at a time:
 * once `want` of a window match, that is the answer, since every other conversation comes later in
 * the order. A rare word matches few messages, so collecting them all through the full-text index
 * and sorting their conversations is cheap. Either way the result is exact.
 */

/** The first window: for any common word, a page of hits comes from these. */
export const SEARCH_WINDOW = 100;
/** The largest second window, sized from the first window's share of hits. */
export const MAX_SEARCH_WINDOW = 1_000;
/** Below this many matching messages (in any account), collecting them all is the cheaper way. */
export const FEW_MATCHES = 1_000;

async function searchConversations(
  db: Executor,
  dialect: Dialect,
  accountId: string,
  scope: Scope,
  query: string,
  want: number,
): Promise<Conversation[]> {
  const first = await newestMatches(db, dialect, scope, SEARCH_WINDOW, query, want);
  if (first.complete) return first.hits;
  // No hit among the newest: the word is rare, at least lately. SQLite can also count cheaply
  // how rare it is overall (PostgreSQL's planner sees that in its statistics).
  const rare =
    first.hits.length === 0 ||
    (dialect === 'sqlite' && (await sqliteCountMatches(db, query, FEW_MATCHES)) < FEW_MATCHES);
  if (!rare) {
    // Large enough to hold `want` hits at the first window's rate, with room to spare.
    const size = Math.min(MAX_SEARCH_WINDOW, Math.ceil((1.5 * want * SEARCH_WINDOW) / first.hits.length));
    const second = await newestMatches(db, dialect, scope, size, query, want);
    if (second.complete) return second.hits;
  }
  return allMatches(db, dialect, accountId, scope, query, want);
}

/**
 * The first `want` conversations with a match among the newest `size` in scope. `complete` when
 * that is the answer: `want` of them match, or the scope holds no more conversations.
 */
async function newestMatches(
  db: Executor,
  dialect: Dialect,
  scope: Scope,
  size: number,
  query: string,
  want: number,
): Promise<{ hits: Conversation[]; complete: boolean }> {
  if (dialect === 'postgres' && size === SEARCH_WINDOW) {
    // One ordered scan that checks each conversation's messages and stops at `want` hits: for a
    // common word, a few dozen conversations. (Whether the scope holds more is not known here.)
    const hits = await db
      .selectFrom(newestFirst(db, scope).selectAll('c').limit(size).as('c'))
      .selectAll('c')
      .where(postgresConversationMatches(query))
      .orderBy('c.last_activity_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(want)
      .execute();
    return { hits, complete: hits.length >= want };
  }
  const window = await newestFirst(db, scope).select('c.id').limit(size).execute();
  const ids = window.map((c) => c.id);
  const matched =
    dialect === 'postgres'
      ? await postgresConversationsWithMatch(db, query, ids)
      : await sqliteConversationsWithMatch(db, query, ids);
  const hits = await conversationsInOrder(db, ids.filter((id) => matched.has(id)).slice(0, want));
  return { hits, complete: hits.length >= want || window.length < size };
}

/** These conversations, in this order. */
async function conversationsInOrder(db: Executor, ids: readonly string[]): Promise<Conversation[]> {
  if (!ids.length) return [];
  const rows = await db.selectFrom('conversations').selectAll().where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!);
}

/** Every matching message through the full-text index, then their conversations in order. */
async function allMatches(
  db: Executor,
  dialect: Dialect,
  accountId: string,
  scope: Scope,
  query: string,
  want: number,
): Promise<Conversation[]> {
  const matchingMessages = db
    .selectFrom('messages as m')
    .select('m.conversation_id')
    .where('m.account_id', '=', accountId)
    .where(ftsCondition(dialect, query)!);
  if (dialect === 'postgres') {
    // `= any(array(…))` collects the matches first (from the GIN index), then fetches just those
    // conversations; the planner would otherwise probe conversations newest-first, row by row.
    return newestFirst(db, scope)
      .selectAll('c')
      .where(sql<SqlBool>`c.id = any(array(${matchingMessages}))`)
      .limit(want)
      .execute();
  }
  // CROSS JOIN makes SQLite start from the matches rather than walk every conversation in order.
  return db
    .selectFrom(matchingMessages.distinct().as('hit'))
    .crossJoin('conversations as c')
    .selectAll('c')
    .whereRef('c.id', '=', 'hit.conversation_id')
    .where(scope)
    .orderBy('c.last_activity_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(want)
    .execute();
}

export async function labelsOf(
  db: Executor,
  conversationIds: readonly string[],
): Promise<Map<string, string[]>> {
  const labels = new Map<string, string[]>();
  if (!conversationIds.length) return labels;
  const rows = await db
    .selectFrom('conversation_labels')
    .select(['conversation_id', 'label'])
    .where('conversation_id', 'in', conversationIds)
    .orderBy('label')
    .execute();
  for (const row of rows)
    labels.set(row.conversation_id, [...(labels.get(row.conversation_id) ?? []), row.label]);
  return labels;
}

/**
 * Turns rows into the public shape with contact, labels and last message: two queries, and three
 * more for the last messages that are not among `known` (already in their public shape).
 */
export async function toConversationJson(
  db: Executor,
  rows: readonly Conversation[],
  known: readonly TMessage[] = [],
): Promise<TConversation[]> {
  if (!rows.length) return [];
  const contactIds = [...new Set(rows.map((r) => r.contact_id))];
  const knownById = new Map(known.map((m) => [m.id, m]));
  const lastIds = rows
    .map((r) => r.last_message_id)
    .filter((id): id is string => id !== null && !knownById.has(id));
  const [contacts, labels, lastMessages] = await Promise.all([
    db.selectFrom('contacts').select(['id', 'name', 'email']).where('id', 'in', contactIds).execute(),
    labelsOf(
      db,
      rows.map((r) => r.id),
    ),
    lastIds.length
      ? db.selectFrom('messages').selectAll().where('id', 'in', lastIds).execute()
      : Promise.resolve([]),
  ]);
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const messageById = new Map(lastMessages.map((m) => [m.id, m]));
  const [names, attachments] = await Promise.all([
    authorNames(db, lastMessages),
    attachmentsOf(db, lastMessages),
  ]);
  const lastJson = (m: Message | undefined) => (m ? toMessageJson(m, names, attachments) : null);
  return rows.map((row) => {
    const contact = contactById.get(row.contact_id);
    const id = row.last_message_id;
    const last = id === null ? null : (knownById.get(id) ?? lastJson(messageById.get(id)));
    return {
      id: row.id,
      inbox_id: row.inbox_id,
      status: row.status,
      snoozed_until: row.snoozed_until,
      priority: row.priority,
      labels: labels.get(row.id) ?? [],
      assignee_id: row.assignee_user_id,
      contact: { id: row.contact_id, name: contact?.name ?? null, email: contact?.email ?? null },
      last_message: last,
      last_activity_at: row.last_activity_at,
      created_at: row.created_at,
      updated_at: row.updated_at,
    };
  });
}

/**
 * A customer's new message reopens a resolved or snoozed conversation, with an activity line
 * saying so; `by` names the message ("a new email from the customer").
 */
export async function reopenForCustomer(
  trx: Trx,
  inbox: NewMessageInput['inbox'] & { account_id: string },
  conversation: Pick<Conversation, 'id' | 'status'>,
  by: string,
  now: string,
): Promise<void> {
  if (conversation.status !== 'resolved' && conversation.status !== 'snoozed') return;
  await trx
    .updateTable('conversations')
    .set({ status: 'open', snoozed_until: null })
    .where('id', '=', conversation.id)
    .execute();
  await insertActivity(trx, {
    inbox,
    conversationId: conversation.id,
    content: `Reopened by ${by} (was ${conversation.status})`,
    now,
  });
}
