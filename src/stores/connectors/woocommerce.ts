import { createRequire } from 'node:module';
import type woocommerce from '@woocommerce/woocommerce-rest-api';
import type { z } from 'zod';
import type { ZOrderStatusSchema, ZSubscriptionStatusSchema } from '../stores.types.js';
import { toDecimal, toMinorUnits } from './amounts.js';
import {
  type CancelOrderRequest,
  type CancelSubscriptionRequest,
  type MoneyCall,
  type MoneyOutcome,
  type RefundRequest,
  type StoreConnector,
  StoreError,
  type VendorCustomer,
  type VendorOrder,
  type VendorSubscription,
} from './connector.js';

export interface WooCommerceConnectorOptions {
  /** The WordPress site (or another endpoint standing in for it). */
  url: string;
  consumerKey: string;
  consumerSecret: string;
  timeoutMs?: number;
}

interface WooMeta {
  key: string;
  value: unknown;
}
interface WooOrder {
  id: number;
  number: string;
  status: string;
  currency: string;
  date_created_gmt: string;
  total: string;
  customer_id: number;
  billing?: { email?: string };
  line_items: { name: string; quantity: number; total: string }[];
  refunds?: { id: number; total: string }[];
}
interface WooRefund {
  id: number;
  amount: string;
  meta_data?: WooMeta[];
}
interface WooSubscription {
  id: number;
  status: string;
  currency: string;
  total: string;
  customer_id: number;
  billing?: { email?: string };
  line_items?: { name: string }[];
  next_payment_date_gmt?: string | null;
}

/**
 * The official client is a CommonJS package whose class is `module.exports.default`; loading it
 * with `require` gives that same shape under Node's ESM and under bundlers alike.
 */
export const WooCommerceRestApi = (
  createRequire(import.meta.url)('@woocommerce/woocommerce-rest-api') as typeof woocommerce
).default;

/** The refund meta key under which Deskwoot marks its refunds (WooCommerce has no idempotency keys). */
const KEY_META = '_deskwoot_money_action';

function gmt(date: string | null | undefined): string | null {
  if (!date) return null;
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(date) ? date : `${date}Z`).toISOString();
}

function orderStatus(order: WooOrder, refunded: number): z.infer<typeof ZOrderStatusSchema> {
  switch (order.status) {
    case 'cancelled':
    case 'trash':
      return 'cancelled';
    case 'refunded':
      return 'refunded';
    case 'processing':
      return refunded > 0 ? 'partially_refunded' : 'paid';
    case 'completed':
      return refunded > 0 ? 'partially_refunded' : 'fulfilled';
    default:
      return 'pending';
  }
}

function toOrder(order: WooOrder): VendorOrder {
  const currency = order.currency.toUpperCase();
  const total = toMinorUnits(order.total, currency);
  const refunded = (order.refunds ?? []).reduce(
    (sum, r) => sum + Math.abs(toMinorUnits(r.total, currency)),
    0,
  );
  const status = orderStatus(order, refunded);
  const paid = status === 'paid' || status === 'fulfilled' || status === 'partially_refunded';
  return {
    vendorId: String(order.id),
    number: order.number,
    status,
    currency,
    total,
    refunded_amount: refunded,
    refundable_amount: paid ? Math.max(0, total - refunded) : 0,
    created_at: gmt(order.date_created_gmt) ?? new Date(0).toISOString(),
    line_items: order.line_items.map((item) => ({
      name: item.name,
      quantity: item.quantity,
      amount: toMinorUnits(item.total, currency),
    })),
    customer: customerOf(order.customer_id, order.billing?.email),
  };
}

function customerOf(id: number, email: string | undefined): VendorCustomer {
  return { id: id ? String(id) : null, email: email || null };
}

const SUBSCRIPTION_STATUS: Record<string, z.infer<typeof ZSubscriptionStatusSchema>> = {
  active: 'active',
  'on-hold': 'paused',
  pending: 'past_due',
  'pending-cancel': 'active',
  cancelled: 'cancelled',
  expired: 'expired',
};

