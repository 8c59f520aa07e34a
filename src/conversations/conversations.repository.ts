import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Dialect, Executor } from '../db/database.js';
import type { Conversation, ConversationTable, Database } from '../db/schema.js';
import { type Actor, canSeeInbox, inboxFilter } from '../core/actor.js';
import { notFound } from '../core/errors.js';
import { authorNames, toMessageJson } from '../messages/messages.repository.js';
import {
  ftsCondition,
  postgresConversationMatches,
  queryTerms,
  sqliteCountMatches,
  sqliteMatchingRowids,
} from '../search/full-text.js';
import type { TConversation } from './conversations.types.js';

/** The conversation if the actor may see it; anything else is "not found", never "forbidden". */
export async function findVisibleConversation(db: Executor, actor: Actor, id: string): Promise<Conversation> {
  const row = await db
    .selectFrom('conversations')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst();
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
type Keys = ConversationFilter['after'];

/** Newest activity first; `limit + 1` rows so the caller knows whether there is another page. */
export async function listConversationRows(
  db: Executor,
  dialect: Dialect,
  actor: Actor,
  filter: ConversationFilter,
): Promise<Conversation[]> {
  const inboxes = inboxFilter(actor);
  if (inboxes && inboxes.length === 0) return [];
  const scopeAfter = (after: Keys) => conversationScope(actor.accountId, inboxes, { ...filter, after });
  const want = filter.limit + 1;
  if (!filter.query) return newestFirst(db, scopeAfter(filter.after)).limit(want).execute();
  if (!queryTerms(filter.query).length) return [];
  const query = filter.query;
  const found =
    dialect === 'postgres'
      ? await postgresNewestMatches(db, scopeAfter(filter.after), query, want)
      : await sqliteNewestMatches(db, scopeAfter, filter.after, query, want);
  return found ?? allMatches(db, dialect, actor.accountId, scopeAfter(filter.after), query, want);
}

function newestFirst(db: Executor, scope: Scope) {
  return db
    .selectFrom('conversations as c')
    .selectAll('c')
    .where(scope)
    .orderBy('c.last_activity_at', 'desc')
    .orderBy('c.id', 'desc');
}

/*
 * Search: the first `want` conversations in scope, newest activity first, with a message that
 * matches the query. A common word matches most conversations but far too many messages to
 * collect, so the newest conversations in scope are checked first, in windows: once `want` of them
 * match, that is the answer, since every conversation past the window comes later in the order.
 * A rare word matches few messages, so collecting them all through the full-text index and sorting
 * their conversations is cheap. Either way the result is exact.
 */

/** The newest conversations checked first; one page of hits comes from here for any common word. */
export const FIRST_SEARCH_WINDOW = 100;
/** Below this many matching messages (in any account), collecting them all is the cheaper way. */
export const FEW_MATCHES = 5_000;

/**
 * PostgreSQL: one ordered scan of the newest FIRST_SEARCH_WINDOW conversations, each checked for
 * a matching message, stopping at `want` hits. Null when they do not hold `want` hits.
 */
async function postgresNewestMatches(
  db: Executor,
  scope: Scope,
  query: string,
  want: number,
): Promise<Conversation[] | null> {
  const hits = await db
    .selectFrom(newestFirst(db, scope).limit(FIRST_SEARCH_WINDOW).as('c'))
    .selectAll('c')
    .where(postgresConversationMatches(query))
    .orderBy('c.last_activity_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(want)
    .execute();
  return hits.length >= want ? hits : null;
}

/**
 * SQLite: windows of 100, 1,000 and 10,000 conversations, each checked in one pass over the FTS
 * index (see sqliteMatchingRowids). Past the first window, only when the word is not rare.
 * Null when the windows do not hold `want` hits.
 */
async function sqliteNewestMatches(
  db: Executor,
  scopeAfter: (after: Keys) => Scope,
  after: Keys,
  query: string,
  want: number,
): Promise<Conversation[] | null> {
  const hitIds: string[] = [];
  let cursor = after;
  for (let size = FIRST_SEARCH_WINDOW; size <= 10 * FIRST_SEARCH_WINDOW; size *= 10) {
    if (size > FIRST_SEARCH_WINDOW && (await sqliteCountMatches(db, query, FEW_MATCHES)) < FEW_MATCHES) {
      return null;
    }
    const candidates = await db
      .selectFrom('conversations as c')
      .select(['c.id', 'c.last_activity_at'])
      .where(scopeAfter(cursor))
      .orderBy('c.last_activity_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(size)
      .execute();
    const ids = JSON.stringify(candidates.map((c) => c.id));
    const messages = await db
      .selectFrom('messages as m')
      .select([sql<number>`m.rowid`.as('rowid'), 'm.conversation_id'])
      .where('m.conversation_id', 'in', sql<string>`(select value from json_each(${ids}))`)
      .execute();
    const matching = await sqliteMatchingRowids(
      db,
      query,
      messages.map((m) => m.rowid),
    );
    const matched = new Set(messages.filter((m) => matching.has(m.rowid)).map((m) => m.conversation_id));
    hitIds.push(...candidates.filter((c) => matched.has(c.id)).map((c) => c.id));
    if (hitIds.length >= want || candidates.length < size) {
      return conversationsInOrder(db, hitIds.slice(0, want));
    }
    const last = candidates.at(-1)!;
    cursor = { last_activity_at: last.last_activity_at, id: last.id };
  }
  return null;
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

/** Turns rows into the public shape with contact, labels and last message, in three queries. */
export async function toConversationJson(
  db: Executor,
  rows: readonly Conversation[],
): Promise<TConversation[]> {
  if (!rows.length) return [];
  const contactIds = [...new Set(rows.map((r) => r.contact_id))];
  const lastIds = rows.map((r) => r.last_message_id).filter((id): id is string => id !== null);
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
  const names = await authorNames(db, lastMessages);
  return rows.map((row) => {
    const contact = contactById.get(row.contact_id);
    const last = row.last_message_id ? messageById.get(row.last_message_id) : undefined;
    return {
      id: row.id,
      inbox_id: row.inbox_id,
      status: row.status,
      snoozed_until: row.snoozed_until,
      priority: row.priority,
      labels: labels.get(row.id) ?? [],
      assignee_id: row.assignee_user_id,
      contact: { id: row.contact_id, name: contact?.name ?? null, email: contact?.email ?? null },
      last_message: last ? toMessageJson(last, names) : null,
      last_activity_at: row.last_activity_at,
      created_at: row.created_at,
      updated_at: row.updated_at,
    };
  });
}
