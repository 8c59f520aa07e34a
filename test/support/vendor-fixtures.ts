import { createAdminApiClient } from '@shopify/admin-api-client';
import Stripe from 'stripe';
import { perform } from '../../src/core/perform.js';
import type { Services } from '../../src/core/services.js';
import type { Store } from '../../src/db/schema.js';
import { createStripeSandbox } from '../../src/sandbox/stripe/index.js';
import type { Faults } from '../../src/sandbox/faults.js';
import { connectStore } from '../../src/stores/connect-store.js';
import { findStore } from '../../src/stores/stores.repository.js';
import { WooCommerceRestApi } from '../../src/stores/connectors/woocommerce.js';
import type { StoreKind } from '../../src/stores/stores.types.js';
import { createShopifyServer } from '../vendors/shopify/index.js';
import { createWooCommerceServer } from '../vendors/woocommerce/index.js';
import {
  stripeContractViolations,
  shopifyContractViolations,
  wooCommerceContractViolations,
} from '../vendors/contracts.js';
import type { Workspace } from './harness.js';
import { startVendorServer } from './vendor-servers.js';

const DAY = 86_400_000;

export interface OrderSeed {
  amount: number;
  currency?: string;
  ageDays?: number;
  /** `paid` (default), `pending` (not captured or not paid yet), `fulfilled` (where the store has it). */
  status?: 'paid' | 'pending' | 'fulfilled';
  /** Stripe: its refunds start `pending` and settle when `settleLater` says. */
  pendingRefunds?: boolean;
}

/** What the vendor itself holds for an order: the truth a test checks Deskwoot against. */
export interface VendorTruth {
  refunded: number;
  refunds: number;
  cancelled: boolean;
}

/**
 * One local store of a kind, over loopback, seeded per contact email, with a way to ask the vendor
 * (through its own client, not Deskwoot's connector) what really happened.
 */
export interface VendorFixture {
  kind: StoreKind;
  /** Where the store answers, and its key (for connecting it from outside the test, e.g. the CLI). */
  apiBase: string;
  secretKey: string;
  faults: Faults;
  connect(services: Services, ws: Workspace): Promise<Store>;
  order(store: Store, email: string, seed: OrderSeed): Promise<string>;
  subscription(store: Store, email: string, seed: { amount: number; currency?: string }): Promise<string>;
  truth(orderId: string): Promise<VendorTruth>;
  subscriptionCancelled(subscriptionId: string): Promise<boolean>;
  /** Requests that broke the vendor's published contract (should be none). */
  contractViolations(): string[];
  /** Lets the store finish what it does later (Stripe's pending refunds, Shopify's cancel jobs). */
  settleLater(outcome?: 'succeeded' | 'failed'): void;
  close(): Promise<void>;
}

const vendorId = (orderId: string) => orderId.split(':').slice(2).join(':');

async function connect(services: Services, ws: Workspace, input: Record<string, unknown>): Promise<Store> {
  const store = await perform(services, ws.system, connectStore, input);
  return findStore(services.db.kysely, ws.accountId, store.id);
}

