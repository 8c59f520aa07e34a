import type { FormObject } from './parse-form.js';
import { renderPaymentIntent } from './render-objects.js';
import type { StripeContext } from './stripe-context.js';
import { stripeErrors } from './stripe-errors.js';
import { checkParams, readEnum } from './stripe-params.js';
import { unixSeconds, type StripePaymentIntentRecord } from './stripe-state.js';

const CANCELLABLE: ReadonlySet<string> = new Set([
  'requires_payment_method',
  'requires_capture',
  'processing',
]);
const CANCELLATION_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer', 'abandoned'] as const;

/**
 * `POST /v1/payment_intents/:id/cancel`. Only a payment that has not taken money can be
 * cancelled; a succeeded (or already cancelled) one answers `payment_intent_unexpected_state`.
 * Cancelling an uncaptured payment releases its authorization, which Stripe shows as a fully
 * refunded charge.
 */
export function cancelPaymentIntent(
  ctx: StripeContext,
  id: string,
  params: FormObject,
): StripePaymentIntentRecord {
  checkParams(params, { supported: ['cancellation_reason', 'expand'] });
  const reason = readEnum(params, 'cancellation_reason', CANCELLATION_REASONS) ?? null;
  const intent = ctx.state.paymentIntents[id];
  if (!intent) throw stripeErrors.resourceMissing('payment_intent', id, 'intent');
  if (!CANCELLABLE.has(intent.status)) {
    throw stripeErrors.intentUnexpectedState(intent.status, renderPaymentIntent(ctx.state, intent));
  }
  const charge = intent.latestCharge === null ? undefined : ctx.state.charges[intent.latestCharge];
  if (charge && intent.status === 'requires_capture') charge.released = true;
  if (charge && intent.status === 'processing') charge.status = 'failed';
  intent.status = 'canceled';
  intent.canceledAt = unixSeconds(ctx.now());
  intent.cancellationReason = reason;
  ctx.changed();
  return intent;
}
