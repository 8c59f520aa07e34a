import { formatMoney } from '../money.js';
import type { FormObject } from './parse-form.js';
import { amountRefunded } from './render-objects.js';
import type { StripeContext } from './stripe-context.js';
import { stripeErrors } from './stripe-errors.js';
import {
  checkParams,
  readEnum,
  readId,
  readMetadata,
  readPositiveInteger,
  applyMetadata,
} from './stripe-params.js';
import { addRefund, stripeId, unixSeconds, type StripeRefundRecord } from './stripe-state.js';

const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;

/**
 * `POST /v1/refunds`. Refunds what is left when no amount is given; refuses an amount above what
 * is left, a charge with nothing left, and a payment that never succeeded, with Stripe's errors.
 * Parameters are checked before the payment is, as on Stripe.
 */
export function createRefund(ctx: StripeContext, params: FormObject): StripeRefundRecord {
  checkParams(params, {
    supported: ['amount', 'charge', 'payment_intent', 'reason', 'metadata', 'expand'],
    ignored: ['refund_application_fee', 'reverse_transfer', 'instructions_email', 'origin'],
    unsupported: ['customer', 'currency'],
  });
  const chargeId = readId(params, 'charge');
  const intentId = readId(params, 'payment_intent');
  const requested = readPositiveInteger(params, 'amount');
  const reason = readEnum(params, 'reason', REFUND_REASONS) ?? null;
  const metadata = applyMetadata({}, readMetadata(params) ?? {});
  if (chargeId === undefined && intentId === undefined) throw stripeErrors.refundTargetMissing();

  const { state } = ctx;
  let intent = intentId === undefined ? undefined : state.paymentIntents[intentId];
  if (intentId !== undefined && !intent)
    throw stripeErrors.resourceMissing('payment_intent', intentId, 'payment_intent');
  let charge = chargeId === undefined ? undefined : state.charges[chargeId];
  if (chargeId !== undefined) {
    if (!charge) throw stripeErrors.resourceMissing('charge', chargeId, 'charge');
    if (intent && charge.paymentIntent !== intent.id)
      throw stripeErrors.chargeNotOfIntent(charge.id, intent.id);
    intent = state.paymentIntents[charge.paymentIntent];
  } else if (intent?.latestCharge) {
    charge = state.charges[intent.latestCharge];
  }
  const param = chargeId === undefined ? 'payment_intent' : 'charge';
  if (!intent) throw stripeErrors.resourceMissing('payment_intent', intentId ?? '', param);
  if (intent.status !== 'succeeded' || !charge || !charge.captured || charge.status !== 'succeeded') {
    throw stripeErrors.noSuccessfulCharge(intent.id, param);
  }

  const refundedSoFar = amountRefunded(state, charge);
  const left = charge.amount - refundedSoFar;
  if (left <= 0) throw stripeErrors.chargeAlreadyRefunded(charge.id);
  const amount = requested ?? left;
  if (amount > left) {
    const asked = formatMoney(amount, charge.currency);
    throw stripeErrors.refundTooLarge(
      refundedSoFar === 0
        ? `Refund amount (${asked}) is greater than charge amount (${formatMoney(charge.amount, charge.currency)})`
        : `Refund amount (${asked}) is greater than unrefunded amount on charge (${formatMoney(left, charge.currency)})`,
    );
  }

  const refund: StripeRefundRecord = {
    id: stripeId('re'),
    seq: ctx.nextSeq(),
    charge: charge.id,
    paymentIntent: intent.id,
    amount,
    currency: charge.currency,
    created: unixSeconds(ctx.now()),
    status: intent.refundMode === 'pending' ? 'pending' : 'succeeded',
    reason,
    metadata,
    failureReason: null,
  };
  addRefund(state, refund);
  ctx.changed();
  return refund;
}

/**
 * Settles every pending refund: `succeeded`, or `failed` — which gives the amount back to the
 * charge (a failed refund no longer counts in `amount_refunded`). Returns how many settled.
 */
export function settlePendingRefunds(ctx: StripeContext, outcome: 'succeeded' | 'failed'): number {
  let settled = 0;
  for (const refund of Object.values(ctx.state.refunds)) {
    if (refund.status !== 'pending') continue;
    refund.status = outcome;
    refund.failureReason = outcome === 'failed' ? 'expired_or_canceled_card' : null;
    settled += 1;
  }
  if (settled > 0) ctx.changed();
  return settled;
}
