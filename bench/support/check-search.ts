import type { Db } from '../../src/db/database.js';
import { referenceSearch } from './reference-search.js';
import { SEARCH_QUERIES } from './text.js';
import type { BenchWorkspace } from './workspace.js';

/**
 * Searches through the API (first two pages, as the admin and as the inbox-limited teammate) and
 * compares the ids with the reference query; returns a line per difference.
 */
export async function checkSearchResults(url: string, db: Db, ws: BenchWorkspace): Promise<string[]> {
  const mismatches: string[] = [];
  const queries = [...SEARCH_QUERIES.common, ...SEARCH_QUERIES.pair, ...SEARCH_QUERIES.rare];
  const actors = [
    { name: 'admin', token: ws.adminToken, inboxes: null },
    { name: 'teammate', token: ws.teammateToken, inboxes: ws.teammateInboxIds },
  ] as const;
  for (const actor of actors) {
    for (const query of queries) {
      const ids: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 2; page++) {
        const path: string = `/api/v1/conversations?query=${encodeURIComponent(query)}${cursor ? `&cursor=${cursor}` : ''}`;
        const response = await fetch(url + path, {
          headers: { authorization: `Bearer ${actor.token}` },
          signal: AbortSignal.timeout(30_000),
        });
        const body = (await response.json()) as {
          conversations: { id: string }[];
          next_cursor: string | null;
        };
        ids.push(...body.conversations.map((c) => c.id));
        cursor = body.next_cursor;
        if (!cursor) break;
      }
      const expected = await referenceSearch(db, ws.accountId, actor.inboxes, query, ids.length + 1);
      const complete = cursor === null;
      const same =
        ids.length === Math.min(expected.length, ids.length) &&
        ids.every((id, i) => id === expected[i]) &&
        (complete ? expected.length === ids.length : expected.length > ids.length);
      if (!same) {
        mismatches.push(
          `${actor.name} "${query}": got ${ids.length} [${ids.slice(0, 3).join(', ')}…], expected ${expected.length} [${expected.slice(0, 3).join(', ')}…]`,
        );
      }
    }
  }
  return mismatches;
}
