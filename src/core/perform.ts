import type { z } from 'zod';
import { appendAuditEvent, type NewAuditEvent, recordAuditEvent } from '../audit/audit.repository.js';
import type { Executor, Trx } from '../db/database.js';
import type { AuditEventTable } from '../db/schema.js';
import type { ActionContext, ActionDef } from './action.js';
import { type Actor, actorId, actorTokenId } from './actor.js';
import { AppError, forbidden, NeedsApproval, PolicyRefusal, RecordedRefusal } from './errors.js';
import type { CommittedChange, Services } from './services.js';
import { parseOrThrow } from './validation.js';
import { createApproval } from '../approvals/approvals.repository.js';
import { checkLeash, PAUSED } from '../agents/agents.repository.js';

type AnyAction<S extends z.ZodType, O> = ActionDef<S, O, unknown>;

type AgentActor = Extract<Actor, { kind: 'agent' }>;

/** What an agent's call came to: done, or waiting for a person. */
export type AgentOutcome<O> =
  { status: 'succeeded'; output: O } | { status: 'pending_approval'; approval_id: string };

/** Whether this actor may call this action at all (before looking at any object). */
export function mayCall(actor: Actor, action: ActionDef): boolean {
  switch (actor.kind) {
    case 'user':
      return action.allow.roles?.includes(actor.role) ?? false;
    case 'agent':
      return action.agent !== undefined && actor.scopes.includes(action.agent.scope);
    case 'channel':
      return action.allow.channel ?? false;
    case 'system':
      return action.allow.system ?? false;
  }
}

function redact(input: unknown, fields: readonly string[] | undefined): unknown {
  if (!fields?.length || typeof input !== 'object' || input === null) return input;
  return Object.fromEntries(
    Object.entries(input).map(([key, value]) => [key, fields.includes(key) ? '[redacted]' : value]),
  );
}

interface AuditFields {
  outcome: AuditEventTable['outcome'];
  reason?: string | null;
  result?: Record<string, unknown>;
}

function auditRecord(
  services: Services,
  actor: Actor,
  action: Pick<ActionDef, 'name' | 'redact'>,
  input: unknown,
  target: { type: string; id: string } | null,
  fields: AuditFields,
) {
  return {
    account_id: actor.accountId,
    actor_kind: actor.kind,
    actor_id: actorId(actor),
    token_id: actorTokenId(actor),
    action: action.name,
    target_type: target?.type ?? null,
    target_id: target?.id ?? null,
    outcome: fields.outcome,
    reason: fields.reason ?? null,
    input: redact(input, action.redact),
    result: fields.result ?? {},
    created_at: services.now().toISOString(),
  };
}

/** A handler's output and the audit event that records it (null: a person's read, not recorded). */
interface Executed<O> {
  output: O;
  record: NewAuditEvent | null;
}

/** How a handler is run: what `prepare` read, the approval it executes, and audit additions. */
export interface RunOptions {
  prepared?: unknown;
  approval?: { id: string; approvedBy: string } | null;
  /** Merged into the audit event's result (e.g. the approval that let a proposal through). */
  result?: Record<string, unknown>;
}

function context<S extends z.ZodType, D extends Executor>(
  db: D,
  services: Services,
  actor: Actor,
  input: z.infer<S>,
  effects: (() => void)[],
  options: RunOptions,
  audit: (more: Record<string, unknown>) => void = () => undefined,
): ActionContext<z.infer<S>, unknown, D> {
  return {
    db,
    actor,
    input,
    services,
    prepared: options.prepared,
    approval: options.approval ?? null,
    afterCommit: (effect) => effects.push(effect),
    audit,
  };
}

/** A write's handler needs its transaction; a read runs on whatever it is given. */
function transactionOf(db: Executor, action: Pick<ActionDef, 'name'>): Trx {
  if (!db.isTransaction) throw new Error(`${action.name} changes state and must run in a transaction`);
  return db as Trx;
}

/**
 * Runs an action's handler (a write inside the transaction `db`, a read on `db` as it is) and
 * makes its audit event, without appending it yet.
 */
async function runHandler<S extends z.ZodType, O>(
  db: Executor,
  services: Services,
  actor: Actor,
  action: AnyAction<S, O>,
  input: z.infer<S>,
  effects: (() => void)[],
  options: RunOptions,
): Promise<Executed<O>> {
  let details: Record<string, unknown> = {};
  const audit = (more: Record<string, unknown>) => {
    details = { ...details, ...more };
  };
  const output =
    action.kind === 'read'
      ? await action.handler(context<S, Executor>(db, services, actor, input, effects, options, audit))
      : await action.handler(
          context<S, Trx>(transactionOf(db, action), services, actor, input, effects, options, audit),
        );
  if (action.kind !== 'write' && actor.kind !== 'agent') return { output, record: null };
  const record = auditRecord(services, actor, action, input, action.target?.(input, output) ?? null, {
    outcome: action.auditOutcome?.(output) ?? 'succeeded',
    result: { ...action.auditResult?.(output), ...details, ...options.result },
  });
  return { output, record };
}

