import type { SeedPlan } from './plan.js';
import type { RequestSpec } from './measure.js';
import { pick, type Rng } from './random.js';
import { conversationId } from './rows.js';
import { agentMessage, SEARCH_QUERIES } from './text.js';
import type { BenchWorkspace } from './workspace.js';

export interface Scenario {
  name: string;
  /** Which token calls: the admin's, the inbox-limited teammate's, or none. */
  as: 'admin' | 'teammate' | 'anonymous';
  expectStatus: number;
  next: (rng: Rng) => RequestSpec;
  /** Counted against the "list and open p95 < 20 ms" or "search p95 < 100 ms" target. */
  target: 'baseline' | 'list' | 'open' | 'search' | 'write';
}

const get = (path: string): RequestSpec => ({ method: 'GET', path });
const search = (query: string) => get(`/api/v1/conversations?query=${encodeURIComponent(query)}`);

export function scenarios(plan: SeedPlan, ws: BenchWorkspace, deepCursors: readonly string[]): Scenario[] {
  const inboxIds = ws.inboxes.map((i) => i.id);
  const randomConversation = (rng: Rng) => conversationId(plan, Math.floor(rng() * plan.conversations.count));
  const list: Scenario[] = [
    {
      name: 'baseline GET /healthz',
      as: 'anonymous',
      expectStatus: 200,
      target: 'baseline',
      next: () => get('/healthz'),
    },
    {
      name: 'list inbox page (open)',
      as: 'admin',
      expectStatus: 200,
      target: 'list',
      next: (rng) => get(`/api/v1/conversations?inbox_id=${pick(rng, inboxIds)}&status=open`),
    },
  ];
  if (deepCursors.length) {
    list.push({
      name: 'list inbox page, deep cursor',
      as: 'admin',
      expectStatus: 200,
      target: 'list',
      next: (rng) => get(`/api/v1/conversations?${pick(rng, deepCursors)}`),
    });
  }
  list.push(
    {
      name: 'open conversation',
      as: 'admin',
      expectStatus: 200,
      target: 'open',
      next: (rng) => get(`/api/v1/conversations/${randomConversation(rng)}`),
    },
    {
      name: 'search, common word',
      as: 'admin',
      expectStatus: 200,
      target: 'search',
      next: (rng) => search(pick(rng, SEARCH_QUERIES.common)),
    },
    {
      name: 'search, two words',
      as: 'admin',
      expectStatus: 200,
      target: 'search',
      next: (rng) => search(pick(rng, SEARCH_QUERIES.pair)),
    },
    {
      name: 'search, rare or absent word',
      as: 'admin',
      expectStatus: 200,
      target: 'search',
      next: (rng) => search(pick(rng, SEARCH_QUERIES.rare)),
    },
    {
      name: 'search as inbox-limited teammate',
      as: 'teammate',
      expectStatus: 200,
      target: 'search',
      next: (rng) =>
        search(pick(rng, [...SEARCH_QUERIES.common, ...SEARCH_QUERIES.pair, ...SEARCH_QUERIES.rare])),
    },
    {
      name: 'post teammate reply',
      as: 'admin',
      expectStatus: 201,
      target: 'write',
      next: (rng) => ({
        method: 'POST',
        path: `/api/v1/conversations/${randomConversation(rng)}/messages`,
        body: JSON.stringify({ content: agentMessage(rng) }),
      }),
    },
  );
  return list;
}
