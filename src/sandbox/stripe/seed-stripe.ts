import { z } from 'zod';
import type { StripeContext } from './stripe-context.js';
import { PAYMENT_INTENT_STATUSES, SUBSCRIPTION_STATUSES, stripeId, unixSeconds } from './stripe-state.js';

/**
 * Seeding the sandbox: what the tests and the demo seeder put in before any request. Inputs are
 * checked with zod because the demo builds them from data, not only from typed code.
 */
export const ZStripeSeedCustomerSchema = z.object({
  email: z.string().min(1).describe('Stored as given: Stripe matches emails case-sensitively'),
  name: z.string().optional(),
});
export type TStripeSeedCustomer = z.input<typeof ZStripeSeedCustomerSchema>;

export const ZStripeSeedPaymentIntentSchema = z.object({
  customer: z.string().startsWith('cus_'),
  amount: z.number().int().min(1),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((c) => c.toLowerCase()),
  created: z.date(),
  status: z.enum(PAYMENT_INTENT_STATUSES).optional(),
  description: z.string().optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  refunds: z.enum(['succeed', 'pending']).optional().describe('How refunds of this payment start'),
});
export type TStripeSeedPaymentIntent = z.input<typeof ZStripeSeedPaymentIntentSchema>;

export const ZStripeSeedSubscriptionSchema = z.object({
  customer: z.string().startsWith('cus_'),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((c) => c.toLowerCase()),
  unitAmount: z.number().int().min(0),
  interval: z.enum(['month', 'year']),
  nickname: z.string(),
  status: z.enum(SUBSCRIPTION_STATUSES).optional(),
  currentPeriodEnd: z.date(),
});
export type TStripeSeedSubscription = z.input<typeof ZStripeSeedSubscriptionSchema>;

export function seedCustomer(ctx: StripeContext, input: TStripeSeedCustomer): { id: string } {
  const c = ZStripeSeedCustomerSchema.parse(input);
  const id = stripeId('cus');
  ctx.state.customers[id] = {
    id,
    seq: ctx.nextSeq(),
    email: c.email,
    name: c.name ?? null,
    created: unixSeconds(ctx.now()),
  };
  ctx.changed();
  return { id };
}

function requireCustomer(ctx: StripeContext, id: string): void {
  if (!ctx.state.customers[id]) throw new Error(`No customer ${id} in the Stripe sandbox`);
}

/**
 * A payment and, unless it is still waiting for a payment method, its charge: captured when it
 * succeeded, authorized only when it `requires_capture`, pending while `processing`. A payment
 * seeded as `canceled` never had a charge.
 */
export function seedPaymentIntent(
  ctx: StripeContext,
  input: TStripeSeedPaymentIntent,
): { id: string; charge: string | null } {
  const p = ZStripeSeedPaymentIntentSchema.parse(input);
  requireCustomer(ctx, p.customer);
  const status = p.status ?? 'succeeded';
  const id = stripeId('pi');
  const created = unixSeconds(p.created);
  const paymentMethod = stripeId('pm');
  const hasCharge = status === 'succeeded' || status === 'requires_capture' || status === 'processing';
  const chargeId = hasCharge ? stripeId('ch') : null;
  if (chargeId !== null) {
    ctx.state.charges[chargeId] = {
      id: chargeId,
      seq: ctx.nextSeq(),
      paymentIntent: id,
      customer: p.customer,
      amount: p.amount,
      currency: p.currency,
      created,
      status: status === 'processing' ? 'pending' : 'succeeded',
      captured: status === 'succeeded',
      released: false,
      paymentMethod,
    };
  }
  ctx.state.paymentIntents[id] = {
    id,
    seq: ctx.nextSeq(),
    customer: p.customer,
    amount: p.amount,
    currency: p.currency,
    created,
    status,
    captureMethod: status === 'requires_capture' ? 'manual' : 'automatic',
    description: p.description ?? null,
    metadata: p.metadata ?? {},
    latestCharge: chargeId,
    paymentMethod,
    refundMode: p.refunds ?? 'succeed',
    canceledAt: status === 'canceled' ? created : null,
    cancellationReason: status === 'canceled' ? 'abandoned' : null,
  };
  ctx.changed();
  return { id, charge: chargeId };
}

export function seedSubscription(ctx: StripeContext, input: TStripeSeedSubscription): { id: string } {
  const s = ZStripeSeedSubscriptionSchema.parse(input);
  requireCustomer(ctx, s.customer);
  const end = s.currentPeriodEnd;
  const start = new Date(end);
  if (s.interval === 'month') start.setUTCMonth(start.getUTCMonth() - 1);
  else start.setUTCFullYear(start.getUTCFullYear() - 1);
  const status = s.status ?? 'active';
  const id = stripeId('sub');
  const now = unixSeconds(ctx.now());
  ctx.state.subscriptions[id] = {
    id,
    seq: ctx.nextSeq(),
    customer: s.customer,
    status,
    created: Math.min(now, unixSeconds(start)),
    currentPeriodStart: unixSeconds(start),
    currentPeriodEnd: unixSeconds(end),
    cancelAtPeriodEnd: false,
    cancelAt: null,
    canceledAt: status === 'canceled' ? now : null,
    endedAt: status === 'canceled' ? now : null,
    cancellationReason: status === 'canceled' ? 'cancellation_requested' : null,
    metadata: {},
    itemId: stripeId('si'),
    priceId: stripeId('price'),
    productId: stripeId('prod'),
    currency: s.currency,
    unitAmount: s.unitAmount,
    interval: s.interval,
    nickname: s.nickname,
  };
  ctx.changed();
  return { id };
}
