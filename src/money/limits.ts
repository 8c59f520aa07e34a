import type { TLimits } from '../agents/agents.types.js';
import type { AgentMode } from '../core/actor.js';
import type { MoneyKind } from '../db/schema.js';
import { toDecimal } from '../stores/connectors/amounts.js';

/** What a money action would do, judged against the store's live state. */
export interface MoneyRequest {
  kind: MoneyKind;
  /** Minor units at stake: the refund, the order's remaining value, or one subscription period. */
  amount: number;
  currency: string;
  /** The order (refunds, cancellations) the limits on age and status apply to; null for a subscription. */
  order: { status: string; created_at: string } | null;
  /** Refunds: what is still refundable, less what other calls have reserved and not yet settled. */
  refundableLeft?: number;
  /** Set when the store's state already rules the action out (e.g. already cancelled). */
  impossible?: { code: string; message: string } | null;
}

/** The agent's money so far, under the account's money lock. */
export interface MoneyUsage {
  /** What this agent put at stake in the currency over the last 24 hours (settled or not). */
  movedInWindow: number;
  /** When anyone last took a money action for this contact. */
  lastContactActionAt: string | null;
}

export interface Refusal {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export type MoneyDecision =
  { kind: 'allowed' } | ({ kind: 'denied' } & Refusal) | ({ kind: 'needs_approval' } & Refusal);

const DAY_MS = 86_400_000;

const money = (amount: number, currency: string) => `${toDecimal(amount, currency)} ${currency}`;

/** Facts of the store and the ledger: no person can waive them. */
function facts(request: MoneyRequest): Refusal | null {
  if (request.impossible) return { ...request.impossible, details: {} };
  if (request.kind !== 'refund' || request.refundableLeft === undefined) return null;
  const left = request.refundableLeft;
  if (left <= 0)
    return {
      code: 'nothing_left_to_refund',
      message: 'Nothing is left to refund on this order',
      details: {},
    };
  if (request.amount > left) {
    return {
      code: 'amount_exceeds_refundable',
      message: `Only ${money(left, request.currency)} is left to refund on this order`,
      details: { refundable_amount: left, requested: request.amount },
    };
  }
  return null;
}

/** The token's limits (SPEC §2.3), in order; the first one exceeded is reported. */
function limit(limits: TLimits, request: MoneyRequest, usage: MoneyUsage, now: Date): Refusal | null {
  const { amount, currency } = request;
  const cap = limits.max_amount?.[currency];
  if (cap !== undefined && amount > cap) {
    return {
      code: 'cap_exceeded',
      message: `This token may put at most ${money(cap, currency)} at stake per action; this is ${money(amount, currency)}, ${money(amount - cap, currency)} over`,
      details: { limit: 'max_amount', allowed: cap, requested: amount, over_by: amount - cap, currency },
    };
  }
  if (request.order && limits.max_order_age_days !== undefined) {
    const ageDays = (now.getTime() - Date.parse(request.order.created_at)) / DAY_MS;
    if (ageDays > limits.max_order_age_days) {
      return {
        code: 'order_too_old',
        message: `The order is ${Math.floor(ageDays)} days old; this token may act on orders up to ${limits.max_order_age_days} days old`,
        details: {
          limit: 'max_order_age_days',
          allowed: limits.max_order_age_days,
          age_days: Math.floor(ageDays),
        },
      };
    }
  }
  const statuses = limits.allowed_order_statuses;
  if (request.order && statuses && !statuses.some((s) => s === request.order?.status)) {
    return {
      code: 'order_status_not_allowed',
      message: `The order is ${request.order.status}; this token may act on orders that are ${statuses.join(', ') || 'in no status'}`,
      details: { limit: 'allowed_order_statuses', allowed: statuses, status: request.order.status },
    };
  }
  if (limits.cooldown_minutes && usage.lastContactActionAt) {
    const since = (now.getTime() - Date.parse(usage.lastContactActionAt)) / 60_000;
    if (since < limits.cooldown_minutes) {
      const wait = Math.ceil(limits.cooldown_minutes - since);
      return {
        code: 'cooldown_active',
        message: `A money action was taken for this contact ${Math.floor(since)} minutes ago; wait ${wait} more minutes (cooldown ${limits.cooldown_minutes} minutes)`,
        details: { limit: 'cooldown_minutes', allowed: limits.cooldown_minutes, wait_minutes: wait },
      };
    }
  }
  const daily = limits.daily_amount?.[currency];
  if (daily !== undefined && usage.movedInWindow + amount > daily) {
    const over = usage.movedInWindow + amount - daily;
    return {
      code: 'daily_limit_reached',
      message: `This agent put ${money(usage.movedInWindow, currency)} at stake in the last 24 hours; ${money(amount, currency)} more would pass its daily limit of ${money(daily, currency)} by ${money(over, currency)}`,
      details: {
        limit: 'daily_amount',
        allowed: daily,
        used: usage.movedInWindow,
        requested: amount,
        over_by: over,
        currency,
      },
    };
  }
  return null;
}

/**
 * The leash on money, as a pure function of (token limits and mode, the live request, usage,
 * time). A currency without both caps is refused outright, as are the store's own facts; a limit
 * exceeded is refused or asks a person (`on_exceed`); a supervised agent always asks a person.
 * A teammate's approval waives the limits — never the facts.
 */
export function decideMoney(
  limits: TLimits,
  mode: AgentMode,
  request: MoneyRequest,
  usage: MoneyUsage,
  now: Date,
  approved = false,
): MoneyDecision {
  const fact = facts(request);
  if (fact) return { kind: 'denied', ...fact };
  if (approved) return { kind: 'allowed' };
  if (
    limits.max_amount?.[request.currency] === undefined ||
    limits.daily_amount?.[request.currency] === undefined
  ) {
    return {
      kind: 'denied',
      code: 'currency_not_allowed',
      message: `This token has no money limits in ${request.currency}, so it may not act on it`,
      details: { currency: request.currency },
    };
  }
  const exceeded = limit(limits, request, usage, now);
  if (exceeded) return { kind: limits.on_exceed === 'approval' ? 'needs_approval' : 'denied', ...exceeded };
  if (mode === 'supervised') {
    return {
      kind: 'needs_approval',
      code: 'supervised',
      message: 'A supervised agent’s money actions wait for a teammate',
      details: {},
    };
  }
  return { kind: 'allowed' };
}
