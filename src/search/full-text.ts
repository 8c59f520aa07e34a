import { type Expression, type SqlBool, sql } from 'kysely';
import type { Dialect, Executor } from '../db/database.js';

/** Words of a free-text query; everything else (operators, quotes, punctuation) is dropped. */
export function queryTerms(query: string): string[] {
  return (query.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16).map((t) => t.toLowerCase());
}

/**
 * The query in each engine's syntax: all the words (the last one as a prefix, for
 * search-as-you-type). Terms are quoted, so no user input is ever FTS syntax.
 */
function sqliteMatch(terms: readonly string[]): string {
  return terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
}

function postgresTsquery(terms: readonly string[]): string {
  return terms.map((t, i) => `'${t}'${i === terms.length - 1 ? ':*' : ''}`).join(' & ');
}

/**
 * A condition on `messages as m` that matches all the words of `query`.
 * Returns null when the query has no words.
 */
export function ftsCondition(dialect: Dialect, query: string): Expression<SqlBool> | null {
  const terms = queryTerms(query);
  if (!terms.length) return null;
  if (dialect === 'postgres') {
    return sql<SqlBool>`to_tsvector('simple', m.content) @@ to_tsquery('simple', ${postgresTsquery(terms)})`;
  }
  return sql<SqlBool>`m.rowid in (select rowid from messages_fts where messages_fts match ${sqliteMatch(terms)})`;
}

/**
 * A condition on `conversations as c` for PostgreSQL: one of its messages matches `query` (which
 * must have words). Checked message by message against the text, not through the index, so it
 * suits a short, ordered scan of conversations that stops at the first page of hits.
 */
export function postgresConversationMatches(query: string): Expression<SqlBool> {
  return sql<SqlBool>`exists (select 1 from messages m where m.conversation_id = c.id
    and to_tsvector('simple', m.content) @@ to_tsquery('simple', ${postgresTsquery(queryTerms(query))}))`;
}

/**
 * Which of these PostgreSQL conversations have a message matching `query`. The planner picks per
 * word: for a rare one it intersects the full-text index with the conversations' messages
 * (BitmapAnd), for a common one it checks their messages' text.
 */
export async function postgresConversationsWithMatch(
  db: Executor,
  query: string,
  conversationIds: readonly string[],
): Promise<Set<string>> {
  if (!conversationIds.length) return new Set();
  const { rows } = await sql<{ conversation_id: string }>`
    select distinct m.conversation_id from messages m
    where m.conversation_id = any(${conversationIds})
      and to_tsvector('simple', m.content) @@ to_tsquery('simple', ${postgresTsquery(queryTerms(query))})`.execute(
    db,
  );
  return new Set(rows.map((r) => r.conversation_id));
}

/** How many SQLite messages (of any account) match `query`, counting no further than `cap`. */
export async function sqliteCountMatches(db: Executor, query: string, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 from messages_fts
    where messages_fts match ${sqliteMatch(queryTerms(query))} limit ${cap})`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * Which of these SQLite conversations have a message matching `query`, in one pass over the FTS
 * index.
 *
 * One pass matters: FTS5 expands a prefix term by merging the lists of every word it starts (tens
 * of milliseconds for a word like "order*" over a million messages), and would do so again for
 * each message probed one by one. The pass is limited to the rowid span of the conversations'
 * messages and keeps the FTS rows that are among them; the membership test stays out of the FTS
 * constraints (`+rowid`), or SQLite would turn it into one FTS lookup per rowid. The span is cast
 * to integers because FTS5 ignores a rowid bound that is not an integer (a JS number is bound as a
 * real) — and then returns every match.
 */
export async function sqliteConversationsWithMatch(
  db: Executor,
  query: string,
  conversationIds: readonly string[],
): Promise<Set<string>> {
  if (!conversationIds.length) return new Set();
  const ids = JSON.stringify(conversationIds);
  const theirMessages = sql`select m.rowid from messages m where m.conversation_id in (select value from json_each(${ids}))`;
  const span = await sql<{ low: number | null; high: number | null }>`
    select min(s.rowid) as low, max(s.rowid) as high from (${theirMessages}) s`.execute(db);
  const { low, high } = span.rows[0] ?? {};
  if (low == null || high == null) return new Set();
  const { rows } = await sql<{ conversation_id: string }>`
    select distinct m.conversation_id from messages m where m.rowid in (
      select f.rowid from messages_fts f
      where f.messages_fts match ${sqliteMatch(queryTerms(query))}
        and f.rowid between cast(${low} as integer) and cast(${high} as integer)
        and +f.rowid in (${theirMessages}))`.execute(db);
  return new Set(rows.map((r) => r.conversation_id));
}
