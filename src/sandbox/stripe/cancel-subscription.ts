import type { FormObject } from './parse-form.js';
import type { StripeContext } from './stripe-context.js';
import { stripeErrors } from './stripe-errors.js';
import { applyMetadata, checkParams, readBoolean, readMetadata } from './stripe-params.js';
import { unixSeconds, type StripeSubscriptionRecord } from './stripe-state.js';

function find(ctx: StripeContext, id: string): StripeSubscriptionRecord {
  const sub = ctx.state.subscriptions[id];
  if (!sub) throw stripeErrors.resourceMissing('subscription', id);
  return sub;
}

/**
 * `DELETE /v1/subscriptions/:id`: cancels now. Stripe answers a second cancel of an already
 * cancelled subscription with `resource_missing`, although retrieving it still works.
 */
export function cancelSubscriptionNow(
  ctx: StripeContext,
  id: string,
  params: FormObject,
): StripeSubscriptionRecord {
  checkParams(params, { supported: ['expand'], ignored: ['invoice_now', 'prorate', 'cancellation_details'] });
  const sub = find(ctx, id);
  if (sub.status === 'canceled') throw stripeErrors.resourceMissing('subscription', id);
  const now = unixSeconds(ctx.now());
  sub.status = 'canceled';
  sub.canceledAt = now;
  sub.endedAt = now;
  sub.cancellationReason = 'cancellation_requested';
  ctx.changed();
  return sub;
}

/**
 * `POST /v1/subscriptions/:id`: `cancel_at_period_end=true` schedules the end of the subscription
 * at the end of the paid period (it stays `active` until then); `false` takes that back. Other
 * updates (items, prices, billing) are not modelled and are refused.
 */
export function updateSubscription(
  ctx: StripeContext,
  id: string,
  params: FormObject,
): StripeSubscriptionRecord {
  checkParams(params, {
    supported: ['cancel_at_period_end', 'metadata', 'expand'],
    ignored: ['proration_behavior', 'cancellation_details'],
    unsupported: [
      'cancel_at',
      'items',
      'billing_cycle_anchor',
      'trial_end',
      'pause_collection',
      'default_payment_method',
      'coupon',
      'discounts',
      'collection_method',
    ],
  });
  const cancelAtPeriodEnd = readBoolean(params, 'cancel_at_period_end');
  const metadata = readMetadata(params);
  const sub = find(ctx, id);
  if (sub.status === 'canceled' && cancelAtPeriodEnd !== undefined) throw stripeErrors.subscriptionCanceled();
  if (metadata !== undefined) sub.metadata = applyMetadata(sub.metadata, metadata);
  if (cancelAtPeriodEnd === true) {
    sub.cancelAtPeriodEnd = true;
    sub.cancelAt = sub.currentPeriodEnd;
    sub.cancellationReason = 'cancellation_requested';
  } else if (cancelAtPeriodEnd === false) {
    sub.cancelAtPeriodEnd = false;
    sub.cancelAt = null;
    sub.cancellationReason = null;
  }
  if (cancelAtPeriodEnd !== undefined || metadata !== undefined) ctx.changed();
  return sub;
}
