import { appendAuditEvent, type NewAuditEvent } from '../audit/audit.repository.js';
import { type Actor, inboxFilter } from '../core/actor.js';
import type { ProposalTarget } from '../core/action.js';
import { RecordedRefusal } from '../core/errors.js';
import type { Services } from '../core/services.js';
import type { Executor } from '../db/database.js';
import type { MoneyAction, MoneyStatus } from '../db/schema.js';
import {
  isOutage,
  type MoneyCall,
  type MoneyOutcome,
  type StoreConnector,
  StoreError,
} from '../stores/connectors/connector.js';
import type { TOrder, TSubscription } from '../stores/stores.types.js';
import { isReservation, type MoneyOutput } from './money-action.js';
import { COUNTED, countUsage } from './money.repository.js';
import type { TMoneyAction, TMoneyResult } from './money.types.js';

/**
 * Failures that are not a refusal: the store could not be worked with, a refund it accepted did
 * not go through (`store_failed`), or a crash cut the call off (`interrupted`). Audited `failed`;
 * everything else the store said no to is `denied`.
 */
function wentWrong(code: string): boolean {
  return isOutage(code) || code === 'store_failed' || code === 'interrupted';
}

/** How soon a pending or unknown money action is looked at again. */
export const RECHECK_MS = 60_000;

export function moneyActionJson(row: MoneyAction, replayed: boolean): TMoneyAction {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    store_reference: row.vendor_ref,
    replayed,
  };
}

/** The answer to a repeated idempotency key: the first call's money action, and the target as it is now. */
export function replayResult(row: MoneyAction, target: TOrder | TSubscription): TMoneyResult {
  const key = 'number' in target ? 'order' : 'subscription';
  return { money_action: moneyActionJson(row, true), [key]: target };
}

/** Where a money proposal is shown: the contact's latest conversation the agent can see. */
export async function latestConversationOf(
  db: Executor,
  actor: Actor,
  contactId: string,
): Promise<ProposalTarget> {
  const inboxes = inboxFilter(actor);
  let query = db
    .selectFrom('conversations')
    .select(['id', 'inbox_id'])
    .where('account_id', '=', actor.accountId)
    .where('contact_id', '=', contactId);
  if (inboxes) query = query.where('inbox_id', 'in', inboxes.length ? inboxes : ['']);
  const latest = await query.orderBy('last_activity_at', 'desc').limit(1).executeTakeFirst();
  return { inbox_id: latest?.inbox_id ?? null, conversation_id: latest?.id ?? null };
}

/** The target as it stands after the store did what was asked (no second read from the store). */
function afterwards(
  target: TOrder | TSubscription,
  row: MoneyAction,
  status: MoneyStatus,
): TOrder | TSubscription {
  if (status !== 'succeeded' && status !== 'pending') return target;
  if ('plan' in target) {
    const atPeriodEnd = (JSON.parse(row.input) as { at_period_end?: boolean }).at_period_end === true;
    if (status !== 'succeeded') return target;
    return atPeriodEnd ? { ...target, cancel_at_period_end: true } : { ...target, status: 'cancelled' };
  }
  if (row.kind === 'cancel_order')
    return status === 'succeeded' ? { ...target, status: 'cancelled' } : target;
  const refundable = Math.max(0, target.refundable_amount - row.amount);
  return {
    ...target,
    refunded_amount: target.refunded_amount + row.amount,
    refundable_amount: refundable,
    status: refundable === 0 ? 'refunded' : 'partially_refunded',
  };
}

function callStore(connector: StoreConnector, call: MoneyCall): Promise<MoneyOutcome> {
  switch (call.kind) {
    case 'refund':
      return connector.refund(call);
    case 'cancel_order':
      return connector.cancelOrder(call);
    case 'cancel_subscription':
      return connector.cancelSubscription(call);
  }
}

export interface Settled {
  status: MoneyStatus;
  vendorRef: string | null;
  /** Why it did not happen (failed) or is not known (unknown). */
  failure: { code: string; message: string } | null;
}

/**
 * The store's call, once: on a definite refusal nothing happened; on a timeout or an outage the
 * store may have acted, so it is asked (by the call's key) before anything is released; if it
 * cannot say, the money stays reserved as `unknown` for the reconciler.
 */
