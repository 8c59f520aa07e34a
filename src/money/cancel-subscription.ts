import { loadSubscription, toSubscriptionJson } from '../stores/live-orders.js';
import { defineMoneyAction } from './money-action.js';
import { ZCancelSubscriptionInputSchema } from './money.types.js';

/** Cancels a subscription now or at the end of its paid period; one period's amount is at stake. */
export const cancelSubscription = defineMoneyAction({
  name: 'subscription.cancel',
  summary: 'Cancel a subscription, now or at period end, within the token’s money limits',
  kind: 'cancel_subscription',
  scope: 'subscriptions:cancel',
  input: ZCancelSubscriptionInputSchema,
  targetId: (input) => input.subscription_id,
  async load(services, actor, input) {
    const live = await loadSubscription(services, actor, input.subscription_id);
    return { live, json: toSubscriptionJson(live.store, live.vendor, live.contact.id) };
  },
  request({ live }, input, held) {
    const sub = live.vendor;
    const impossible =
      sub.status === 'cancelled' ||
      sub.status === 'expired' ||
      (input.at_period_end && sub.cancel_at_period_end)
        ? {
            code: 'already_cancelled',
            message: `This subscription is already ${sub.cancel_at_period_end ? 'set to cancel at period end' : sub.status}`,
          }
        : input.at_period_end && !live.connector.supportsCancelAtPeriodEnd
          ? {
              code: 'not_supported',
              message: `${live.store.name} cannot cancel a subscription at period end; cancel it now instead`,
            }
          : held.count
            ? {
                code: 'already_in_progress',
                message: 'A cancellation of this subscription is already under way',
              }
            : null;
    return {
      kind: 'cancel_subscription',
      amount: sub.amount,
      currency: sub.currency,
      order: null,
      impossible,
    };
  },
  call: ({ live }, input, _amount, key) => ({
    kind: 'cancel_subscription',
    subscription: live.vendor,
    atPeriodEnd: input.at_period_end,
    reason: input.reason,
    key,
  }),
});
