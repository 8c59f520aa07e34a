import { loadOrder, toOrderJson } from '../stores/live-orders.js';
import { defineMoneyAction } from './money-action.js';
import { ZRefundOrderInputSchema } from './money.types.js';

/**
 * Refunds an order, partly or (by default) all that is left — never more than the store says is
 * refundable less what other calls have reserved on it and not yet settled.
 */
export const refundOrder = defineMoneyAction({
  name: 'order.refund',
  summary: 'Refund an order, within the token’s money limits',
  kind: 'refund',
  scope: 'refunds:write',
  input: ZRefundOrderInputSchema,
  targetId: (input) => input.order_id,
  async load(services, actor, input) {
    const live = await loadOrder(services, actor, input.order_id);
    return { live, json: toOrderJson(live.store, live.vendor, live.contact.id) };
  },
  request({ live }, input, held) {
    const order = live.vendor;
    // The store's figure, less what is in flight and not in it yet; and never more than the total
    // less every refund Deskwoot made — the store's figure may predate a refund that just settled.
    const refundableLeft = Math.min(order.refundable_amount - held.inFlight, order.total - held.amount);
    return {
      kind: 'refund',
      amount: input.amount ?? Math.max(0, refundableLeft),
      currency: order.currency,
      order: { status: order.status, created_at: order.created_at },
      refundableLeft,
    };
  },
  call: ({ live }, input, amount, key) => ({
    kind: 'refund',
    order: live.vendor,
    amount,
    reason: input.reason,
    key,
  }),
});
