import { z } from 'zod';
import { ORDER_STATUSES } from '../agents/agents.types.js';
import { zText } from '../core/text.js';

export const STORE_KINDS = ['stripe', 'shopify', 'woocommerce'] as const;
export const ZStoreKindSchema = z.enum(STORE_KINDS);
export type StoreKind = z.infer<typeof ZStoreKindSchema>;

export const ZCurrencySchema = z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as USD');
export const ZMinorUnitsSchema = z
  .number()
  .int()
  .min(0)
  .max(1_000_000_000_000)
  .describe('An amount in minor units (cents)');

/**
 * Order and subscription ids name their store: `<kind>:<store id>:<the vendor's id>`, e.g.
 * `stripe:store_01J…:pi_123`, `shopify:store_01J…:gid://shopify/Order/5`, `woocommerce:store_01J…:456`.
 * Opaque to agents; the store id keeps two stores of one kind apart.
 */
export const ZStoreObjectIdSchema = z
  .string()
  .min(1)
  .max(300)
  .regex(
    /^(stripe|shopify|woocommerce):store_[A-Za-z0-9]+:[A-Za-z0-9_./:-]+$/,
    'Not a valid id (use one returned by list_orders)',
  );

export const ZOrderStatusSchema = z.enum(ORDER_STATUSES);

export const ZLineItemSchema = z.object({
  name: z.string(),
  quantity: z.number().int(),
  amount: ZMinorUnitsSchema.describe('Line total in minor units'),
});

export const ZOrderSchema = z
  .object({
    id: z.string(),
    store: z.object({ id: z.string(), kind: ZStoreKindSchema, name: z.string() }),
    number: z.string().describe("The store's own order number, as customers see it"),
    status: ZOrderStatusSchema,
    currency: ZCurrencySchema,
    total: ZMinorUnitsSchema,
    refunded_amount: ZMinorUnitsSchema,
    refundable_amount: ZMinorUnitsSchema.describe('What can still be refunded, in minor units'),
    created_at: z.string(),
    line_items: z.array(ZLineItemSchema),
    contact_id: z.string().nullable(),
  })
  .meta({ id: 'Order' });
export type TOrder = z.infer<typeof ZOrderSchema>;

export const ZSubscriptionStatusSchema = z.enum([
  'active',
  'trialing',
  'past_due',
  'paused',
  'cancelled',
  'expired',
]);

export const ZSubscriptionSchema = z
  .object({
    id: z.string(),
    store: z.object({ id: z.string(), kind: ZStoreKindSchema, name: z.string() }),
    status: ZSubscriptionStatusSchema,
    plan: z.string(),
    currency: ZCurrencySchema,
    amount: ZMinorUnitsSchema.describe('Per billing period, in minor units'),
    current_period_end: z.string().nullable(),
    cancel_at_period_end: z.boolean(),
    contact_id: z.string().nullable(),
  })
  .meta({ id: 'Subscription' });
export type TSubscription = z.infer<typeof ZSubscriptionSchema>;

export const ZStoreSchema = z
  .object({
    id: z.string(),
    kind: ZStoreKindSchema,
    name: z.string(),
    api_base: z.string().nullable().describe("A different endpoint than the vendor's (tests, proxies)"),
    status: z.enum(['connected', 'disconnected']),
    created_at: z.string(),
  })
  .meta({ id: 'Store' });
export type TStore = z.infer<typeof ZStoreSchema>;

const ZApiBaseSchema = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .optional()
  .describe("Base URL to use instead of the vendor's (tests, proxies)");

/** What connecting a store takes; credentials are sealed at rest and never returned. */
export const ZConnectStoreInputSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('stripe'),
      name: zText(100).min(1).optional(),
      api_base: ZApiBaseSchema,
      secret_key: zText(300).min(1).describe('A Stripe secret or restricted key (sk_… or rk_…)'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('shopify'),
      name: zText(100).min(1).optional(),
      api_base: ZApiBaseSchema,
      shop: z
        .string()
        .max(255)
        .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'A shop domain such as acme.myshopify.com'),
      access_token: zText(300).min(1).describe('An Admin API access token (shpat_…)'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('woocommerce'),
      name: zText(100).min(1).optional(),
      api_base: ZApiBaseSchema,
      url: z
        .url({ protocol: /^https?$/ })
        .max(500)
        .describe('The WordPress site, e.g. https://shop.example.com'),
      consumer_key: zText(300).min(1),
      consumer_secret: zText(300).min(1),
    })
    .strict(),
]);
export type TConnectStoreInput = z.infer<typeof ZConnectStoreInputSchema>;

/**
 * What an approval of a money action shows a person: the live order (or subscription) when it
 * was proposed, the amount at stake, and which limit asked for a person (null: supervised mode).
 */
export const ZMoneyApprovalDetailsSchema = z
  .object({
    kind: z.literal('money'),
    order: ZOrderSchema.nullable(),
    subscription: ZSubscriptionSchema.nullable(),
    amount: ZMinorUnitsSchema,
    currency: ZCurrencySchema,
    limit: z
      .object({ code: z.string(), message: z.string() })
      .nullable()
      .describe('The limit that asked for a person; null when the agent is supervised'),
  })
  .meta({ id: 'MoneyApprovalDetails' });
export type TMoneyApprovalDetails = z.infer<typeof ZMoneyApprovalDetailsSchema>;