export async function stripeFixture(): Promise<VendorFixture> {
  const key = 'sk_test_fixture_4242';
  const sandbox = createStripeSandbox({ secretKey: key });
  const server = await startVendorServer(sandbox.app);
  const stripe = new Stripe(key, {
    host: server.host,
    port: server.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  });
  const customers = new Map<string, string>();
  const customer = (email: string) => {
    let id = customers.get(email);
    if (!id) customers.set(email, (id = sandbox.addCustomer({ email }).id));
    return id;
  };
  return {
    kind: 'stripe',
    apiBase: server.baseUrl,
    secretKey: key,
    faults: sandbox.faults,
    connect: (services, ws) =>
      connect(services, ws, { kind: 'stripe', name: 'Stripe', secret_key: key, api_base: server.baseUrl }),
    async order(store, email, seed) {
      const intent = sandbox.addPaymentIntent({
        customer: customer(email),
        amount: seed.amount,
        currency: seed.currency ?? 'USD',
        created: new Date(Date.now() - (seed.ageDays ?? 1) * DAY),
        status: seed.status === 'pending' ? 'requires_capture' : 'succeeded',
        description: 'Walnut desk organizer',
        ...(seed.pendingRefunds && { refunds: 'pending' as const }),
      });
      return `stripe:${store.id}:${intent.id}`;
    },
    async subscription(store, email, seed) {
      const sub = sandbox.addSubscription({
        customer: customer(email),
        currency: seed.currency ?? 'USD',
        unitAmount: seed.amount,
        interval: 'month',
        nickname: 'Pro monthly',
        currentPeriodEnd: new Date(Date.now() + 20 * DAY),
      });
      return `stripe:${store.id}:${sub.id}`;
    },
    async truth(orderId) {
      const intent = await stripe.paymentIntents.retrieve(vendorId(orderId), { expand: ['latest_charge'] });
      const charge = typeof intent.latest_charge === 'object' ? intent.latest_charge : null;
      const refunds = await stripe.refunds.list({ payment_intent: intent.id, limit: 100 });
      return {
        refunded: charge?.amount_refunded ?? 0,
        refunds: refunds.data.filter((r) => r.status !== 'failed' && r.status !== 'canceled').length,
        cancelled: intent.status === 'canceled',
      };
    },
    async subscriptionCancelled(id) {
      const sub = await stripe.subscriptions.retrieve(vendorId(id));
      return sub.status === 'canceled' || sub.cancel_at_period_end;
    },
    contractViolations: () => stripeContractViolations(sandbox.requests),
    settleLater: (outcome = 'succeeded') => void sandbox.settlePendingRefunds(outcome),
    close: () => server.close(),
  };
}

export async function shopifyFixture(): Promise<VendorFixture> {
  const accessToken = 'shpat_fixture';
  // A roomy bucket (as on Shopify Plus): the tests check throttling on purpose, not by accident.
  const shopify = createShopifyServer({
    accessToken,
    bucket: { maximumAvailable: 20_000, restoreRate: 1000 },
  });
  const server = await startVendorServer(shopify.app);
  const client = createAdminApiClient({
    storeDomain: shopify.shop,
    apiVersion: '2026-10',
    accessToken,
    customFetchApi: shopify.fetchVia(server.baseUrl),
  });
  const customers = new Map<string, string>();
  const customer = (email: string) => {
    let id = customers.get(email);
    if (!id) customers.set(email, (id = shopify.addCustomer({ email }).id));
    return id;
  };
  const ask = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await client.request<T>(query, { variables });
    if (response.errors || !response.data) throw new Error(JSON.stringify(response.errors));
    return response.data;
  };
  return {
    kind: 'shopify',
    apiBase: server.baseUrl,
    secretKey: accessToken,
    faults: shopify.faults,
    connect: (services, ws) =>
      connect(services, ws, {
        kind: 'shopify',
        name: 'Shopify',
        shop: shopify.shop,
        access_token: accessToken,
        api_base: server.baseUrl,
      }),
    async order(store, email, seed) {
      const order = shopify.addOrder({
        customer: customer(email),
        currency: seed.currency ?? 'USD',
        lineItems: [{ name: 'Walnut desk organizer', quantity: 1, unitPrice: seed.amount }],
        createdAt: new Date(Date.now() - (seed.ageDays ?? 1) * DAY),
        financialStatus: seed.status === 'pending' ? 'PENDING' : 'PAID',
        fulfillmentStatus: seed.status === 'fulfilled' ? 'FULFILLED' : 'UNFULFILLED',
      });
      return `shopify:${store.id}:${order.id}`;
    },
    async subscription(store, email, seed) {
      const contract = shopify.addSubscriptionContract({
        customer: customer(email),
        currency: seed.currency ?? 'USD',
        lines: [{ title: 'Coffee club', price: seed.amount, quantity: 1 }],
        nextBillingDate: new Date(Date.now() + 20 * DAY),
      });
      return `shopify:${store.id}:${contract.id}`;
    },
    async truth(orderId) {
      const data = await ask<{
        order: {
          totalRefundedSet: { shopMoney: { amount: string } };
          refunds: { id: string }[];
          cancelledAt: string | null;
        };
      }>(
        `query Truth($id: ID!) { order(id: $id) { totalRefundedSet { shopMoney { amount } } refunds(first: 100) { id } cancelledAt } }`,
        { id: vendorId(orderId) },
      );
      return {
        refunded: Math.round(Number(data.order.totalRefundedSet.shopMoney.amount) * 100),
        refunds: data.order.refunds.length,
        cancelled: data.order.cancelledAt !== null,
      };
    },
    async subscriptionCancelled(id) {
      const data = await ask<{ subscriptionContract: { status: string } }>(
        `query Contract($id: ID!) { subscriptionContract(id: $id) { status } }`,
        { id: vendorId(id) },
      );
      return data.subscriptionContract.status === 'CANCELLED';
    },
    contractViolations: () => shopifyContractViolations(shopify.requests),
    settleLater: () => void shopify.completeJobs(),
    close: () => server.close(),
  };
}

