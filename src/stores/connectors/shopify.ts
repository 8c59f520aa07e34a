import { type AdminApiClient, type ClientResponse, createAdminApiClient } from '@shopify/admin-api-client';
import { z } from 'zod';
import { toDecimal, toMinorUnits } from './amounts.js';
import {
  type CancelOrderRequest,
  type CancelSubscriptionRequest,
  type MoneyCall,
  type MoneyOutcome,
  type RefundRequest,
  type StoreConnector,
  StoreError,
  type VendorOrder,
  type VendorSubscription,
} from './connector.js';
import * as docs from './shopify-documents.js';
import {
  REFUNDABLE_KINDS,
  type ShopifyContract,
  type ShopifyCustomer,
  type ShopifyOrder,
  toOrder,
  toSubscription,
  type Transaction,
  type UserError,
} from './shopify-objects.js';

export interface ShopifyConnectorOptions {
  shop: string;
  accessToken: string;
  /** Another endpoint than https://{shop} (tests, proxies). */
  apiBase?: string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const THROTTLE_RETRIES = 3;

const ZThrottledErrorSchema = z.object({ extensions: z.object({ code: z.literal('THROTTLED') }) });
const ZCostSchema = z
  .object({
    cost: z.object({
      requestedQueryCost: z.number(),
      throttleStatus: z.object({ currentlyAvailable: z.number(), restoreRate: z.number().positive() }),
    }),
  })
  .partial();

/**
 * How long to wait before a throttled call is worth repeating (ms), from the cost Shopify reports;
 * null if the call was not throttled.
 */
function throttledFor(errors: unknown, extensions: unknown): number | null {
  if (!Array.isArray(errors) || !errors.some((e) => ZThrottledErrorSchema.safeParse(e).success)) return null;
  const cost = ZCostSchema.safeParse(extensions).data?.cost;
  const needed = (cost?.requestedQueryCost ?? 100) - (cost?.throttleStatus.currentlyAvailable ?? 0);
  const rate = cost?.throttleStatus.restoreRate ?? 50;
  return Math.min(5_000, Math.max(100, Math.ceil((needed / rate) * 1000)));
}

/** Written into a refund's note, to find the refund again after a crash. */
function mark(key: string): string {
  return `(Deskwoot ${key})`;
}

/** A value for Shopify's search syntax, quoted so it is matched as one term. */
function searchValue(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

function refused(errors: readonly UserError[]): StoreError {
  const message = errors.map((e) => e.message).join('; ') || 'refused';
  if (errors.some((e) => e.code === 'ORDER_ALREADY_CANCELLED' || /already.*cancel/i.test(e.message)))
    return new StoreError('already_cancelled', message, true);
  return new StoreError('store_refused', message, true);
}

/**
 * Shopify, on `@shopify/admin-api-client` (Admin GraphQL). Refunds are allocated against the
 * order's sales and captures and sent with `@idempotent`; a cancellation is a job Shopify finishes
 * later, polled briefly and then by the reconciler.
 */
export class ShopifyConnector implements StoreConnector {
  readonly supportsCancelAtPeriodEnd = false;
  private readonly client: AdminApiClient;

  constructor(options: ShopifyConnectorOptions) {
    const base = options.apiBase ? options.apiBase.replace(/\/$/, '') : null;
    const underlying = options.fetch ?? fetch;
    this.client = createAdminApiClient({
      storeDomain: options.shop,
      apiVersion: docs.SHOPIFY_API_VERSION,
      accessToken: options.accessToken,
      retries: 2,
      // The client always builds https://{shop}/… URLs: aim them at the configured endpoint.
      customFetchApi: (url, init) => {
        const target = base ? `${base}${new URL(String(url)).pathname}` : String(url);
        const signal = AbortSignal.timeout(options.timeoutMs ?? 15_000);
        return underlying(target, { ...(init as RequestInit), signal });
      },
    });
  }

  /**
   * One GraphQL call. A throttled call (Shopify ran none of it) waits for the bucket to refill, as
   * its `extensions.cost` says, a few times; then it fails as rate limited.
   */
  private async request<T>(
    document: string,
    variables: Record<string, unknown>,
    ambiguous = false,
  ): Promise<T> {
    for (let attempt = 0; ; attempt += 1) {
      const response = await this.client.request<T>(document, { variables }).catch(() => {
        throw new StoreError('store_unavailable', 'Shopify could not be reached', !ambiguous, false);
      });
      const wait = throttledFor(response.errors?.graphQLErrors, response.extensions);
      if (wait === null) return this.answer(response, ambiguous);
      if (attempt >= THROTTLE_RETRIES) throw new StoreError('store_rate_limited', 'Throttled', true);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private answer<T>(response: ClientResponse<T>, ambiguous: boolean): T {
    if (response.errors) {
      const status = response.errors.networkStatusCode ?? 0;
      const details = (response.errors.graphQLErrors ?? []).map((e) => (e as { message?: string }).message);
      const message = details.filter(Boolean).join('; ') || (response.errors.message ?? 'request failed');
      if (status === 401 || status === 403) throw new StoreError('store_auth_failed', message, true);
      if (status === 429) throw new StoreError('store_rate_limited', message, true);
      if (status >= 500 || status === 0)
        throw new StoreError('store_unavailable', message, !ambiguous, status !== 0);
      throw new StoreError('store_refused', message, true);
    }
    if (!response.data) throw new StoreError('store_unavailable', 'Shopify sent no data', !ambiguous);
    return response.data;
  }

  async verify(): Promise<void> {
    await this.request(docs.VERIFY, {});
  }

  async findForCustomer(who: { email: string | null; customerIds: readonly string[] }) {
    const ids = new Set(who.customerIds);
    const orders = new Map<string, VendorOrder>();
    if (who.email) {
      const found = await this.request<{ customers: { nodes: ShopifyCustomer[] } }>(docs.FIND_CUSTOMERS, {
        query: `email:${searchValue(who.email)}`,
      });
      for (const customer of found.customers.nodes) ids.add(customer.id);
      const byEmail = await this.request<{ orders: { nodes: ShopifyOrder[] } }>(docs.ORDERS, {
        query: `email:${searchValue(who.email)}`,
      });
      for (const order of byEmail.orders.nodes) orders.set(order.id, toOrder(order));
    }
    const subscriptions: VendorSubscription[] = [];
    for (const id of ids) {
      const numeric = id.split('/').pop() ?? id;
      const [byCustomer, contracts] = await Promise.all([
        this.request<{ orders: { nodes: ShopifyOrder[] } }>(docs.ORDERS, { query: `customer_id:${numeric}` }),
        this.request<{ customer: { subscriptionContracts: { nodes: ShopifyContract[] } } | null }>(
          docs.CUSTOMER_CONTRACTS,
          { id },
        ),
      ]);
      for (const order of byCustomer.orders.nodes) orders.set(order.id, toOrder(order));
      subscriptions.push(...(contracts.customer?.subscriptionContracts.nodes ?? []).map(toSubscription));
    }
    return { orders: [...orders.values()], subscriptions };
  }

  async getOrder(vendorId: string): Promise<VendorOrder | null> {
    const data = await this.request<{ order: ShopifyOrder | null }>(docs.ORDER, { id: vendorId });
    return data.order ? toOrder(data.order) : null;
  }

  async getSubscription(vendorId: string): Promise<VendorSubscription | null> {
    const data = await this.request<{ subscriptionContract: ShopifyContract | null }>(docs.CONTRACT, {
      id: vendorId,
    });
    return data.subscriptionContract ? toSubscription(data.subscriptionContract) : null;
  }

  /** Splits a refund over the order's successful sales and captures, newest first. */
  private async allocate(request: RefundRequest) {
    const data = await this.request<{ order: { transactions: Transaction[] } | null }>(
      docs.ORDER_TRANSACTIONS,
      { id: request.order.vendorId },
    );
    const transactions = data.order?.transactions ?? [];
    const currency = request.order.currency;
    const refundedFrom = new Map<string, number>();
    for (const t of transactions) {
      if (t.kind === 'REFUND' && t.status === 'SUCCESS' && t.parentTransaction) {
        const id = t.parentTransaction.id;
        refundedFrom.set(
          id,
          (refundedFrom.get(id) ?? 0) + toMinorUnits(t.amountSet.shopMoney.amount, currency),
        );
      }
    }
    let left = request.amount;
    const parts = [];
    for (const t of [...transactions].reverse()) {
      if (left <= 0) break;
      if (!REFUNDABLE_KINDS.has(t.kind) || t.status !== 'SUCCESS') continue;
      const available = toMinorUnits(t.amountSet.shopMoney.amount, currency) - (refundedFrom.get(t.id) ?? 0);
      const amount = Math.min(left, available);
      if (amount <= 0) continue;
      parts.push({
        orderId: request.order.vendorId,
        parentId: t.id,
        gateway: t.gateway ?? 'manual',
        kind: 'REFUND',
        amount: toDecimal(amount, currency),
      });
      left -= amount;
    }
    if (left > 0) throw new StoreError('nothing_left_to_refund', 'Not that much is left to refund', true);
    return parts;
  }

  async refund(request: RefundRequest): Promise<MoneyOutcome> {
    const transactions = await this.allocate(request);
    const data = await this.request<{
      refundCreate: {
        refund: { id: string; transactions: { nodes: { status: string }[] } } | null;
        userErrors: UserError[];
      };
    }>(
      docs.REFUND_CREATE,
      {
        key: request.key,
        input: {
          orderId: request.order.vendorId,
          note: `${request.reason.slice(0, 900)} ${mark(request.key)}`,
          notify: true,
          currency: request.order.currency,
          transactions,
        },
      },
      true,
    );
    const { refund, userErrors } = data.refundCreate;
    if (userErrors.length || !refund) throw refused(userErrors);
    const statuses = refund.transactions.nodes.map((t) => t.status);
    const status = statuses.some((s) => s === 'FAILURE' || s === 'ERROR')
      ? 'failed'
      : statuses.every((s) => s === 'SUCCESS')
        ? 'succeeded'
        : 'pending';
    return { status, vendorRef: refund.id };
  }

  private async jobDone(id: string): Promise<boolean> {
    const data = await this.request<{ job: { done: boolean } | null }>(docs.JOB, { id });
    return data.job?.done ?? false;
  }

  async cancelOrder(request: CancelOrderRequest): Promise<MoneyOutcome> {
    const data = await this.request<{
      orderCancel: { job: { id: string; done: boolean } | null; orderCancelUserErrors: UserError[] };
    }>(docs.ORDER_CANCEL, { orderId: request.order.vendorId, note: request.reason.slice(0, 500) }, true);
    const { job, orderCancelUserErrors } = data.orderCancel;
    if (orderCancelUserErrors.length || !job) throw refused(orderCancelUserErrors);
    // Shopify cancels in the background: look a few times, then leave it to the reconciler.
    for (let poll = 0; poll < 5 && !job.done; poll += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100 * (poll + 1)));
      job.done = await this.jobDone(job.id);
    }
    return { status: job.done ? 'succeeded' : 'pending', vendorRef: job.id };
  }

  async cancelSubscription(request: CancelSubscriptionRequest): Promise<MoneyOutcome> {
    if (request.atPeriodEnd)
      throw new StoreError(
        'not_supported',
        'Shopify subscription contracts cannot cancel at period end',
        true,
      );
    const data = await this.request<{
      subscriptionContractCancel: {
        contract: { id: string; status: string } | null;
        userErrors: UserError[];
      };
    }>(docs.CONTRACT_CANCEL, { id: request.subscription.vendorId }, true);
    const { contract, userErrors } = data.subscriptionContractCancel;
    if (userErrors.length || !contract) throw refused(userErrors);
    return { status: contract.status === 'CANCELLED' ? 'succeeded' : 'pending', vendorRef: contract.id };
  }

  async lookup(call: MoneyCall, vendorRef: string | null): Promise<MoneyOutcome | null> {
    switch (call.kind) {
      case 'refund': {
        const data = await this.request<{ order: { refunds: { id: string; note: string | null }[] } | null }>(
          docs.ORDER_TRANSACTIONS,
          { id: call.order.vendorId },
        );
        const mine = data.order?.refunds.find((r) => r.note?.includes(mark(call.key)));
        return mine ? { status: 'succeeded', vendorRef: mine.id } : null;
      }
      case 'cancel_order': {
        if (vendorRef && (await this.jobDone(vendorRef))) return { status: 'succeeded', vendorRef };
        const order = await this.getOrder(call.order.vendorId);
        if (order?.status === 'cancelled') return { status: 'succeeded', vendorRef };
        return vendorRef ? { status: 'pending', vendorRef } : null;
      }
      case 'cancel_subscription': {
        const sub = await this.getSubscription(call.subscription.vendorId);
        return sub?.status === 'cancelled'
          ? { status: 'succeeded', vendorRef: call.subscription.vendorId }
          : null;
      }
    }
  }
}
