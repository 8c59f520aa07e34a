import type { Executor } from '../db/database.js';
import { columnsOf, compiledOnce } from '../db/compiled-once.js';
import type { Agent } from '../db/schema.js';
import type { Actor } from '../core/actor.js';
import { constantTimeEqualHex, sha256Hex } from '../core/crypto.js';
import { notFound, PolicyRefusal } from '../core/errors.js';
import { isScope } from '../core/scopes.js';
import type { TAgent, TLimits } from './agents.types.js';

export const BOT_TOKEN_PREFIX = 'dwt_';

type AgentActor = Extract<Actor, { kind: 'agent' }>;

function parseJson<T>(text: string | null, fallback: T): T {
  return text === null ? fallback : (JSON.parse(text) as T);
}

export function toAgentJson(agent: Agent): TAgent {
  return {
    id: agent.id,
    name: agent.name,
    scopes: parseJson<string[]>(agent.scopes, []).filter(isScope),
    inbox_ids: parseJson<string[] | null>(agent.inbox_ids, null),
    mode: agent.mode,
    limits: parseJson<TLimits>(agent.limits, { on_exceed: 'deny' }),
    status: agent.status,
    created_at: agent.created_at,
    last_active_at: agent.last_active_at,
    revoked_at: agent.revoked_at,
  };
}

const AGENT_COLUMNS = columnsOf('agents', {
  id: true,
  account_id: true,
  name: true,
  scopes: true,
  inbox_ids: true,
  mode: true,
  limits: true,
  status: true,
  created_by: true,
  created_at: true,
  updated_at: true,
  revoked_at: true,
  last_active_at: true,
});

const agentById = compiledOnce((db, agentId: string, accountId: string) =>
  db.selectFrom('agents').select(AGENT_COLUMNS).where('id', '=', agentId).where('account_id', '=', accountId),
);

export async function findAgent(db: Executor, accountId: string, agentId: string): Promise<Agent> {
  const [agent] = await agentById(db, agentId, accountId);
  if (!agent) throw notFound('Agent');
  return agent;
}

/** The agent as an actor, e.g. to execute its approved proposal (pausing cancels those). */
export function agentActor(agent: Agent, tokenId: string): AgentActor {
  const json = toAgentJson(agent);
  return {
    kind: 'agent',
    accountId: agent.account_id,
    agentId: agent.id,
    tokenId,
    scopes: json.scopes,
    inboxes: json.inbox_ids ?? 'all',
    mode: agent.mode,
    paused: false,
  };
}

const tokenByHash = compiledOnce((db, hash: string) =>
  db
    .selectFrom('agent_tokens')
    .innerJoin('agents', 'agents.id', 'agent_tokens.agent_id')
    .innerJoin('accounts', 'accounts.id', 'agents.account_id')
    .select([
      'agent_tokens.id as token_id',
      'agent_tokens.token_hash',
      'agent_tokens.revoked_at',
      'agents.id as agent_id',
      'agents.account_id',
      'agents.status',
      'agents.scopes',
      'agents.inbox_ids',
      'agents.mode',
      'agents.last_active_at',
      'accounts.agents_paused',
    ])
    .where('agent_tokens.token_hash', '=', hash),
);

/**
 * The agent behind a `dwt_` token, read from the database on every request — no cache, so a
 * revocation on any node is seen by the very next request. Null when unknown or revoked. Reads
 * what an actor is made of, with its account's pause (every MCP request passes here), and notes
 * the agent's last activity, at most once a minute.
 */
export async function actorForBotToken(
  db: Executor,
  token: string,
  now = new Date(),
): Promise<AgentActor | null> {
  if (!token.startsWith(BOT_TOKEN_PREFIX)) return null;
  const hash = sha256Hex(token);
  const [row] = await tokenByHash(db, hash);
  if (!row || row.revoked_at || row.status !== 'active' || !constantTimeEqualHex(row.token_hash, hash))
    return null;
  if (!row.last_active_at || now.getTime() - new Date(row.last_active_at).getTime() > 60_000) {
    await db
      .updateTable('agents')
      .set({ last_active_at: now.toISOString() })
      .where('id', '=', row.agent_id)
      .execute();
  }
  return {
    kind: 'agent',
    accountId: row.account_id,
    agentId: row.agent_id,
    tokenId: row.token_id,
    scopes: parseJson<string[]>(row.scopes, []).filter(isScope),
    inboxes: parseJson<string[] | null>(row.inbox_ids, null) ?? 'all',
    mode: row.mode,
    paused: row.agents_paused !== 0,
  };
}

export const PAUSED = () =>
  new PolicyRefusal('paused', 'All agents of this account are paused by a teammate');

/**
 * Inside an agent write's transaction: the token and agent are still live and the account is not
 * paused, read again so that a revocation or a pause that committed since the request began is
 * honoured before anything changes.
 */
const leashOf = compiledOnce((db, tokenId: string) =>
  db
    .selectFrom('agent_tokens')
    .innerJoin('agents', 'agents.id', 'agent_tokens.agent_id')
    .innerJoin('accounts', 'accounts.id', 'agents.account_id')
    .select(['agent_tokens.revoked_at', 'agents.status', 'accounts.agents_paused'])
    .where('agent_tokens.id', '=', tokenId),
);

export async function checkLeash(trx: Executor, actor: AgentActor): Promise<void> {
  const [row] = await leashOf(trx, actor.tokenId);
  if (!row || row.revoked_at || row.status !== 'active')
    throw new PolicyRefusal('revoked', 'This token was revoked', 'unauthenticated');
  if (row.agents_paused) throw PAUSED();
}
