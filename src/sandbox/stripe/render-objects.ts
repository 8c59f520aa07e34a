import { stripeErrors } from './stripe-errors.js';
import {
  refundsOfCharge,
  type StripeChargeRecord,
  type StripeCustomerRecord,
  type StripePaymentIntentRecord,
  type StripeRefundRecord,
  type StripeSandboxState,
} from './stripe-state.js';

/**
 * Stripe's objects as the API (version 2026-10, what the SDK asks for) returns them, built from the
 * sandbox's records. `expand` holds the paths to expand relative to the object; a path Stripe
 * would refuse is refused.
 */
export type Json = Record<string, unknown>;

/** Refunds that hold money: a pending refund counts until it fails. */
const HOLDING: ReadonlySet<string> = new Set(['pending', 'requires_action', 'succeeded']);

export function amountRefunded(state: StripeSandboxState, charge: StripeChargeRecord): number {
  if (charge.released) return charge.amount;
  return refundsOfCharge(state, charge.id)
    .filter((r) => HOLDING.has(r.status))
    .reduce((sum, r) => sum + r.amount, 0);
}

export function takeExpansions(expand: readonly string[], allowed: readonly string[]): Set<string> {
  const wanted = new Set<string>();
  for (const path of expand) {
    if (!allowed.includes(path)) throw stripeErrors.cannotExpand(path);
    wanted.add(path);
  }
  return wanted;
}

/** Expansions for each item of a list: `data.latest_charge` → `latest_charge`. */
export function listExpansions(expand: readonly string[]): string[] {
  return expand.map((path) => {
    if (!path.startsWith('data.')) throw stripeErrors.cannotExpand(path);
    return path.slice('data.'.length);
  });
}

export function renderList(url: string, data: Json[], hasMore: boolean): Json {
  return { object: 'list', data, has_more: hasMore, url };
}

export function renderCustomer(customer: StripeCustomerRecord, expand: readonly string[] = []): Json {
  takeExpansions(expand, []);
  return {
    id: customer.id,
    object: 'customer',
    address: null,
    balance: 0,
    created: customer.created,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    discount: null,
    email: customer.email,
    invoice_prefix: customer.id.slice(4, 12).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: {},
    name: customer.name,
    next_invoice_sequence: 1,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: 'none',
    test_clock: null,
  };
}

export function customerOrId(state: StripeSandboxState, id: string, expanded: boolean): unknown {
  const customer = state.customers[id];
  return expanded && customer ? renderCustomer(customer) : id;
}

export function renderCharge(
  state: StripeSandboxState,
  charge: StripeChargeRecord,
  expand: readonly string[] = [],
): Json {
  const wanted = takeExpansions(expand, ['customer', 'payment_intent', 'refunds']);
  const refunded = amountRefunded(state, charge);
  const intent = state.paymentIntents[charge.paymentIntent];
  const out: Json = {
    id: charge.id,
    object: 'charge',
    amount: charge.amount,
    amount_captured: charge.captured ? charge.amount : 0,
    amount_refunded: refunded,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: charge.captured ? `txn_${charge.id.slice(3)}` : null,
    billing_details: { address: emptyAddress(), email: null, name: null, phone: null },
    calculated_statement_descriptor: 'DESKWOOT SANDBOX',
    captured: charge.captured,
    created: charge.created,
    currency: charge.currency,
    customer: customerOrId(state, charge.customer, wanted.has('customer')),
    description: intent?.description ?? null,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: {
      network_status: 'approved_by_network',
      reason: null,
      risk_level: 'normal',
      risk_score: 20,
      seller_message: 'Payment complete.',
      type: 'authorized',
    },
    paid: charge.status === 'succeeded',
    payment_intent:
      wanted.has('payment_intent') && intent ? renderPaymentIntent(state, intent) : charge.paymentIntent,
    payment_method: charge.paymentMethod,
    payment_method_details: {
      card: {
        brand: 'visa',
        checks: { address_line1_check: null, address_postal_code_check: null, cvc_check: 'pass' },
        country: 'US',
        exp_month: 12,
        exp_year: 2034,
        fingerprint: 'sandboxcardfingerprint',
        funding: 'credit',
        last4: '4242',
        network: 'visa',
        three_d_secure: null,
        wallet: null,
      },
      type: 'card',
    },
    receipt_email: null,
    receipt_number: null,
    receipt_url: null,
    refunded: refunded >= charge.amount,
    review: null,
    shipping: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: charge.status,
    transfer_data: null,
    transfer_group: null,
  };
  if (wanted.has('refunds')) {
    const refunds = refundsOfCharge(state, charge.id).map((r) => renderRefund(state, r));
    out['refunds'] = renderList(`/v1/charges/${charge.id}/refunds`, refunds, false);
  }
  return out;
}

