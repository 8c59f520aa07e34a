import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { nextWooId, SUBSCRIPTION_STATUSES, ORDER_STATUSES, type WooState } from './woo-state.js';

/** Seeding the WooCommerce test server; prices are integers of minor units. */
const ZLineItemsSchema = z
  .array(
    z.object({ name: z.string(), quantity: z.number().int().min(1), unitPrice: z.number().int().min(0) }),
  )
  .min(1);
const ZCurrencySchema = z
  .string()
  .regex(/^[A-Za-z]{3}$/)
  .transform((c) => c.toUpperCase());

const ZSeedWooOrderSchema = z.object({
  /** The customer's id, or 0 (the default) for a guest order. */
  customer: z.number().int().min(0).optional(),
  email: z.string().optional(),
  currency: ZCurrencySchema,
  lineItems: ZLineItemsSchema,
  createdAt: z.date(),
  status: z.enum(ORDER_STATUSES).optional(),
  /** The gateway id: `stripe` (refunds through the API) by default; `bacs`, `cod`, `cheque` cannot. */
  paymentMethod: z.string().optional(),
});
export type SeedWooOrderInput = z.input<typeof ZSeedWooOrderSchema>;

const ZSeedWooSubscriptionSchema = z.object({
  customer: z.number().int().min(1),
  currency: ZCurrencySchema,
  lineItems: ZLineItemsSchema,
  billingPeriod: z.enum(['day', 'week', 'month', 'year']).optional(),
  nextPaymentDate: z.date(),
  status: z.enum(SUBSCRIPTION_STATUSES).optional(),
  parentOrder: z.number().int().optional(),
});
export type SeedWooSubscriptionInput = z.input<typeof ZSeedWooSubscriptionSchema>;

const TITLES: Record<string, string> = {
  stripe: 'Credit Card (Stripe)',
  woocommerce_payments: 'WooPayments',
  'ppcp-gateway': 'PayPal',
  bacs: 'Direct bank transfer',
  cod: 'Cash on delivery',
  cheque: 'Check payments',
};

export function seedWooCustomer(
  state: WooState,
  now: Date,
  input: { email: string; firstName?: string; lastName?: string },
): { id: number } {
  const id = nextWooId(state);
  state.customers.set(id, {
    id,
    email: input.email,
    firstName: input.firstName ?? '',
    lastName: input.lastName ?? '',
    createdAt: now,
  });
  return { id };
}

export function seedWooOrder(
  state: WooState,
  input: SeedWooOrderInput,
): { id: number; lineItemIds: number[] } {
  const o = ZSeedWooOrderSchema.parse(input);
  const customerId = o.customer ?? 0;
  const customer = state.customers.get(customerId);
  if (customerId !== 0 && !customer) throw new Error(`No WooCommerce customer ${customerId}`);
  const id = nextWooId(state);
  const status = o.status ?? 'processing';
  const paymentMethod = o.paymentMethod ?? 'stripe';
  const paid = status === 'processing' || status === 'completed' || status === 'refunded';
  const lineItems = o.lineItems.map((li, index) => ({
    id: nextWooId(state),
    productId: 90 + index,
    ...li,
  }));
  state.orders.set(id, {
    id,
    orderKey: `wc_order_${randomBytes(7).toString('hex').slice(0, 13)}`,
    status,
    currency: o.currency,
    customerId,
    billingEmail: o.email ?? customer?.email ?? '',
    billingFirstName: customer?.firstName ?? '',
    billingLastName: customer?.lastName ?? '',
    paymentMethod,
    paymentMethodTitle: TITLES[paymentMethod] ?? paymentMethod,
    transactionId: paid && paymentMethod === 'stripe' ? `ch_sandbox${id}` : '',
    createdAt: o.createdAt,
    modifiedAt: o.createdAt,
    paidAt: paid ? o.createdAt : null,
    completedAt: status === 'completed' ? o.createdAt : null,
    customerNote: '',
    lineItems,
    refunds: [],
    meta: [],
  });
  return { id, lineItemIds: lineItems.map((li) => li.id) };
}

export function seedWooSubscription(
  state: WooState,
  now: Date,
  input: SeedWooSubscriptionInput,
): { id: number } {
  const s = ZSeedWooSubscriptionSchema.parse(input);
  if (!state.customers.has(s.customer)) throw new Error(`No WooCommerce customer ${s.customer}`);
  const id = nextWooId(state);
  const status = s.status ?? 'active';
  state.subscriptions.set(id, {
    id,
    parentId: s.parentOrder ?? 0,
    customerId: s.customer,
    status,
    currency: s.currency,
    billingPeriod: s.billingPeriod ?? 'month',
    billingInterval: 1,
    lineItems: s.lineItems.map((li, index) => ({ id: nextWooId(state), productId: 190 + index, ...li })),
    createdAt: now,
    modifiedAt: now,
    startAt: now,
    nextPaymentAt: status === 'active' ? s.nextPaymentDate : null,
    lastPaymentAt: now,
    cancelledAt: status === 'cancelled' ? now : null,
    endAt: status === 'cancelled' ? now : null,
    paymentMethod: 'stripe',
  });
  return { id };
}