export async function wooCommerceFixture(): Promise<VendorFixture> {
  const credentials = { consumerKey: 'ck_fixture', consumerSecret: 'cs_fixture' };
  const woo = createWooCommerceServer(credentials);
  const server = await startVendorServer(woo.app);
  const api = new WooCommerceRestApi({ url: server.baseUrl, version: 'wc/v3', ...credentials });
  const customers = new Map<string, number>();
  const customer = (email: string) => {
    let id = customers.get(email);
    if (!id) customers.set(email, (id = woo.addCustomer({ email }).id));
    return id;
  };
  return {
    kind: 'woocommerce',
    apiBase: server.baseUrl,
    secretKey: credentials.consumerSecret,
    faults: woo.faults,
    connect: (services, ws) =>
      connect(services, ws, {
        kind: 'woocommerce',
        name: 'WooCommerce',
        url: server.baseUrl,
        consumer_key: credentials.consumerKey,
        consumer_secret: credentials.consumerSecret,
      }),
    async order(store, email, seed) {
      const order = woo.addOrder({
        customer: customer(email),
        email,
        currency: seed.currency ?? 'USD',
        lineItems: [{ name: 'Walnut desk organizer', quantity: 1, unitPrice: seed.amount }],
        createdAt: new Date(Date.now() - (seed.ageDays ?? 1) * DAY),
        status:
          seed.status === 'pending' ? 'pending' : seed.status === 'fulfilled' ? 'completed' : 'processing',
      });
      return `woocommerce:${store.id}:${order.id}`;
    },
    async subscription(store, email, seed) {
      const sub = woo.addSubscription({
        customer: customer(email),
        currency: seed.currency ?? 'USD',
        lineItems: [{ name: 'Coffee club', quantity: 1, unitPrice: seed.amount }],
        nextPaymentDate: new Date(Date.now() + 20 * DAY),
      });
      return `woocommerce:${store.id}:${sub.id}`;
    },
    async truth(orderId) {
      const order = (await api.get(`orders/${vendorId(orderId)}`)) as {
        data: { status: string; refunds: { total: string }[] };
      };
      const refunds = order.data.refunds;
      return {
        refunded: refunds.reduce((sum, r) => sum + Math.round(Math.abs(Number(r.total)) * 100), 0),
        refunds: refunds.length,
        cancelled: order.data.status === 'cancelled',
      };
    },
    async subscriptionCancelled(id) {
      const sub = (await api.get(`subscriptions/${vendorId(id)}`)) as { data: { status: string } };
      return sub.data.status === 'cancelled' || sub.data.status === 'pending-cancel';
    },
    contractViolations: () => wooCommerceContractViolations(woo.requests),
    settleLater: () => undefined,
    close: () => server.close(),
  };
}

export const VENDOR_FIXTURES: Record<StoreKind, () => Promise<VendorFixture>> = {
  stripe: stripeFixture,
  shopify: shopifyFixture,
  woocommerce: wooCommerceFixture,
};
