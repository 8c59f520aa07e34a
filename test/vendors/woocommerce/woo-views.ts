import { currencyDecimals, minorToDecimal } from '../../../src/sandbox/money.js';
import {
  orderRefunded,
  orderTotal,
  type WooCustomer,
  type WooLineItem,
  type WooMeta,
  type WooOrder,
  type WooRefund,
  type WooSubscription,
} from './woo-state.js';

/**
 * WooCommerce REST v3 resources as the API writes them: money as decimal strings, dates twice —
 * in the site's timezone (`date_created`) and in GMT (`date_created_gmt`), both without a zone
 * suffix — and `_links` pointing back at the site.
 */
export interface WooViewContext {
  /** The site's origin, e.g. `http://127.0.0.1:5123`, for `_links`. */
  origin: string;
  /** The site's offset from GMT in minutes (WordPress "Timezone" setting). */
  offsetMinutes: number;
}

type Json = Record<string, unknown>;

export function wooDate(date: Date | null, offsetMinutes: number): string | null {
  if (!date) return null;
  return new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
}

function dates(name: string, date: Date | null, ctx: WooViewContext): Json {
  return { [name]: wooDate(date, ctx.offsetMinutes), [`${name}_gmt`]: wooDate(date, 0) };
}

function links(ctx: WooViewContext, self: string, collection: string, up?: string): Json {
  const href = (path: string) => [{ href: `${ctx.origin}/wp-json/wc/v3/${path}` }];
  return { self: href(self), collection: href(collection), ...(up ? { up: href(up) } : {}) };
}

const money = (amount: number, currency: string) => minorToDecimal(amount, currency);

function meta(items: WooMeta[]): Json[] {
  return items.map((m) => ({ id: m.id, key: m.key, value: m.value }));
}

function address(first: string, last: string, email?: string): Json {
  const out: Json = {
    first_name: first,
    last_name: last,
    company: '',
    address_1: '',
    address_2: '',
    city: '',
    state: '',
    postcode: '',
    country: '',
  };
  if (email !== undefined) {
    out['email'] = email;
    out['phone'] = '';
  }
  return out;
}

function lineItem(li: WooLineItem, currency: string): Json {
  const total = money(li.unitPrice * li.quantity, currency);
  return {
    id: li.id,
    name: li.name,
    product_id: li.productId,
    variation_id: 0,
    quantity: li.quantity,
    tax_class: '',
    subtotal: total,
    subtotal_tax: money(0, currency),
    total,
    total_tax: money(0, currency),
    taxes: [],
    meta_data: [],
    sku: '',
    // WooCommerce writes the unit price as a number, although its reference table says string.
    price: li.unitPrice / 10 ** currencyDecimals(currency),
  };
}

export function renderOrder(ctx: WooViewContext, o: WooOrder): Json {
  const zero = money(0, o.currency);
  return {
    id: o.id,
    parent_id: 0,
    number: String(o.id),
    order_key: o.orderKey,
    created_via: 'checkout',
    version: '9.4.0',
    status: o.status,
    currency: o.currency,
    ...dates('date_created', o.createdAt, ctx),
    ...dates('date_modified', o.modifiedAt, ctx),
    discount_total: zero,
    discount_tax: zero,
    shipping_total: zero,
    shipping_tax: zero,
    cart_tax: zero,
    total: money(orderTotal(o), o.currency),
    total_tax: zero,
    prices_include_tax: false,
    customer_id: o.customerId,
    customer_ip_address: '',
    customer_user_agent: '',
    customer_note: o.customerNote,
    billing: address(o.billingFirstName, o.billingLastName, o.billingEmail),
    shipping: address(o.billingFirstName, o.billingLastName),
    payment_method: o.paymentMethod,
    payment_method_title: o.paymentMethodTitle,
    transaction_id: o.transactionId,
    ...dates('date_paid', o.paidAt, ctx),
    ...dates('date_completed', o.completedAt, ctx),
    cart_hash: '',
    meta_data: meta(o.meta),
    line_items: o.lineItems.map((li) => lineItem(li, o.currency)),
    tax_lines: [],
    shipping_lines: [],
    fee_lines: [],
    coupon_lines: [],
    // Refunds appear on the order with negative totals, newest first.
    refunds: [...o.refunds]
      .reverse()
      .map((r) => ({ id: r.id, reason: r.reason, total: money(-r.amount, o.currency) })),
    _links: links(ctx, `orders/${o.id}`, 'orders'),
  };
}

