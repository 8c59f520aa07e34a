import type { Actor } from '../core/actor.js';
import { perform } from '../core/perform.js';
import type { Services } from '../core/services.js';
import { SANDBOX_API_BASE } from '../sandbox/sandbox-stores.js';
import { connectStore } from '../stores/connect-store.js';
import { findStore } from '../stores/stores.repository.js';
import { DEMO_CONTACTS, DEMO_PRODUCTS } from './demo-contacts.js';

/** The demo's sandbox key: a Stripe-shaped test key that only the in-process sandbox accepts. */
const DEMO_SANDBOX_KEY = 'sk_test_deskwoot_demo_sandbox';
const DAY = 86_400_000;

interface DemoOrder {
  contact: number;
  amount: number;
  currency: 'USD' | 'EUR' | 'GBP' | 'JPY';
  ageDays: number;
  status?: 'succeeded' | 'requires_capture' | 'canceled';
  /** Already refunded this much, as if from the store's own dashboard. */
  refunded?: number;
  product: number;
}

/**
 * A believable order book: most customers have an order or two, in four currencies, from this
 * week to three months ago; some are refunded in part, one is not captured yet (cancellable), one
 * was cancelled; a few customers subscribe. Amounts in minor units.
 */
const ORDERS: readonly DemoOrder[] = [
  { contact: 0, amount: 64_900, currency: 'USD', ageDays: 6, product: 0 },
  { contact: 0, amount: 8_900, currency: 'USD', ageDays: 40, product: 1, refunded: 2_000 },
  { contact: 1, amount: 34_900, currency: 'EUR', ageDays: 3, product: 2 },
  { contact: 2, amount: 12_900, currency: 'GBP', ageDays: 12, product: 3 },
  { contact: 3, amount: 4_900, currency: 'USD', ageDays: 2, product: 4 },
  { contact: 3, amount: 7_900, currency: 'USD', ageDays: 95, product: 5 },
  { contact: 4, amount: 19_900, currency: 'USD', ageDays: 1, product: 6, status: 'requires_capture' },
  { contact: 5, amount: 18_000, currency: 'JPY', ageDays: 8, product: 3 },
  { contact: 6, amount: 9_900, currency: 'EUR', ageDays: 20, product: 1 },
  { contact: 7, amount: 22_900, currency: 'USD', ageDays: 15, product: 5, status: 'canceled' },
  { contact: 8, amount: 3_900, currency: 'USD', ageDays: 4, product: 4 },
  { contact: 9, amount: 129_900, currency: 'USD', ageDays: 9, product: 0 },
  { contact: 10, amount: 5_900, currency: 'GBP', ageDays: 30, product: 6, refunded: 5_900 },
  { contact: 11, amount: 15_900, currency: 'USD', ageDays: 18, product: 2 },
  { contact: 12, amount: 2_900, currency: 'USD', ageDays: 5, product: 4 },
];

const SUBSCRIBERS: readonly { contact: number; amount: number; currency: string; plan: string }[] = [
  { contact: 0, amount: 2_900, currency: 'USD', plan: 'Deskwoot Care Plus (monthly)' },
  { contact: 3, amount: 1_200, currency: 'USD', plan: 'Accessories club (monthly)' },
  { contact: 6, amount: 2_500, currency: 'EUR', plan: 'Deskwoot Care Plus (monthly)' },
];

/** Money limits of the demo agent: it may try refunds, and a person sees what goes beyond them. */
export const DEMO_AGENT_LIMITS = {
  max_amount: { USD: 10_000, EUR: 10_000, GBP: 8_000 },
  daily_amount: { USD: 30_000, EUR: 30_000, GBP: 20_000 },
  max_order_age_days: 60,
  allowed_order_statuses: ['paid', 'fulfilled', 'partially_refunded', 'pending'],
  cooldown_minutes: 10,
  on_exceed: 'approval',
} as const;

/**
 * Connects the demo's sandbox store — Stripe, answered in-process, no network and no real money —
 * and fills it with customers (the demo contacts), orders and subscriptions.
 */
export async function seedDemoStore(services: Services, accountId: string): Promise<string | null> {
  if (!services.sandboxes) return null;
  const system: Actor = { kind: 'system', accountId, reason: 'demo' };
  const connected = await perform(services, system, connectStore, {
    kind: 'stripe',
    name: 'Demo shop (Stripe sandbox)',
    api_base: SANDBOX_API_BASE,
    secret_key: DEMO_SANDBOX_KEY,
  });
  const store = await findStore(services.db.kysely, accountId, connected.id);
  const sandbox = await services.sandboxes.sandbox(store);
  const now = services.now().getTime();
  const customers = new Map<number, string>();
  const customer = (index: number) => {
    let id = customers.get(index);
    const contact = DEMO_CONTACTS[index];
    if (!contact) throw new Error(`No demo contact ${index}`);
    if (!id)
      customers.set(index, (id = sandbox.addCustomer({ email: contact.email, name: contact.name }).id));
    return id;
  };
  for (const [n, order] of ORDERS.entries()) {
    const intent = sandbox.addPaymentIntent({
      customer: customer(order.contact),
      amount: order.amount,
      currency: order.currency,
      created: new Date(now - order.ageDays * DAY),
      status: order.status ?? 'succeeded',
      description: DEMO_PRODUCTS[order.product] ?? 'Order',
      metadata: { order_number: `DW-${1001 + n}` },
    });
    if (order.refunded) {
      // A refund made earlier from the store's own dashboard, through its API as any other client.
      const response = await sandbox.app.fetch(
        new Request('https://api.stripe.com/v1/refunds', {
          method: 'POST',
          headers: {
            authorization: `Bearer ${DEMO_SANDBOX_KEY}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ payment_intent: intent.id, amount: String(order.refunded) }),
        }),
      );
      if (!response.ok) throw new Error(`The demo sandbox refused a refund: ${await response.text()}`);
    }
  }
  for (const sub of SUBSCRIBERS) {
    sandbox.addSubscription({
      customer: customer(sub.contact),
      currency: sub.currency,
      unitAmount: sub.amount,
      interval: 'month',
      nickname: sub.plan,
      currentPeriodEnd: new Date(now + 12 * DAY),
    });
  }
  await services.sandboxes.persist(store);
  return store.id;
}
