import { type ServerType, serve } from '@hono/node-server';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue, DEFAULT_DELIVERY_OPTIONS } from '../src/channels/api/deliver-webhooks.js';
import { closeEmailTransports } from '../src/channels/email/send-email.js';
import { FALLBACK_GRACE_MS } from '../src/channels/web-chat/fallback.js';
import { createApp } from '../src/http/app.js';
import { McpSessions } from '../src/mcp/sessions.js';
import { DIALECTS } from './support/databases.js';
import { call, type Harness, seedWorkspace, startHarness, type Workspace } from './support/harness.js';
import { callTool, connectAgent, makeAgent } from './support/mcp.js';
import { type SmtpSink, startSmtpSink } from './support/smtp-sink.js';

const SHOP = 'https://shop.example';

describe.each(DIALECTS)('the web chat offline fallback to email on %s', (dialect) => {
  let h: Harness;
  let ws: Workspace;
  let other: Workspace;
  let sink: SmtpSink;
  let http: ServerType;
  let base: string;
  const sessions = new McpSessions();
  const clients: Client[] = [];
  let emailInbox: string;
  let chat: { id: string; key: string };
  let plain: { id: string; key: string };
  let clock = Date.parse('2026-03-01T10:00:00.000Z');
  const db = () => h.services.db.kysely;
  const advance = (ms: number) => {
    clock += ms;
    h.setNow(new Date(clock));
  };

  const widget = async (method: string, path: string, key: string, body?: unknown, query = {}) => {
    const url = new URL(`${base}/api/v1/widget/${path}`);
    url.searchParams.set('key', key);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
    const res = await fetch(url, {
      method,
      headers: { origin: SHOP, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  };
  /** A visitor (with or without an email) who wrote once; returns its token and conversation. */
  const visitor = async (key: string, email: string | null) => {
    const session = await widget('POST', 'sessions', key, email ? { email } : {});
    const token = session.visitor_token as string;
    const sent = await widget('POST', 'messages', key, { visitor_token: token, content: 'Hello?' });
    return { token, conversationId: sent.conversation_id as string };
  };
  const reply = async (conversationId: string, content: string) => {
    const res = await call(h.app, 'POST', `/api/v1/conversations/${conversationId}/messages`, {
      token: ws.admin.token,
      body: { content },
    });
    expect(res.status).toBe(201);
    return (res.body as { id: string }).id;
  };
  const deliveriesOf = (messageId: string) =>
    db().selectFrom('deliveries').selectAll().where('message_id', '=', messageId).execute();
  /** Runs the outbox past the grace period until the message's delivery is finished; bounded. */
  const finish = async (messageId: string) => {
    advance(FALLBACK_GRACE_MS + 1_000);
    for (let round = 0; round < 50; round += 1) {
      await deliverDue(h.services, DEFAULT_DELIVERY_OPTIONS);
      const [delivery] = await deliveriesOf(messageId);
      if (delivery && delivery.status !== 'pending') return delivery;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the delivery never finished');
  };
  const mailsTo = (address: string) => sink.mails.filter((m) => m.envelope.to.includes(address));

  beforeAll(async () => {
    h = await startHarness(dialect);
    h.setNow(new Date(clock));
    ws = await seedWorkspace(h.services, 'Acme');
    other = await seedWorkspace(h.services, 'Other');
    sink = await startSmtpSink();
    const app = createApp(h.services, { mcpSessions: sessions });
    http = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    const created = await call(h.app, 'POST', '/api/v1/inboxes', {
      token: ws.admin.token,
      body: {
        type: 'email',
        name: 'Support mail',
        email: {
          address: 'support@acme.test',
          smtp: { host: '127.0.0.1', port: sink.port, security: 'none' },
        },
      },
    });
    expect(created.status).toBe(201);
    emailInbox = (created.body as { id: string }).id;
    const makeChat = async (name: string, fallback: string | null) => {
      const res = await call(h.app, 'POST', '/api/v1/inboxes', {
        token: ws.admin.token,
        body: {
          type: 'web_chat',
          name,
          web_chat: { allowed_origins: [SHOP], fallback_email_inbox_id: fallback },
        },
      });
      expect(res.status).toBe(201);
      const body = res.body as {
        id: string;
        web_chat: { public_key: string; fallback_email_inbox_id: string };
      };
      expect(body.web_chat.fallback_email_inbox_id).toBe(fallback);
      return { id: body.id, key: body.web_chat.public_key };
    };
    chat = await makeChat('Website', emailInbox);
    plain = await makeChat('Docs', null);
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await sessions.closeAll();
    if (http) {
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      if ('closeAllConnections' in http) http.closeAllConnections();
      await closed;
    }
    closeEmailTransports();
    await sink?.close();
    await h?.close();
  });

  it('mails a reply to a visitor who left, once, after the grace period; the message stays sent', async () => {
    const v = await visitor(chat.key, 'gone@example.com');
    advance(10_000);
    const messageId = await reply(v.conversationId, 'Your parcel <b>ships</b> today.');
    const [queued] = await deliveriesOf(messageId);
    expect(queued?.status).toBe('pending');
    // Not before the grace period.
    expect(await deliverDue(h.services, DEFAULT_DELIVERY_OPTIONS)).toBe(0);
    const delivery = await finish(messageId);
    expect(delivery.status).toBe('sent');
    const mails = mailsTo('gone@example.com');
    expect(mails).toHaveLength(1);
    const mail = mails[0]!.parsed;
    expect(mail.from?.value[0]).toMatchObject({
      name: 'Acme Admin via Website',
      address: 'support@acme.test',
    });
    expect(mail.subject).toBe('New reply from Website');
    expect(mail.text).toContain('Your parcel <b>ships</b> today.');
    expect(mail.text).toContain('answer in the chat on the website');
    expect(String(mail.html)).toContain('&lt;b&gt;ships&lt;/b&gt;');
    expect(mails[0]!.raw).not.toContain(v.token);
    const message = await db()
      .selectFrom('messages')
      .selectAll()
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(message.delivery_status).toBe('sent');
    const audit = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'message.delivery')
      .where('target_id', '=', messageId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(v.token);
  });

  it('sends no mail when the visitor read the chat after the reply', async () => {
    const v = await visitor(chat.key, 'present@example.com');
    advance(10_000);
    const messageId = await reply(v.conversationId, 'Seen in the widget.');
    advance(5_000);
    await widget('GET', 'messages', chat.key, undefined, { visitor_token: v.token });
    const delivery = await finish(messageId);
    expect(delivery.status).toBe('sent');
    expect(mailsTo('present@example.com')).toHaveLength(0);
  });

  it('sends no mail when the visitor’s widget stream opened after the reply', async () => {
    const v = await visitor(chat.key, 'streaming@example.com');
    advance(10_000);
    const messageId = await reply(v.conversationId, 'Shown on the open page.');
    advance(5_000);
    const abort = new AbortController();
    const url = `${base}/api/v1/widget/stream?key=${chat.key}&visitor_token=${v.token}`;
    const res = await fetch(url, { headers: { origin: SHOP }, signal: abort.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    let text = '';
    for (let i = 0; i < 20 && !text.includes('event: ready'); i += 1) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += new TextDecoder().decode(chunk.value);
    }
    expect(text).toContain('event: ready');
    abort.abort();
    await reader.cancel().catch(() => undefined);
    const delivery = await finish(messageId);
    expect(delivery.status).toBe('sent');
    expect(mailsTo('streaming@example.com')).toHaveLength(0);
  });

  it('gives up at once on a permanent SMTP refusal, leaving the reply sent', async () => {
    const v = await visitor(chat.key, 'refused@example.com');
    advance(10_000);
    const messageId = await reply(v.conversationId, 'This one bounces.');
    sink.refuseNext(550, 'No such user');
    const delivery = await finish(messageId);
    expect(delivery.status).toBe('failed');
    expect(delivery.attempts).toBe(1);
    expect(delivery.last_error).toContain('No such user');
    expect(mailsTo('refused@example.com')).toHaveLength(0);
    const message = await db()
      .selectFrom('messages')
      .select('delivery_status')
      .where('id', '=', messageId)
      .executeTakeFirstOrThrow();
    expect(message.delivery_status).toBe('sent');
  });

  it('queues nothing for a visitor without an email, or an inbox without a fallback', async () => {
    const anonymous = await visitor(chat.key, null);
    advance(10_000);
    expect(await deliveriesOf(await reply(anonymous.conversationId, 'Anyone there?'))).toHaveLength(0);
    const unset = await visitor(plain.key, 'docs@example.com');
    advance(10_000);
    expect(await deliveriesOf(await reply(unset.conversationId, 'No fallback here.'))).toHaveLength(0);
    advance(FALLBACK_GRACE_MS + 1_000);
    await deliverDue(h.services, DEFAULT_DELIVERY_OPTIONS);
    expect(mailsTo('docs@example.com')).toHaveLength(0);
  });

  it('refuses a fallback that is not an email inbox of the account, changing nothing', async () => {
    const settings = async () =>
      (await call(h.app, 'GET', `/api/v1/inboxes/${plain.id}`, { token: ws.admin.token })).body as {
        web_chat: { fallback_email_inbox_id: string | null };
      };
    const before = await settings();
    expect(before.web_chat.fallback_email_inbox_id).toBeNull();
    const foreign = await call(h.app, 'POST', '/api/v1/inboxes', {
      token: other.admin.token,
      body: {
        type: 'email',
        name: 'Other mail',
        email: { address: 'help@other.test', smtp: { host: '127.0.0.1', port: sink.port, security: 'none' } },
      },
    });
    expect(foreign.status).toBe(201);
    for (const id of [ws.inboxes[0]!.id, chat.id, (foreign.body as { id: string }).id, 'inbox_nope']) {
      const res = await call(h.app, 'PATCH', `/api/v1/inboxes/${plain.id}`, {
        token: ws.admin.token,
        body: { web_chat: { fallback_email_inbox_id: id } },
      });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toContain('fallback_email_inbox_id');
    }
    const refused = await call(h.app, 'POST', '/api/v1/inboxes', {
      token: ws.admin.token,
      body: { type: 'web_chat', name: 'Bad', web_chat: { fallback_email_inbox_id: ws.inboxes[0]!.id } },
    });
    expect(refused.status).toBe(400);
    expect(await settings()).toEqual(before);
    // And a valid one is taken, and cleared again with null.
    const set = await call(h.app, 'PATCH', `/api/v1/inboxes/${plain.id}`, {
      token: ws.admin.token,
      body: { web_chat: { fallback_email_inbox_id: emailInbox } },
    });
    expect(set.status).toBe(200);
    expect((await settings()).web_chat.fallback_email_inbox_id).toBe(emailInbox);
    await call(h.app, 'PATCH', `/api/v1/inboxes/${plain.id}`, {
      token: ws.admin.token,
      body: { web_chat: { fallback_email_inbox_id: null } },
    });
    expect(await settings()).toEqual(before);
  });

  it('mails an autonomous agent’s reply over MCP the same way', async () => {
    const v = await visitor(chat.key, 'agentcase@example.com');
    advance(10_000);
    const agent = await makeAgent(h.services, ws.system, {
      scopes: ['conversations:read', 'replies:write'],
      mode: 'autonomous',
    });
    const client = await connectAgent(base, agent.token);
    clients.push(client);
    const replied = await callTool(client, 'reply_to_conversation', {
      conversation_id: v.conversationId,
      content: 'Tracking: 1Z999.',
    });
    expect(replied.isError).toBe(false);
    const message = await db()
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', v.conversationId)
      .where('author_kind', '=', 'agent')
      .executeTakeFirstOrThrow();
    const delivery = await finish(message.id);
    expect(delivery.status).toBe('sent');
    const mails = mailsTo('agentcase@example.com');
    expect(mails).toHaveLength(1);
    expect(mails[0]!.parsed.text).toContain('Tracking: 1Z999.');
  });
});
