import { GraphQLError, getDirectiveValues, type GraphQLResolveInfo } from 'graphql';
import { randomUUID } from 'node:crypto';
import { decimalToMinor } from '../../../src/sandbox/money.js';
import { formatMoney } from '../../../src/sandbox/money.js';
import {
  gid,
  nextId,
  orderRefundable,
  parseGid,
  refundedQuantity,
  type ShopJob,
  type ShopOrder,
  type ShopRefundLine,
  type ShopTransaction,
} from './shopify-state.js';
import { orderView, refundView } from './shopify-order-views.js';
import { contractView, jobView, type ShopContext } from './shopify-views.js';

/**
 * The mutations the connectors use. Business failures are `userErrors` in the payload (HTTP 200),
 * as on Shopify; only protocol problems (a missing idempotency key) are top-level GraphQL errors.
 */
interface RefundInput {
  orderId: string;
  note?: string | null;
  notify?: boolean | null;
  currency?: string | null;
  allowOverRefunding?: boolean | null;
  refundLineItems?: { lineItemId: string; quantity: number; restockType?: string | null }[] | null;
  transactions?:
    { orderId: string; parentId?: string | null; amount: string; gateway: string; kind: string }[] | null;
  shipping?: { fullRefund?: boolean | null; shippingRefundAmount?: { amount: string } | null } | null;
}

const userError = (field: string[] | null, message: string) => ({ field, message });

/** The key of `@idempotent(key: …)` on this field, or undefined without the directive. */
function idempotencyKey(info: GraphQLResolveInfo): string | undefined {
  const directive = info.schema.getDirective('idempotent');
  const node = info.fieldNodes[0];
  if (!directive || !node) return undefined;
  const values = getDirectiveValues(directive, node, info.variableValues);
  const key: unknown = values?.['key'];
  return typeof key === 'string' ? key : undefined;
}

export function refundCreate(ctx: ShopContext, input: RefundInput, info: GraphQLResolveInfo): unknown {
  const key = idempotencyKey(info);
  // Mandatory since 2026-04: the schema cannot say so, the server refuses at runtime.
  if (key === undefined) {
    throw new GraphQLError(
      'The refundCreate mutation requires an idempotency key: add @idempotent(key: "…").',
      {
        extensions: { code: 'IDEMPOTENCY_KEY_REQUIRED' },
      },
    );
  }
  if (key.trim() === '') {
    throw new GraphQLError('The idempotency key cannot be an empty string or whitespace only.', {
      extensions: { code: 'BAD_REQUEST' },
    });
  }
  const print = JSON.stringify(input);
  const seen = ctx.state.idempotency.get(key);
  if (seen) {
    if (seen.fingerprint !== print) {
      throw new GraphQLError('The idempotency key was already used with different mutation variables.', {
        extensions: { code: 'IDEMPOTENCY_KEY_REUSED' },
      });
    }
    return seen.payload;
  }
  const payload = performRefund(ctx, input);
  ctx.state.idempotency.set(key, { fingerprint: print, payload });
  return payload;
}

function performRefund(ctx: ShopContext, input: RefundInput): unknown {
  const orderId = parseGid(input.orderId, 'Order');
  const order = orderId === null ? undefined : ctx.state.orders.get(orderId);
  if (!order)
    return { refund: null, order: null, userErrors: [userError(['orderId'], 'Order does not exist')] };
  const errors: { field: string[] | null; message: string }[] = [];

  const lines: ShopRefundLine[] = [];
  (input.refundLineItems ?? []).forEach((line, index) => {
    const id = parseGid(line.lineItemId, 'LineItem');
    const li = order.lineItems.find((l) => l.id === id);
    if (!li) {
      errors.push(userError(['refundLineItems', String(index), 'lineItemId'], 'Line item does not exist'));
      return;
    }
    if (line.quantity < 1 || line.quantity > li.quantity - refundedQuantity(order, li.id)) {
      errors.push(
        userError(
          ['refundLineItems', String(index), 'quantity'],
          'Quantity cannot refund more items than were purchased',
        ),
      );
      return;
    }
    lines.push({ lineItemId: li.id, quantity: line.quantity, restockType: line.restockType ?? 'NO_RESTOCK' });
  });

  const transactions: Omit<ShopTransaction, 'id'>[] = [];
  (input.transactions ?? []).forEach((t, index) => {
    const field = (name: string) => ['transactions', String(index), name];
    if (t.kind !== 'REFUND') {
      errors.push(userError(field('kind'), 'Kind must be refund'));
      return;
    }
    const amount = decimalToMinor(t.amount, order.currency);
    if (amount === null || amount <= 0) {
      errors.push(userError(field('amount'), 'Amount must be greater than zero'));
      return;
    }
    const parentId = t.parentId ? parseGid(t.parentId, 'OrderTransaction') : null;
    const parent = order.transactions.find((p) => p.id === parentId);
    if (t.parentId && (!parent || (parent.kind !== 'SALE' && parent.kind !== 'CAPTURE'))) {
      errors.push(userError(field('parentId'), 'Parent transaction does not exist or cannot be refunded'));
      return;
    }
    transactions.push({
      kind: 'REFUND',
      status: 'SUCCESS',
      amount,
      gateway: t.gateway,
      parentId: parent?.id ?? null,
      createdAt: ctx.now(),
    });
  });

  const amount = transactions.reduce((sum, t) => sum + t.amount, 0);
  const refundable = orderRefundable(order);
  if (amount > refundable && !input.allowOverRefunding) {
    errors.push(
      userError(
        ['transactions'],
        `Refund amount (${formatMoney(amount, order.currency)}) is greater than the refundable amount (${formatMoney(refundable, order.currency)}).`,
      ),
    );
  }
  if (errors.length > 0) return { refund: null, order: orderView(ctx, order), userErrors: errors };

  const stored = transactions.map((t) => ({ ...t, id: nextId(ctx.state) }));
  order.transactions.push(...stored);
  const refund = {
    id: nextId(ctx.state),
    note: input.note ?? null,
    createdAt: ctx.now(),
    amount,
    transactionIds: stored.map((t) => t.id),
    lines,
  };
  order.refunds.push(refund);
  order.updatedAt = ctx.now();
  return { refund: refundView(ctx, order, refund), order: orderView(ctx, order), userErrors: [] };
}

