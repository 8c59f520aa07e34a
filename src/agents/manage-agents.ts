import { z } from 'zod';
import { defineAction } from '../core/action.js';
import { AppError } from '../core/errors.js';
import { decodeCursor, type Page, toPage, ZCursorSchema, ZLimitSchema } from '../core/pagination.js';
import { SCOPES } from '../core/scopes.js';
import { ZIdSchema } from '../core/text.js';
import { cancelPendingApprovals } from '../approvals/approvals.repository.js';
import { findAgent, toAgentJson } from './agents.repository.js';
import { type TAgent, ZAgentIdInputSchema, ZUpdateAgentInputSchema } from './agents.types.js';
import { checkInboxesExist } from '../inboxes/inboxes.repository.js';
import { broadcastLeashChange } from './leash-broadcast.js';

export const listAgents = defineAction({
  name: 'agent.list',
  summary: "List the account's AI agents",
  input: z.object({ limit: ZLimitSchema, cursor: ZCursorSchema }).strict(),
  kind: 'read',
  allow: { roles: ['admin'], system: true },
  async handler({ db, actor, input }): Promise<Page<TAgent>> {
    const beforeId = input.cursor ? decodeCursor(input.cursor, z.tuple([ZIdSchema]))[0] : undefined;
    let query = db.selectFrom('agents').selectAll().where('account_id', '=', actor.accountId);
    if (beforeId) query = query.where('id', '<', beforeId);
    const rows = await query
      .orderBy('id', 'desc')
      .limit(input.limit + 1)
      .execute();
    return toPage(rows, input.limit, (r) => [r.id], toAgentJson);
  },
});

export const getAgent = defineAction({
  name: 'agent.get',
  summary: 'Read one AI agent',
  input: ZAgentIdInputSchema,
  kind: 'read',
  allow: { roles: ['admin'] },
  handler: async ({ db, actor, input }): Promise<TAgent> =>
    toAgentJson(await findAgent(db, actor.accountId, input.agent_id)),
});

export const updateAgent = defineAction({
  name: 'agent.update',
  summary: "Change an agent's name, scopes, inboxes, mode or limits; applies to its next call",
  input: ZUpdateAgentInputSchema,
  kind: 'write',
  allow: { roles: ['admin'] },
  async handler({ db: trx, actor, input, services, audit }): Promise<TAgent> {
    const agent = await findAgent(trx, actor.accountId, input.agent_id);
    if (agent.status === 'revoked') throw new AppError('conflict', 'A revoked agent cannot be changed');
    const current = toAgentJson(agent);
    const scopes = input.scopes ?? current.scopes;
    const limits = input.limits ?? current.limits;
    const money = scopes.filter((s) => SCOPES[s].money);
    if (money.length && (!limits.max_amount || !limits.daily_amount)) {
      throw new AppError('bad_request', `${money.join(', ')} need limits`, {
        fields: [{ field: 'limits', message: 'Money scopes need max_amount and daily_amount' }],
      });
    }
    if (input.inbox_ids !== undefined) await checkInboxesExist(trx, actor.accountId, input.inbox_ids);
    const changes = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.scopes !== undefined && { scopes: JSON.stringify([...new Set(input.scopes)]) }),
      ...(input.inbox_ids !== undefined && {
        inbox_ids: input.inbox_ids === null ? null : JSON.stringify([...new Set(input.inbox_ids)]),
      }),
      ...(input.mode !== undefined && { mode: input.mode }),
      ...(input.limits !== undefined && { limits: JSON.stringify(input.limits) }),
    };
    const updated = { ...agent, ...changes, updated_at: services.now().toISOString() };
    await trx
      .updateTable('agents')
      .set({ ...changes, updated_at: updated.updated_at })
      .where('id', '=', agent.id)
      .execute();
    audit({
      before: {
        scopes: current.scopes,
        inbox_ids: current.inbox_ids,
        mode: current.mode,
        limits: current.limits,
      },
    });
    return toAgentJson(updated);
  },
  target: (input) => ({ type: 'agent', id: input.agent_id }),
});

/** The kill switch for one agent: its tokens stop on the next request, sessions end, drafts are cancelled. */
export const revokeAgent = defineAction({
  name: 'agent.revoke',
  summary: 'Revoke an agent: its tokens stop working at once and its pending proposals are cancelled',
  input: ZAgentIdInputSchema,
  kind: 'write',
  allow: { roles: ['admin'], system: true },
  async handler({ db: trx, actor, input, services, audit, afterCommit }): Promise<TAgent> {
    const agent = await findAgent(trx, actor.accountId, input.agent_id);
    const at = services.now().toISOString();
    const revoked_at = agent.revoked_at ?? at;
    await trx
      .updateTable('agents')
      .set({ status: 'revoked', revoked_at, updated_at: at })
      .where('id', '=', agent.id)
      .execute();
    await trx
      .updateTable('agent_tokens')
      .set({ revoked_at: at })
      .where('agent_id', '=', agent.id)
      .where('revoked_at', 'is', null)
      .execute();
    audit({
      cancelled_approvals: await cancelPendingApprovals(trx, actor.accountId, agent.id, 'Agent revoked', at),
    });
    const change = { accountId: actor.accountId, agentId: agent.id };
    await broadcastLeashChange(trx, services.db.dialect, change);
    afterCommit(() => services.onLeashChanged?.(change));
    return toAgentJson({ ...agent, status: 'revoked', revoked_at, updated_at: at });
  },
  target: (input) => ({ type: 'agent', id: input.agent_id }),
});

const setPaused = (paused: boolean) =>
  defineAction({
    name: paused ? 'agents.pause' : 'agents.resume',
    summary: paused
      ? 'Pause every agent of the account: calls are refused and pending proposals cancelled until resumed'
      : 'Resume the agents of the account',
    input: z.object({}).strict(),
    kind: 'write',
    allow: { roles: ['admin'], system: true },
    async handler({ db: trx, actor, services, audit, afterCommit }): Promise<{ agents_paused: boolean }> {
      await trx
        .updateTable('accounts')
        .set({ agents_paused: paused ? 1 : 0 })
        .where('id', '=', actor.accountId)
        .execute();
      if (paused) {
        const at = services.now().toISOString();
        audit({
          cancelled_approvals: await cancelPendingApprovals(
            trx,
            actor.accountId,
            null,
            'All agents paused',
            at,
          ),
        });
        const change = { accountId: actor.accountId, agentId: null };
        await broadcastLeashChange(trx, services.db.dialect, change);
        afterCommit(() => services.onLeashChanged?.(change));
      }
      return { agents_paused: paused };
    },
  });

export const pauseAgents = setPaused(true);
export const resumeAgents = setPaused(false);
