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

/** How many SQLite messages (of any account) match `query`, counting no further than `cap`. */
export async function sqliteCountMatches(db: Executor, query: string, cap: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 from messages_fts
    where messages_fts match ${sqliteMatch(queryTerms(query))} limit ${cap})`.execute(db);
  return rows[0]?.n ?? 0;
}

/**
 * Which of these SQLite messages (by rowid) match `query`, in one pass over the FTS index.
 *
 * One pass matters: FTS5 expands a prefix term by merging the lists of every word it starts
 * (tens of milliseconds for a word like "order*" over a million messages), and would do so again
 * for each message probed one by one. The rowid range narrows the pass to the messages' span; the
 * membership test is kept out of the FTS constraint (`+rowid`) so it is not turned into one FTS
 * lookup per rowid. Bounds are cast to integers because FTS5 ignores a non-integer rowid bound.
 */
export async function sqliteMatchingRowids(
  db: Executor,
  query: string,
  rowids: readonly number[],
): Promise<Set<number>> {
  const terms = queryTerms(query);
  if (!terms.length || !rowids.length) return new Set();
  let low = Infinity;
  let high = -Infinity;
  for (const rowid of rowids) {
    low = Math.min(low, rowid);
    high = Math.max(high, rowid);
  }
  const { rows } = await sql<{ rowid: number }>`
    select f.rowid as rowid from messages_fts f
    where f.messages_fts match ${sqliteMatch(terms)}
      and f.rowid between cast(${low} as integer) and cast(${high} as integer)
      and +f.rowid in (select value from json_each(${JSON.stringify(rowids)}))`.execute(db);
  return new Set(rows.map((r) => r.rowid));
}
