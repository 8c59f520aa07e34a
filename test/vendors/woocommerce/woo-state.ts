/**
 * What the WooCommerce test server holds. Amounts are integers of minor units; the REST layer
 * writes them as WooCommerce's decimal strings.
 */
export const ORDER_STATUSES = [
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'trash',
] as const;
export type WooOrderStatus = (typeof ORDER_STATUSES)[number];

export const SUBSCRIPTION_STATUSES = [
  'pending',
  'active',
  'on-hold',
  'cancelled',
  'switched',
  'expired',
  'pending-cancel',
] as const;
export type WooSubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export interface WooMeta {
  id: number;
  key: string;
  value: unknown;
}

export interface WooCustomer {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  createdAt: Date;
}

export interface WooLineItem {
  id: number;
  name: string;
  productId: number;
  quantity: number;
  unitPrice: number;
}

export interface WooRefundLine {
  lineItemId: number;
  quantity: number;
  amount: number;
}

export interface WooRefund {
  id: number;
  createdAt: Date;
  amount: number;
  reason: string;
  refundedPayment: boolean;
  meta: WooMeta[];
  lines: WooRefundLine[];
}

export interface WooOrder {
  id: number;
  orderKey: string;
  status: WooOrderStatus;
  currency: string;
  customerId: number;
  billingEmail: string;
  billingFirstName: string;
  billingLastName: string;
  paymentMethod: string;
  paymentMethodTitle: string;
  transactionId: string;
  createdAt: Date;
  modifiedAt: Date;
  paidAt: Date | null;
  completedAt: Date | null;
  customerNote: string;
  lineItems: WooLineItem[];
  refunds: WooRefund[];
  meta: WooMeta[];
}

export interface WooSubscription {
  id: number;
  parentId: number;
  customerId: number;
  status: WooSubscriptionStatus;
  currency: string;
  billingPeriod: 'day' | 'week' | 'month' | 'year';
  billingInterval: number;
  lineItems: WooLineItem[];
  createdAt: Date;
  modifiedAt: Date;
  startAt: Date;
  nextPaymentAt: Date | null;
  lastPaymentAt: Date | null;
  cancelledAt: Date | null;
  endAt: Date | null;
  paymentMethod: string;
}

export interface WooState {
  nextId: number;
  customers: Map<number, WooCustomer>;
  orders: Map<number, WooOrder>;
  subscriptions: Map<number, WooSubscription>;
  /** OAuth nonces already used, with their timestamps, as WooCommerce keeps them per key. */
  nonces: Map<string, number>;
}

export function emptyWooState(): WooState {
  return {
    nextId: 700,
    customers: new Map(),
    orders: new Map(),
    subscriptions: new Map(),
    nonces: new Map(),
  };
}

export function nextWooId(state: WooState): number {
  state.nextId += 1;
  return state.nextId;
}

export function orderTotal(order: { lineItems: WooLineItem[] }): number {
  return order.lineItems.reduce((sum, li) => sum + li.unitPrice * li.quantity, 0);
}

export function orderRefunded(order: WooOrder): number {
  return order.refunds.reduce((sum, r) => sum + r.amount, 0);
}

/** Payment gateways whose WooCommerce plugins can refund through the gateway's API. */
const REFUNDING_GATEWAYS = new Set([
  'stripe',
  'woocommerce_payments',
  'ppcp-gateway',
  'paypal',
  'square_credit_card',
]);

export function gatewaySupportsRefunds(paymentMethod: string): boolean {
  return REFUNDING_GATEWAYS.has(paymentMethod);
}
