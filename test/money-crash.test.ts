import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent } from '../src/agents/create-agent.js';
import { verifyAudit } from '../src/audit/verify-audit.js';
import { perform } from '../src/core/perform.js';
import type { Store } from '../src/db/schema.js';
import { DIALECTS } from './support/databases.js';
import { call, type Harness, seedWorkspace, startHarness, type Workspace } from './support/harness.js';
import { callTool, connectAgent } from './support/mcp.js';
import { assertBuilt, killAllServers, spawnServer } from './support/server-process.js';
import { stripeFixture, type VendorFixture } from './support/vendor-fixtures.js';

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms = 20_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A server process killed after the store refunded but before Deskwoot recorded it: the next
 * process finds the refund by its key and settles it, and nothing moves twice — not even when the
 * agent retries.
 */
describe.each(DIALECTS)('a crash in the middle of a refund on %s', (dialect) => {
  let h: Harness;
  let ws: Workspace;
  let vendor: VendorFixture;
  let store: Store;

  beforeAll(async () => {
    assertBuilt();
    h = await startHarness(dialect);
    ws = await seedWorkspace(h.services, 'Acme');
    vendor = await stripeFixture();
    store = await vendor.connect(h.services, ws);
  });

  afterAll(async () => {
    await killAllServers();
    await vendor?.close();
    await h?.close();
  });

  it('is reconciled on restart with no second refund', async () => {
    const email = 'crash@example.com';
    const received = await call(h.app, 'POST', `/api/v1/inboxes/${ws.inboxes[0]!.id}/incoming`, {
      token: ws.inboxes[0]!.secret,
      body: { contact: { email }, content: 'My lamp arrived broken' },
    });
    expect(received.status).toBe(201);
    const orderId = await vendor.order(store, email, { amount: 2600 });
    const agent = await perform(h.services, ws.system, createAgent, {
      name: 'Refunder',
      scopes: ['orders:read', 'refunds:write'],
      mode: 'autonomous',
      limits: { max_amount: { USD: 5000 }, daily_amount: { USD: 5000 }, on_exceed: 'deny' },
    });
    const args = { order_id: orderId, reason: 'Broken lamp', idempotency_key: 'crash-ticket-1' };

    const first = await spawnServer(h.url);
    const client = await connectAgent(first.url, agent.token);
    // The store refunds, then holds its answer: the process is killed while it waits.
    vendor.faults.add({ method: 'POST', path: '/v1/refunds', afterWork: true, delayMs: 60_000 });
    const cut = callTool(client, 'refund_order', args).then(
      () => 'answered',
      () => 'cut off',
    );
    await until('the store to refund', async () => (await vendor.truth(orderId)).refunds === 1);
    const ledger = () =>
      h.services.db.kysely.selectFrom('money_actions').selectAll().where('target_id', '=', orderId).execute();
    expect((await ledger()).map((r) => r.status)).toEqual(['reserved']);
    await first.kill();
    expect(await cut).toBe('cut off');
    vendor.faults.clear();
    // Older than DESKWOOT_MONEY_RECONCILE_AFTER by the time the next process starts, so it looks at once.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const second = await spawnServer(h.url, 20_000, { DESKWOOT_MONEY_RECONCILE_AFTER: '1' });
    const settled = await until('the reconciler', async () => {
      const rows = await ledger();
      return rows[0]?.status === 'succeeded' ? rows : null;
    });
    expect(settled).toHaveLength(1);
    expect(await vendor.truth(orderId)).toMatchObject({ refunded: 2600, refunds: 1 });
    const events = await h.services.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'order.refund')
      .where('actor_id', '=', agent.id)
      .execute();
    expect(events.map((e) => [e.outcome, JSON.parse(e.result) as unknown])).toEqual([
      ['succeeded', expect.objectContaining({ money_action_id: settled[0]!.id, reconciled: true })],
    ]);

    // The agent never heard back; it retries with its key, and is told what happened.
    const retry = await connectAgent(second.url, agent.token);
    const again = await callTool(retry, 'refund_order', args);
    expect(again).toMatchObject({
      isError: false,
      body: {
        status: 'succeeded',
        money_action: { id: settled[0]!.id, replayed: true, status: 'succeeded' },
      },
    });
    expect(await vendor.truth(orderId)).toMatchObject({ refunded: 2600, refunds: 1 });
    await retry.close();
    await client.close().catch(() => undefined);
    expect((await verifyAudit(h.services.db.kysely, ws.accountId)).every((r) => r.ok)).toBe(true);
  });
});