interface OrderCancelArgs {
  orderId: string;
  reason: string;
  refund?: boolean | null;
  restock: boolean;
  notifyCustomer?: boolean | null;
  staffNote?: string | null;
}

const cancelError = (code: string, field: string[] | null, message: string) => ({ code, field, message });

/**
 * `orderCancel` only starts the work: it answers with a `job` that is `done: false` until a later
 * poll of `job(id)` (or `completeJobs()`), and the order is cancelled when the job completes. An
 * order that is cancelled, or already being cancelled, cannot be cancelled again.
 */
export function orderCancel(ctx: ShopContext, args: OrderCancelArgs, pollsBeforeDone: number): unknown {
  const id = parseGid(args.orderId, 'Order');
  const order = id === null ? undefined : ctx.state.orders.get(id);
  const refusal = (code: string, message: string) => {
    const errors = [cancelError(code, ['orderId'], message)];
    return {
      job: null,
      jobResult: null,
      orderCancelUserErrors: errors,
      userErrors: errors.map(({ field, message: m }) => ({ field, message: m })),
    };
  };
  if (!order) return refusal('NOT_FOUND', 'Order does not exist');
  if (order.cancelledAt !== null)
    return refusal('INVALID', 'Cannot cancel an order that has already been cancelled');
  const running = [...ctx.state.jobs.values()].some((j) => j.orderId === order.id && !j.done);
  if (running) return refusal('INVALID', 'Order cancellation is already in progress');
  const job: ShopJob = {
    id: gid('Job', randomUUID()),
    orderId: order.id,
    reason: args.reason,
    refund: args.refund ?? true,
    staffNote: args.staffNote ?? null,
    pollsLeft: pollsBeforeDone,
    done: false,
  };
  ctx.state.jobs.set(job.id, job);
  return { job: jobView(ctx, job), jobResult: null, orderCancelUserErrors: [], userErrors: [] };
}

/** Finishes a cancellation job: the order is cancelled and, when asked, what was paid is refunded. */
export function completeJob(ctx: ShopContext, job: ShopJob): void {
  if (job.done) return;
  job.done = true;
  const order = ctx.state.orders.get(job.orderId);
  if (!order || order.cancelledAt !== null) return;
  order.cancelledAt = ctx.now();
  order.cancelReason = job.reason;
  order.updatedAt = ctx.now();
  const refundable = orderRefundable(order);
  const parent = order.transactions.find(
    (t) => (t.kind === 'SALE' || t.kind === 'CAPTURE') && t.status === 'SUCCESS',
  );
  if (job.refund && refundable > 0 && parent) cancelRefund(ctx, order, parent, refundable);
  const auth = order.transactions.find((t) => t.kind === 'AUTHORIZATION' && t.status === 'SUCCESS');
  if (auth && !parent) {
    order.transactions.push({
      ...auth,
      id: nextId(ctx.state),
      kind: 'VOID',
      parentId: auth.id,
      createdAt: ctx.now(),
    });
  }
}

function cancelRefund(ctx: ShopContext, order: ShopOrder, parent: ShopTransaction, amount: number): void {
  const transaction: ShopTransaction = {
    id: nextId(ctx.state),
    kind: 'REFUND',
    status: 'SUCCESS',
    amount,
    gateway: parent.gateway,
    parentId: parent.id,
    createdAt: ctx.now(),
  };
  order.transactions.push(transaction);
  order.refunds.push({
    id: nextId(ctx.state),
    note: 'Order cancelled',
    createdAt: ctx.now(),
    amount,
    transactionIds: [transaction.id],
    lines: order.lineItems
      .map((li) => ({
        lineItemId: li.id,
        quantity: li.quantity - refundedQuantity(order, li.id),
        restockType: 'CANCEL',
      }))
      .filter((l) => l.quantity > 0),
  });
}

export function subscriptionContractCancel(
  ctx: ShopContext,
  args: { subscriptionContractId: string },
): unknown {
  const id = parseGid(args.subscriptionContractId, 'SubscriptionContract');
  const contract = id === null ? undefined : ctx.state.contracts.get(id);
  const field = ['subscriptionContractId'];
  if (!contract) {
    return {
      contract: null,
      userErrors: [{ code: 'INVALID', field, message: 'Subscription contract does not exist' }],
    };
  }
  if (contract.status === 'CANCELLED' || contract.status === 'EXPIRED') {
    return {
      contract: contractView(ctx, contract),
      userErrors: [{ code: 'CONTRACT_TERMINATED', field, message: 'Contract has already been terminated' }],
    };
  }
  contract.status = 'CANCELLED';
  contract.nextBillingDate = null;
  contract.updatedAt = ctx.now();
  return { contract: contractView(ctx, contract), userErrors: [] };
}
