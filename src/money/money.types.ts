import { z } from 'zod';
import { zText } from '../core/text.js';
import {
  ZMinorUnitsSchema,
  ZOrderSchema,
  ZStoreObjectIdSchema,
  ZSubscriptionSchema,
} from '../stores/stores.types.js';

const ZReasonSchema = zText(1000)
  .refine((value) => value.trim().length > 0, 'Must not be empty')
  .describe('Why, in a sentence: kept in the audit log and shown to the teammate who approves');

const ZIdempotencyKeySchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[\x21-\x7e]+$/, 'Printable ASCII without spaces')
  .optional()
  .describe('Repeat a call with the same key and it happens once: the repeat returns the first outcome');

export const ZRefundOrderInputSchema = z
  .object({
    order_id: ZStoreObjectIdSchema,
    amount: ZMinorUnitsSchema.min(1)
      .optional()
      .describe('Minor units (cents) to refund; default: all that is left refundable'),
    reason: ZReasonSchema,
    idempotency_key: ZIdempotencyKeySchema,
  })
  .strict();

export const ZCancelOrderInputSchema = z
  .object({ order_id: ZStoreObjectIdSchema, reason: ZReasonSchema, idempotency_key: ZIdempotencyKeySchema })
  .strict();

export const ZCancelSubscriptionInputSchema = z
  .object({
    subscription_id: ZStoreObjectIdSchema,
    at_period_end: z.boolean().default(false).describe('Cancel when the paid period ends (default: now)'),
    reason: ZReasonSchema,
    idempotency_key: ZIdempotencyKeySchema,
  })
  .strict();

export const ZMoneyActionSchema = z
  .object({
    id: z.string().describe('Deskwoot’s id for this money action'),
    kind: z.enum(['refund', 'cancel_order', 'cancel_subscription']),
    status: z
      .enum(['succeeded', 'pending', 'failed', 'unknown', 'reserved'])
      .describe('`pending`: the store accepted it and settles it later'),
    amount: ZMinorUnitsSchema.describe('What was at stake, in minor units'),
    currency: z.string(),
    store_reference: z.string().nullable().describe("The store's own id for it (a refund id, a job id)"),
    replayed: z.boolean().describe('True when this answers a repeat of an earlier call with the same key'),
  })
  .meta({ id: 'MoneyAction' });
export type TMoneyAction = z.infer<typeof ZMoneyActionSchema>;

/** What a money action that happened answers: what it did, and the order or subscription as it now stands. */
export const ZMoneyResultSchema = z.object({
  money_action: ZMoneyActionSchema,
  order: ZOrderSchema.optional(),
  subscription: ZSubscriptionSchema.optional(),
});
export type TMoneyResult = z.infer<typeof ZMoneyResultSchema>;
