import type { Executor, Trx } from '../db/database.js';
import type { Approval } from '../db/schema.js';
import type { ProposalTarget } from '../core/action.js';
import { type Actor, canSeeInbox, inboxFilter } from '../core/actor.js';
import { notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Services } from '../core/services.js';
import type { TApproval } from './approvals.types.js';

type AgentActor = Extract<Actor, { kind: 'agent' }>;

export async function createApproval(
  trx: Trx,
  services: Services,
  actor: AgentActor,
  proposal: { action: string; input: unknown; target: ProposalTarget; reason: string; details: unknown },
): Promise<Approval> {
  const approval: Approval = {
    id: newId('approval'),
    account_id: actor.accountId,
    agent_id: actor.agentId,
    token_id: actor.tokenId,
    action: proposal.action,
    input: JSON.stringify(proposal.input),
    inbox_id: proposal.target.inbox_id,
    conversation_id: proposal.target.conversation_id,
    reason: proposal.reason,
    details: proposal.details === null ? null : JSON.stringify(proposal.details),
    status: 'pending',
    decided_by: null,
    decided_at: null,
    decision_note: null,
    edited_input: null,
    result: null,
    created_at: services.now().toISOString(),
  };
  await trx.insertInto('approvals').values(approval).execute();
  return approval;
}

/** A person sees an approval when it sees its inbox; anything else is not found. */
export async function findVisibleApproval(db: Executor, actor: Actor, id: string): Promise<Approval> {
  const approval = await db
    .selectFrom('approvals')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst();
  if (!approval || (approval.inbox_id && !canSeeInbox(actor, approval.inbox_id))) throw notFound('Approval');
  return approval;
}

export async function listApprovalRows(
  db: Executor,
  actor: Actor,
  filter: {
    status?: Approval['status'] | undefined;
    agentId?: string | undefined;
    beforeId?: string | undefined;
    limit: number;
  },
): Promise<Approval[]> {
  let query = db.selectFrom('approvals').selectAll().where('account_id', '=', actor.accountId);
  const inboxes = inboxFilter(actor);
  if (inboxes) query = query.where('inbox_id', 'in', inboxes.length ? inboxes : ['']);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.agentId) query = query.where('agent_id', '=', filter.agentId);
  if (filter.beforeId) query = query.where('id', '<', filter.beforeId);
  return query
    .orderBy('id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

/**
 * The kill switch's second half: an agent's (or, with no agent, every agent's) pending proposals
 * are cancelled so nothing it drafted can still be sent. Returns how many.
 */
export async function cancelPendingApprovals(
  trx: Trx,
  accountId: string,
  agentId: string | null,
  note: string,
  now: string,
): Promise<number> {
  let query = trx
    .updateTable('approvals')
    .set({ status: 'cancelled', decided_at: now, decision_note: note })
    .where('account_id', '=', accountId)
    .where('status', '=', 'pending');
  if (agentId) query = query.where('agent_id', '=', agentId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function toApprovalJson(db: Executor, approvals: readonly Approval[]): Promise<TApproval[]> {
  if (!approvals.length) return [];
  const agents = await db
    .selectFrom('agents')
    .select(['id', 'name'])
    .where(
      'id',
      'in',
      approvals.map((a) => a.agent_id),
    )
    .execute();
  const names = new Map(agents.map((a) => [a.id, a.name]));
  return approvals.map((a) => ({
    id: a.id,
    agent: { id: a.agent_id, name: names.get(a.agent_id) ?? '' },
    action: a.action,
    input: JSON.parse(a.input) as Record<string, unknown>,
    inbox_id: a.inbox_id,
    conversation_id: a.conversation_id,
    reason: a.reason,
    status: a.status,
    decided_by: a.decided_by,
    decided_at: a.decided_at,
    decision_note: a.decision_note,
    edited_input: a.edited_input ? (JSON.parse(a.edited_input) as Record<string, unknown>) : null,
    result: a.result ? (JSON.parse(a.result) as unknown) : null,
    details: a.details ? (JSON.parse(a.details) as TApproval['details']) : null,
    created_at: a.created_at,
  }));
}
