import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TLimits } from '../src/agents/agents.types.js';
import { createAgent } from '../src/agents/create-agent.js';
import { verifyAudit } from '../src/audit/verify-audit.js';
import { loadConfig } from '../src/config.js';
import { perform } from '../src/core/perform.js';
import { reconcileMoney } from '../src/money/reconcile-money.js';
import type { Scope } from '../src/core/scopes.js';
import type { Store } from '../src/db/schema.js';
import { type RunningServer, startServer } from '../src/server.js';
import { STORE_KINDS, type StoreKind } from '../src/stores/stores.types.js';
import { DIALECTS } from './support/databases.js';
import {
  call,
  type Harness,
  seedWorkspace,
  startHarness,
  TEST_SECRET,
  type Workspace,
} from './support/harness.js';
import { callTool, connectAgent, type ToolOutcome } from './support/mcp.js';
import { VENDOR_FIXTURES, type VendorFixture } from './support/vendor-fixtures.js';

const MONEY: Scope[] = ['orders:read', 'refunds:write', 'orders:cancel', 'subscriptions:cancel'];
const WIDE: TLimits = {
  max_amount: { USD: 1_000_000 },
  daily_amount: { USD: 10_000_000 },
  on_exceed: 'deny',
};
const MINUTE = 60_000;

const errorCode = (outcome: ToolOutcome) => (outcome.body.error as { code?: string } | undefined)?.code;

/**
 * Money on a leash, for each store and each database: live reads, partial and full refunds,
 * every limit just inside and just beyond, approvals, idempotency, cancellations, and the store's
 * failures — always checked against what the store itself says happened.
 */
