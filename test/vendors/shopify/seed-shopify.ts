import { z } from 'zod';
import { gid, nextId, parseGid, type ShopOrder, type ShopTransaction } from './shopify-state.js';
import type { ShopContext } from './shopify-views.js';

/**
 * Seeding the Shopify test server. Prices are integers of minor units (as everywhere in Deskwoot);
 * the API shows them as Shopify's decimal strings. Ids come back as GraphQL global ids.
 */
const ZSeedOrderSchema = z.object({
  /** The customer's gid from `addCustomer`, or null for a guest checkout. */
  customer: z.string().nullable(),
  email: z.string().nullable().optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((c) => c.toUpperCase()),
  lineItems: z
    .array(
      z.object({ name: z.string(), quantity: z.number().int().min(1), unitPrice: z.number().int().min(0) }),
    )
    .min(1),
  createdAt: z.date(),
  financialStatus: z.enum(['PAID', 'PENDING', 'AUTHORIZED', 'PARTIALLY_PAID']).optional(),
  fulfillmentStatus: z.enum(['UNFULFILLED', 'FULFILLED', 'PARTIALLY_FULFILLED']).optional(),
  gateway: z.string().optional(),
});
export type SeedOrderInput = z.input<typeof ZSeedOrderSchema>;

const ZSeedContractSchema = z.object({
  customer: z.string(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/)
    .transform((c) => c.toUpperCase()),
  lines: z
    .array(z.object({ title: z.string(), price: z.number().int().min(0), quantity: z.number().int().min(1) }))
    .min(1),
  interval: z.enum(['DAY', 'WEEK', 'MONTH', 'YEAR']).optional(),
  nextBillingDate: z.date(),
  status: z.enum(['ACTIVE', 'PAUSED', 'CANCELLED', 'EXPIRED', 'FAILED']).optional(),
});
export type SeedContractInput = z.input<typeof ZSeedContractSchema>;

export function seedShopCustomer(
  ctx: ShopContext,
  input: { email: string; firstName?: string; lastName?: string; createdAt?: Date },
): { id: string } {
  const id = nextId(ctx.state);
  ctx.state.customers.set(id, {
    id,
    email: input.email,
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    createdAt: input.createdAt ?? ctx.now(),
  });
  return { id: gid('Customer', id) };
}

function customerId(ctx: ShopContext, value: string): number {
  const id = parseGid(value, 'Customer');
  if (id === null || !ctx.state.customers.has(id)) throw new Error(`No Shopify customer ${value}`);
  return id;
}

/**
 * An order and its payment: `PAID` has a successful SALE for the total, `PARTIALLY_PAID` one for
 * half, `AUTHORIZED` an authorization only, `PENDING` a pending sale (e.g. a manual payment).
 */
export function seedShopOrder(
  ctx: ShopContext,
  input: SeedOrderInput,
): { id: string; name: string; lineItemIds: string[]; transactionIds: string[] } {
  const o = ZSeedOrderSchema.parse(input);
  const cid = o.customer === null ? null : customerId(ctx, o.customer);
  const email = o.email ?? (cid === null ? null : (ctx.state.customers.get(cid)?.email ?? null));
  const id = nextId(ctx.state);
  const number = ctx.state.nextOrderNumber;
  ctx.state.nextOrderNumber += 1;
  const lineItems = o.lineItems.map((li) => ({ id: nextId(ctx.state), ...li }));
  const total = lineItems.reduce((sum, li) => sum + li.unitPrice * li.quantity, 0);
  const financialStatus = o.financialStatus ?? 'PAID';
  const gateway = o.gateway ?? 'shopify_payments';
  const transaction = (kind: ShopTransaction['kind'], status: ShopTransaction['status'], amount: number) => ({
    id: nextId(ctx.state),
    kind,
    status,
    amount,
    gateway,
    parentId: null,
    createdAt: o.createdAt,
  });
  const transactions: ShopTransaction[] = [];
  if (financialStatus === 'PAID') transactions.push(transaction('SALE', 'SUCCESS', total));
  if (financialStatus === 'PARTIALLY_PAID')
    transactions.push(transaction('SALE', 'SUCCESS', Math.floor(total / 2)));
  if (financialStatus === 'AUTHORIZED') transactions.push(transaction('AUTHORIZATION', 'SUCCESS', total));
  if (financialStatus === 'PENDING') transactions.push(transaction('SALE', 'PENDING', total));
  const order: ShopOrder = {
    id,
    number,
    customerId: cid,
    email,
    currency: o.currency,
    createdAt: o.createdAt,
    updatedAt: o.createdAt,
    financialStatus,
    fulfillmentStatus: o.fulfillmentStatus ?? 'UNFULFILLED',
    gateway,
    lineItems,
    transactions,
    refunds: [],
    cancelledAt: null,
    cancelReason: null,
  };
  ctx.state.orders.set(id, order);
  return {
    id: gid('Order', id),
    name: `#${number}`,
    lineItemIds: lineItems.map((li) => gid('LineItem', li.id)),
    transactionIds: transactions.map((t) => gid('OrderTransaction', t.id)),
  };
}

export function seedSubscriptionContract(
  ctx: ShopContext,
  input: SeedContractInput,
): { id: string; lineIds: string[] } {
  const s = ZSeedContractSchema.parse(input);
  const id = nextId(ctx.state);
  const lines = s.lines.map((l) => ({ id: nextId(ctx.state), ...l }));
  ctx.state.contracts.set(id, {
    id,
    customerId: customerId(ctx, s.customer),
    status: s.status ?? 'ACTIVE',
    currency: s.currency,
    interval: s.interval ?? 'MONTH',
    intervalCount: 1,
    nextBillingDate: s.nextBillingDate,
    createdAt: ctx.now(),
    updatedAt: ctx.now(),
    lines,
  });
  return { id: gid('SubscriptionContract', id), lineIds: lines.map((l) => gid('SubscriptionLine', l.id)) };
}
