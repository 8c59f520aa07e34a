import type { TLineItem, TOrder, TSubscription } from '../stores.types.js';

/** An order as a connector reads it from its store, before Deskwoot names it and its contact. */
export type VendorOrder = Omit<TOrder, 'id' | 'store' | 'contact_id' | 'line_items'> & {
  vendorId: string;
  line_items: TLineItem[];
  customer: VendorCustomer;
};

export type VendorSubscription = Omit<TSubscription, 'id' | 'store' | 'contact_id'> & {
  vendorId: string;
  customer: VendorCustomer;
};

/** Who the store says the order belongs to: how it is matched to a contact (email, then customer id). */
export interface VendorCustomer {
  id: string | null;
  email: string | null;
}

/** What became of a money call. `pending`: the store accepted it and settles it later. */
export interface MoneyOutcome {
  status: 'succeeded' | 'pending' | 'failed';
  /** The store's id for what it did (a refund, a job), to check on it later. */
  vendorRef: string | null;
  message?: string;
}

/**
 * Why a store call did not go through. `definite`: the store certainly did nothing (it refused,
 * or was never reached with the request); otherwise the outcome is unknown until looked up.
 * `answered`: the store sent a response (a 5xx, say) — it is done with the request, so looking it
 * up settles the question; without an answer (a timeout) the request may still land later.
 */
export class StoreError extends Error {
  constructor(
    readonly code:
      | 'store_refused'
      | 'nothing_left_to_refund'
      | 'not_cancellable'
      | 'already_cancelled'
      | 'not_supported'
      | 'store_rate_limited'
      | 'store_auth_failed'
      | 'store_unavailable',
    message: string,
    readonly definite: boolean,
    readonly answered = true,
  ) {
    super(message);
    this.name = 'StoreError';
  }
}

/** Codes that mean the store could not be worked with (rather than that it said no). */
export function isOutage(code: string): boolean {
  return code === 'store_unavailable' || code === 'store_rate_limited' || code === 'store_auth_failed';
}

export interface RefundRequest {
  order: VendorOrder;
  amount: number;
  reason: string;
  /** Stable for this money action: the store's idempotency key, or the mark a retry looks for. */
  key: string;
}

export interface CancelOrderRequest {
  order: VendorOrder;
  reason: string;
  key: string;
}

export interface CancelSubscriptionRequest {
  subscription: VendorSubscription;
  atPeriodEnd: boolean;
  reason: string;
  key: string;
}

export type MoneyCall =
  | ({ kind: 'refund' } & RefundRequest)
  | ({ kind: 'cancel_order' } & CancelOrderRequest)
  | ({ kind: 'cancel_subscription' } & CancelSubscriptionRequest);

/**
 * One store, spoken to through its vendor's own client. Reads are live (no cache): limits are
 * checked against what the store says now. Every money call carries `key`, so repeating it after
 * a crash or a timeout never moves money twice.
 */
export interface StoreConnector {
  readonly supportsCancelAtPeriodEnd: boolean;
  findForCustomer(who: {
    email: string | null;
    customerIds: readonly string[];
  }): Promise<{ orders: VendorOrder[]; subscriptions: VendorSubscription[] }>;
  getOrder(vendorId: string): Promise<VendorOrder | null>;
  getSubscription(vendorId: string): Promise<VendorSubscription | null>;
  refund(request: RefundRequest): Promise<MoneyOutcome>;
  cancelOrder(request: CancelOrderRequest): Promise<MoneyOutcome>;
  cancelSubscription(request: CancelSubscriptionRequest): Promise<MoneyOutcome>;
  /**
   * After a call whose outcome is unknown (a timeout, a crash before it was recorded): what the
   * store did with `call`, found by its key or the target's state; null if it did nothing.
   */
  lookup(call: MoneyCall, vendorRef: string | null): Promise<MoneyOutcome | null>;
}
