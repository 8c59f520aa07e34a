import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from '../src/agents/create-agent.js';
import { loadConfig } from '../src/config.js';
import { perform } from '../src/core/perform.js';
import type { Store } from '../src/db/schema.js';
import { reconcileMoney } from '../src/money/reconcile-money.js';
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
import { stripeFixture, type VendorFixture } from './support/vendor-fixtures.js';

/**
 * What a store settles later: Stripe's pending refunds count toward the limits while pending, and
 * the reconciler records how they ended — a failed one gives the agent's daily amount back.
 */
describe.each(DIALECTS)('refunds a store settles later, on %s', (dialect) => {
  let h: Harness;
  let ws: Workspace;
  let vendor: VendorFixture;
  let store: Store;
  let server: RunningServer;
  let client: Client;
  let agentId: string;

  beforeAll(async () => {
    h = await startHarness(dialect);
    ws = await seedWorkspace(h.services, 'Acme');
    vendor = await stripeFixture();
    store = await vendor.connect(h.services, ws);
    server = await startServer(
      loadConfig({ databaseUrl: h.url, port: 0, host: '127.0.0.1', secret: TEST_SECRET, logLevel: 'silent' }),
      h.services,
    );
    const agent = await perform(h.services, ws.system, createAgent, {
      name: 'Refunder',
      scopes: ['orders:read', 'refunds:write'],
      mode: 'autonomous',
      limits: { max_amount: { USD: 3000 }, daily_amount: { USD: 3000 }, on_exceed: 'deny' },
    });
    agentId = agent.id;
    client = await connectAgent(server.url, agent.token);
  });

  afterAll(async () => {
    await client?.close();
    await server?.close();
    await vendor?.close();
    await h?.close();
  });

  const order = async (email: string) => {
    await call(h.app, 'POST', `/api/v1/inboxes/${ws.inboxes[0]!.id}/incoming`, {
      token: ws.inboxes[0]!.secret,
      body: { contact: { email }, content: 'Refund?' },
    });
    return vendor.order(store, email, { amount: 3000, pendingRefunds: true });
  };

  const ledger = (orderId: string) =>
    h.services.db.kysely
      .selectFrom('money_actions')
      .selectAll()
      .where('target_id', '=', orderId)
      .executeTakeFirstOrThrow();

  /** The reconciler, as the background job runs it once the check is due. */
  const reconcile = async () => {
    h.setNow(new Date(Date.now() + 5 * 60_000));
    await reconcileMoney(h.services);
    h.setNow(null);
  };

  it('holds a pending refund against the limits until the store says it failed, then gives it back', async () => {
    const first = await order('slow-1@example.com');
    const pending = await callTool(client, 'refund_order', { order_id: first, reason: 'Late' });
    expect(pending.body).toMatchObject({
      status: 'succeeded',
      money_action: { status: 'pending', amount: 3000 },
    });
    expect((await ledger(first)).status).toBe('pending');

    const second = await order('slow-2@example.com');
    expect(await callTool(client, 'refund_order', { order_id: second, reason: 'Late' })).toMatchObject({
      isError: true,
      body: { error: { code: 'daily_limit_reached' } },
    });

    vendor.settleLater('failed');
    await reconcile();
    expect((await ledger(first)).status).toBe('failed');
    const settled = await h.services.db.kysely
      .selectFrom('audit_events')
      .select(['action', 'actor_kind', 'outcome'])
      .where('target_id', '=', first)
      .where('action', '=', 'money.settle')
      .execute();
    expect(settled).toEqual([{ action: 'money.settle', actor_kind: 'system', outcome: 'failed' }]);

    const retried = await callTool(client, 'refund_order', { order_id: second, reason: 'Late' });
    expect(retried.body).toMatchObject({ status: 'succeeded', money_action: { status: 'pending' } });
    vendor.settleLater('succeeded');
    await reconcile();
    expect((await ledger(second)).status).toBe('succeeded');
    expect(await vendor.truth(second)).toMatchObject({ refunded: 3000, refunds: 1 });
    const rows = await h.services.db.kysely
      .selectFrom('money_actions')
      .select('status')
      .where('agent_id', '=', agentId)
      .execute();
    expect(rows.map((r) => r.status).sort()).toEqual(['failed', 'succeeded']);
  });
});
