import { z } from 'zod';
import { ORDER_STATUSES } from '../agents/agents.types.js';
import { ZIdSchema, zText } from '../core/text.js';

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
export type TLineItem = z.infer<typeof ZLineItemSchema>;

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

const ZUrlSchema = z.url({ protocol: /^https?$/ }).max(500);

/** Which credential fields each kind of store takes. */
export const STORE_CREDENTIAL_FIELDS = {
  stripe: ['secret_key'],
  shopify: ['shop', 'access_token'],
  woocommerce: ['url', 'consumer_key', 'consumer_secret'],
} as const satisfies Record<StoreKind, readonly string[]>;

const CREDENTIAL_FIELDS = [
  'secret_key',
  'shop',
  'access_token',
  'url',
  'consumer_key',
  'consumer_secret',
] as const;

/**
 * What connecting a store takes: the kind's own credentials (sealed at rest, never returned) and
 * nothing of another kind's.
 */
export const ZConnectStoreInputSchema = z
  .object({
    kind: ZStoreKindSchema,
    name: zText(100).min(1).optional().describe('Shown to teammates; default: the kind and shop'),
    api_base: z
      .union([ZUrlSchema, z.literal('sandbox')])
      .optional()
      .describe(
        "Base URL to use instead of the vendor's (tests, proxies); `sandbox` (Stripe): an in-process sandbox with no real money",
      ),
    secret_key: zText(300).min(1).optional().describe('Stripe: a secret or restricted key (sk_… or rk_…)'),
    shop: z
      .string()
      .max(255)
      .regex(/^[a-z0-9][a-z0-9-]*\.myshopify\.com$/, 'A shop domain such as acme.myshopify.com')
      .optional()
      .describe('Shopify: the shop domain'),
    access_token: zText(300).min(1).optional().describe('Shopify: an Admin API access token (shpat_…)'),
    url: ZUrlSchema.optional().describe('WooCommerce: the WordPress site, e.g. https://shop.example.com'),
    consumer_key: zText(300).min(1).optional().describe('WooCommerce: the REST API consumer key'),
    consumer_secret: zText(300).min(1).optional().describe('WooCommerce: the REST API consumer secret'),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.api_base === 'sandbox' && value.kind !== 'stripe')
      ctx.addIssue({ code: 'custom', path: ['api_base'], message: 'Only Stripe stores have a sandbox' });
    const wanted: readonly string[] = STORE_CREDENTIAL_FIELDS[value.kind];
    for (const field of CREDENTIAL_FIELDS) {
      const given = value[field] !== undefined;
      if (wanted.includes(field) && !given)
        ctx.addIssue({ code: 'custom', path: [field], message: `Required for a ${value.kind} store` });
      if (!wanted.includes(field) && given)
        ctx.addIssue({ code: 'custom', path: [field], message: `Not a ${value.kind} credential` });
    }
  });
export type TConnectStoreInput = z.infer<typeof ZConnectStoreInputSchema>;

export const ZStoreIdInputSchema = z.object({ store_id: ZIdSchema }).strict();

/**
 * What an approval of a money action shows a person: the live order (or subscription) when it
 * was proposed, the amount at stake, and which limit asked for a person (null: supervised mode).
 */
export const ZMoneyApprovalDetailsSchema = z
  .object({
    kind: z.literal('money'),
    order: z.union([ZOrderSchema, z.null()]),
    subscription: z.union([ZSubscriptionSchema, z.null()]),
    amount: ZMinorUnitsSchema,
    currency: ZCurrencySchema,
    limit: z
      .object({ code: z.string(), message: z.string() })
      .nullable()
      .describe('The limit that asked for a person; null when the agent is supervised'),
  })
  .meta({ id: 'MoneyApprovalDetails' });
export type TMoneyApprovalDetails = z.infer<typeof ZMoneyApprovalDetailsSchema>;
