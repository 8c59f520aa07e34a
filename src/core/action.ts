import type { z } from 'zod';
import type { Executor, Trx } from '../db/database.js';
import type { Actor, Role } from './actor.js';
import type { Scope } from './scopes.js';
import type { Services } from './services.js';

export interface ActionContext<I, P = unknown, D extends Executor = Trx> {
  /**
   * A write's transaction: its reads, its writes and its audit event commit together. A read gets
   * the database itself (`ReadContext`): it changes nothing, so it holds no transaction open.
   */
  db: D;
  actor: Actor;
  input: I;
  services: Services;
  /** What the action's `prepare` read before the transaction (undefined without one). */
  prepared: P;
  /** Set when a teammate's approval executes an agent's proposal. */
  approval: { id: string; approvedBy: string } | null;
  /** Runs after the transaction commits, e.g. to wake the delivery worker. */
  afterCommit(effect: () => void): void;
  /** Adds details to this action's audit event (e.g. the values a change replaced). */
  audit(details: Record<string, unknown>): void;
}

/** What a read's handler is given: the database outside any transaction. */
export type ReadContext<I, P = unknown> = ActionContext<I, P, Executor>;

export interface PrepareContext<I> {
  actor: Actor;
  input: I;
  services: Services;
}

export interface ProposalTarget {
  inbox_id: string | null;
  conversation_id: string | null;
}

/** Work an action reserved in its transaction and finishes outside it (a store's money call). */
export interface Settlement<O> {
  /** Whether this output is a reservation still to settle (a replayed or refused call is not). */
  pending(output: O): boolean;
  /**
   * Does the outside work after commit, records its outcome and the action's audit event in a
   * transaction of its own, and returns the final output. A refusal it throws is already audited.
   */
  run(services: Services, output: O): Promise<O>;
}

export interface AuditTarget {
  type: string;
  id: string;
}

/**
 * One definition per action: its name, input schema, who may call it and its handler. Every door
 * (REST, CLI, MCP, approvals) calls it through `perform`, so the rules live here and only here.
 */
export type ActionDef<S extends z.ZodType = z.ZodType, O = unknown, P = unknown> =
  ReadActionDef<S, O, P> | WriteActionDef<S, O, P>;

/**
 * Reads change nothing, run outside any transaction, and are audited only when an agent makes
 * them; writes run in a transaction and are always audited.
 */
export interface ReadActionDef<S extends z.ZodType, O, P> extends ActionFields<S, O, P> {
  kind: 'read';
  handler(ctx: ReadContext<z.infer<S>, P>): Promise<O>;
}

export interface WriteActionDef<S extends z.ZodType, O, P> extends ActionFields<S, O, P> {
  kind: 'write';
  handler(ctx: ActionContext<z.infer<S>, P>): Promise<O>;
}

interface ActionFields<S extends z.ZodType, O, P> {
  /** `noun.verb`, e.g. `conversation.reply`; also the audit event's action. */
  name: string;
  summary: string;
  input: S;
  /** Which callers may perform it. Anything not listed is refused. */
  allow: {
    roles?: readonly Role[];
    channel?: boolean;
    system?: boolean;
  };
  /**
   * AI agents' access. Absent: no agent can ever call it — the never-list is structural.
   * `customerFacing`: what a supervised agent proposes waits for a teammate's approval.
   * `input`: a narrower schema for agents (e.g. without fields only people may set).
   */
  agent?: { scope: Scope; customerFacing?: boolean; input?: z.ZodType };
  /**
   * Required for customer-facing actions: checks that the target exists and is visible to the
   * actor (throwing not_found otherwise) and names it, without changing anything — so a proposal
   * is only ever made about something the agent may touch.
   */
  locate?(ctx: ActionContext<z.infer<S>, P>): Promise<ProposalTarget>;
  /**
   * Reads from outside the database that the action needs (a store's live order). They run before
   * the transaction, so no transaction waits on the network; the handler gets them as `prepared`
   * and decides with them under its locks.
   */
  prepare?(ctx: PrepareContext<z.infer<S>>): Promise<P>;
  /** For actions with an effect outside the database; see `Settlement`. */
  settle?: Settlement<O>;
  /** The audit outcome of a completed call (default `succeeded`; approvals record their decision). */
  auditOutcome?(output: O): 'succeeded' | 'approved' | 'rejected' | 'failed';
  /** Input fields never written to the audit log. */
  redact?: readonly string[];
  /** What the audit event names as the action's target. */
  target?(input: z.infer<S>, output: O | undefined): AuditTarget | null;
  /** What of the output goes into the audit event (default: the target only). */
  auditResult?(output: O): Record<string, unknown>;
}

export function defineAction<S extends z.ZodType, O, P = undefined>(
  def: ActionDef<S, O, P>,
): ActionDef<S, O, P> {
  return def;
}

export type ActionOutput<A> = A extends ActionDef<z.ZodType, infer O, infer _P> ? O : never;
