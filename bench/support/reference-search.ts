import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';
import { queryTerms } from '../../src/search/full-text.js';

/**
 * The obvious, slow form of a conversation search (every matching message, then newest activity
 * first), used as an oracle: the fast paths of the real query must return exactly these ids.
 */
export async function referenceSearch(
  db: Db,
  accountId: string,
  inboxIds: readonly string[] | null,
  query: string,
  limit: number,
): Promise<string[]> {
  const terms = queryTerms(query);
  if (!terms.length) return [];
  const last = terms.length - 1;
  const match =
    db.dialect === 'postgres'
      ? sql`to_tsvector('simple', m.content) @@ to_tsquery('simple', ${terms
          .map((t, i) => `'${t}'${i === last ? ':*' : ''}`)
          .join(' & ')})`
      : sql`m.rowid in (select rowid from messages_fts where messages_fts match ${terms
          .map((t, i) => `"${t}"${i === last ? '*' : ''}`)
          .join(' ')})`;
  const inboxes = inboxIds ? sql`and c.inbox_id in (${sql.join(inboxIds)})` : sql``;
  const { rows } = await sql<{ id: string }>`
    select c.id from conversations c
    where c.account_id = ${accountId} ${inboxes}
      and c.id in (select m.conversation_id from messages m where m.account_id = ${accountId} and ${match})
    order by c.last_activity_at desc, c.id desc
    limit ${limit}`.execute(db.kysely);
  return rows.map((r) => r.id);
}
