import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TLimits } from '../src/agents/agents.types.js';
import { createAgent } from '../src/agents/create-agent.js';
import { loadConfig } from '../src/config.js';
import { perform } from '../src/core/perform.js';
import type { Store } from '../src/db/schema.js';
import { type RunningServer, startServer } from '../src/server.js';
import { DIALECTS } from './support/databases.js';
import {
  call,
  type Harness,
  seedWorkspace,
  startHarness,
  TEST_SECRET,
  type Workspace,
} from './support/harness.js';
import { callTool, connectAgent } from './support/mcp.js';
import { assertBuilt, killAllServers, type ServerProcess, spawnServer } from './support/server-process.js';
import { stripeFixture, type VendorFixture } from './support/vendor-fixtures.js';

const CALLS = 50;

/**
 * Concurrent money calls can never pass a limit together: fifty at once, across orders, tokens
 * and — on PostgreSQL — two server processes, against the store's own record of what moved.
 */
describe.each(DIALECTS)('concurrent refunds on %s', (dialect) => {
  let h: Harness;
  let ws: Workspace;
  let vendor: VendorFixture;
  let store: Store;
  let server: RunningServer;
  /** The servers agents call, alternately: this process, and on PostgreSQL a second one. */
  const urls: string[] = [];
  let second: ServerProcess | null = null;
  const clients: Client[] = [];
  let contacts = 0;

  const contact = async () => {
    contacts += 1;
    const email = `racer-${contacts}@example.com`;
    const received = await call(h.app, 'POST', `/api/v1/inboxes/${ws.inboxes[0]!.id}/incoming`, {
      token: ws.inboxes[0]!.secret,
      body: { contact: { email }, content: 'Refund please' },
    });
    return { email, id: (received.body as { contact_id: string }).contact_id };
  };

  /** `count` agents with these limits, each with clients on every server. */
  const agents = async (count: number, limits: Partial<TLimits>) => {
    const made = [];
    for (let i = 0; i < count; i += 1) {
      const agent = await perform(h.services, ws.system, createAgent, {
        name: `Racer ${clients.length}-${i}`,
        scopes: ['orders:read', 'refunds:write'],
        mode: 'autonomous',
        limits: {
          max_amount: { USD: 100_000 },
          daily_amount: { USD: 1_000_000 },
          on_exceed: 'deny',
          ...limits,
        },
      });
      const perServer = [];
      for (const url of urls) {
        const client = await connectAgent(url, agent.token);
        clients.push(client);
        perServer.push(client);
      }
      made.push({ id: agent.id, clients: perServer });
    }
    return made;
  };

  /** Fires every call at once; answers how many refunds went through. */
  const race = async (calls: { client: Client; args: Record<string, unknown> }[]) => {
    const outcomes = await Promise.all(
      calls.map(({ client, args }) => callTool(client, 'refund_order', { reason: 'Race', ...args })),
    );
    const codes = outcomes.map((o) => (o.isError ? (o.body.error as { code: string }).code : 'succeeded'));
    expect(
      codes.filter(
        (c) =>
          ![
            'succeeded',
            'daily_limit_reached',
            'amount_exceeds_refundable',
            'nothing_left_to_refund',
            'cooldown_active',
          ].includes(c),
      ),
    ).toEqual([]);
    return codes.filter((c) => c === 'succeeded').length;
  };

  beforeAll(async () => {
    h = await startHarness(dialect);
    ws = await seedWorkspace(h.services, 'Acme');
    vendor = await stripeFixture();
    store = await vendor.connect(h.services, ws);
    server = await startServer(
      loadConfig({ databaseUrl: h.url, port: 0, host: '127.0.0.1', secret: TEST_SECRET, logLevel: 'silent' }),
      h.services,
    );
    urls.push(server.url);
    if (dialect === 'postgres') {
      assertBuilt();
      second = await spawnServer(h.url);
      urls.push(second.url);
    }
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await killAllServers();
    await server?.close();
    await vendor?.close();
    await h?.close();
  });

  it('never lets one agent pass its daily amount, whichever calls win', async () => {
    const [agent] = await agents(1, { daily_amount: { USD: 10_000 } });
    const orders = [];
    for (let i = 0; i < CALLS; i += 1)
      orders.push(await vendor.order(store, (await contact()).email, { amount: 1000 }));
    const won = await race(
      orders.map((order_id, i) => ({ client: agent!.clients[i % urls.length]!, args: { order_id } })),
    );
    expect(won).toBe(10);
    const refunded = await Promise.all(orders.map(async (o) => (await vendor.truth(o)).refunded));
    expect(refunded.reduce((a, b) => a + b, 0)).toBe(10_000);
  });

  it('never refunds an order beyond what is left on it, across agents', async () => {
    const racers = await agents(5, {});
    const order = await vendor.order(store, (await contact()).email, { amount: 5000 });
    const calls = Array.from({ length: CALLS }, (_, i) => ({
      client: racers[i % racers.length]!.clients[Math.floor(i / racers.length) % urls.length]!,
      args: { order_id: order, amount: 300 },
    }));
    expect(await race(calls)).toBe(16);
    expect(await vendor.truth(order)).toMatchObject({ refunded: 4800, refunds: 16 });
  });

  it('lets one money action per contact through a cooldown, across agents', async () => {
    const racers = await agents(5, { cooldown_minutes: 60 });
    const buyer = await contact();
    const orders = [];
    for (let i = 0; i < CALLS; i += 1) orders.push(await vendor.order(store, buyer.email, { amount: 500 }));
    const calls = orders.map((order_id, i) => ({
      client: racers[i % racers.length]!.clients[i % urls.length]!,
      args: { order_id },
    }));
    expect(await race(calls)).toBe(1);
    const refunds = await Promise.all(orders.map(async (o) => (await vendor.truth(o)).refunds));
    expect(refunds.reduce((a, b) => a + b, 0)).toBe(1);
  });
});
