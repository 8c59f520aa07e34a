import { currencyDecimals, decimalToMinor } from '../../../src/sandbox/money.js';
import {
  gatewaySupportsRefunds,
  nextWooId,
  type WooMeta,
  type WooOrder,
  type WooRefund,
  type WooRefundLine,
  type WooState,
} from './woo-state.js';
import { refundableLeft } from './woo-views.js';

/**
 * `POST /orders/{id}/refunds`, as WooCommerce's REST controller and `wc_create_refund` do it:
 * `amount` (a decimal string) wins over line-item totals; more than is left to refund is
 * "Invalid refund amount." answered as a **500** `woocommerce_rest_cannot_create_order_refund`;
 * with `api_refund` (default true) the order's gateway must be able to refund, else the refund is
 * rolled back with the same 500. There is no idempotency: a repeat makes a second refund. A refund
 * that leaves nothing to refund turns the order `refunded`.
 */
export class WooError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly params?: Record<string, string>,
  ) {
    super(message);
  }
}

interface RefundBody {
  amount?: unknown;
  reason?: unknown;
  api_refund?: unknown;
  api_restock?: unknown;
  line_items?: unknown;
  meta_data?: unknown;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function toBoolean(value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'false' || value === '0' || value === 0) return false;
  return Boolean(value);
}

/** `wc_format_decimal`: what is not a number counts as zero. */
function toMinor(value: unknown, currency: string): number {
  if (typeof value === 'number') return Math.round(value * 10 ** currencyDecimals(currency));
  if (typeof value !== 'string' || value.trim() === '') return 0;
  return decimalToMinor(value, currency) ?? 0;
}

export function createWooRefund(state: WooState, order: WooOrder, body: RefundBody, now: Date): WooRefund {
  const lines: WooRefundLine[] = [];
  const rawLines = Array.isArray(body.line_items) ? body.line_items : [];
  for (const raw of rawLines) {
    const line = asRecord(raw);
    const li = order.lineItems.find((l) => String(l.id) === String(line?.['id']));
    if (!line || !li) continue;
    const quantity = Number(line['quantity'] ?? 0) || 0;
    const amount = toMinor(line['refund_total'], order.currency);
    lines.push({ lineItemId: li.id, quantity, amount });
  }
  const fromLines = lines.reduce((sum, l) => sum + l.amount, 0);
  const hasAmount = body.amount !== undefined && body.amount !== null && body.amount !== '';
  const amount = hasAmount ? toMinor(body.amount, order.currency) : fromLines;
  if (amount < 0) {
    throw new WooError(
      400,
      'woocommerce_rest_invalid_order_refund',
      'Refund amount must be greater than zero.',
    );
  }
  if (amount > refundableLeft(order)) {
    throw new WooError(500, 'woocommerce_rest_cannot_create_order_refund', 'Invalid refund amount.');
  }
  const apiRefund = toBoolean(body.api_refund, true);
  if (apiRefund && !gatewaySupportsRefunds(order.paymentMethod)) {
    throw new WooError(
      500,
      'woocommerce_rest_cannot_create_order_refund',
      'The payment gateway for this order does not support automatic refunds.',
    );
  }
  const meta: WooMeta[] = (Array.isArray(body.meta_data) ? body.meta_data : []).flatMap((raw) => {
    const m = asRecord(raw);
    if (!m || typeof m['key'] !== 'string') return [];
    return [{ id: nextWooId(state), key: m['key'], value: m['value'] ?? '' }];
  });
  const refund: WooRefund = {
    id: nextWooId(state),
    createdAt: now,
    amount,
    reason: typeof body.reason === 'string' ? body.reason : '',
    refundedPayment: apiRefund,
    meta,
    lines,
  };
  order.refunds.push(refund);
  order.modifiedAt = now;
  if (refundableLeft(order) === 0) order.status = 'refunded';
  return refund;
}

/**
 * Setting an order's status to `refunded` makes WooCommerce record a refund of what is left
 * ("Order fully refunded.") without asking the gateway: no money moves.
 */
export function refundRemainderOnStatus(state: WooState, order: WooOrder, now: Date): void {
  const left = refundableLeft(order);
  if (left <= 0) return;
  order.refunds.push({
    id: nextWooId(state),
    createdAt: now,
    amount: left,
    reason: 'Order fully refunded.',
    refundedPayment: false,
    meta: [],
    lines: [],
  });
}
