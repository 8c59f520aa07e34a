import type { FormObject } from './parse-form.js';
import {
  listExpansions,
  renderCustomer,
  renderList,
  renderPaymentIntent,
  renderRefund,
} from './render-objects.js';
import { renderSubscription } from './render-subscription.js';
import { stripeErrors } from './stripe-errors.js';
import {
  checkParams,
  readCreatedFilter,
  readExpand,
  readId,
  readLimit,
  readString,
} from './stripe-params.js';
import { newestFirst, refundsOfCharge, type StripeSandboxState } from './stripe-state.js';

/**
 * Stripe's list endpoints: newest first, `limit` (10 by default, at most 100), cursor pagination
 * by object id with `starting_after` / `ending_before`, and `has_more`.
 */
function page<T extends { id: string }>(
  items: T[],
  params: FormObject,
  kind: string,
): { page: T[]; hasMore: boolean } {
  const limit = readLimit(params);
  const after = readId(params, 'starting_after');
  const before = readId(params, 'ending_before');
  if (after !== undefined) {
    const index = items.findIndex((i) => i.id === after);
    if (index === -1) throw stripeErrors.resourceMissing(kind, after, 'starting_after');
    const rest = items.slice(index + 1);
    return { page: rest.slice(0, limit), hasMore: rest.length > limit };
  }
  if (before !== undefined) {
    const index = items.findIndex((i) => i.id === before);
    if (index === -1) throw stripeErrors.resourceMissing(kind, before, 'ending_before');
    const earlier = items.slice(0, index);
    return { page: earlier.slice(Math.max(0, earlier.length - limit)), hasMore: earlier.length > limit };
  }
  return { page: items.slice(0, limit), hasMore: items.length > limit };
}

const LIST_PARAMS = ['limit', 'starting_after', 'ending_before', 'expand', 'created'];

export function listCustomers(state: StripeSandboxState, params: FormObject): Record<string, unknown> {
  checkParams(params, { supported: [...LIST_PARAMS, 'email'], ignored: ['test_clock'] });
  const email = readString(params, 'email');
  const created = readCreatedFilter(params);
  const expand = listExpansions(readExpand(params));
  // Stripe matches the email exactly, case included.
  const all = newestFirst(Object.values(state.customers)).filter(
    (c) => (email === undefined || c.email === email) && created(c.created),
  );
  const { page: items, hasMore } = page(all, params, 'customer');
  return renderList(
    '/v1/customers',
    items.map((c) => renderCustomer(c, expand)),
    hasMore,
  );
}

export function listPaymentIntents(state: StripeSandboxState, params: FormObject): Record<string, unknown> {
  checkParams(params, { supported: [...LIST_PARAMS, 'customer'] });
  const customer = readId(params, 'customer');
  const created = readCreatedFilter(params);
  const expand = listExpansions(readExpand(params));
  const all = newestFirst(Object.values(state.paymentIntents)).filter(
    (p) => (customer === undefined || p.customer === customer) && created(p.created),
  );
  const { page: items, hasMore } = page(all, params, 'payment_intent');
  return renderList(
    '/v1/payment_intents',
    items.map((p) => renderPaymentIntent(state, p, expand)),
    hasMore,
  );
}

export function listRefunds(state: StripeSandboxState, params: FormObject): Record<string, unknown> {
  checkParams(params, { supported: [...LIST_PARAMS, 'charge', 'payment_intent'] });
  const charge = readId(params, 'charge');
  const intent = readId(params, 'payment_intent');
  const created = readCreatedFilter(params);
  const expand = listExpansions(readExpand(params));
  const candidates =
    charge === undefined ? newestFirst(Object.values(state.refunds)) : refundsOfCharge(state, charge);
  const all = candidates.filter(
    (r) => (intent === undefined || r.paymentIntent === intent) && created(r.created),
  );
  const { page: items, hasMore } = page(all, params, 'refund');
  return renderList(
    '/v1/refunds',
    items.map((r) => renderRefund(state, r, expand)),
    hasMore,
  );
}

const SUBSCRIPTION_FILTERS = [
  'active',
  'all',
  'canceled',
  'ended',
  'incomplete',
  'incomplete_expired',
  'past_due',
  'paused',
  'trialing',
  'unpaid',
] as const;

export function listSubscriptions(state: StripeSandboxState, params: FormObject): Record<string, unknown> {
  checkParams(params, {
    supported: [...LIST_PARAMS, 'customer', 'status', 'price'],
    ignored: ['collection_method', 'test_clock', 'current_period_end', 'current_period_start'],
  });
  const customer = readId(params, 'customer');
  const price = readId(params, 'price');
  const status = readString(params, 'status');
  if (status !== undefined && !SUBSCRIPTION_FILTERS.some((s) => s === status)) {
    throw stripeErrors.invalidEnum('status', status, SUBSCRIPTION_FILTERS);
  }
  const created = readCreatedFilter(params);
  const expand = listExpansions(readExpand(params));
  // Without a status Stripe lists every subscription that is not cancelled.
  const statusMatches = (s: string) =>
    status === 'all' ||
    (status === undefined && s !== 'canceled') ||
    (status === 'ended' && s === 'canceled') ||
    s === status;
  const all = newestFirst(Object.values(state.subscriptions)).filter(
    (s) =>
      (customer === undefined || s.customer === customer) &&
      (price === undefined || s.priceId === price) &&
      statusMatches(s.status) &&
      created(s.created),
  );
  const { page: items, hasMore } = page(all, params, 'subscription');
  return renderList(
    '/v1/subscriptions',
    items.map((s) => renderSubscription(state, s, expand)),
    hasMore,
  );
}
