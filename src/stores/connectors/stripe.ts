import Stripe from 'stripe';
import type { ZOrderStatusSchema, ZSubscriptionStatusSchema } from '../stores.types.js';
import type { z } from 'zod';
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

export interface StripeConnectorOptions {
  secretKey: string;
  /** Another endpoint than api.stripe.com (tests, proxies), e.g. `http://127.0.0.1:12111`. */
  apiBase?: string | null;
  /** Requests go through this fetch instead of the network (the demo's in-process sandbox). */
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** Where a refund or cancellation made by Deskwoot is marked, to find it again after a crash. */
const KEY_FIELD = 'deskwoot_money_action';
const PAGE = 100;

function client(options: StripeConnectorOptions): Stripe {
  const base = options.apiBase ? new URL(options.apiBase) : null;
  return new Stripe(options.secretKey, {
    // The SDK retries network errors, 409s, 429s and 5xx with the same idempotency key.
    maxNetworkRetries: 2,
    timeout: options.timeoutMs ?? 15_000,
    telemetry: false,
    appInfo: { name: 'Deskwoot' },
    ...(base && {
      host: base.hostname,
      port: base.port || (base.protocol === 'https:' ? 443 : 80),
      protocol: base.protocol === 'http:' ? 'http' : 'https',
    }),
    ...(options.fetch && { httpClient: Stripe.createFetchHttpClient(options.fetch) }),
  });
}

type OrderStatus = z.infer<typeof ZOrderStatusSchema>;

function chargeOf(intent: Stripe.PaymentIntent): Stripe.Charge | null {
  return typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
}

function orderStatus(intent: Stripe.PaymentIntent, total: number, refunded: number): OrderStatus {
  if (intent.status === 'canceled') return 'cancelled';
  if (intent.status !== 'succeeded') return 'pending';
  if (refunded >= total && total > 0) return 'refunded';
  return refunded > 0 ? 'partially_refunded' : 'paid';
}

function toOrder(intent: Stripe.PaymentIntent, customer: VendorCustomer): VendorOrder {
  const charge = chargeOf(intent);
  const total = intent.status === 'succeeded' ? intent.amount_received : intent.amount;
  const refunded = charge?.amount_refunded ?? 0;
  const status = orderStatus(intent, total, refunded);
  const refundable = status === 'paid' || status === 'partially_refunded' ? Math.max(0, total - refunded) : 0;
  return {
    vendorId: intent.id,
    number: intent.metadata.order_number ?? intent.id,
    status,
    currency: intent.currency.toUpperCase(),
    total,
    refunded_amount: refunded,
    refundable_amount: refundable,
    created_at: new Date(intent.created * 1000).toISOString(),
    line_items: [{ name: intent.description ?? 'Payment', quantity: 1, amount: total }],
    customer,
  };
}

const SUBSCRIPTION_STATUS: Record<Stripe.Subscription.Status, z.infer<typeof ZSubscriptionStatusSchema>> = {
  active: 'active',
  trialing: 'trialing',
  past_due: 'past_due',
  unpaid: 'past_due',
  paused: 'paused',
  canceled: 'cancelled',
  incomplete: 'past_due',
  incomplete_expired: 'expired',
};

function toSubscription(subscription: Stripe.Subscription, customer: VendorCustomer): VendorSubscription {
  const items = subscription.items.data;
  const first = items[0];
  const amount = items.reduce((sum, item) => sum + (item.price.unit_amount ?? 0) * (item.quantity ?? 1), 0);
  const periodEnds = items.map((item) => item.current_period_end).filter((t) => typeof t === 'number');
  return {
    vendorId: subscription.id,
    status: SUBSCRIPTION_STATUS[subscription.status] ?? 'past_due',
    plan: first?.price.nickname ?? (typeof first?.price.product === 'string' ? first.price.product : 'Plan'),
    currency: (first?.price.currency ?? subscription.currency).toUpperCase(),
    amount,
    current_period_end: periodEnds.length ? new Date(Math.min(...periodEnds) * 1000).toISOString() : null,
    cancel_at_period_end: subscription.cancel_at_period_end,
    customer,
  };
}

/** A Stripe error as a store error: definite unless Stripe may have acted (5xx, network). */
function storeError(error: unknown): StoreError {
  if (!(error instanceof Stripe.errors.StripeError)) {
    return new StoreError('store_unavailable', 'Stripe could not be reached', false, false);
  }
  const { message } = error;
  if (error.code === 'charge_already_refunded')
    return new StoreError('nothing_left_to_refund', message, true);
  if (error.code === 'payment_intent_unexpected_state')
    return new StoreError('not_cancellable', message, true);
  if (error instanceof Stripe.errors.StripeRateLimitError)
    return new StoreError('store_rate_limited', message, true);
  if (
    error instanceof Stripe.errors.StripeAuthenticationError ||
    error instanceof Stripe.errors.StripePermissionError
  )
    return new StoreError('store_auth_failed', message, true);
  if (error instanceof Stripe.errors.StripeConnectionError)
    return new StoreError('store_unavailable', message, false, false);
  if (error instanceof Stripe.errors.StripeAPIError)
    return new StoreError('store_unavailable', message, false);
  return new StoreError('store_refused', message, (error.statusCode ?? 500) < 500);
}

async function call<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw storeError(error);
  }
}

/** Null instead of an error when Stripe says the object does not exist. */
async function orNull<T>(work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeInvalidRequestError && error.statusCode === 404) return null;
    throw storeError(error);
  }
}