function toSubscription(sub: WooSubscription): VendorSubscription {
  const currency = sub.currency.toUpperCase();
  return {
    vendorId: String(sub.id),
    status: SUBSCRIPTION_STATUS[sub.status] ?? 'past_due',
    plan: (sub.line_items ?? []).map((item) => item.name).join(', ') || 'Subscription',
    currency,
    amount: toMinorUnits(sub.total, currency),
    current_period_end: gmt(sub.next_payment_date_gmt),
    cancel_at_period_end: sub.status === 'pending-cancel',
    customer: customerOf(sub.customer_id, sub.billing?.email),
  };
}

interface HttpError {
  response?: { status: number; data?: { code?: string; message?: string } };
}

function storeError(error: unknown, ambiguous: boolean): StoreError {
  const response = (error as HttpError).response;
  if (!response)
    return new StoreError('store_unavailable', 'WooCommerce could not be reached', !ambiguous, false);
  const message = response.data?.message ?? `HTTP ${response.status}`;
  const code = response.data?.code ?? '';
  // WooCommerce answers an over-refund with a 500 of its own: a refusal, not an outage.
  if (code === 'woocommerce_rest_cannot_create_order_refund')
    return new StoreError('store_refused', message, true);
  if (response.status === 401 || response.status === 403)
    return new StoreError('store_auth_failed', message, true);
  if (response.status === 429) return new StoreError('store_rate_limited', message, true);
  if (response.status >= 500) return new StoreError('store_unavailable', message, !ambiguous);
  return new StoreError('store_refused', message, true);
}

/**
 * WooCommerce REST v3, on `@woocommerce/woocommerce-rest-api` (OAuth 1.0a over http, Basic auth
 * over https). It has no idempotency keys: each refund carries a mark in its `meta_data`, looked
 * for before a refund is ever repeated. Subscriptions need the WooCommerce Subscriptions extension.
 */
export class WooCommerceConnector implements StoreConnector {
  readonly supportsCancelAtPeriodEnd = true;
  private readonly api: InstanceType<typeof WooCommerceRestApi>;

  constructor(options: WooCommerceConnectorOptions) {
    this.api = new WooCommerceRestApi({
      url: options.url,
      consumerKey: options.consumerKey,
      consumerSecret: options.consumerSecret,
      version: 'wc/v3',
      timeout: options.timeoutMs ?? 15_000,
    });
  }

  private async send<T>(
    method: 'get' | 'post' | 'put',
    endpoint: string,
    body?: Record<string, unknown>,
    ambiguous = false,
  ): Promise<T> {
    try {
      const response = (await (method === 'get'
        ? this.api.get(endpoint, body ?? {})
        : this.api[method](endpoint, body ?? {}))) as { data: T };
      return response.data;
    } catch (error) {
      throw storeError(error, ambiguous);
    }
  }

  /** Null instead of an error when the object does not exist. */
  private async maybe<T>(endpoint: string): Promise<T | null> {
    try {
      return await this.send<T>('get', endpoint);
    } catch (error) {
      if (error instanceof StoreError && /HTTP 404|invalid|not found/i.test(error.message)) return null;
      throw error;
    }
  }

  async verify(): Promise<void> {
    await this.send('get', 'orders', { per_page: 1 });
  }

