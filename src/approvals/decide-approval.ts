import { z } from 'zod';
import { defineAction } from '../core/action.js';
import { AppError, notFound } from '../core/errors.js';
import { decodeCursor, type Page, toPage } from '../core/pagination.js';
import { ZIdSchema } from '../core/text.js';
import { executeInTransaction, mayCall } from '../core/perform.js';
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

/**
 * Approves a proposal and executes it once, in this transaction: as the agent (so the message is
 * the agent's), with the approving teammate recorded. Editing replaces the proposed content; the
 * audit keeps both. The conditional status update makes a second decision fail, whoever tries.
 */
export const approveApproval = defineAction({
  name: 'approval.approve',
  summary: 'Approve a proposal (optionally with edited content); it is executed once',
  input: ZApproveInputSchema,
  kind: 'write',
  allow: { roles: ['admin', 'teammate'] },
  auditOutcome: () => 'approved',
  async handler({ db: trx, actor, input, services, afterCommit, audit }): Promise<TApproval> {
    if (actor.kind !== 'user') throw notFound('Approval');
    const approval = await findVisibleApproval(trx, actor, input.approval_id);
    if (approval.status !== 'pending') throw alreadyDecided(approval.status);
    const action = PROPOSABLE_ACTIONS.get(approval.action);
    if (!action) throw new AppError('unprocessable', `Unknown proposed action ${approval.action}`);
    const proposed = JSON.parse(approval.input) as Record<string, unknown>;
    if (input.content !== undefined && !('content' in proposed)) {
      throw new AppError('bad_request', 'This proposal has no content to edit', {
        fields: [{ field: 'content', message: 'Not editable for this proposal' }],
      });
    }
    const edited = input.content !== undefined && input.content !== proposed.content;
    const finalInput = action.input.parse(edited ? { ...proposed, content: input.content } : proposed);
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
    const agent = await findAgent(trx, actor.accountId, approval.agent_id);
    if (agent.status !== 'active') throw new AppError('conflict', 'The agent was revoked');
    const proposer = agentActor(agent, approval.token_id);
    if (!mayCall(proposer, action))
      throw new AppError('conflict', `The agent no longer has the ${action.agent?.scope} scope`);
    const effects: (() => void)[] = [];
    const output = await executeInTransaction(trx, services, proposer, action, finalInput, effects, {
      result: { approval_id: approval.id, approved_by: actor.userId, edited },
    });
    for (const effect of effects) afterCommit(effect);
    await trx
      .updateTable('approvals')
      .set({ result: JSON.stringify(output) })
      .where('id', '=', approval.id)
      .execute();
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
        result: JSON.stringify(output),
      },
    ]);
    return json!;
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
