import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../src/channels/api/signature.js';
import { DIALECTS } from './support/databases.js';
import { call, type Harness, seedWorkspace, startHarness, type Workspace } from './support/harness.js';
import { assertBuilt, killAllServers, type ServerProcess, spawnServer } from './support/server-process.js';
import {
  type ReceivedWebhook,
  startWebhookReceiver,
  type WebhookReceiver,
} from './support/webhook-receiver.js';

/** Polls until `check` holds; bounded, with a message that says what never happened. */
async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The durable outbox across real processes: `deskwoot start` is spawned, killed with SIGKILL and
 * started again on the same database, and a local receiver counts what arrives.
 */
describe.each(DIALECTS)('API channel deliveries across server processes on %s', (dialect) => {
  let h: Harness;
  let ws: Workspace;
  let receiver: WebhookReceiver;

  const db = () => h.services.db.kysely;
  const messageRow = (id: string) =>
    db().selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const deliveryOf = (messageId: string) =>
    db().selectFrom('deliveries').selectAll().where('message_id', '=', messageId).executeTakeFirstOrThrow();
  const deliveryAudits = async (messageId: string) =>
    (
      await db()
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'message.delivery')
        .where('target_id', '=', messageId)
        .execute()
    ).length;
  const pending = async () =>
    Number(
      (
        await db()
          .selectFrom('deliveries')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', '=', 'pending')
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** A teammate's reply through a running server's REST API. */
  const replyVia = async (server: ServerProcess, conversationId: string, content: string) => {
    const response = await fetch(`${server.url}/api/v1/conversations/${conversationId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ws.admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content }),
    });
    expect(response.status).toBe(201);
    return (await response.json()) as { id: string };
  };

  const hitsFor = (messageId: string) => receiver.hits.filter((hit) => hit.body.message?.id === messageId);
  const signedBySupport = (hit: ReceivedWebhook) =>
    verifyWebhook(ws.inboxes[0]!.secret, { timestamp: hit.timestamp, signature: hit.signature }, hit.rawBody);

  beforeAll(async () => {
    assertBuilt();
    receiver = await startWebhookReceiver({ down: true });
    h = await startHarness(dialect);
    ws = await seedWorkspace(h.services, 'Acme', receiver.url);
  });
  beforeEach(async () => {
    receiver.reset();
    await receiver.stop();
  });
  afterAll(async () => {
    await killAllServers();
    await receiver?.stop();
    await h?.close();
  });

  it('delivers a reply queued while the receiver was down exactly once after a crash and restart', async () => {
    const first = await spawnServer(h.url);
    const sent = await replyVia(first, ws.conversations[0]!.id, 'Queued before the crash');
    await waitFor('the first attempt failed', async () => (await deliveryOf(sent.id)).attempts >= 1);
    expect(await deliveryOf(sent.id)).toMatchObject({
      status: 'pending',
      last_error: expect.stringContaining('ECONNREFUSED'),
    });
    await first.kill('SIGKILL');

    await receiver.start();
    const second = await spawnServer(h.url);
    try {
      await waitFor(
        'the message was sent',
        async () => (await messageRow(sent.id)).delivery_status === 'sent',
      );
      await sleep(1_500); // more than one poll: a duplicate would show up now
    } finally {
      await second.kill('SIGTERM');
    }
    const hits = hitsFor(sent.id);
    expect(hits).toHaveLength(1);
    const delivery = await deliveryOf(sent.id);
    expect(receiver.hits.filter((hit) => hit.deliveryId === delivery.id)).toHaveLength(1);
    expect(signedBySupport(hits[0]!)).toBe(true);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 2 });
    expect(await deliveryAudits(sent.id)).toBe(1);
  }, 60_000);

  it('sends again, under the same delivery id, a request that a crash cut off, and records it once', async () => {
    await receiver.start();
    receiver.plan = ['hang'];
    const first = await spawnServer(h.url);
    const sent = await replyVia(first, ws.conversations[0]!.id, 'Cut off mid-send');
    await receiver.waitForHits(1, 20_000);
    await first.kill('SIGKILL');
    const delivery = await deliveryOf(sent.id);
    expect(delivery).toMatchObject({ status: 'pending', attempts: 0, locked_until: expect.any(String) });

    // The dead server's lease (a minute) must run out before anyone may send again; stand in for
    // that minute by ending the lease now rather than waiting for it.
    await db()
      .updateTable('deliveries')
      .set({ locked_until: new Date(Date.now() - 1_000).toISOString() })
      .where('id', '=', delivery.id)
      .execute();
    const second = await spawnServer(h.url);
    try {
      await waitFor(
        'the message was sent',
        async () => (await messageRow(sent.id)).delivery_status === 'sent',
      );
      await sleep(1_500);
    } finally {
      await second.kill('SIGTERM');
    }
    const hits = hitsFor(sent.id);
    expect(hits.map((hit) => [hit.deliveryId, hit.reply])).toEqual([
      [delivery.id, 'hang'],
      [delivery.id, 200],
    ]);
    expect(hits.every(signedBySupport)).toBe(true);
    expect(await deliveryOf(sent.id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(await deliveryAudits(sent.id)).toBe(1);
  }, 60_000);

  // Several nodes share one database only on PostgreSQL; SQLite is the embedded, one-process store.
  if (dialect === 'postgres') {
    it('never sends one delivery twice while two servers run on the same database', async () => {
      await receiver.start();
      receiver.delayMs = 30;
      const servers = [await spawnServer(h.url), await spawnServer(h.url)];
      const written = new Map<string, string[]>();
      try {
        const conversations: string[] = [];
        for (let i = 0; i < 5; i += 1) {
          const res = await call(h.app, 'POST', `/api/v1/inboxes/${ws.inboxes[0]!.id}/incoming`, {
            token: ws.inboxes[0]!.secret,
            body: { contact: { email: `two-nodes-${i}@example.com` }, content: 'hello' },
          });
          conversations.push((res.body as { conversation_id: string }).conversation_id);
        }
        // Each conversation's replies in order, alternating between the servers; conversations at once.
        await Promise.all(
          conversations.map(async (id, c) => {
            const ids: string[] = [];
            for (let r = 0; r < 4; r += 1)
              ids.push((await replyVia(servers[(c + r) % 2]!, id, `reply ${r}`)).id);
            written.set(id, ids);
          }),
        );
        await waitFor('every delivery was sent', async () => (await pending()) === 0);
        await sleep(1_500);
      } finally {
        await Promise.all(servers.map((server) => server.kill('SIGTERM')));
      }
      const all = [...written.values()].flat();
      expect(all).toHaveLength(20);
      expect(receiver.hits).toHaveLength(20);
      expect(new Set(receiver.hits.map((hit) => hit.deliveryId)).size).toBe(20);
      expect(new Set(receiver.hits.map((hit) => hit.body.message?.id))).toEqual(new Set(all));
      for (const [id, messages] of written) {
        const arrived = receiver.hits.filter((hit) => (hit.body.conversation as { id: string }).id === id);
        expect(arrived.map((hit) => hit.body.message?.id)).toEqual(messages);
      }
      for (const id of all) expect(await deliveryAudits(id)).toBe(1);
    }, 60_000);
  }
});
