import { sql } from 'kysely';
import type { Dialect, Executor } from '../db/database.js';
import type { Conversation } from '../db/schema.js';
import { type Actor, canSeeInbox, inboxFilter } from '../core/actor.js';
import { notFound } from '../core/errors.js';
import { authorNames, toMessageJson } from '../messages/messages.repository.js';
import { ftsCondition } from '../search/full-text.js';
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

/** Newest activity first; `limit + 1` rows so the caller knows whether there is another page. */
export async function listConversationRows(
  db: Executor,
  dialect: Dialect,
  actor: Actor,
  filter: ConversationFilter,
): Promise<Conversation[]> {
  const inboxes = inboxFilter(actor);
  if (inboxes && inboxes.length === 0) return [];
  let query = db.selectFrom('conversations as c').selectAll('c').where('c.account_id', '=', actor.accountId);
  if (inboxes) query = query.where('c.inbox_id', 'in', inboxes);
  if (filter.inboxId) query = query.where('c.inbox_id', '=', filter.inboxId);
  if (filter.status) query = query.where('c.status', '=', filter.status);
  if (filter.assigneeId === null) query = query.where('c.assignee_user_id', 'is', null);
  else if (filter.assigneeId) query = query.where('c.assignee_user_id', '=', filter.assigneeId);
  if (filter.label) {
    const label = filter.label;
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('conversation_labels as l')
          .select(sql`1`.as('one'))
          .whereRef('l.conversation_id', '=', 'c.id')
          .where('l.label', '=', label),
      ),
    );
  }
  if (filter.query) {
    const match = ftsCondition(dialect, filter.query);
    if (!match) return [];
    query = query.where('c.id', 'in', (eb) =>
      eb
        .selectFrom('messages as m')
        .select('m.conversation_id')
        .where('m.account_id', '=', actor.accountId)
        .where(match),
    );
  }
  if (filter.after) {
    const { last_activity_at, id } = filter.after;
    query = query.where((eb) =>
      eb(eb.refTuple('c.last_activity_at', 'c.id'), '<', eb.tuple(last_activity_at, id)),
    );
  }
  return query
    .orderBy('c.last_activity_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(filter.limit + 1)
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
