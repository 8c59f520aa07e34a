import { type Expression, type SqlBool, sql } from 'kysely';
import type { Dialect } from '../db/database.js';

/** Words of a free-text query; everything else (operators, quotes, punctuation) is dropped. */
export function queryTerms(query: string): string[] {
  return (query.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 16).map((t) => t.toLowerCase());
}

/**
 * A condition on `messages as m` that matches all the words of `query` (the last one as a
 * prefix, for search-as-you-type). Terms are quoted, so no user input is ever FTS syntax.
 * Returns null when the query has no words.
 */
export function ftsCondition(dialect: Dialect, query: string): Expression<SqlBool> | null {
  const terms = queryTerms(query);
  if (!terms.length) return null;
  if (dialect === 'postgres') {
    const tsquery = terms.map((t, i) => `'${t}'${i === terms.length - 1 ? ':*' : ''}`).join(' & ');
    return sql<SqlBool>`to_tsvector('simple', m.content) @@ to_tsquery('simple', ${tsquery})`;
  }
  const match = terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
  return sql<SqlBool>`m.rowid in (select rowid from messages_fts where messages_fts match ${match})`;
}