export function renderRefund(ctx: WooViewContext, o: WooOrder, r: WooRefund): Json {
  return {
    id: r.id,
    ...dates('date_created', r.createdAt, ctx),
    amount: money(r.amount, o.currency),
    reason: r.reason,
    refunded_by: 1,
    refunded_payment: r.refundedPayment,
    meta_data: meta(r.meta),
    line_items: r.lines.flatMap((line) => {
      const li = o.lineItems.find((l) => l.id === line.lineItemId);
      if (!li) return [];
      return [
        {
          ...lineItem({ ...li, quantity: -line.quantity }, o.currency),
          id: line.lineItemId,
          subtotal: money(-line.amount, o.currency),
          total: money(-line.amount, o.currency),
        },
      ];
    }),
    _links: links(ctx, `orders/${o.id}/refunds/${r.id}`, `orders/${o.id}/refunds`, `orders/${o.id}`),
  };
}

export function renderCustomer(ctx: WooViewContext, c: WooCustomer, orders: WooOrder[]): Json {
  return {
    id: c.id,
    ...dates('date_created', c.createdAt, ctx),
    ...dates('date_modified', c.createdAt, ctx),
    email: c.email,
    first_name: c.firstName,
    last_name: c.lastName,
    role: 'customer',
    username: c.email.split('@')[0] ?? c.email,
    billing: address(c.firstName, c.lastName, c.email),
    shipping: address(c.firstName, c.lastName),
    is_paying_customer: orders.some((o) => o.paidAt !== null),
    avatar_url: 'https://secure.gravatar.com/avatar/?s=96&d=mm&r=g',
    meta_data: [],
    _links: links(ctx, `customers/${c.id}`, 'customers'),
  };
}

export function renderSubscription(ctx: WooViewContext, s: WooSubscription, email: string): Json {
  const zero = money(0, s.currency);
  const gmt = (d: Date | null) => wooDate(d, 0) ?? '';
  return {
    id: s.id,
    parent_id: s.parentId,
    status: s.status,
    currency: s.currency,
    version: '9.4.0',
    prices_include_tax: false,
    ...dates('date_created', s.createdAt, ctx),
    ...dates('date_modified', s.modifiedAt, ctx),
    discount_total: zero,
    discount_tax: zero,
    shipping_total: zero,
    shipping_tax: zero,
    cart_tax: zero,
    total: money(orderTotal(s), s.currency),
    total_tax: zero,
    customer_id: s.customerId,
    order_key: `wc_order_sub${s.id}`,
    billing: address('', '', email),
    shipping: address('', ''),
    payment_method: s.paymentMethod,
    payment_method_title: s.paymentMethod,
    customer_ip_address: '',
    customer_user_agent: '',
    created_via: 'checkout',
    customer_note: '',
    line_items: s.lineItems.map((li) => lineItem(li, s.currency)),
    tax_lines: [],
    shipping_lines: [],
    fee_lines: [],
    coupon_lines: [],
    meta_data: [],
    billing_period: s.billingPeriod,
    billing_interval: String(s.billingInterval),
    start_date_gmt: gmt(s.startAt),
    trial_end_date_gmt: '',
    next_payment_date_gmt: gmt(s.nextPaymentAt),
    payment_retry_date_gmt: '',
    last_payment_date_gmt: gmt(s.lastPaymentAt),
    cancelled_date_gmt: gmt(s.cancelledAt),
    end_date_gmt: gmt(s.endAt),
    resubscribed_from: '',
    resubscribed_subscription: '',
    removed_line_items: [],
    _links: links(ctx, `subscriptions/${s.id}`, 'subscriptions'),
  };
}

export function refundableLeft(o: WooOrder): number {
  return orderTotal(o) - orderRefunded(o);
}