describe.each(DIALECTS)('money on %s', (dialect) => {
  describe.each(STORE_KINDS)('with a %s store', (kind: StoreKind) => {
    let h: Harness;
    let ws: Workspace;
    let other: Workspace;
    let vendor: VendorFixture;
    let store: Store;
    let server: RunningServer;
    const clients: Client[] = [];
    let contacts = 0;

    /** A fresh contact of inbox 0 (a conversation in it), so cooldowns of one test leave the others alone. */
    const contact = async (inbox = 0) => {
      contacts += 1;
      const email = `buyer-${kind}-${contacts}@example.com`;
      const received = await call(h.app, 'POST', `/api/v1/inboxes/${ws.inboxes[inbox]!.id}/incoming`, {
        token: ws.inboxes[inbox]!.secret,
        body: { contact: { email, name: `Buyer ${contacts}` }, content: 'Where is my refund?' },
      });
      expect(received.status).toBe(201);
      return { email, id: (received.body as { contact_id: string }).contact_id };
    };

    const agent = async (limits: Partial<TLimits>, options: { mode?: 'supervised' | 'autonomous' } = {}) => {
      const made = await perform(h.services, ws.system, createAgent, {
        name: `Money agent ${clients.length}`,
        scopes: MONEY,
        mode: options.mode ?? 'autonomous',
        limits: { ...WIDE, ...limits },
      });
      const client = await connectAgent(server.url, made.token);
      clients.push(client);
      return { id: made.id, client };
    };

    const refund = (client: Client, args: Record<string, unknown>) =>
      callTool(client, 'refund_order', { reason: 'Arrived damaged', ...args });

    beforeAll(async () => {
      h = await startHarness(dialect);
      h.services.storeTimeoutMs = 1500;
      ws = await seedWorkspace(h.services, 'Acme');
      other = await seedWorkspace(h.services, 'Globex');
      vendor = await VENDOR_FIXTURES[kind]();
      store = await vendor.connect(h.services, ws);
      server = await startServer(
        loadConfig({
          databaseUrl: h.url,
          port: 0,
          host: '127.0.0.1',
          secret: TEST_SECRET,
          logLevel: 'silent',
        }),
        h.services,
      );
    });

    // A test that moves the clock and fails midway must not leave it moved for the next ones.
    afterEach(() => h.setNow(null));

    afterAll(async () => {
      await Promise.all(clients.map((c) => c.close()));
      await server?.close();
      await vendor?.close();
      await h?.close();
    });

    it('reads a contact’s orders and subscriptions live, and nothing of contacts it may not see', async () => {
      const mine = await contact(0);
      const hidden = await contact(1);
      const orderId = await vendor.order(store, mine.email, { amount: 4200 });
      const subId = await vendor.subscription(store, mine.email, { amount: 1500 });
      const hiddenOrder = await vendor.order(store, hidden.email, { amount: 900 });
      const made = await perform(h.services, ws.system, createAgent, {
        name: 'Reader',
        scopes: ['orders:read'],
        inbox_ids: [ws.inboxes[0]!.id],
      });
      const client = await connectAgent(server.url, made.token);
      clients.push(client);

      const listed = await callTool(client, 'list_orders', { contact_id: mine.id });
      expect(listed.isError).toBe(false);
      expect(listed.body.orders).toEqual([
        expect.objectContaining({
          id: orderId,
          store: { id: store.id, kind, name: store.name },
          status: 'paid',
          currency: 'USD',
          total: 4200,
          refunded_amount: 0,
          refundable_amount: 4200,
          contact_id: mine.id,
        }),
      ]);
      expect(listed.body.subscriptions).toEqual([
        expect.objectContaining({ id: subId, status: 'active', currency: 'USD', amount: 1500 }),
      ]);
      expect(await callTool(client, 'get_order', { order_id: orderId })).toMatchObject({
        isError: false,
        body: { id: orderId, total: 4200 },
      });
      // Outside the token's inboxes, another account's, or made up: not found alike.
      for (const args of [{ contact_id: hidden.id }, { contact_id: other.conversations[0]!.contactId }]) {
        expect(errorCode(await callTool(client, 'list_orders', args))).toBe('not_found');
      }
      for (const id of [
        hiddenOrder,
        `${kind}:${store.id}:nothing_here`,
        orderId.replace(store.id, 'store_0'),
      ]) {
        expect(errorCode(await callTool(client, 'get_order', { order_id: id }))).toBe('not_found');
      }
    });

    it('refunds part of an order, then by default all that is left, never more', async () => {
      const buyer = await contact();
      const orderId = await vendor.order(store, buyer.email, { amount: 4000 });
      const { client } = await agent({});
      const first = await refund(client, { order_id: orderId, amount: 1500 });
      expect(first).toMatchObject({
        isError: false,
        body: {
          status: 'succeeded',
          money_action: { kind: 'refund', amount: 1500, currency: 'USD', replayed: false },
          order: { refunded_amount: 1500, refundable_amount: 2500, status: 'partially_refunded' },
        },
      });
      expect(await vendor.truth(orderId)).toMatchObject({ refunded: 1500, refunds: 1 });
      const tooMuch = await refund(client, { order_id: orderId, amount: 2501 });
      expect(tooMuch).toMatchObject({
        isError: true,
        body: { error: { code: 'amount_exceeds_refundable' } },
      });
      const rest = await refund(client, { order_id: orderId });
      expect(rest.body).toMatchObject({ money_action: { amount: 2500 }, order: { status: 'refunded' } });
      expect(await vendor.truth(orderId)).toMatchObject({ refunded: 4000, refunds: 2 });
      expect(errorCode(await refund(client, { order_id: orderId }))).toBe('nothing_left_to_refund');
      expect(await vendor.truth(orderId)).toMatchObject({ refunded: 4000, refunds: 2 });
    });

    it('passes just under the per-action cap and refuses just over it, saying by how much', async () => {
      const buyer = await contact();
      const { client } = await agent({ max_amount: { USD: 5000 } });
      const under = await vendor.order(store, buyer.email, { amount: 5000 });
      const over = await vendor.order(store, buyer.email, { amount: 5001 });
      expect((await refund(client, { order_id: under })).isError).toBe(false);
      const refused = await refund(client, { order_id: over });
      expect(refused).toMatchObject({
        isError: true,
        body: { error: { code: 'cap_exceeded', details: { allowed: 5000, requested: 5001, over_by: 1 } } },
      });
      expect(await vendor.truth(over)).toMatchObject({ refunded: 0, refunds: 0 });
    });

    it('passes an order just young enough and refuses one just too old', async () => {
      const buyer = await contact();
      const { client } = await agent({ max_order_age_days: 30 });
      const young = await vendor.order(store, buyer.email, { amount: 1000, ageDays: 29.9 });
      const old = await vendor.order(store, buyer.email, { amount: 1000, ageDays: 30.1 });
      expect((await refund(client, { order_id: young })).isError).toBe(false);
      expect(await refund(client, { order_id: old })).toMatchObject({
        isError: true,
        body: { error: { code: 'order_too_old', details: { allowed: 30, age_days: 30 } } },
      });
      expect(await vendor.truth(old)).toMatchObject({ refunds: 0 });
    });

    it('acts only on orders in an allowed status, judged by the store’s live state', async () => {
      const buyer = await contact();
      const { client: strict } = await agent({ allowed_order_statuses: ['paid'] });
      const { client: loose } = await agent({});
      const fresh = await vendor.order(store, buyer.email, { amount: 3000 });
      const touched = await vendor.order(store, buyer.email, { amount: 3000 });
      expect((await refund(loose, { order_id: touched, amount: 1000 })).isError).toBe(false);
      expect(await refund(strict, { order_id: touched, amount: 1000 })).toMatchObject({
        isError: true,
        body: { error: { code: 'order_status_not_allowed', details: { status: 'partially_refunded' } } },
      });
      expect((await refund(strict, { order_id: fresh, amount: 1000 })).isError).toBe(false);
      expect(await vendor.truth(touched)).toMatchObject({ refunded: 1000, refunds: 1 });
    });

    it('keeps the cooldown per contact across agents, to the minute', async () => {
      const buyer = await contact();
      const { client: a } = await agent({ cooldown_minutes: 10 });
      const { client: b } = await agent({ cooldown_minutes: 10 });
      const [o1, o2, o3] = await Promise.all(
        [1, 2, 3].map(() => vendor.order(store, buyer.email, { amount: 800 })),
      );
      const start = new Date();
      h.setNow(start);
      expect((await refund(a, { order_id: o1! })).isError).toBe(false);
      h.setNow(new Date(start.getTime() + 9.9 * MINUTE));
      expect(await refund(b, { order_id: o2! })).toMatchObject({
        isError: true,
        body: { error: { code: 'cooldown_active', details: { wait_minutes: 1 } } },
      });
      h.setNow(new Date(start.getTime() + 10 * MINUTE));
      expect((await refund(b, { order_id: o3! })).isError).toBe(false);
      h.setNow(null);
      expect(await vendor.truth(o2!)).toMatchObject({ refunds: 0 });
    });

    it('keeps an agent inside its rolling daily amount', async () => {
      const { client } = await agent({ max_amount: { USD: 10_000 }, daily_amount: { USD: 10_000 } });
      const start = new Date();
      h.setNow(start);
      const orders = [];
      for (const amount of [6000, 4000, 1])
        orders.push(await vendor.order(store, (await contact()).email, { amount }));
      expect((await refund(client, { order_id: orders[0] })).isError).toBe(false);
      expect((await refund(client, { order_id: orders[1] })).isError).toBe(false);
      expect(await refund(client, { order_id: orders[2] })).toMatchObject({
        isError: true,
        body: { error: { code: 'daily_limit_reached', details: { used: 10_000, requested: 1, over_by: 1 } } },
      });
      // The window is counted in five-minute buckets, the oldest included: never shorter than 24 h.
      h.setNow(new Date(start.getTime() + 24 * 60 * MINUTE - 1000));
      expect(errorCode(await refund(client, { order_id: orders[2] }))).toBe('daily_limit_reached');
      h.setNow(new Date(start.getTime() + (24 * 60 + 5) * MINUTE + 1000));
      expect((await refund(client, { order_id: orders[2] })).isError).toBe(false);
      h.setNow(null);
    });

    it('refuses a currency the token has no limits in', async () => {
      const buyer = await contact();
      const { client } = await agent({});
      const euros = await vendor.order(store, buyer.email, { amount: 1000, currency: 'EUR' });
      expect(errorCode(await refund(client, { order_id: euros }))).toBe('currency_not_allowed');
      expect(await vendor.truth(euros)).toMatchObject({ refunds: 0 });
    });

    it('asks a person beyond a limit with on_exceed: approval, and moves the money once when approved', async () => {
      const buyer = await contact();
      const made = await agent({ max_amount: { USD: 2000 }, on_exceed: 'approval' });
      const orderId = await vendor.order(store, buyer.email, { amount: 3000 });
      const proposed = await refund(made.client, { order_id: orderId });
      expect(proposed).toMatchObject({ isError: false, body: { status: 'pending_approval' } });
      expect(await vendor.truth(orderId)).toMatchObject({ refunds: 0 });
      const approvalId = proposed.body.approval_id as string;
      const pending = await call(h.app, 'GET', '/api/v1/approvals?status=pending', { token: ws.admin.token });
      expect((pending.body as { approvals: unknown[] }).approvals).toContainEqual(
        expect.objectContaining({
          id: approvalId,
          action: 'order.refund',
          details: expect.objectContaining({
            kind: 'money',
            amount: 3000,
            currency: 'USD',
            order: expect.objectContaining({ id: orderId, refundable_amount: 3000 }),
            limit: expect.objectContaining({ code: 'cap_exceeded' }),
          }),
        }),
      );
      const approved = await call(h.app, 'POST', `/api/v1/approvals/${approvalId}/approve`, {
        token: ws.admin.token,
        body: {},
      });
      expect(approved).toMatchObject({
        status: 200,
        body: { status: 'approved', result: { money_action: { amount: 3000 } } },
      });
      const again = await call(h.app, 'POST', `/api/v1/approvals/${approvalId}/approve`, {
        token: ws.admin.token,
        body: {},
      });
      expect(again.status).toBe(409);
      expect(await vendor.truth(orderId)).toMatchObject({ refunded: 3000, refunds: 1 });
      const events = await h.services.db.kysely
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'order.refund')
        .where('actor_id', '=', made.id)
        .orderBy('seq')
        .execute();
      expect(events.map((e) => [e.outcome, e.actor_id])).toEqual([
        ['pending_approval', made.id],
        ['succeeded', made.id],
      ]);
      expect(JSON.parse(events[1]!.result)).toMatchObject({
        approval_id: approvalId,
        approved_by: ws.admin.id,
      });
    });

    it('keeps every money action of a supervised agent for a person; a rejection moves nothing', async () => {
      const buyer = await contact();
      const { client } = await agent({}, { mode: 'supervised' });
      const orderId = await vendor.order(store, buyer.email, { amount: 2500 });
      const first = await refund(client, { order_id: orderId, amount: 1000 });
      const second = await refund(client, { order_id: orderId, amount: 1000 });
      for (const outcome of [first, second]) expect(outcome.body.status).toBe('pending_approval');
      const rejected = await call(
        h.app,
        'POST',
        `/api/v1/approvals/${String(first.body.approval_id)}/reject`,
        {
          token: ws.admin.token,
          body: { reason: 'Not damaged' },
        },
      );
      expect(rejected).toMatchObject({ status: 200, body: { status: 'rejected' } });
      expect(await vendor.truth(orderId)).toMatchObject({ refunds: 0 });
      const approved = await call(
        h.app,
        'POST',
        `/api/v1/approvals/${String(second.body.approval_id)}/approve`,
        {
          token: ws.admin.token,
          body: {},
        },
      );
      expect(approved.body).toMatchObject({ status: 'approved' });
      expect(await vendor.truth(orderId)).toMatchObject({ refunded: 1000, refunds: 1 });
    });

    it('moves money once for a repeated idempotency key, and refuses the key for another call', async () => {
      const buyer = await contact();
      const { client } = await agent({});
      const orderId = await vendor.order(store, buyer.email, { amount: 2000 });
      const args = { order_id: orderId, amount: 700, idempotency_key: 'ticket-77-refund' };
      const first = await refund(client, args);
      const repeat = await refund(client, args);
      expect(first.body).toMatchObject({ money_action: { replayed: false } });
      expect(repeat.body).toMatchObject({
        status: 'succeeded',
        money_action: { id: (first.body.money_action as { id: string }).id, replayed: true },
      });
      expect(errorCode(await refund(client, { ...args, amount: 800 }))).toBe('idempotency_key_reused');
      expect(await vendor.truth(orderId)).toMatchObject({ refunded: 700, refunds: 1 });
    });

    it('cancels an order and a subscription once', async () => {
      const buyer = await contact();
      const { client } = await agent({});
      const orderId = await vendor.order(store, buyer.email, {
        amount: 1200,
        status: kind === 'stripe' ? 'pending' : 'paid',
      });
      const subId = await vendor.subscription(store, buyer.email, { amount: 900 });
      const cancelled = await callTool(client, 'cancel_order', {
        order_id: orderId,
        reason: 'Ordered twice',
      });
      expect(cancelled.isError, JSON.stringify(cancelled.body)).toBe(false);
      vendor.settleLater();
      expect(await vendor.truth(orderId)).toMatchObject({ cancelled: true, refunds: 0 });
      expect(
        errorCode(await callTool(client, 'cancel_order', { order_id: orderId, reason: 'Again' })),
      ).toMatch(/already_(cancelled|in_progress)/);
      const ended = await callTool(client, 'cancel_subscription', {
        subscription_id: subId,
        reason: 'Moving abroad',
      });
      expect(ended).toMatchObject({ isError: false, body: { subscription: { status: 'cancelled' } } });
      expect(await vendor.subscriptionCancelled(subId)).toBe(true);
      expect(
        errorCode(await callTool(client, 'cancel_subscription', { subscription_id: subId, reason: 'Again' })),
      ).toBe('already_cancelled');
    });

    it('turns a store that keeps failing into a clear, audited error and releases the reservation', async () => {
      const buyer = await contact();
      const { id, client } = await agent({ daily_amount: { USD: 2000 }, max_amount: { USD: 2000 } });
      const orderId = await vendor.order(store, buyer.email, { amount: 2000 });
      vendor.faults.add({ method: 'POST', status: 503, times: 10, skip: kind === 'shopify' ? 2 : 0 });
      const failed = await refund(client, { order_id: orderId });
      vendor.faults.clear();
      expect(failed).toMatchObject({ isError: true, body: { error: { code: 'store_unavailable' } } });
      expect(await vendor.truth(orderId)).toMatchObject({ refunds: 0 });
      const row = () =>
        h.services.db.kysely
          .selectFrom('money_actions')
          .selectAll()
          .where('agent_id', '=', id)
          .executeTakeFirstOrThrow();
      // Released at once when the store could say nothing happened; otherwise (Shopify answers even its
      // reads over the failing POST) held until the reconciler asks again, and released then.
      if ((await row()).status === 'unknown') {
        expect(kind).toBe('shopify');
        h.setNow(new Date(Date.now() + 2 * MINUTE));
        await reconcileMoney(h.services);
        h.setNow(null);
      }
      expect((await row()).status).toBe('failed');
      const audited = await h.services.db.kysely
        .selectFrom('audit_events')
        .select(['outcome', 'reason'])
        .where('actor_id', '=', id)
        .where('action', '=', 'order.refund')
        .execute();
      expect(audited).toEqual([{ outcome: 'failed', reason: 'store_unavailable' }]);
      // Released: the whole daily amount is still there.
      expect((await refund(client, { order_id: orderId })).isError).toBe(false);
      expect(await vendor.truth(orderId)).toMatchObject({ refunded: 2000, refunds: 1 });
    });

    it('records a refund once when the store did it but the answer was lost', async () => {
      const buyer = await contact();
      const { client } = await agent({});
      const orderId = await vendor.order(store, buyer.email, { amount: 1800 });
      // Shopify reads over POST too: strike the refund itself, after the reads before it.
      vendor.faults.add({ method: 'POST', status: 500, afterWork: true, skip: kind === 'shopify' ? 2 : 0 });
      const outcome = await refund(client, { order_id: orderId });
      vendor.faults.clear();
      expect(outcome, JSON.stringify(outcome.body)).toMatchObject({
        isError: false,
        body: { status: 'succeeded' },
      });
      expect(await vendor.truth(orderId)).toMatchObject({ refunded: 1800, refunds: 1 });
    });

    it('speaks to the store only as its published contract allows, and keeps the audit chain intact', async () => {
      expect(vendor.contractViolations()).toEqual([]);
      expect((await verifyAudit(h.services.db.kysely, ws.accountId)).every((r) => r.ok)).toBe(true);
    });
  });
});
