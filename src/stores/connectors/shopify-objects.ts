import type { z } from 'zod';
import type { ZOrderStatusSchema, ZSubscriptionStatusSchema } from '../stores.types.js';
import { toMinorUnits } from './amounts.js';
import type { VendorCustomer, VendorOrder, VendorSubscription } from './connector.js';

// The shapes Shopify's Admin GraphQL answers with (as shopify-documents.ts asks), and how they
// read as Deskwoot's orders and subscriptions.

export interface Money {
  shopMoney: { amount: string; currencyCode: string };
}
export interface ShopifyCustomer {
  id: string;
  defaultEmailAddress: { emailAddress: string | null } | null;
}
export interface ShopifyOrder {
  id: string;
  name: string;
  email: string | null;
  createdAt: string;
  cancelledAt: string | null;
  currencyCode: string;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  totalPriceSet: Money;
  totalReceivedSet: Money;
  totalRefundedSet: Money;
  customer: ShopifyCustomer | null;
  lineItems: { nodes: { name: string; quantity: number; originalTotalSet: Money }[] };
}
export interface ShopifyContract {
  id: string;
  status: string;
  nextBillingDate: string | null;
  currencyCode: string;
  customer: ShopifyCustomer | null;
  lines: { nodes: { title: string; quantity: number; currentPrice: { amount: string } }[] };
}
export interface Transaction {
  id: string;
  kind: string;
  status: string;
  gateway: string | null;
  amountSet: Money;
  parentTransaction: { id: string } | null;
}
export interface UserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

/** Transactions Shopify sends back money against, and the statuses that count as done. */
export const REFUNDABLE_KINDS = new Set(['SALE', 'CAPTURE']);

function customerOf(customer: ShopifyCustomer | null, email: string | null): VendorCustomer {
  return { id: customer?.id ?? null, email: customer?.defaultEmailAddress?.emailAddress ?? email };
}

function orderStatus(order: ShopifyOrder): z.infer<typeof ZOrderStatusSchema> {
  if (order.cancelledAt) return 'cancelled';
  switch (order.displayFinancialStatus) {
    case 'REFUNDED':
      return 'refunded';
    case 'PARTIALLY_REFUNDED':
      return 'partially_refunded';
    case 'PAID':
      return order.displayFulfillmentStatus === 'FULFILLED' ? 'fulfilled' : 'paid';
    case 'VOIDED':
    case 'EXPIRED':
      return 'cancelled';
    default:
      return 'pending';
  }
}

export function toOrder(order: ShopifyOrder): VendorOrder {
  const currency = order.currencyCode;
  const minor = (money: Money) => toMinorUnits(money.shopMoney.amount, currency);
  const total = minor(order.totalPriceSet);
  const received = minor(order.totalReceivedSet);
  const refunded = minor(order.totalRefundedSet);
  const status = orderStatus(order);
  return {
    vendorId: order.id,
    number: order.name,
    status,
    currency,
    total,
    refunded_amount: refunded,
    refundable_amount: status === 'pending' ? 0 : Math.max(0, received - refunded),
    created_at: new Date(order.createdAt).toISOString(),
    line_items: order.lineItems.nodes.map((item) => ({
      name: item.name,
      quantity: item.quantity,
      amount: minor(item.originalTotalSet),
    })),
    customer: customerOf(order.customer, order.email),
  };
}

const CONTRACT_STATUS: Record<string, z.infer<typeof ZSubscriptionStatusSchema>> = {
  ACTIVE: 'active',
  PAUSED: 'paused',
  CANCELLED: 'cancelled',
  EXPIRED: 'expired',
  FAILED: 'past_due',
};

export function toSubscription(contract: ShopifyContract): VendorSubscription {
  const currency = contract.currencyCode;
  return {
    vendorId: contract.id,
    status: CONTRACT_STATUS[contract.status] ?? 'past_due',
    plan: contract.lines.nodes.map((line) => line.title).join(', ') || 'Subscription',
    currency,
    amount: contract.lines.nodes.reduce(
      (sum, line) => sum + toMinorUnits(line.currentPrice.amount, currency) * line.quantity,
      0,
    ),
    current_period_end: contract.nextBillingDate ? new Date(contract.nextBillingDate).toISOString() : null,
    cancel_at_period_end: false,
    customer: customerOf(contract.customer, null),
  };
}