  async findForCustomer(who: { email: string | null; customerIds: readonly string[] }) {
    const ids = new Set(who.customerIds);
    const orders = new Map<string, VendorOrder>();
    if (who.email) {
      const customers = await this.send<{ id: number }[]>('get', 'customers', { email: who.email });
      for (const c of customers) ids.add(String(c.id));
      // Guest orders have no customer: WooCommerce finds them by the billing email.
      const guest = await this.send<WooOrder[]>('get', 'orders', { search: who.email, per_page: 100 });
      for (const order of guest)
        if (order.billing?.email?.toLowerCase() === who.email) orders.set(String(order.id), toOrder(order));
    }
    const subscriptions: VendorSubscription[] = [];
    for (const id of ids) {
      const [byCustomer, subs] = await Promise.all([
        this.send<WooOrder[]>('get', 'orders', { customer: id, per_page: 100 }),
        this.maybe<WooSubscription[]>(`subscriptions?customer=${encodeURIComponent(id)}&per_page=100`),
      ]);
      for (const order of byCustomer) orders.set(String(order.id), toOrder(order));
      subscriptions.push(...(subs ?? []).map(toSubscription));
    }
    return { orders: [...orders.values()], subscriptions };
  }

  async getOrder(vendorId: string): Promise<VendorOrder | null> {
    const order = await this.maybe<WooOrder>(`orders/${encodeURIComponent(vendorId)}`);
    return order ? toOrder(order) : null;
  }

  async getSubscription(vendorId: string): Promise<VendorSubscription | null> {
    const sub = await this.maybe<WooSubscription>(`subscriptions/${encodeURIComponent(vendorId)}`);
    return sub ? toSubscription(sub) : null;
  }

  private async findRefund(orderId: string, key: string): Promise<WooRefund | null> {
    const refunds = await this.send<WooRefund[]>('get', `orders/${encodeURIComponent(orderId)}/refunds`, {
      per_page: 100,
    });
    return refunds.find((r) => r.meta_data?.some((m) => m.key === KEY_META && m.value === key)) ?? null;
  }

  async refund(request: RefundRequest): Promise<MoneyOutcome> {
    const orderId = request.order.vendorId;
    // A repeat of a call that reached the store must not refund twice.
    const earlier = await this.findRefund(orderId, request.key);
    if (earlier) return { status: 'succeeded', vendorRef: String(earlier.id) };
    const refund = await this.send<WooRefund>(
      'post',
      `orders/${encodeURIComponent(orderId)}/refunds`,
      {
        amount: toDecimal(request.amount, request.order.currency),
        reason: request.reason.slice(0, 1000),
        api_refund: true,
        meta_data: [{ key: KEY_META, value: request.key }],
      },
      true,
    );
    return { status: 'succeeded', vendorRef: String(refund.id) };
  }

  async cancelOrder(request: CancelOrderRequest): Promise<MoneyOutcome> {
    const order = await this.send<WooOrder>(
      'put',
      `orders/${encodeURIComponent(request.order.vendorId)}`,
      { status: 'cancelled' },
      true,
    );
    return { status: order.status === 'cancelled' ? 'succeeded' : 'pending', vendorRef: String(order.id) };
  }

  async cancelSubscription(request: CancelSubscriptionRequest): Promise<MoneyOutcome> {
    const sub = await this.send<WooSubscription>(
      'put',
      `subscriptions/${encodeURIComponent(request.subscription.vendorId)}`,
      { status: request.atPeriodEnd ? 'pending-cancel' : 'cancelled' },
      true,
    );
    return { status: 'succeeded', vendorRef: String(sub.id) };
  }

  async lookup(call: MoneyCall): Promise<MoneyOutcome | null> {
    switch (call.kind) {
      case 'refund': {
        const refund = await this.findRefund(call.order.vendorId, call.key);
        return refund ? { status: 'succeeded', vendorRef: String(refund.id) } : null;
      }
      case 'cancel_order': {
        const order = await this.getOrder(call.order.vendorId);
        return order?.status === 'cancelled' ? { status: 'succeeded', vendorRef: order.vendorId } : null;
      }
      case 'cancel_subscription': {
        const sub = await this.getSubscription(call.subscription.vendorId);
        const done = call.atPeriodEnd ? sub?.cancel_at_period_end : sub?.status === 'cancelled';
        return done ? { status: 'succeeded', vendorRef: call.subscription.vendorId } : null;
      }
    }
  }
}
