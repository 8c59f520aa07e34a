import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Everything the Stripe sandbox knows, as plain JSON so the demo can persist it and restore it on
 * the next start. Amounts are integers of minor units, times are unix seconds, as Stripe has them.
 * Derived figures (a charge's `amount_refunded`) are computed from the records, never stored, so
 * they cannot drift.
 */
const ZMetadataSchema = z.record(z.string(), z.string());

export const ZStripeCustomerRecordSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  email: z.string(),
  name: z.string().nullable(),
  created: z.number().int(),
});

export const PAYMENT_INTENT_STATUSES = [
  'succeeded',
  'requires_capture',
  'processing',
  'requires_payment_method',
  'canceled',
] as const;

export const ZStripePaymentIntentRecordSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  customer: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  created: z.number().int(),
  status: z.enum(PAYMENT_INTENT_STATUSES),
  captureMethod: z.enum(['automatic', 'manual']),
  description: z.string().nullable(),
  metadata: ZMetadataSchema,
  latestCharge: z.string().nullable(),
  paymentMethod: z.string(),
  /** How new refunds of this payment start: settled at once, or `pending` until settled. */
  refundMode: z.enum(['succeed', 'pending']),
  canceledAt: z.number().int().nullable(),
  cancellationReason: z.string().nullable(),
});

export const ZStripeChargeRecordSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  paymentIntent: z.string(),
  customer: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  created: z.number().int(),
  status: z.enum(['succeeded', 'pending', 'failed']),
  captured: z.boolean(),
  /** An uncaptured charge whose authorization was released by cancelling its payment intent. */
  released: z.boolean(),
  paymentMethod: z.string(),
});

export const REFUND_STATUSES = ['pending', 'requires_action', 'succeeded', 'failed', 'canceled'] as const;

export const ZStripeRefundRecordSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  charge: z.string(),
  paymentIntent: z.string(),
  amount: z.number().int(),
  currency: z.string(),
  created: z.number().int(),
  status: z.enum(REFUND_STATUSES),
  reason: z.string().nullable(),
  metadata: ZMetadataSchema,
  failureReason: z.string().nullable(),
});

export const SUBSCRIPTION_STATUSES = ['active', 'trialing', 'past_due', 'canceled'] as const;

export const ZStripeSubscriptionRecordSchema = z.object({
  id: z.string(),
  seq: z.number().int(),
  customer: z.string(),
  status: z.enum(SUBSCRIPTION_STATUSES),
  created: z.number().int(),
  currentPeriodStart: z.number().int(),
  currentPeriodEnd: z.number().int(),
  cancelAtPeriodEnd: z.boolean(),
  cancelAt: z.number().int().nullable(),
  canceledAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  cancellationReason: z.string().nullable(),
  metadata: ZMetadataSchema,
  itemId: z.string(),
  priceId: z.string(),
  productId: z.string(),
  currency: z.string(),
  unitAmount: z.number().int(),
  interval: z.enum(['month', 'year']),
  nickname: z.string(),
});

export const ZStripeIdempotencyRecordSchema = z.object({
  key: z.string(),
  method: z.string(),
  path: z.string(),
  /** The request's parameters, canonically serialized, to tell a retry from a different request. */
  fingerprint: z.string(),
  status: z.number().int(),
  body: z.string(),
  headers: z.record(z.string(), z.string()),
  requestId: z.string(),
  created: z.number().int(),
});

export const ZStripeSandboxStateSchema = z.object({
  version: z.literal(1),
  seq: z.number().int(),
  customers: z.record(z.string(), ZStripeCustomerRecordSchema),
  paymentIntents: z.record(z.string(), ZStripePaymentIntentRecordSchema),
  charges: z.record(z.string(), ZStripeChargeRecordSchema),
  refunds: z.record(z.string(), ZStripeRefundRecordSchema),
  subscriptions: z.record(z.string(), ZStripeSubscriptionRecordSchema),
  idempotency: z.record(z.string(), ZStripeIdempotencyRecordSchema),
});

export type StripeSandboxState = z.infer<typeof ZStripeSandboxStateSchema>;
export type StripeCustomerRecord = z.infer<typeof ZStripeCustomerRecordSchema>;
export type StripePaymentIntentRecord = z.infer<typeof ZStripePaymentIntentRecordSchema>;
export type StripeChargeRecord = z.infer<typeof ZStripeChargeRecordSchema>;
export type StripeRefundRecord = z.infer<typeof ZStripeRefundRecordSchema>;
export type StripeSubscriptionRecord = z.infer<typeof ZStripeSubscriptionRecordSchema>;
export type StripeIdempotencyRecord = z.infer<typeof ZStripeIdempotencyRecordSchema>;

export function emptyStripeState(): StripeSandboxState {
  return {
    version: 1,
    seq: 0,
    customers: {},
    paymentIntents: {},
    charges: {},
    refunds: {},
    subscriptions: {},
    idempotency: {},
  };
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** A Stripe-looking id such as `pi_3PqL…` (24 random base-62 characters after the prefix). */
export function stripeId(prefix: string): string {
  const bytes = randomBytes(24);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${out}`;
}

export function unixSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** Objects newest first, as Stripe lists them (ties broken by creation order). */
export function newestFirst<T extends { created: number; seq: number }>(records: Iterable<T>): T[] {
  return [...records].sort((a, b) => b.created - a.created || b.seq - a.seq);
}

/**
 * Each charge's refunds, newest first, by the `refunds` record of a state: built on first use,
 * then kept current by `addRefund` (a record is only ever added to, and a refund's changes are
 * made on the record itself). Without it every refund and every charge read would scan all the
 * refunds the sandbox ever made.
 */
const refundsByCharge = new WeakMap<StripeSandboxState['refunds'], Map<string, StripeRefundRecord[]>>();

function refundIndex(state: StripeSandboxState): Map<string, StripeRefundRecord[]> {
  let index = refundsByCharge.get(state.refunds);
  if (!index) {
    index = new Map();
    for (const refund of newestFirst(Object.values(state.refunds))) {
      const list = index.get(refund.charge);
      if (list) list.push(refund);
      else index.set(refund.charge, [refund]);
    }
    refundsByCharge.set(state.refunds, index);
  }
  return index;
}

export function refundsOfCharge(state: StripeSandboxState, chargeId: string): readonly StripeRefundRecord[] {
  return refundIndex(state).get(chargeId) ?? [];
}

/** Records a new refund (the newest of its charge). */
export function addRefund(state: StripeSandboxState, refund: StripeRefundRecord): void {
  const index = refundIndex(state);
  state.refunds[refund.id] = refund;
  const list = index.get(refund.charge);
  if (list) list.unshift(refund);
  else index.set(refund.charge, [refund]);
}
