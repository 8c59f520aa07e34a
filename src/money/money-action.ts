import type { z } from 'zod';
import { type ActionContext, defineAction } from '../core/action.js';
import type { Actor } from '../core/actor.js';
import { NeedsApproval, notFound, PolicyRefusal } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { Scope } from '../core/scopes.js';
import type { Services } from '../core/services.js';
import type { MoneyAction, MoneyKind, Store } from '../db/schema.js';
import { findAgent, toAgentJson } from '../agents/agents.repository.js';
import type { MoneyCall, StoreConnector } from '../stores/connectors/connector.js';
import type { LiveTarget } from '../stores/live-orders.js';
import type { TMoneyApprovalDetails, TOrder, TSubscription } from '../stores/stores.types.js';
import { decideMoney, type MoneyRequest } from './limits.js';
import {
  countUsage,
  findByClientKey,
  type HeldOnTarget,
  heldOnTarget,
  lockMoney,
  moneyUsage,
} from './money.repository.js';
import type { TMoneyResult } from './money.types.js';
import { latestConversationOf, replayResult, settleMoney } from './settle-money.js';

/** What a money action read from its store before its transaction. */
export interface MoneyPrepared<V> {
  live: LiveTarget<V>;
  json: TOrder | TSubscription;
}

/** A reservation the transaction leaves for `settle` to carry out. */
export interface MoneyReservation {
  phase: 'reserved';
  row: MoneyAction;
  call: MoneyCall;
  store: Store;
  connector: StoreConnector;
  target: TOrder | TSubscription;
}

/** What the transaction leaves: a reservation, or the answer already (a repeated key). */
export type MoneyOutput = MoneyReservation | TMoneyResult;

export const isReservation = (output: MoneyOutput): output is MoneyReservation => 'phase' in output;

type AgentActor = Extract<Actor, { kind: 'agent' }>;

/** One kind of money action: how it reads its target and what it would put at stake. */
export interface MoneyKindDef<S extends z.ZodType, V> {
  name: string;
  summary: string;
  kind: MoneyKind;
  scope: Scope;
  input: S;
  targetId(input: z.infer<S>): string;
  load(services: Services, actor: Actor, input: z.infer<S>): Promise<MoneyPrepared<V>>;
  /** The request the limits judge, given the live target and what this kind holds on it so far. */
  request(prepared: MoneyPrepared<V>, input: z.infer<S>, held: HeldOnTarget): MoneyRequest;
  call(prepared: MoneyPrepared<V>, input: z.infer<S>, amount: number, key: string): MoneyCall;
}

const sameInput = (row: MoneyAction, input: unknown) => row.input === JSON.stringify(input);

/**
 * In the call's transaction, under the account's money lock: a repeat of an idempotency key
 * answers the first outcome; otherwise the limits judge the live request against every
 * reservation so far, and the action is refused, sent to a person, or reserved for `settle`.
 */
async function reserve<S extends z.ZodType, V>(
  def: MoneyKindDef<S, V>,
  ctx: ActionContext<z.infer<S>, MoneyPrepared<V>>,
): Promise<MoneyOutput> {
  const { db: trx, input, prepared, services } = ctx;
  if (ctx.actor.kind !== 'agent') throw notFound('Order');
  const actor: AgentActor = ctx.actor;
  await lockMoney(trx, actor.accountId);
  const clientKey = (input as { idempotency_key?: string }).idempotency_key ?? null;
  if (clientKey) {
    const earlier = await findByClientKey(trx, actor.accountId, actor.agentId, clientKey);
    if (earlier && !sameInput(earlier, input)) {
      throw new PolicyRefusal(
        'idempotency_key_reused',
        'This idempotency key was used for a different call; use a new key for a new action',
        'conflict',
      );
    }
    if (earlier) return replayResult(earlier, prepared.json);
  }
  const targetId = def.targetId(input);
  const held = await heldOnTarget(trx, { accountId: actor.accountId, targetId, kind: def.kind });
  const request = def.request(prepared, input, held);
  const now = services.now();
  const usage = await moneyUsage(trx, {
    accountId: actor.accountId,
    agentId: actor.agentId,
    currency: request.currency,
    contactId: prepared.live.contact.id,
    now,
  });
  const limits = toAgentJson(await findAgent(trx, actor.accountId, actor.agentId)).limits;
  const decision = decideMoney(limits, actor.mode, request, usage, now, ctx.approval !== null);
  if (decision.kind === 'denied') {
    throw new PolicyRefusal(decision.code, decision.message, 'unprocessable', 'denied', decision.details);
  }
  if (decision.kind === 'needs_approval') {
    const json = prepared.json;
    const details: TMoneyApprovalDetails = {
      kind: 'money',
      order: 'number' in json ? json : null,
      subscription: 'plan' in json ? json : null,
      amount: request.amount,
      currency: request.currency,
      limit: decision.code === 'supervised' ? null : { code: decision.code, message: decision.message },
    };
    throw new NeedsApproval(decision.code, details);
  }
  const id = newId('moneyAction');
  const row: MoneyAction = {
    id,
    account_id: actor.accountId,
    store_id: prepared.live.store.id,
    kind: def.kind,
    action: def.name,
    target_id: targetId,
    contact_id: prepared.live.contact.id,
    currency: request.currency,
    amount: request.amount,
    status: 'reserved',
    actor_kind: 'agent',
    actor_id: actor.agentId,
    token_id: actor.tokenId,
    agent_id: actor.agentId,
    approval_id: ctx.approval?.id ?? null,
    approved_by: ctx.approval?.approvedBy ?? null,
    client_key: clientKey,
    input: JSON.stringify(input),
    vendor_ref: null,
    error: null,
    result: null,
    attempts: 0,
    next_check_at: null,
    created_at: now.toISOString(),
    settled_at: null,
  };
  await trx.insertInto('money_actions').values(row).execute();
  await countUsage(trx, row, 1);
  return {
    phase: 'reserved',
    row,
    // The money action's id is the store's idempotency key: stable across retries and restarts.
    call: def.call(prepared, input, request.amount, id),
    store: prepared.live.store,
    connector: prepared.live.connector,
    target: prepared.json,
  };
}

/**
 * A money action, defined once for every door: agents only (a teammate acts through approving an
 * agent's proposal), behind its own money scope; live state read in `prepare`, limits and the
 * reservation in the transaction, the store's call and its settlement after commit.
 */
export function defineMoneyAction<S extends z.ZodType, V>(def: MoneyKindDef<S, V>) {
  return defineAction({
    name: def.name,
    summary: def.summary,
    input: def.input,
    kind: 'write',
    allow: {},
    agent: { scope: def.scope },
    prepare: ({ services, actor, input }) => def.load(services, actor, input),
    handler: (ctx) => reserve(def, ctx),
    async locate({ db, actor, prepared }) {
      return latestConversationOf(db, actor, prepared.live.contact.id);
    },
    settle: {
      pending: isReservation,
      run: (services, output) => settleMoney(services, output),
    },
    target: (input) => ({
      type: def.kind === 'cancel_subscription' ? 'subscription' : 'order',
      id: def.targetId(input),
    }),
    auditResult: (output: MoneyOutput) =>
      isReservation(output)
        ? { money_action_id: output.row.id }
        : { money_action_id: output.money_action.id, replayed: output.money_action.replayed },
  });
}
