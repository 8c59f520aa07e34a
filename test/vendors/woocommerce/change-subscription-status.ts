import { WooError } from './create-woo-refund.js';
import type { SUBSCRIPTION_STATUSES } from './woo-state.js';

/**
 * Subscriptions' status rules: `pending-cancel` keeps the subscription until its prepaid term
 * ends (the next payment date becomes the end date); `cancelled` ends it now. An ended
 * subscription cannot change status.
 */
export function changeSubscriptionStatus(
  sub: { status: string; nextPaymentAt: Date | null; endAt: Date | null; cancelledAt: Date | null },
  next: (typeof SUBSCRIPTION_STATUSES)[number],
  now: Date,
): void {
  if (sub.status === next) return;
  if (sub.status === 'cancelled' || sub.status === 'expired') {
    throw new WooError(
      400,
      'woocommerce_rest_invalid_shop_subscription_status',
      `Unable to change subscription status to "${next}".`,
    );
  }
  if (next === 'pending-cancel') {
    if (sub.status !== 'active') {
      throw new WooError(
        400,
        'woocommerce_rest_invalid_shop_subscription_status',
        `Unable to change subscription status to "${next}".`,
      );
    }
    sub.endAt = sub.nextPaymentAt ?? now;
    sub.nextPaymentAt = null;
    sub.cancelledAt = now;
  }
  if (next === 'cancelled') {
    sub.endAt = now;
    sub.nextPaymentAt = null;
    sub.cancelledAt = now;
  }
  sub.status = next;
}