function refundOutcome(refund: Stripe.Refund): MoneyOutcome {
  const status =
    refund.status === 'succeeded'
      ? 'succeeded'
      : refund.status === 'failed' || refund.status === 'canceled'
        ? 'failed'
        : 'pending';
  return { status, vendorRef: refund.id };
}

/**
 * Stripe, on the official SDK. Orders are PaymentIntents (their latest charge carries what was
 * refunded), subscriptions are Subscriptions; customers are matched by email and by customer id.
 */
export class StripeConnector implements StoreConnector {
  readonly supportsCancelAtPeriodEnd = true;
  private readonly stripe: Stripe;

  constructor(options: StripeConnectorOptions) {
    this.stripe = client(options);
  }

  /** A cheap authenticated read, to check the key when the store is connected. */
  async verify(): Promise<void> {
    await call(() => this.stripe.customers.list({ limit: 1 }));
  }

  async findForCustomer(who: { email: string | null; customerIds: readonly string[] }) {
    const customers = new Map<string, VendorCustomer>();
    if (who.email) {
      const found = await call(() => this.stripe.customers.list({ email: who.email!, limit: 10 }));
      for (const c of found.data) customers.set(c.id, { id: c.id, email: c.email ?? null });
    }
    for (const id of who.customerIds) if (!customers.has(id)) customers.set(id, { id, email: who.email });
    const orders: VendorOrder[] = [];
    const subscriptions: VendorSubscription[] = [];
    for (const customer of customers.values()) {
      const id = customer.id!;
      const [intents, subs] = await Promise.all([
        call(() =>
          this.stripe.paymentIntents.list({ customer: id, limit: PAGE, expand: ['data.latest_charge'] }),
        ),
        call(() => this.stripe.subscriptions.list({ customer: id, status: 'all', limit: PAGE })),
      ]);
      orders.push(...intents.data.map((intent) => toOrder(intent, customer)));
      subscriptions.push(...subs.data.map((sub) => toSubscription(sub, customer)));
    }
    return { orders, subscriptions };
  }

  private async customer(
    id: string | Stripe.Customer | Stripe.DeletedCustomer | null,
  ): Promise<VendorCustomer> {
    if (id === null) return { id: null, email: null };
    if (typeof id !== 'string') return { id: id.id, email: 'email' in id ? (id.email ?? null) : null };
    const customer = await orNull(() => this.stripe.customers.retrieve(id));
    return { id, email: customer && !customer.deleted ? (customer.email ?? null) : null };
  }

  async getOrder(vendorId: string): Promise<VendorOrder | null> {
    const intent = await orNull(() =>
      this.stripe.paymentIntents.retrieve(vendorId, { expand: ['latest_charge'] }),
    );
    return intent ? toOrder(intent, await this.customer(intent.customer)) : null;
  }

  async getSubscription(vendorId: string): Promise<VendorSubscription | null> {
    const subscription = await orNull(() => this.stripe.subscriptions.retrieve(vendorId));
    return subscription ? toSubscription(subscription, await this.customer(subscription.customer)) : null;
  }

  async refund(request: RefundRequest): Promise<MoneyOutcome> {
    const refund = await call(() =>
      this.stripe.refunds.create(
        {
          payment_intent: request.order.vendorId,
          amount: request.amount,
          reason: 'requested_by_customer',
          metadata: { [KEY_FIELD]: request.key, reason: request.reason.slice(0, 500) },
        },
        { idempotencyKey: request.key },
      ),
    );
    return refundOutcome(refund);
  }

  /** Only a payment not yet captured can be cancelled on Stripe; a captured one is refunded instead. */
  async cancelOrder(request: CancelOrderRequest): Promise<MoneyOutcome> {
    const intent = await call(() =>
      this.stripe.paymentIntents.cancel(
        request.order.vendorId,
        { cancellation_reason: 'requested_by_customer' },
        { idempotencyKey: request.key },
      ),
    );
    return { status: intent.status === 'canceled' ? 'succeeded' : 'pending', vendorRef: intent.id };
  }

  async cancelSubscription(request: CancelSubscriptionRequest): Promise<MoneyOutcome> {
    const id = request.subscription.vendorId;
    const subscription = await call(() =>
      request.atPeriodEnd
        ? this.stripe.subscriptions.update(
            id,
            { cancel_at_period_end: true, metadata: { [KEY_FIELD]: request.key } },
            { idempotencyKey: request.key },
          )
        : this.stripe.subscriptions.cancel(id, {}, { idempotencyKey: request.key }),
    );
    return { status: 'succeeded', vendorRef: subscription.id };
  }

  async lookup(call_: MoneyCall, vendorRef: string | null): Promise<MoneyOutcome | null> {
    switch (call_.kind) {
      case 'refund': {
        if (vendorRef) {
          const refund = await orNull(() => this.stripe.refunds.retrieve(vendorRef));
          if (refund) return refundOutcome(refund);
        }
        const refunds = await call(() =>
          this.stripe.refunds.list({ payment_intent: call_.order.vendorId, limit: PAGE }),
        );
        const mine = refunds.data.find((r) => r.metadata?.[KEY_FIELD] === call_.key);
        return mine ? refundOutcome(mine) : null;
      }
      case 'cancel_order': {
        const order = await this.getOrder(call_.order.vendorId);
        return order?.status === 'cancelled'
          ? { status: 'succeeded', vendorRef: call_.order.vendorId }
          : null;
      }
      case 'cancel_subscription': {
        const sub = await this.getSubscription(call_.subscription.vendorId);
        const done = call_.atPeriodEnd ? sub?.cancel_at_period_end : sub?.status === 'cancelled';
        return done ? { status: 'succeeded', vendorRef: call_.subscription.vendorId } : null;
      }
    }
  }
}