/**
 * Runs an action's handler on `db` (a write's transaction, or for a person's read the database
 * itself) and appends a write's audit event there — unless the handler reserved outside work,
 * whose settlement writes the event with the final outcome. Shared by `perform` and by approvals,
 * which execute a proposal in the approving teammate's transaction.
 */
export async function executeInTransaction<S extends z.ZodType, O>(
  db: Executor,
  services: Services,
  actor: Actor,
  action: AnyAction<S, O>,
  input: z.infer<S>,
  effects: (() => void)[],
  options: RunOptions = {},
): Promise<O> {
  const { output, record } = await runHandler(db, services, actor, action, input, effects, options);
  if (record && !action.settle?.pending(output)) {
    await appendAuditEvent(transactionOf(db, action), record);
    if (action.kind === 'write') effects.push(() => services.onCommitted?.(committedChange(record)));
  }
  return output;
}

/** After commit: the outside work a handler reserved, if any (it audits itself). */
export async function settleAfterCommit<O>(
  services: Services,
  action: Pick<AnyAction<z.ZodType, O>, 'settle'>,
  output: O,
): Promise<O> {
  return action.settle?.pending(output) ? action.settle.run(services, output) : output;
}

function committedChange(record: NewAuditEvent): CommittedChange {
  return {
    accountId: record.account_id,
    action: record.action,
    outcome: record.outcome,
    targetType: record.target_type,
    targetId: record.target_id,
  };
}

function runEffects(services: Services, effects: (() => void)[], name: string): void {
  for (const effect of effects) {
    try {
      effect();
    } catch (error) {
      services.logger.error({ err: error, action: name }, 'after-commit effect failed');
    }
  }
}

/**
 * The one path every action takes: validate, authorize, execute, and — for writes — record the
 * audit event in the same transaction, so a change and its record commit or fail together.
 * Reads hold no transaction: on PostgreSQL's read committed one would not give their statements
 * one snapshot anyway, it would only serialize them on one connection. Object-level checks (does
 * this actor see this conversation?) live in the handlers' queries, which answer not_found for
 * anything outside the actor's account or inboxes. Agents go through `performAsAgent`.
 */
export async function perform<S extends z.ZodType, O, P>(
  services: Services,
  actor: Actor,
  action: ActionDef<S, O, P>,
  rawInput: unknown,
): Promise<O> {
  if (actor.kind === 'agent') {
    const outcome = await performAsAgent(services, actor, action, rawInput);
    if (outcome.status === 'pending_approval') {
      throw new AppError('conflict', `This action waits for approval ${outcome.approval_id}`);
    }
    return outcome.output;
  }
  const input = parseOrThrow(action.input, rawInput);
  if (!mayCall(actor, action as ActionDef)) throw forbidden();
  const prepared = await action.prepare?.({ actor, input, services });
  const effects: (() => void)[] = [];
  const run = (db: Executor) =>
    executeInTransaction(db, services, actor, action as AnyAction<S, O>, input, effects, { prepared });
  const output =
    action.kind === 'read'
      ? await run(services.db.kysely)
      : await services.db.kysely.transaction().execute(run);
  runEffects(services, effects, action.name);
  return settleAfterCommit(services, action, output);
}

function refusalReason(error: unknown): { outcome: 'denied' | 'failed'; reason: string } {
  if (error instanceof PolicyRefusal) return { outcome: error.outcome, reason: error.reason };
  if (error instanceof AppError) {
    const reason = error.code === 'bad_request' ? 'invalid_input' : error.code;
    return { outcome: error.code === 'internal' ? 'failed' : 'denied', reason };
  }
  return { outcome: 'failed', reason: 'internal' };
}

/**
 * An agent's call. Every call is audited — allowed, denied with its reason code, proposed, or
 * failed — and the record is committed before the result is returned. The leash (agent still
 * active, token not revoked, account not paused) is read from the database for every request by
 * the door, and read again inside the transaction of anything that changes state, so a revocation
 * on any node stops the very next call.
 */
