import { z } from 'zod';
import type { ActionDef } from '../core/action.js';
import type { Executor } from '../db/database.js';
import type { Approval } from '../db/schema.js';
import { defineAction } from '../core/action.js';
import { AppError, notFound, PolicyRefusal } from '../core/errors.js';
import { decodeCursor, type Page, toPage } from '../core/pagination.js';
import { ZIdSchema } from '../core/text.js';
import { executeInTransaction, mayCall, settleAfterCommit } from '../core/perform.js';
import { agentActor, findAgent } from '../agents/agents.repository.js';
import { findVisibleApproval, listApprovalRows, toApprovalJson } from './approvals.repository.js';
import {
  type TApproval,
  ZApproveInputSchema,
  ZListApprovalsInputSchema,
  ZRejectInputSchema,
} from './approvals.types.js';
import { PROPOSABLE_ACTIONS } from './proposable-actions.js';

export const listApprovals = defineAction({
  name: 'approval.list',
  summary: "List agents' proposals, newest first (teammates see those of their inboxes)",
  input: ZListApprovalsInputSchema,
  kind: 'read',
  allow: { roles: ['admin', 'teammate'] },
  async handler({ db, actor, input }): Promise<Page<TApproval>> {
    const beforeId = input.cursor ? decodeCursor(input.cursor, z.tuple([ZIdSchema]))[0] : undefined;
    const rows = await listApprovalRows(db, actor, {
      status: input.status,
      agentId: input.agent_id,
      beforeId,
      limit: input.limit,
    });
    const page = toPage(
      rows,
      input.limit,
      (r) => [r.id],
      (r) => r,
    );
    return { items: await toApprovalJson(db, page.items), next_cursor: page.next_cursor };
  },
});

const alreadyDecided = (status: string) => new AppError('conflict', `This approval is already ${status}`);

/** The input to execute: the proposal, with the teammate's edited content if there is one. */
function finalInputOf(approval: Approval, action: ActionDef, content: string | undefined) {
  const proposed = JSON.parse(approval.input) as Record<string, unknown>;
  if (content !== undefined && !('content' in proposed)) {
    throw new AppError('bad_request', 'This proposal has no content to edit', {
      fields: [{ field: 'content', message: 'Not editable for this proposal' }],
    });
  }
  const edited = content !== undefined && content !== proposed.content;
  const finalInput: unknown = action.input.parse(edited ? { ...proposed, content } : proposed);
  return { proposed, finalInput, edited };
}

/** The proposing agent as it is now: still active and still holding the scope. */
async function proposerOf(db: Executor, approval: Approval, action: ActionDef) {
  const agent = await findAgent(db, approval.account_id, approval.agent_id);
  if (agent.status !== 'active') throw new AppError('conflict', 'The agent was revoked');
  const proposer = agentActor(agent, approval.token_id);
  if (!mayCall(proposer, action))
    throw new AppError('conflict', `The agent no longer has the ${action.agent?.scope} scope`);
  return proposer;
}

/** An approval's decision, and the outside work (a store's money call) it still has to settle. */
export interface ApprovalDecision {
  approval: TApproval;
  settlement: { action: ActionDef; output: unknown } | null;
}

/**
 * Approves a proposal and executes it once, in this transaction: as the agent (so the message is
 * the agent's), with the approving teammate recorded. Editing replaces the proposed content; the
 * audit keeps both. The conditional status update makes a second decision fail, whoever tries. A
 * money proposal re-reads the live order first, is judged again by the store's facts (not the
 * limits a person just waived), and is carried out and settled after commit.
 */
