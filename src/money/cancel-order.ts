import { loadOrder, toOrderJson } from '../stores/live-orders.js';
import { defineMoneyAction } from './money-action.js';
import { ZCancelOrderInputSchema } from './money.types.js';

/**
 * Cancels an order (refunding nothing by itself: a refund is its own action). What it puts at
 * stake is the order's value not yet refunded, and that is what the limits count.
 */
export const cancelOrder = defineMoneyAction({
  name: 'order.cancel',
  summary: 'Cancel an order, within the token’s money limits',
  kind: 'cancel_order',
  scope: 'orders:cancel',
  input: ZCancelOrderInputSchema,
  targetId: (input) => input.order_id,
  async load(services, actor, input) {
    const live = await loadOrder(services, actor, input.order_id);
    return { live, json: toOrderJson(live.store, live.vendor, live.contact.id) };
  },
  request({ live }, _input, held) {
    const order = live.vendor;
    const impossible =
      order.status === 'cancelled'
        ? { code: 'already_cancelled', message: 'This order is already cancelled' }
        : held.count
          ? { code: 'already_in_progress', message: 'A cancellation of this order is already under way' }
          : null;
    return {
      kind: 'cancel_order',
      amount: Math.max(0, order.total - order.refunded_amount),
      currency: order.currency,
      order: { status: order.status, created_at: order.created_at },
      impossible,
    };
  },
  call: ({ live }, input, _amount, key) => ({
    kind: 'cancel_order',
    order: live.vendor,
    reason: input.reason,
    key,
  }),
});