export async function carryOut(connector: StoreConnector, call: MoneyCall): Promise<Settled> {
  try {
    const outcome = await callStore(connector, call);
    const failure =
      outcome.status === 'failed'
        ? { code: 'store_failed', message: outcome.message ?? 'The store could not complete it' }
        : null;
    return { status: outcome.status, vendorRef: outcome.vendorRef, failure };
  } catch (error) {
    const storeError =
      error instanceof StoreError
        ? error
        : new StoreError('store_unavailable', 'The store call failed', false, false);
    const failure = { code: storeError.code, message: storeError.message };
    if (storeError.definite) return { status: 'failed', vendorRef: null, failure };
    try {
      const found = await connector.lookup(call, null);
      // Not there: an answered request is done with, so nothing happened; one that was never
      // answered may still land, so the money stays held until the reconciler looks again.
      if (!found) return { status: storeError.answered ? 'failed' : 'unknown', vendorRef: null, failure };
      return {
        status: found.status,
        vendorRef: found.vendorRef,
        failure: found.status === 'failed' ? failure : null,
      };
    } catch {
      return { status: 'unknown', vendorRef: null, failure };
    }
  }
}

/** The audit event of a money action, from its ledger row: who asked, who approved, what came of it. */
export function moneyAuditEvent(
  row: MoneyAction,
  settled: Settled,
  at: string,
  extra: Record<string, unknown> = {},
): NewAuditEvent {
  const refused = settled.status === 'failed' && settled.failure !== null && !wentWrong(settled.failure.code);
  return {
    account_id: row.account_id,
    actor_kind: row.actor_kind,
    actor_id: row.actor_id,
    token_id: row.token_id,
    action: row.action,
    target_type: row.kind === 'cancel_subscription' ? 'subscription' : 'order',
    target_id: row.target_id,
    outcome:
      settled.status === 'succeeded' || settled.status === 'pending'
        ? 'succeeded'
        : refused
          ? 'denied'
          : 'failed',
    reason: settled.failure?.code ?? null,
    input: JSON.parse(row.input) as unknown,
    result: {
      money_action_id: row.id,
      status: settled.status,
      amount: row.amount,
      currency: row.currency,
      store_reference: settled.vendorRef,
      ...(row.approval_id && { approval_id: row.approval_id, approved_by: row.approved_by }),
      ...extra,
    },
    created_at: at,
  };
}

/**
 * Records a settlement if the row is still in the state it was read in (another node or the
 * reconciler may have settled it first: then nothing is written twice). Returns the new row.
 */
export async function recordSettlement(
  services: Services,
  row: MoneyAction,
  settled: Settled,
  audit: NewAuditEvent | null,
  result: TMoneyResult | null,
): Promise<MoneyAction | null> {
  const now = services.now();
  const open = settled.status === 'pending' || settled.status === 'unknown';
  const changes = {
    status: settled.status,
    vendor_ref: settled.vendorRef ?? row.vendor_ref,
    error: settled.failure ? `${settled.failure.code}: ${settled.failure.message}`.slice(0, 1000) : null,
    result: result ? JSON.stringify(result) : row.result,
    attempts: row.attempts + 1,
    next_check_at: open
      ? new Date(now.getTime() + RECHECK_MS * 2 ** Math.min(row.attempts, 6)).toISOString()
      : null,
    settled_at: open ? null : now.toISOString(),
  };
  return services.db.kysely.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('money_actions')
      .set(changes)
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return null;
    // Released: it no longer counts toward the agent's daily amount.
    if (changes.status === 'failed' && COUNTED.includes(row.status)) await countUsage(trx, row, -1);
    if (audit) await appendAuditEvent(trx, audit);
    return { ...row, ...changes };
  });
}

/** After the reservation committed: the store's call, its settlement and the action's audit event. */
export async function settleMoney(services: Services, output: MoneyOutput): Promise<MoneyOutput> {
  if (!isReservation(output)) return output;
  const { row, call, connector, target } = output;
  const settled = await carryOut(connector, call);
  const at = services.now().toISOString();
  const done = settled.status === 'succeeded' || settled.status === 'pending';
  const result: TMoneyResult | null = done
    ? {
        money_action: moneyActionJson(
          { ...row, status: settled.status, vendor_ref: settled.vendorRef },
          false,
        ),
        ['plan' in target ? 'subscription' : 'order']: afterwards(target, row, settled.status),
      }
    : null;
  await recordSettlement(services, row, settled, moneyAuditEvent(row, settled, at), result);
  if (result) return result;
  const failure = settled.failure ?? { code: 'store_unavailable', message: 'The store did not answer' };
  if (settled.status === 'unknown') {
    throw new RecordedRefusal(
      'store_unavailable',
      `${failure.message}. Deskwoot will confirm with the store what happened; until then the amount stays reserved`,
      'unprocessable',
      'failed',
      { money_action_id: row.id },
    );
  }
  throw new RecordedRefusal(
    failure.code,
    `${output.store.name}: ${failure.message}`,
    failure.code === 'store_rate_limited' ? 'rate_limited' : 'unprocessable',
    wentWrong(failure.code) ? 'failed' : 'denied',
    { money_action_id: row.id },
  );
}