function emptyAddress(): Json {
  return { city: null, country: null, line1: null, line2: null, postal_code: null, state: null };
}

export function renderPaymentIntent(
  state: StripeSandboxState,
  intent: StripePaymentIntentRecord,
  expand: readonly string[] = [],
): Json {
  const wanted = takeExpansions(expand, ['customer', 'latest_charge']);
  const charge = intent.latestCharge === null ? undefined : state.charges[intent.latestCharge];
  return {
    id: intent.id,
    object: 'payment_intent',
    amount: intent.amount,
    amount_capturable: intent.status === 'requires_capture' ? intent.amount : 0,
    amount_details: { tip: {} },
    amount_received: intent.status === 'succeeded' ? intent.amount : 0,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: null,
    canceled_at: intent.canceledAt,
    cancellation_reason: intent.cancellationReason,
    capture_method: intent.captureMethod,
    client_secret: `${intent.id}_secret_sandbox`,
    confirmation_method: 'automatic',
    created: intent.created,
    currency: intent.currency,
    customer: customerOrId(state, intent.customer, wanted.has('customer')),
    description: intent.description,
    last_payment_error: null,
    latest_charge: wanted.has('latest_charge') && charge ? renderCharge(state, charge) : intent.latestCharge,
    livemode: false,
    metadata: intent.metadata,
    next_action: null,
    on_behalf_of: null,
    payment_method: intent.status === 'requires_payment_method' ? null : intent.paymentMethod,
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ['card'],
    processing: null,
    receipt_email: null,
    review: null,
    setup_future_usage: null,
    shipping: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: intent.status,
    transfer_data: null,
    transfer_group: null,
  };
}

export function renderRefund(
  state: StripeSandboxState,
  refund: StripeRefundRecord,
  expand: readonly string[] = [],
): Json {
  const wanted = takeExpansions(expand, ['charge', 'payment_intent']);
  const charge = state.charges[refund.charge];
  const intent = state.paymentIntents[refund.paymentIntent];
  const out: Json = {
    id: refund.id,
    object: 'refund',
    amount: refund.amount,
    balance_transaction: refund.status === 'succeeded' ? `txn_${refund.id.slice(3)}` : null,
    charge: wanted.has('charge') && charge ? renderCharge(state, charge) : refund.charge,
    created: refund.created,
    currency: refund.currency,
    destination_details: {
      card: { reference_status: 'pending', reference_type: 'acquirer_reference_number', type: 'refund' },
      type: 'card',
    },
    metadata: refund.metadata,
    payment_intent:
      wanted.has('payment_intent') && intent ? renderPaymentIntent(state, intent) : refund.paymentIntent,
    reason: refund.reason,
    receipt_number: null,
    source_transfer_reversal: null,
    status: refund.status,
    transfer_reversal: null,
  };
  if (refund.status === 'pending') out['pending_reason'] = 'processing';
  if (refund.status === 'failed') {
    out['failure_reason'] = refund.failureReason;
    out['failure_balance_transaction'] = `txn_${refund.id.slice(3)}f`;
  }
  return out;
}
