/**
 * The money part of `npm run bench:mcp`: `refund_order` through Deskwoot against a local server
 * that behaves like Stripe (src/sandbox), over loopback.
 *
 * - Throughput: many MCP sessions at once on the server process (calls/s, p50/p99 end to end).
 * - The leash's own time: one call at a time in a process of its own (mcp-money-own.ts), each
 *   call into the store's client timed, so Deskwoot's own work per money action (scope, leash,
 *   visibility, limits under the money lock, reservation, settlement, audit) is the call's time
 *   less the store's part.
 */
import { fileURLToPath } from 'node:url';
import Stripe from 'stripe';
import { actorForBotToken } from '../src/agents/agents.repository.js';
import { createAgent } from '../src/agents/create-agent.js';
import type { Actor } from '../src/core/actor.js';
import { perform, performAsAgent } from '../src/core/perform.js';
import type { Services } from '../src/core/services.js';
import { refundOrder } from '../src/money/refund-order.js';
import { connectStore } from '../src/stores/connect-store.js';
import { StripeConnector } from '../src/stores/connectors/stripe.js';
import { startServerProcess } from './mcp-processes.js';
import { percentile } from './support/measure.js';

const SANDBOX_KEY = 'sk_test_bench_4242';
/** Each order is large enough for every refund the benchmark makes of it. */
const ORDER_AMOUNT = 900_000_000;
const REFUND = 100;

export interface MoneyFixture {
  token: string;
  agentId: string;
  orderIds: string[];
  stop(): Promise<void>;
}

/**
 * A Stripe test server (its own process) with one order per customer, a store connected to it,
 * and an autonomous agent that may refund.
 */
export async function seedMoneyFixture(
  services: Services,
  accountId: string,
  customers: number,
): Promise<MoneyFixture> {
  const sandbox = await startServerProcess(
    [
      fileURLToPath(new URL('./stripe-sandbox-process.js', import.meta.url)),
      SANDBOX_KEY,
      String(customers),
      String(ORDER_AMOUNT),
    ],
    {},
  );
  const system: Actor = { kind: 'system', accountId, reason: 'benchmark' };
  const store = await perform(services, system, connectStore, {
    kind: 'stripe',
    name: 'Bench Stripe',
    api_base: sandbox.url,
    secret_key: SANDBOX_KEY,
  });
  const base = new URL(sandbox.url);
  const stripe = new Stripe(SANDBOX_KEY, { host: base.hostname, port: base.port, protocol: 'http' });
  const orderIds: string[] = [];
  for (let i = 0; i < customers; i++) {
    const [customer] = (await stripe.customers.list({ email: `customer-${i}@example.com` })).data;
    const [intent] = (await stripe.paymentIntents.list({ customer: customer!.id })).data;
    orderIds.push(`stripe:${store.id}:${intent!.id}`);
  }
  const agent = await perform(services, system, createAgent, {
    name: 'Bench refunder',
    scopes: ['orders:read', 'refunds:write'],
    mode: 'autonomous',
    limits: { max_amount: { USD: 1_000_000 }, daily_amount: { USD: 1_000_000_000 }, on_exceed: 'deny' },
  });
  return { token: agent.token, agentId: agent.id, orderIds, stop: () => sandbox.stop() };
}

export const refundArgs = (fixture: MoneyFixture) =>
  fixture.orderIds.map((order_id) => ({ order_id, amount: REFUND, reason: 'Benchmark refund' }));

export interface OwnTime {
  calls: number;
  errors: number;
  ownP50: number;
  ownP99: number;
  storeP50: number;
  storeP99: number;
  totalP50: number;
  totalP99: number;
}

/**
 * Times every call into the Stripe connector (the vendor's client and its round trip to the store)
 * while `work` runs; answers how long the store took. The benchmark's instrument, not Deskwoot's.
 */
function timeStoreCalls(): { take(): number; restore(): void } {
  let ms = 0;
  const proto = StripeConnector.prototype as unknown as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >;
  const originals = new Map<string, (...args: unknown[]) => Promise<unknown>>();
  for (const name of ['getOrder', 'getSubscription', 'findForCustomer', 'refund', 'lookup']) {
    const original = proto[name]!;
    originals.set(name, original);
    proto[name] = async function (this: unknown, ...args: unknown[]) {
      const t0 = performance.now();
      try {
        return await original.apply(this, args);
      } finally {
        ms += performance.now() - t0;
      }
    };
  }
  return {
    take: () => {
      const taken = ms;
      ms = 0;
      return taken;
    },
    restore: () => {
      for (const [name, original] of originals) proto[name] = original;
    },
  };
}

/**
 * One refund at a time through the one action path (as the MCP door calls it): percentiles of
 * Deskwoot's own time (the call less its time in the store's client) and of the store's part.
 */
export async function measureOwnTime(
  services: Services,
  fixture: MoneyFixture,
  calls: number,
): Promise<OwnTime> {
  const actor = await actorForBotToken(services.db.kysely, fixture.token);
  if (!actor) throw new Error('The benchmark agent has no live token');
  const own: number[] = [];
  const store: number[] = [];
  const total: number[] = [];
  let errors = 0;
  const args = refundArgs(fixture);
  const timer = timeStoreCalls();
  try {
    for (let i = 0; i < calls; i++) {
      timer.take();
      const t0 = performance.now();
      try {
        await performAsAgent(services, actor, refundOrder, args[i % args.length]);
      } catch {
        errors++;
        continue;
      }
      const ms = performance.now() - t0;
      const storeMs = timer.take();
      total.push(ms);
      store.push(storeMs);
      own.push(ms - storeMs);
    }
  } finally {
    timer.restore();
  }
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const [o, s, t] = [sorted(own), sorted(store), sorted(total)];
  return {
    calls: own.length,
    errors,
    ownP50: percentile(o, 50),
    ownP99: percentile(o, 99),
    storeP50: percentile(s, 50),
    storeP99: percentile(s, 99),
    totalP50: percentile(t, 50),
    totalP99: percentile(t, 99),
  };
}
