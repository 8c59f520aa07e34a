import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type DeliveryOptions, deliverDue } from '../src/channels/api/deliver-webhooks.js';
import { verifyWebhook } from '../src/channels/api/signature.js';
import { secretBox } from '../src/core/crypto.js';
import type { Services } from '../src/core/services.js';
import { openDb } from '../src/db/database.js';
import { startBackgroundJobs } from '../src/jobs/background.js';
import { DIALECTS } from './support/databases.js';
import { call, type Harness, seedWorkspace, startHarness, type Workspace } from './support/harness.js';
import {
  type ReceivedWebhook,
  startWebhookReceiver,
  type WebhookReceiver,
} from './support/webhook-receiver.js';

/** Backoff in virtual time (the harness clock), so retries need no real waiting. */
const FAST: DeliveryOptions = {
  backoff: (n) => 1_000 * n,
  maxAttempts: 4,
  timeoutMs: 5_000,
  leaseMs: 10_000,
};

interface Ids {
  contact_id: string;
  conversation_id: string;
  message_id: string;
  duplicate: boolean;
}

interface ThreadBody {
  conversation: { id: string; status: string; snoozed_until: string | null };
  messages: { id: string; type: string; content: string; delivery_status: string | null }[];
}

describe.each(DIALECTS)('the API channel on %s', (dialect) => {
  let h: Harness;
  let ws: Workspace;
  let other: Workspace;
  let receiver: WebhookReceiver;
  let clock = Date.now();

  /** Moves the services' clock forward (it never goes back, so stored times stay in order). */
  const advance = (ms: number) => {
    clock += ms;
    h.setNow(new Date(clock));
  };
  const db = () => h.services.db.kysely;

  const incoming = (
    inboxId: string,
    secret: string | undefined,
    body: unknown,
    headers?: Record<string, string>,
  ) => call(h.app, 'POST', `/api/v1/inboxes/${inboxId}/incoming`, { token: secret, body, headers });
  const support = () => ws.inboxes[0]!;

  const reply = async (conversationId: string, content: string, token = ws.admin.token) => {
    const res = await call(h.app, 'POST', `/api/v1/conversations/${conversationId}/messages`, {
      token,
      body: { content },
    });
    expect(res.status).toBe(201);
    return res.body as { id: string; delivery_status: string | null };
  };

  const thread = async (conversationId: string) =>
    (await call(h.app, 'GET', `/api/v1/conversations/${conversationId}`, { token: ws.admin.token }))
      .body as ThreadBody;

  /** Rows of every table an inbound call may write, for "nothing was stored" checks. */
  const counts = async (accountId: string) => {
    const count = async (table: 'contacts' | 'conversations' | 'messages' | 'deliveries' | 'audit_events') =>
      Number(
        (
          await db()
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('account_id', '=', accountId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      contacts: await count('contacts'),
      conversations: await count('conversations'),
      messages: await count('messages'),
      deliveries: await count('deliveries'),
      audit: await count('audit_events'),
    };
  };

  const deliveryOf = (messageId: string) =>
    db().selectFrom('deliveries').selectAll().where('message_id', '=', messageId).executeTakeFirstOrThrow();
  const messageRow = (messageId: string) =>
    db().selectFrom('messages').selectAll().where('id', '=', messageId).executeTakeFirstOrThrow();
  const deliveryAudits = (messageId: string) =>
    db()
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'message.delivery')
      .where('target_id', '=', messageId)
      .execute();
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

  /** Sends until nothing is pending, moving the clock past every backoff; bounded. */
  const drain = async (services: Services = h.services, options = FAST) => {
    for (let round = 0; round < 30 && (await pending()) > 0; round += 1) {
      await deliverDue(services, options);
      advance(60_000);
    }
    expect(await pending()).toBe(0);
  };

  const hitsFor = (messageId: string) => receiver.hits.filter((hit) => hit.body.message?.id === messageId);
  const answered = (hits: ReceivedWebhook[]) => hits.filter((hit) => hit.reply === 200);

  beforeAll(async () => {
    receiver = await startWebhookReceiver();
    h = await startHarness(dialect);
    h.setNow(new Date(clock));
    ws = await seedWorkspace(h.services, 'Acme', receiver.url);
    other = await seedWorkspace(h.services, 'Globex');
  });
  afterEach(async () => {
    receiver.reset();
    await drain();
    receiver.reset();
  });
  afterAll(async () => {
    await receiver?.stop();
    await h?.close();
  });

  describe('inbound', () => {
    it('stores a customer message and answers 201 with the contact, conversation and message ids', async () => {
      const res = await incoming(support().id, support().secret, {
        contact: { email: 'new.person@example.com', name: 'New Person' },
        content: 'Where is my parcel?',
        source_id: 'first-1',
      });
      expect(res.status).toBe(201);
      const ids = res.body as Ids;
      expect(ids).toEqual({
        contact_id: expect.stringMatching(/^ct_/),
        conversation_id: expect.stringMatching(/^conv_/),
        message_id: expect.stringMatching(/^msg_/),
        duplicate: false,
      });
      const stored = await messageRow(ids.message_id);
      expect(stored).toMatchObject({
        type: 'incoming',
        author_kind: 'contact',
        author_id: ids.contact_id,
        conversation_id: ids.conversation_id,
        inbox_id: support().id,
        content: 'Where is my parcel?',
        source_id: 'first-1',
        delivery_status: null,
      });
      expect((await thread(ids.conversation_id)).conversation.status).toBe('open');
    });

    it('refuses a wrong, missing or malformed secret with 401 and stores nothing', async () => {
      const before = await counts(ws.accountId);
      const body = { contact: { email: 'intruder@example.com' }, content: 'hi' };
      const attempts = [
        await incoming(support().id, 'dwi_not-the-secret', body),
        await incoming(support().id, ws.inboxes[1]!.secret, body),
        await incoming(support().id, undefined, body),
        await incoming(support().id, undefined, body, { authorization: `Basic ${support().secret}` }),
        await incoming(support().id, undefined, body, { authorization: 'Bearer' }),
        await incoming('inbox_doesnotexist', support().secret, body),
      ];
      for (const res of attempts) {
        expect(res.status).toBe(401);
        expect(res.body).toMatchObject({ error: { code: 'unauthenticated' } });
      }
      expect(await counts(ws.accountId)).toEqual(before);
    });

    it("refuses another account's inbox with your secret, and your inbox with theirs", async () => {
      const mine = await counts(ws.accountId);
      const theirs = await counts(other.accountId);
      const body = { contact: { email: 'crossing@example.com' }, content: 'hi' };
      expect((await incoming(other.inboxes[0]!.id, support().secret, body)).status).toBe(401);
      expect((await incoming(support().id, other.inboxes[0]!.secret, body)).status).toBe(401);
      expect(await counts(ws.accountId)).toEqual(mine);
      expect(await counts(other.accountId)).toEqual(theirs);
    });

    it('finds the contact by email in any case, then by external id of this inbox, else creates one', async () => {
      const send = async (inbox: { id: string; secret: string }, contact: Record<string, string>) => {
        const res = await incoming(inbox.id, inbox.secret, { contact, content: 'hello' });
        expect(res.status).toBe(201);
        return (res.body as Ids).contact_id;
      };
      const byEmail = await send(support(), { email: 'Casey.Upper@Example.com', name: 'Casey' });
      expect(await send(support(), { email: 'casey.upper@example.com' })).toBe(byEmail);

      const byExternal = await send(support(), { external_id: 'cust-42', name: 'Ext Customer' });
      expect(byExternal).not.toBe(byEmail);
      expect(await send(support(), { external_id: 'cust-42' })).toBe(byExternal);
      // An unknown email falls back to the external id, and completes that contact.
      expect(await send(support(), { external_id: 'cust-42', email: 'ext@example.com' })).toBe(byExternal);
      expect(await send(support(), { email: 'ext@example.com' })).toBe(byExternal);
      // The email wins over the external id.
      expect(await send(support(), { email: 'casey.upper@example.com', external_id: 'cust-42' })).toBe(
        byEmail,
      );
      // External ids belong to one inbox: the same id in another inbox is another customer.
      const elsewhere = await send(ws.inboxes[1]!, { external_id: 'cust-42' });
      expect([byEmail, byExternal]).not.toContain(elsewhere);
      const contact = await db()
        .selectFrom('contacts')
        .selectAll()
        .where('id', '=', byExternal)
        .executeTakeFirst();
      expect(contact).toMatchObject({ name: 'Ext Customer', email: 'ext@example.com' });
    });

    it("appends to the given conversation only when it is this contact's, in this inbox", async () => {
      const first = (
        await incoming(support().id, support().secret, {
          contact: { email: 'given@example.com' },
          content: 'one',
        })
      ).body as Ids;
      const again = await incoming(support().id, support().secret, {
        contact: { email: 'given@example.com' },
        content: 'two',
        conversation_id: first.conversation_id,
      });
      expect(again.status).toBe(201);
      expect((again.body as Ids).conversation_id).toBe(first.conversation_id);

      const before = await counts(ws.accountId);
      const refused = [
        // Someone else's conversation in this inbox.
        await incoming(support().id, support().secret, {
          contact: { email: 'given@example.com' },
          content: 'x',
          conversation_id: ws.conversations[0]!.id,
        }),
        // This contact's conversation, but from another inbox.
        await incoming(ws.inboxes[1]!.id, ws.inboxes[1]!.secret, {
          contact: { email: 'given@example.com' },
          content: 'x',
          conversation_id: first.conversation_id,
        }),
        // A new customer naming an existing conversation: not even the contact is kept.
        await incoming(support().id, support().secret, {
          contact: { email: 'stranger@example.com' },
          content: 'x',
          conversation_id: first.conversation_id,
        }),
        await incoming(support().id, support().secret, {
          contact: { email: 'given@example.com' },
          content: 'x',
          conversation_id: 'conv_doesnotexist',
        }),
        // Another account's conversation.
        await incoming(support().id, support().secret, {
          contact: { email: 'given@example.com' },
          content: 'x',
          conversation_id: other.conversations[0]!.id,
        }),
      ];
      for (const res of refused) {
        expect(res.status).toBe(404);
        expect(res.body).toMatchObject({ error: { code: 'not_found' } });
      }
      expect(await counts(ws.accountId)).toEqual(before);
    });

    it('continues the latest unresolved conversation, and starts a new one once it is resolved', async () => {
      const send = async () =>
        (
          await incoming(support().id, support().secret, {
            contact: { email: 'latest@example.com' },
            content: 'hi',
          })
        ).body as Ids;
      const first = await send();
      expect((await send()).conversation_id).toBe(first.conversation_id);
      await call(h.app, 'PATCH', `/api/v1/conversations/${first.conversation_id}`, {
        token: ws.admin.token,
        body: { status: 'resolved' },
      });
      const next = await send();
      expect(next.conversation_id).not.toBe(first.conversation_id);
      expect(next.contact_id).toBe(first.contact_id);
      expect((await thread(first.conversation_id)).conversation.status).toBe('resolved');
      expect((await send()).conversation_id).toBe(next.conversation_id);
    });

    it('reopens a resolved or snoozed conversation with an activity message', async () => {
      const contact = { email: 'reopen@example.com' };
      const first = (await incoming(support().id, support().secret, { contact, content: 'one' })).body as Ids;
      const id = first.conversation_id;
      await call(h.app, 'PATCH', `/api/v1/conversations/${id}`, {
        token: ws.admin.token,
        body: { status: 'resolved' },
      });
      const given = await incoming(support().id, support().secret, {
        contact,
        content: 'two',
        conversation_id: id,
      });
      expect((given.body as Ids).conversation_id).toBe(id);
      let view = await thread(id);
      expect(view.conversation.status).toBe('open');
      expect(view.messages.slice(-2).map((m) => [m.type, m.content])).toEqual([
        ['activity', 'Reopened by a new message from the customer (was resolved)'],
        ['incoming', 'two'],
      ]);

      const until = new Date(clock + 3_600_000).toISOString();
      const snoozed = await call(h.app, 'PATCH', `/api/v1/conversations/${id}`, {
        token: ws.admin.token,
        body: { snoozed_until: until },
      });
      expect((snoozed.body as { status: string }).status).toBe('snoozed');
      const latest = await incoming(support().id, support().secret, { contact, content: 'three' });
      expect((latest.body as Ids).conversation_id).toBe(id);
      view = await thread(id);
      expect(view.conversation).toMatchObject({ status: 'open', snoozed_until: null });
      expect(view.messages.slice(-2).map((m) => [m.type, m.content])).toEqual([
        ['activity', 'Reopened by a new message from the customer (was snoozed)'],
        ['incoming', 'three'],
      ]);
    });

    it('stores a repeated source_id once and answers 200 with the same ids', async () => {
      const body = { contact: { email: 'repeat@example.com' }, content: 'once', source_id: 'evt-100' };
      const first = await incoming(support().id, support().secret, body);
      expect(first.status).toBe(201);
      const before = await counts(ws.accountId);
      const second = await incoming(support().id, support().secret, body);
      const changed = await incoming(support().id, support().secret, { ...body, content: 'edited' });
      for (const res of [second, changed]) {
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ ...(first.body as Ids), duplicate: true });
      }
      expect(await counts(ws.accountId)).toEqual(before);
      // Source ids are per inbox.
      const elsewhere = await incoming(ws.inboxes[1]!.id, ws.inboxes[1]!.secret, body);
      expect(elsewhere.status).toBe(201);
      expect((elsewhere.body as Ids).message_id).not.toBe((first.body as Ids).message_id);
    });

    it('stores a message once when the same request races eight times', async () => {
      const before = await counts(ws.accountId);
      const body = {
        contact: { email: 'racer@example.com', external_id: 'race-1' },
        content: 'hi',
        source_id: 'race',
      };
      const results = await Promise.all(
        Array.from({ length: 8 }, () => incoming(support().id, support().secret, body)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
      const ids = results.map((r) => r.body as Ids);
      const winner = ids.find((r) => !r.duplicate)!;
      for (const r of ids) expect(r).toEqual({ ...winner, duplicate: r.duplicate });
      const after = await counts(ws.accountId);
      expect(after).toEqual({
        ...before,
        contacts: before.contacts + 1,
        conversations: before.conversations + 1,
        messages: before.messages + 1,
        audit: before.audit + 1,
      });
    });

    it("keeps a new customer's concurrent first messages in one contact and one conversation", async () => {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          incoming(support().id, support().secret, {
            contact: { email: 'burst@example.com', external_id: 'burst-1' },
            content: `message ${i}`,
            source_id: `burst-${i}`,
          }),
        ),
      );
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
      const ids = results.map((r) => r.body as Ids);
      expect(new Set(ids.map((r) => r.contact_id)).size).toBe(1);
      expect(new Set(ids.map((r) => r.conversation_id)).size).toBe(1);
      expect(new Set(ids.map((r) => r.message_id)).size).toBe(6);
      const contacts = await db()
        .selectFrom('contacts')
        .select('id')
        .where('account_id', '=', ws.accountId)
        .where('email', '=', 'burst@example.com')
        .execute();
      expect(contacts).toHaveLength(1);
    });

    it('refuses bad bodies with 400 naming the field, and stores nothing', async () => {
      const email = 'bad@example.com';
      const cases: [unknown, string, Record<string, string>?][] = [
        [{}, 'contact'],
        [{ contact: { email } }, 'content'],
        [{ contact: {}, content: 'x' }, 'contact.email'],
        [{ contact: { email: 'not-an-email' }, content: 'x' }, 'contact.email'],
        [{ contact: { email, phone: 'call me' }, content: 'x' }, 'contact.phone'],
        [{ contact: { email, age: 40 }, content: 'x' }, 'contact.age'],
        [{ contact: { email }, content: '' }, 'content'],
        [{ contact: { email }, content: '   ' }, 'content'],
        [{ contact: { email }, content: 42 }, 'content'],
        [{ contact: { email }, content: 'x'.repeat(20_001) }, 'content'],
        [{ contact: { email }, content: 'nul \u0000 byte' }, 'content'],
        [{ contact: { email }, content: 'x', conversation_id: 12 }, 'conversation_id'],
        [{ contact: { email }, content: 'x', conversation_id: '../etc' }, 'conversation_id'],
        [{ contact: { email }, content: 'x', source_id: '' }, 'source_id'],
        [{ contact: { email }, content: 'x', admin: true }, 'admin'],
        [{ contact: 'bad@example.com', content: 'x' }, 'contact'],
        [[], '(body)'],
        ['null', '(body)'],
        ['{"contact": ', '(body)'],
        [JSON.stringify({ contact: { email }, content: 'x' }), '(body)', { 'content-type': 'text/plain' }],
      ];
      const before = await counts(ws.accountId);
      for (const [body, field, headers] of cases) {
        const res = await incoming(support().id, support().secret, body, headers);
        expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
        const error = (res.body as { error: { code: string; details?: { fields?: { field: string }[] } } })
          .error;
        expect(error.code).toBe('bad_request');
        expect(error.details?.fields?.map((f) => f.field)).toContain(field);
      }
      expect(await counts(ws.accountId)).toEqual(before);
    });
  });

  describe('outbound', () => {
    const conversation = () => ws.conversations[0]!;

    it('POSTs a teammate reply to the webhook URL, signed with the inbox secret', async () => {
      const sent = await reply(conversation().id, 'A replacement is on its way.', ws.teammate.token);
      expect(sent.delivery_status).toBe('pending');
      const queued = await deliveryOf(sent.id);
      expect(queued).toMatchObject({ status: 'pending', attempts: 0, inbox_id: support().id });
      expect(receiver.hits).toHaveLength(0);

      expect(await deliverDue(h.services, FAST)).toBe(1);
      expect(receiver.hits).toHaveLength(1);
      const hit = receiver.hits[0]!;
      expect(hit.deliveryId).toBe(queued.id);
      expect(hit.body).toMatchObject({
        event: 'message.outgoing',
        message: {
          id: sent.id,
          type: 'outgoing',
          private: false,
          content: 'A replacement is on its way.',
          author: { kind: 'user', id: ws.teammate.id, name: 'Acme Mate' },
        },
        conversation: { id: conversation().id, inbox_id: support().id },
        contact: { id: conversation().contactId },
      });
      expect(Object.keys(hit.body).sort()).toEqual(['contact', 'conversation', 'event', 'message']);

      // The receiver's check, and an independent one from the contract.
      expect(hit.timestamp).toBe(String(Math.floor(clock / 1000)));
      const headers = { timestamp: hit.timestamp, signature: hit.signature };
      expect(verifyWebhook(support().secret, headers, hit.rawBody, { now: new Date(clock) })).toBe(true);
      const hmac = createHmac('sha256', support().secret)
        .update(`${hit.timestamp}.${hit.rawBody}`)
        .digest('hex');
      expect(hit.signature).toBe(`sha256=${hmac}`);
      expect(verifyWebhook(ws.inboxes[1]!.secret, headers, hit.rawBody, { now: new Date(clock) })).toBe(
        false,
      );

      expect(await deliveryOf(sent.id)).toMatchObject({
        status: 'sent',
        attempts: 1,
        last_error: null,
        locked_until: null,
        sent_at: expect.any(String),
      });
      expect((await messageRow(sent.id)).delivery_status).toBe('sent');
      expect((await thread(conversation().id)).messages.find((m) => m.id === sent.id)?.delivery_status).toBe(
        'sent',
      );
      const audits = await deliveryAudits(sent.id);
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ actor_kind: 'system', outcome: 'succeeded', target_type: 'message' });
      expect(JSON.parse(audits[0]!.result)).toMatchObject({ outcome: 'sent', attempts: 1 });

      expect(await deliverDue(h.services, FAST)).toBe(0);
      expect(receiver.hits).toHaveLength(1);
    });

    it('never delivers a private note', async () => {
      const res = await call(h.app, 'POST', `/api/v1/conversations/${conversation().id}/messages`, {
        token: ws.admin.token,
        body: { content: 'Internal: customer is a VIP', private: true },
      });
      const note = res.body as { id: string; delivery_status: string | null };
      expect(note.delivery_status).toBeNull();
      const queued = await db()
        .selectFrom('deliveries')
        .select('id')
        .where('message_id', '=', note.id)
        .execute();
      expect(queued).toHaveLength(0);
      expect(await deliverDue(h.services, FAST)).toBe(0);
      expect(receiver.hits).toHaveLength(0);
    });

    it('delivers the replies of one conversation in the order they were written, even across a retry', async () => {
      const first = await reply(conversation().id, 'first');
      let failed = false;
      receiver.rule = (hit) => {
        if (failed || hit.body.message?.id !== first.id) return undefined;
        failed = true;
        return 500;
      };
      const second = await reply(conversation().id, 'second');
      const elsewhere = await reply(ws.conversations[1]!.id, 'other conversation');

      // The first fails; the second waits behind it; another conversation is not held up.
      expect(await deliverDue(h.services, FAST)).toBe(2);
      expect(receiver.hits.map((hit) => hit.body.message?.id).sort()).toEqual(
        [first.id, elsewhere.id].sort(),
      );
      expect(await deliverDue(h.services, FAST)).toBe(0);

      advance(FAST.backoff(1));
      expect(await deliverDue(h.services, FAST)).toBe(1);
      expect(await deliverDue(h.services, FAST)).toBe(1);
      const order = receiver.hits
        .map((hit) => hit.body.message?.id)
        .filter((id) => id === first.id || id === second.id);
      expect(order).toEqual([first.id, first.id, second.id]);
      expect((await deliveryOf(second.id)).status).toBe('sent');
    });

    it('retries after a 500 with backoff and delivers exactly once', async () => {
      receiver.plan = [500, 503];
      const sent = await reply(conversation().id, 'Retry me');
      expect(await deliverDue(h.services, FAST)).toBe(1);
      const afterFirst = await deliveryOf(sent.id);
      expect(afterFirst).toMatchObject({
        status: 'pending',
        attempts: 1,
        last_error: 'HTTP 500',
        locked_until: null,
      });
      expect(Date.parse(afterFirst.next_attempt_at)).toBe(clock + FAST.backoff(1));
      expect((await messageRow(sent.id)).delivery_status).toBe('pending');

      expect(await deliverDue(h.services, FAST)).toBe(0);
      advance(FAST.backoff(1) - 1);
      expect(await deliverDue(h.services, FAST)).toBe(0);
      advance(1);
      expect(await deliverDue(h.services, FAST)).toBe(1);
      expect(await deliveryOf(sent.id)).toMatchObject({ attempts: 2, last_error: 'HTTP 503' });
      advance(FAST.backoff(2));
      expect(await deliverDue(h.services, FAST)).toBe(1);

      const hits = hitsFor(sent.id);
      expect(hits.map((hit) => hit.reply)).toEqual([500, 503, 200]);
      expect(new Set(hits.map((hit) => hit.deliveryId))).toEqual(new Set([afterFirst.id]));
      expect(await deliveryOf(sent.id)).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
      expect((await messageRow(sent.id)).delivery_status).toBe('sent');
      const audits = await deliveryAudits(sent.id);
      expect(audits).toHaveLength(1);
      expect(JSON.parse(audits[0]!.result)).toMatchObject({ outcome: 'sent', attempts: 3 });
      advance(3_600_000);
      expect(await deliverDue(h.services, FAST)).toBe(0);
      expect(hitsFor(sent.id)).toHaveLength(3);
    });

    it('retries while the receiver refuses connections, then delivers once', async () => {
      await receiver.stop();
      try {
        const sent = await reply(conversation().id, 'Anyone there?');
        expect(await deliverDue(h.services, FAST)).toBe(1);
        expect(await deliveryOf(sent.id)).toMatchObject({
          status: 'pending',
          attempts: 1,
          last_error: expect.stringContaining('ECONNREFUSED'),
        });
        await receiver.start();
        advance(FAST.backoff(1));
        expect(await deliverDue(h.services, FAST)).toBe(1);
        expect(answered(hitsFor(sent.id))).toHaveLength(1);
        expect(hitsFor(sent.id)).toHaveLength(1);
        expect(await deliveryOf(sent.id)).toMatchObject({ status: 'sent', attempts: 2 });
      } finally {
        await receiver.start();
      }
    });

    it('gives up on a request that times out or whose connection is cut, and retries it', async () => {
      receiver.plan = ['hang', 'reset'];
      const sent = await reply(conversation().id, 'Slow receiver');
      const quick = { ...FAST, timeoutMs: 200 };
      expect(await deliverDue(h.services, quick)).toBe(1);
      expect((await deliveryOf(sent.id)).last_error).toMatch(/TimeoutError/);
      receiver.release();
      advance(FAST.backoff(1));
      expect(await deliverDue(h.services, quick)).toBe(1);
      expect(await deliveryOf(sent.id)).toMatchObject({
        attempts: 2,
        last_error: expect.stringMatching(/fetch failed/),
      });
      advance(FAST.backoff(2));
      expect(await deliverDue(h.services, quick)).toBe(1);
      expect(hitsFor(sent.id).map((hit) => hit.reply)).toEqual(['hang', 'reset', 200]);
      expect(await deliveryOf(sent.id)).toMatchObject({ status: 'sent', attempts: 3 });
      expect(await deliveryAudits(sent.id)).toHaveLength(1);
    });

    it('marks the message failed after maxAttempts, audits it, and lets the next reply go', async () => {
      receiver.plan = [500, 500, 500, 500];
      const doomed = await reply(conversation().id, 'Never arrives');
      for (let attempt = 1; attempt <= FAST.maxAttempts; attempt += 1) {
        expect(await deliverDue(h.services, FAST)).toBe(1);
        advance(FAST.backoff(attempt));
      }
      expect(await deliverDue(h.services, FAST)).toBe(0);
      expect(hitsFor(doomed.id)).toHaveLength(FAST.maxAttempts);
      expect(await deliveryOf(doomed.id)).toMatchObject({
        status: 'failed',
        attempts: 4,
        last_error: 'HTTP 500',
      });
      expect((await messageRow(doomed.id)).delivery_status).toBe('failed');
      expect(
        (await thread(conversation().id)).messages.find((m) => m.id === doomed.id)?.delivery_status,
      ).toBe('failed');
      const audits = await deliveryAudits(doomed.id);
      expect(audits).toHaveLength(1);
      expect(JSON.parse(audits[0]!.result)).toMatchObject({ outcome: 'failed', attempts: 4 });
      expect(JSON.parse(audits[0]!.input)).toMatchObject({ outcome: 'failed', error: 'HTTP 500' });

      const next = await reply(conversation().id, 'This one arrives');
      expect(await deliverDue(h.services, FAST)).toBe(1);
      expect((await deliveryOf(next.id)).status).toBe('sent');
    });

    it('counts a delivery that cannot even be prepared as a failed attempt, so it backs off and ends', async () => {
      // A server started with another DESKWOOT_SECRET cannot open the inbox secret to sign with.
      const wrongKey: Services = { ...h.services, box: secretBox('a-different-secret-0123456789') };
      const sent = await reply(conversation().id, 'Unsignable');
      expect(await deliverDue(wrongKey, FAST)).toBe(1);
      expect(await deliveryOf(sent.id)).toMatchObject({ status: 'pending', attempts: 1, locked_until: null });
      expect(await deliverDue(wrongKey, FAST)).toBe(0);
      for (let attempt = 1; attempt < FAST.maxAttempts; attempt += 1) {
        advance(FAST.backoff(attempt));
        expect(await deliverDue(wrongKey, FAST)).toBe(1);
      }
      expect(await deliveryOf(sent.id)).toMatchObject({ status: 'failed', attempts: FAST.maxAttempts });
      expect(receiver.hits).toHaveLength(0);
    });

    it('lets only the current lease holder record the outcome when a send outlives its lease', async () => {
      receiver.plan = ['hang'];
      const sent = await reply(conversation().id, 'Slow and steady');
      const slow = deliverDue(h.services, FAST);
      await receiver.waitForHits(1);
      // The first sender looks dead: its lease runs out and another sender takes over and succeeds.
      advance(FAST.leaseMs + 1);
      expect(await deliverDue(h.services, FAST)).toBe(1);
      expect(await deliveryOf(sent.id)).toMatchObject({ status: 'sent', attempts: 1 });
      // Then the first one's request completes too: it must not record a second outcome.
      receiver.release();
      expect(await slow).toBe(1);
      const hits = hitsFor(sent.id);
      expect(hits).toHaveLength(2);
      expect(hits[0]!.deliveryId).toBe(hits[1]!.deliveryId);
      expect(await deliveryOf(sent.id)).toMatchObject({ status: 'sent', attempts: 1 });
      expect(await deliveryAudits(sent.id)).toHaveLength(1);
    });

    it('ends a send before its lease runs out, even when the timeout is longer', async () => {
      receiver.plan = ['hang'];
      const sent = await reply(conversation().id, 'Short lease');
      const started = Date.now();
      expect(await deliverDue(h.services, { ...FAST, leaseMs: 500, timeoutMs: 30_000 })).toBe(1);
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(await deliveryOf(sent.id)).toMatchObject({
        status: 'pending',
        attempts: 1,
        last_error: expect.stringMatching(/TimeoutError/),
      });
    });

    it('never sends one delivery twice when several workers deliver at once', async () => {
      const conversations = [];
      for (let i = 0; i < 4; i += 1) {
        const res = await incoming(support().id, support().secret, {
          contact: { email: `parallel-${i}@example.com` },
          content: 'hello',
        });
        conversations.push((res.body as Ids).conversation_id);
      }
      const written: Record<string, string[]> = {};
      for (let round = 0; round < 3; round += 1) {
        for (const id of conversations) (written[id] ??= []).push((await reply(id, `reply ${round}`)).id);
      }
      // On PostgreSQL each worker has its own connection pool, like separate nodes.
      const workers: Services[] =
        dialect === 'postgres'
          ? [h.services, { ...h.services, db: openDb(h.url) }, { ...h.services, db: openDb(h.url) }]
          : [h.services, h.services, h.services];
      receiver.delayMs = 20;
      try {
        for (let round = 0; round < 20 && (await pending()) > 0; round += 1) {
          await Promise.all(workers.map((worker) => deliverDue(worker, FAST)));
        }
      } finally {
        for (const worker of workers.slice(1)) if (worker.db !== h.services.db) await worker.db.close();
      }
      expect(await pending()).toBe(0);
      const all = Object.values(written).flat();
      expect(receiver.hits).toHaveLength(all.length);
      expect(new Set(receiver.hits.map((hit) => hit.deliveryId)).size).toBe(all.length);
      for (const [id, messages] of Object.entries(written)) {
        const arrived = receiver.hits.filter((hit) => (hit.body.conversation as { id: string }).id === id);
        expect(arrived.map((hit) => hit.body.message?.id)).toEqual(messages);
      }
    });

    it('delivers right after the reply commits when the background jobs run', async () => {
      const jobs = startBackgroundJobs(h.services, { pollMs: 60_000, delivery: FAST });
      h.services.onDeliveryQueued = jobs.kick;
      try {
        const sent = await reply(conversation().id, 'Kicked');
        await receiver.waitForHits(1);
        expect(hitsFor(sent.id)).toHaveLength(1);
        for (let i = 0; i < 100 && (await messageRow(sent.id)).delivery_status !== 'sent'; i += 1) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect((await messageRow(sent.id)).delivery_status).toBe('sent');
      } finally {
        h.services.onDeliveryQueued = () => undefined;
        await jobs.stop();
      }
    });

    it('picks up a delivery nobody kicked (e.g. left by a crash) on the next poll', async () => {
      const sent = await reply(conversation().id, 'Left behind');
      const jobs = startBackgroundJobs(h.services, { pollMs: 50, delivery: FAST });
      try {
        await receiver.waitForHits(1);
        expect(hitsFor(sent.id)).toHaveLength(1);
      } finally {
        await jobs.stop();
      }
      expect((await messageRow(sent.id)).delivery_status).toBe('sent');
    });
  });
});