export async function performAsAgent<S extends z.ZodType, O, P>(
  services: Services,
  actor: AgentActor,
  def: ActionDef<S, O, P>,
  rawInput: unknown,
): Promise<AgentOutcome<O>> {
  const action = def as AnyAction<S, O>;
  let input: unknown = rawInput;
  const effects: (() => void)[] = [];
  try {
    if (!action.agent) throw new PolicyRefusal('not_found', 'No such tool', 'not_found');
    // An agent-only schema narrows the input first; the action's own schema has the last word.
    input = action.agent.input
      ? parseOrThrow(action.input, parseOrThrow(action.agent.input, rawInput))
      : parseOrThrow(action.input, rawInput);
    if (!mayCall(actor, action as ActionDef)) {
      throw new PolicyRefusal('scope_missing', `This token lacks the ${action.agent.scope} scope`);
    }
    const parsed = input as z.infer<S>;
    // The leash as read for this very request (the door reads the token on every request).
    if (actor.paused) throw PAUSED();
    let prepared: unknown;
    // Outside reads (a store's) go out on the agent's behalf only past the leash just checked.
    if (action.prepare) prepared = await action.prepare({ actor, input: parsed, services });
    const options: RunOptions = { prepared };
    if (action.kind === 'read') {
      // A read changes nothing to commit its record with: the record joins the next group
      // commit, and the result waits until it is durable.
      const read = await runHandler(services.db.kysely, services, actor, action, parsed, effects, options);
      if (read.record) await recordAuditEvent(services.db.kysely, read.record);
      runEffects(services, effects, action.name);
      return { status: 'succeeded', output: read.output };
    }
    const outcome = await services.db.kysely.transaction().execute(async (trx): Promise<AgentOutcome<O>> => {
      // Before anything changes, the leash again, in this transaction.
      await checkLeash(trx, actor);
      if (action.agent?.customerFacing && actor.mode === 'supervised') {
        return propose(trx, services, actor, action, parsed, { reason: 'supervised' }, options, effects);
      }
      try {
        const output = await executeInTransaction(trx, services, actor, action, parsed, effects, options);
        return { status: 'succeeded', output };
      } catch (error) {
        if (!(error instanceof NeedsApproval)) throw error;
        const ask = { reason: error.reason, details: error.details };
        return propose(trx, services, actor, action, parsed, ask, options, effects);
      }
    });
    runEffects(services, effects, action.name);
    if (outcome.status === 'succeeded')
      outcome.output = await settleAfterCommit(services, action, outcome.output);
    return outcome;
  } catch (error) {
    if (error instanceof RecordedRefusal) throw error;
    const { outcome, reason } = refusalReason(error);
    // A store that is down is worth a warning; anything else that fails is a bug.
    if (outcome === 'failed' && error instanceof PolicyRefusal)
      services.logger.warn({ reason, action: action.name }, 'agent action failed');
    else if (outcome === 'failed')
      services.logger.error({ err: error, action: action.name }, 'agent action failed');
    await recordAgentRefusal(services, actor, action, input, outcome, reason);
    throw error;
  }
}

/**
 * Audits an agent's call that did not happen (its transaction, if any, was rolled back): on its
 * own, through the group commit; resolves once the record is durable.
 */
export async function recordAgentRefusal(
  services: Services,
  actor: AgentActor,
  action: Pick<ActionDef, 'name' | 'redact'>,
  input: unknown,
  outcome: 'denied' | 'failed',
  reason: string,
): Promise<void> {
  await recordAuditEvent(
    services.db.kysely,
    auditRecord(services, actor, action, input, null, { outcome, reason }),
  );
}

/** Records a proposal instead of acting: the approval and its `pending_approval` audit event. */
async function propose<S extends z.ZodType, O>(
  trx: Trx,
  services: Services,
  actor: AgentActor,
  action: AnyAction<S, O>,
  input: z.infer<S>,
  ask: { reason: string; details?: unknown },
  options: RunOptions,
  effects: (() => void)[],
): Promise<AgentOutcome<O>> {
  if (!action.locate) throw new Error(`Proposable action ${action.name} must define locate()`);
  const target = await action.locate(context<S, Trx>(trx, services, actor, input, [], options));
  const approval = await createApproval(trx, services, actor, {
    action: action.name,
    input,
    target,
    reason: ask.reason,
    details: ask.details ?? null,
  });
  const record = auditRecord(
    services,
    actor,
    action,
    input,
    { type: 'approval', id: approval.id },
    {
      outcome: 'pending_approval',
      reason: ask.reason,
      result: { approval_id: approval.id },
    },
  );
  await appendAuditEvent(trx, record);
  effects.push(() => services.onCommitted?.(committedChange(record)));
  return { status: 'pending_approval', approval_id: approval.id };
}