export const approveApproval = defineAction({
  name: 'approval.approve',
  summary: 'Approve a proposal (optionally with edited content); it is executed once',
  input: ZApproveInputSchema,
  kind: 'write',
  allow: { roles: ['admin', 'teammate'] },
  auditOutcome: () => 'approved',
  async prepare({ services, actor, input }): Promise<unknown> {
    const db = services.db.kysely;
    const approval = await findVisibleApproval(db, actor, input.approval_id);
    const action = PROPOSABLE_ACTIONS.get(approval.action);
    if (approval.status !== 'pending' || !action?.prepare) return undefined;
    const { finalInput } = finalInputOf(approval, action, input.content);
    const proposer = await proposerOf(db, approval, action);
    return action.prepare({ services, actor: proposer, input: finalInput });
  },
  async handler({
    db: trx,
    actor,
    input,
    services,
    prepared,
    afterCommit,
    audit,
  }): Promise<ApprovalDecision> {
    if (actor.kind !== 'user') throw notFound('Approval');
    const approval = await findVisibleApproval(trx, actor, input.approval_id);
    if (approval.status !== 'pending') throw alreadyDecided(approval.status);
    const action = PROPOSABLE_ACTIONS.get(approval.action);
    if (!action) throw new AppError('unprocessable', `Unknown proposed action ${approval.action}`);
    const { proposed, finalInput, edited } = finalInputOf(approval, action, input.content);
    const at = services.now().toISOString();
    const claimed = await trx
      .updateTable('approvals')
      .set({
        status: 'approved',
        decided_by: actor.userId,
        decided_at: at,
        edited_input: edited ? JSON.stringify(finalInput) : null,
      })
      .where('id', '=', approval.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw alreadyDecided('decided');
    const proposer = await proposerOf(trx, approval, action);
    const effects: (() => void)[] = [];
    const output = await executeInTransaction(trx, services, proposer, action, finalInput, effects, {
      prepared,
      approval: { id: approval.id, approvedBy: actor.userId },
      result: { approval_id: approval.id, approved_by: actor.userId, edited },
    });
    for (const effect of effects) afterCommit(effect);
    const pending = action.settle?.pending(output) ?? false;
    const result = pending ? null : JSON.stringify(output);
    if (result) await trx.updateTable('approvals').set({ result }).where('id', '=', approval.id).execute();
    audit({
      agent_id: approval.agent_id,
      action: approval.action,
      proposed,
      ...(edited && { edited: finalInput }),
    });
    const [json] = await toApprovalJson(trx, [
      {
        ...approval,
        status: 'approved',
        decided_by: actor.userId,
        decided_at: at,
        edited_input: edited ? JSON.stringify(finalInput) : null,
        result,
      },
    ]);
    return { approval: json!, settlement: pending ? { action, output } : null };
  },
  settle: {
    pending: (decision) => decision.settlement !== null,
    async run(services, decision) {
      const { action, output } = decision.settlement!;
      const done = await settleAfterCommit(services, action, output).then(
        (final) => ({ status: 'approved' as const, result: final }),
        (error: unknown) => {
          if (!(error instanceof PolicyRefusal)) throw error;
          return {
            status: 'failed' as const,
            result: { error: { code: error.reason, message: error.message } },
          };
        },
      );
      const result = JSON.stringify(done.result);
      await services.db.kysely
        .updateTable('approvals')
        .set({ status: done.status, result })
        .where('id', '=', decision.approval.id)
        .execute();
      return {
        approval: { ...decision.approval, status: done.status, result: done.result },
        settlement: null,
      };
    },
  },
  target: (input) => ({ type: 'approval', id: input.approval_id }),
});

export const rejectApproval = defineAction({
  name: 'approval.reject',
  summary: 'Reject a proposal; nothing is sent or done',
  input: ZRejectInputSchema,
  kind: 'write',
  allow: { roles: ['admin', 'teammate'] },
  auditOutcome: () => 'rejected',
  async handler({ db: trx, actor, input, services, audit }): Promise<TApproval> {
    if (actor.kind !== 'user') throw notFound('Approval');
    const approval = await findVisibleApproval(trx, actor, input.approval_id);
    if (approval.status !== 'pending') throw alreadyDecided(approval.status);
    const at = services.now().toISOString();
    const note = input.reason ?? null;
    const claimed = await trx
      .updateTable('approvals')
      .set({ status: 'rejected', decided_by: actor.userId, decided_at: at, decision_note: note })
      .where('id', '=', approval.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw alreadyDecided('decided');
    audit({
      agent_id: approval.agent_id,
      action: approval.action,
      proposed: JSON.parse(approval.input) as unknown,
    });
    const [json] = await toApprovalJson(trx, [
      { ...approval, status: 'rejected', decided_by: actor.userId, decided_at: at, decision_note: note },
    ]);
    return json!;
  },
  target: (input) => ({ type: 'approval', id: input.approval_id }),
});
