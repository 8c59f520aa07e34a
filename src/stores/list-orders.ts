import { z } from 'zod';
import { defineAction } from '../core/action.js';
import { ZIdSchema } from '../core/text.js';
import { type ContactOrders, loadOrder, ordersOfContact, toOrderJson } from './live-orders.js';
import { type TOrder, ZStoreObjectIdSchema } from './stores.types.js';

export const ZListOrdersInputSchema = z.object({ contact_id: ZIdSchema }).strict();
export const ZGetOrderInputSchema = z.object({ order_id: ZStoreObjectIdSchema }).strict();

/** A contact's orders and subscriptions, read live from every connected store. */
export const listOrders = defineAction({
  name: 'order.list',
  summary: "A contact's orders and subscriptions from every connected store, read live",
  input: ZListOrdersInputSchema,
  kind: 'read',
  allow: { roles: ['admin', 'teammate'] },
  agent: { scope: 'orders:read' },
  prepare: ({ services, actor, input }) => ordersOfContact(services, actor, input.contact_id),
  handler: ({ prepared }): Promise<ContactOrders> => Promise.resolve(prepared),
  target: (input) => ({ type: 'contact', id: input.contact_id }),
  auditResult: (output) => ({ orders: output.orders.length, subscriptions: output.subscriptions.length }),
});

export const getOrder = defineAction({
  name: 'order.get',
  summary: 'One order, read live from its store',
  input: ZGetOrderInputSchema,
  kind: 'read',
  allow: { roles: ['admin', 'teammate'] },
  agent: { scope: 'orders:read' },
  async prepare({ services, actor, input }): Promise<TOrder> {
    const live = await loadOrder(services, actor, input.order_id);
    return toOrderJson(live.store, live.vendor, live.contact.id);
  },
  handler: ({ prepared }): Promise<TOrder> => Promise.resolve(prepared),
  target: (input) => ({ type: 'order', id: input.order_id }),
});
