import { minorToDecimal } from '../../../src/sandbox/money.js';

/**
 * What the Shopify test server holds. Amounts are integers of minor units in the shop's
 * currency; the GraphQL layer turns them into Shopify's decimal strings.
 */
export type SeedFinancialStatus = 'PAID' | 'PENDING' | 'AUTHORIZED' | 'PARTIALLY_PAID';
export type FulfillmentStatus = 'UNFULFILLED' | 'FULFILLED' | 'PARTIALLY_FULFILLED';

export interface ShopCustomer {
  id: number;
  email: string;
  firstName: string | null;
  lastName: string | null;
  createdAt: Date;
}

export interface ShopLineItem {
  id: number;
  name: string;
  quantity: number;
  unitPrice: number;
}

export type TransactionKind = 'SALE' | 'AUTHORIZATION' | 'CAPTURE' | 'REFUND' | 'VOID';

export interface ShopTransaction {
  id: number;
  kind: TransactionKind;
  status: 'SUCCESS' | 'PENDING' | 'FAILURE';
  amount: number;
  gateway: string;
  parentId: number | null;
  createdAt: Date;
}

export interface ShopRefundLine {
  lineItemId: number;
  quantity: number;
  restockType: string;
}

export interface ShopRefund {
  id: number;
  note: string | null;
  createdAt: Date;
  amount: number;
  transactionIds: number[];
  lines: ShopRefundLine[];
}

export interface ShopOrder {
  id: number;
  number: number;
  customerId: number | null;
  email: string | null;
  currency: string;
  createdAt: Date;
  updatedAt: Date;
  financialStatus: SeedFinancialStatus;
  fulfillmentStatus: FulfillmentStatus;
  gateway: string;
  lineItems: ShopLineItem[];
  transactions: ShopTransaction[];
  refunds: ShopRefund[];
  cancelledAt: Date | null;
  cancelReason: string | null;
}

export interface ShopContractLine {
  id: number;
  title: string;
  quantity: number;
  price: number;
}

export type ContractStatus = 'ACTIVE' | 'PAUSED' | 'CANCELLED' | 'EXPIRED' | 'FAILED';

export interface ShopSubscriptionContract {
  id: number;
  customerId: number;
  status: ContractStatus;
  currency: string;
  interval: 'DAY' | 'WEEK' | 'MONTH' | 'YEAR';
  intervalCount: number;
  nextBillingDate: Date | null;
  createdAt: Date;
  updatedAt: Date;
  lines: ShopContractLine[];
}

export interface ShopJob {
  id: string;
  orderId: number;
  reason: string;
  refund: boolean;
  staffNote: string | null;
  /** Polls of `job` still answered `done: false`. */
  pollsLeft: number;
  done: boolean;
}

export interface ShopState {
  nextId: number;
  nextOrderNumber: number;
  customers: Map<number, ShopCustomer>;
  orders: Map<number, ShopOrder>;
  contracts: Map<number, ShopSubscriptionContract>;
  jobs: Map<string, ShopJob>;
  /** refundCreate results by idempotency key, with the input they answered. */
  idempotency: Map<string, { fingerprint: string; payload: unknown }>;
}

export function emptyShopState(): ShopState {
  return {
    nextId: 5_000_000_001,
    nextOrderNumber: 1001,
    customers: new Map(),
    orders: new Map(),
    contracts: new Map(),
    jobs: new Map(),
    idempotency: new Map(),
  };
}

export function nextId(state: ShopState): number {
  const id = state.nextId;
  state.nextId += 1;
  return id;
}

export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

/** `gid://shopify/Order/5` → 5 when the type matches; null otherwise. */
export function parseGid(value: string, type: string): number | null {
  const match = /^gid:\/\/shopify\/(\w+)\/(\d+)$/.exec(value);
  if (!match || match[1] !== type) return null;
  return Number(match[2]);
}

/** Shopify's `DateTime`: ISO-8601 in UTC, to the second. */
export function shopifyDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Shopify's `Decimal` money amounts drop trailing zeros but keep one decimal place:
 * 2500 USD → "25.0", 1990 → "19.9", 1999 → "19.99", 500 JPY → "500.0".
 */
export function shopifyDecimal(amount: number, currency: string): string {
  const plain = minorToDecimal(amount, currency);
  if (!plain.includes('.')) return `${plain}.0`;
  return plain.replace(/(\.\d*?[1-9])0+$/, '$1').replace(/\.0+$/, '.0');
}

export function orderTotal(order: ShopOrder): number {
  return order.lineItems.reduce((sum, li) => sum + li.unitPrice * li.quantity, 0);
}

/** Money the shop actually took: captured or sold, not merely authorized or pending. */
export function orderReceived(order: ShopOrder): number {
  return order.transactions
    .filter((t) => (t.kind === 'SALE' || t.kind === 'CAPTURE') && t.status === 'SUCCESS')
    .reduce((sum, t) => sum + t.amount, 0);
}

export function orderRefunded(order: ShopOrder): number {
  return order.transactions
    .filter((t) => t.kind === 'REFUND' && t.status === 'SUCCESS')
    .reduce((sum, t) => sum + t.amount, 0);
}

export function orderRefundable(order: ShopOrder): number {
  return Math.max(0, orderReceived(order) - orderRefunded(order));
}

export function refundedQuantity(order: ShopOrder, lineItemId: number): number {
  return order.refunds
    .flatMap((r) => r.lines)
    .filter((l) => l.lineItemId === lineItemId)
    .reduce((sum, l) => sum + l.quantity, 0);
}

export function displayFinancialStatus(order: ShopOrder): string {
  const received = orderReceived(order);
  const refunded = orderRefunded(order);
  if (order.cancelledAt && received === 0 && order.financialStatus === 'AUTHORIZED') return 'VOIDED';
  if (received > 0 && refunded >= received) return 'REFUNDED';
  if (refunded > 0) return 'PARTIALLY_REFUNDED';
  return order.financialStatus;
}
