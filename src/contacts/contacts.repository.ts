import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { Contact } from '../db/schema.js';
import { type Actor, inboxFilter } from '../core/actor.js';
import { notFound } from '../core/errors.js';
import type { TContact } from './contacts.types.js';

/** `%…%` for LIKE, with the user's own % and _ taken literally. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Contacts an actor may see: all of the account for an admin; for a teammate, those with a
 * conversation in one of its inboxes.
 */
function visibleContacts(db: Executor, actor: Actor) {
  const inboxes = inboxFilter(actor);
  let query = db
    .selectFrom('contacts')
    .selectAll('contacts')
    .where('contacts.account_id', '=', actor.accountId);
  if (inboxes) {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('conversations')
          .select(sql`1`.as('one'))
          .whereRef('conversations.contact_id', '=', 'contacts.id')
          .where('conversations.inbox_id', 'in', inboxes.length ? inboxes : ['']),
      ),
    );
  }
  return query;
}

export async function findVisibleContact(db: Executor, actor: Actor, id: string): Promise<Contact> {
  const contact = await visibleContacts(db, actor).where('contacts.id', '=', id).executeTakeFirst();
  if (!contact) throw notFound('Contact');
  return contact;
}

export async function listContactRows(
  db: Executor,
  actor: Actor,
  filter: { query?: string | undefined; beforeId?: string | undefined; limit: number },
): Promise<Contact[]> {
  let query = visibleContacts(db, actor);
  if (filter.query) {
    const pattern = likePattern(filter.query);
    query = query.where(
      sql<boolean>`(lower(contacts.name) like ${pattern} escape '\\' or lower(contacts.email) like ${pattern} escape '\\' or contacts.phone like ${pattern} escape '\\')`,
    );
  }
  if (filter.beforeId) query = query.where('contacts.id', '<', filter.beforeId);
  return query
    .orderBy('contacts.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

export async function toContactJson(db: Executor, contacts: readonly Contact[]): Promise<TContact[]> {
  if (!contacts.length) return [];
  const external = await db
    .selectFrom('contact_external_ids')
    .select(['contact_id', 'namespace', 'value'])
    .where(
      'contact_id',
      'in',
      contacts.map((c) => c.id),
    )
    .execute();
  return contacts.map((c) => ({
    id: c.id,
    name: c.name,
    email: c.email,
    phone: c.phone,
    custom_attributes: JSON.parse(c.custom_attributes) as Record<string, unknown>,
    external_ids: external
      .filter((e) => e.contact_id === c.id)
      .map(({ namespace, value }) => ({ namespace, value })),
    created_at: c.created_at,
    updated_at: c.updated_at,
  }));
}
