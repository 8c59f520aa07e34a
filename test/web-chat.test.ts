import { type ServerType, serve } from '@hono/node-server';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { AddressInfo } from 'node:net';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityHash } from '../src/channels/web-chat/identity.js';
import { sha256Hex } from '../src/core/crypto.js';
import { perform } from '../src/core/perform.js';
import type { Services } from '../src/core/services.js';
import { openDb } from '../src/db/database.js';
import { createInbox } from '../src/inboxes/create-inbox.js';
import { createApp } from '../src/http/app.js';
import { McpSessions } from '../src/mcp/sessions.js';
import { type Realtime, startRealtime } from '../src/realtime/start-realtime.js';
import { readEvents } from './e2e/support/sse.js';
import { DIALECTS } from './support/databases.js';
import {
  call,
  type Harness,
  seedWorkspace,
  startHarness,
  TEST_SECRET,
  type Workspace,
} from './support/harness.js';
import { assertBuilt } from './support/server-process.js';
import { callTool, connectAgent, makeAgent } from './support/mcp.js';

const SHOP = 'https://shop.example';
const LIMIT = 6;

interface ChatInbox {
  id: string;
  secret: string;
  key: string;
}
interface Session {
  visitor_token: string;
  conversation_id: string | null;
  verified: boolean;
  messages: { id: string; from: string; content: string }[];
}

describe.each(DIALECTS)('the web chat channel on %s', (dialect) => {
  let h: Harness;
  let ws: Workspace;
  let realtime: Realtime;
  let http: ServerType;
  let base: string;
  const sessions = new McpSessions();
  const clients: Client[] = [];
  let chat: ChatInbox;
  let open: ChatInbox;
  const db = () => h.services.db.kysely;

  const widget = (
    method: string,
    path: string,
    key: string,
    options: {
      body?: unknown;
      origin?: string | null;
      query?: Record<string, string>;
      raw?: string;
      headers?: Record<string, string>;
    } = {},
  ) => {
    const url = new URL(`${base}/api/v1/widget/${path}`);
    url.searchParams.set('key', key);
    for (const [k, v] of Object.entries(options.query ?? {})) url.searchParams.set(k, v);
    const headers: Record<string, string> = { ...options.headers };
    if (options.origin !== null) headers.origin = options.origin ?? SHOP;
    if (options.body !== undefined || options.raw !== undefined) headers['content-type'] = 'application/json';
    return fetch(url, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    });
  };
  const json = async (response: Response) => ({
    status: response.status,
    body: (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } },
    headers: response.headers,
  });
  const startChat = async (
    inbox: ChatInbox,
    body: Record<string, unknown> = { email: 'pat@example.com' },
  ) => {
    const res = await json(await widget('POST', 'sessions', inbox.key, { body }));
    expect(res.status).toBe(200);
    return res.body as unknown as Session;
  };
  const send = async (inbox: ChatInbox, token: string, content: string) =>
    json(await widget('POST', 'messages', inbox.key, { body: { visitor_token: token, content } }));
  const count = async (table: 'contacts' | 'conversations' | 'messages' | 'web_chat_visitors') =>
    Number(
      (
        await db()
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const counts = async () => ({
    contacts: await count('contacts'),
    conversations: await count('conversations'),
    messages: await count('messages'),
    visitors: await count('web_chat_visitors'),
  });
  const makeInbox = async (name: string, webChat: Record<string, unknown>): Promise<ChatInbox> => {
    const res = await call(h.app, 'POST', '/api/v1/inboxes', {
      token: ws.admin.token,
      body: { type: 'web_chat', name, web_chat: webChat },
    });
    expect(res.status).toBe(201);
    const body = res.body as { id: string; secret: string; web_chat: { public_key: string } };
    return { id: body.id, secret: body.secret, key: body.web_chat.public_key };
  };

  beforeAll(async () => {
    h = await startHarness(dialect);
    ws = await seedWorkspace(h.services, 'Acme');
    realtime = startRealtime(h.services);
    await realtime.ready;
    const app = createApp(h.services, {
      realtime: realtime.hub,
      mcpSessions: sessions,
      webChat: { limits: { messagesPerVisitorPerMinute: LIMIT } },
    });
    http = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    chat = await makeInbox('Website', { allowed_origins: [SHOP], require_email: true });
    open = await makeInbox('Docs site', { allowed_origins: ['*'] });
  });
  afterAll(async () => {
    await Promise.allSettled(clients.map((c) => c.close()));
    await sessions.closeAll();
    await realtime?.stop();
    if (http) {
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      if ('closeAllConnections' in http) http.closeAllConnections();
      await closed;
    }
    await h?.close();
  });

  it('creates a web_chat inbox with a public key and validated origins, and refuses settings elsewhere', async () => {
    expect(chat.key).toMatch(/^dwc_/);
    const listed = await call(h.app, 'GET', `/api/v1/inboxes/${chat.id}`, { token: ws.admin.token });
    expect((listed.body as { web_chat: unknown }).web_chat).toEqual({
      public_key: chat.key,
      allowed_origins: [SHOP],
      require_email: true,
      identity: 'optional',
      fallback_email_inbox_id: null,
    });
    const bad = await call(h.app, 'POST', '/api/v1/inboxes', {
      token: ws.admin.token,
      body: { type: 'web_chat', name: 'Bad', web_chat: { allowed_origins: ['https://shop.example/path'] } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('web_chat.allowed_origins.0');
    const mixed = await call(h.app, 'POST', '/api/v1/inboxes', {
      token: ws.admin.token,
      body: { type: 'web_chat', name: 'Bad', web_chat: { allowed_origins: ['*', SHOP] } },
    });
    expect(mixed.status).toBe(400);
    const api = await call(h.app, 'POST', '/api/v1/inboxes', {
      token: ws.admin.token,
      body: { type: 'api', name: 'Bad', web_chat: { allowed_origins: [SHOP] } },
    });
    expect(api.status).toBe(400);
    expect(JSON.stringify(api.body)).toContain('web_chat');
  });

  it('refuses a disallowed or missing Origin with 403 and no CORS headers, and an unknown key with 404', async () => {
    const before = await counts();
    for (const origin of ['https://evil.example', null]) {
      const res = await widget('POST', 'sessions', chat.key, { origin, body: { email: 'x@example.com' } });
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      await res.body?.cancel();
    }
    const preflight = await widget('OPTIONS', 'sessions', chat.key, { origin: 'https://evil.example' });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const unknown = await widget('POST', 'sessions', 'dwc_nope', { body: {} });
    expect(unknown.status).toBe(404);
    for (const key of ['dwc_\u0000', `dwc_${'x'.repeat(200)}`, "dwc_' or 1=1 --"]) {
      const odd = await widget('POST', 'sessions', key, { body: {} });
      expect(odd.status).toBe(404);
      await odd.body?.cancel();
    }
    expect(await counts()).toEqual(before);
    const ok = await widget('OPTIONS', 'sessions', chat.key);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(ok.headers.get('access-control-allow-credentials')).toBeNull();
    // "*" must be said explicitly, and then lets any site in.
    const anywhere = await widget('GET', 'config', open.key, { origin: 'https://blog.example' });
    expect(anywhere.status).toBe(200);
    expect(anywhere.headers.get('access-control-allow-origin')).toBe('https://blog.example');
    await anywhere.body?.cancel();
  });

  it('asks for the email first when the inbox requires it, and keeps only a hash of the visitor token', async () => {
    const missing = await json(await widget('POST', 'sessions', chat.key, { body: {} }));
    expect(missing.status).toBe(400);
    expect(missing.body.error?.message).toContain('email');
    expect(missing.headers.get('access-control-allow-origin')).toBe(SHOP);
    // A person's credentials mean nothing here: neither a bearer token nor a session cookie is read.
    const withCredentials = await widget('POST', 'sessions', chat.key, {
      body: { email: 'pat@example.com' },
      headers: { authorization: 'Bearer dwu_not-a-token', cookie: 'dw_session=forged' },
    });
    expect(withCredentials.status).toBe(200);
    expect(withCredentials.headers.get('set-cookie')).toBeNull();
    await withCredentials.body?.cancel();
    const session = await startChat(chat);
    expect(session.visitor_token).toMatch(/^dwv_/);
    expect(session.conversation_id).toBeNull();
    const row = await db()
      .selectFrom('web_chat_visitors')
      .selectAll()
      .where('token_hash', '=', sha256Hex(session.visitor_token))
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(session.visitor_token);
  });

  it('stores a visitor message in the dashboard, audited as the channel, and streams a teammate’s reply', async () => {
    const session = await startChat(chat, { email: 'Sam@Example.com', name: 'Sam' });
    const sent = await send(chat, session.visitor_token, 'Hi, where is my order?');
    expect(sent.status).toBe(201);
    const conversationId = sent.body.conversation_id as string;
    const thread = await call(h.app, 'GET', `/api/v1/conversations/${conversationId}`, {
      token: ws.admin.token,
    });
    const body = thread.body as {
      conversation: { inbox_id: string; contact: { email: string } };
      messages: { type: string; content: string }[];
    };
    expect(body.conversation.inbox_id).toBe(chat.id);
    expect(body.messages).toEqual([
      expect.objectContaining({ type: 'incoming', content: 'Hi, where is my order?' }),
    ]);
    const audit = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'web_chat.send_message')
      .executeTakeFirstOrThrow();
    expect(audit.actor_kind).toBe('channel');
    expect(audit.input).not.toContain(session.visitor_token);

    const stream = await widget('GET', 'stream', chat.key, {
      query: { visitor_token: session.visitor_token },
    });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('access-control-allow-origin')).toBe(SHOP);
    const events = readEvents(stream);
    await events.next((e) => e.event === 'ready');
    const reply = await call(h.app, 'POST', `/api/v1/conversations/${conversationId}/messages`, {
      token: ws.admin.token,
      body: { content: 'It ships today.' },
    });
    expect(reply.status).toBe(201);
    expect((reply.body as { delivery_status: string }).delivery_status).toBe('sent');
    const note = await call(h.app, 'POST', `/api/v1/conversations/${conversationId}/messages`, {
      token: ws.admin.token,
      body: { content: 'Internal: customer is VIP', private: true },
    });
    expect(note.status).toBe(201);
    const heard = await events.next((e) => e.event === 'message');
    expect(JSON.parse(heard.data)).toMatchObject({
      from: 'team',
      content: 'It ships today.',
      author_name: 'Acme Admin',
    });

    // An autonomous agent replies over MCP: the reply travels like a teammate's.
    const agent = await makeAgent(h.services, ws.system, {
      scopes: ['conversations:read', 'replies:write', 'outbound:write'],
      mode: 'autonomous',
    });
    const client = await connectAgent(base, agent.token);
    clients.push(client);
    const seen = await callTool(client, 'get_conversation', { conversation_id: conversationId });
    expect(JSON.stringify(seen.body)).toContain('Hi, where is my order?');
    const agentReply = await callTool(client, 'reply_to_conversation', {
      conversation_id: conversationId,
      content: 'Tracking: 1Z999.',
    });
    expect(agentReply.isError).toBe(false);
    const fromAgent = await events.next((e) => e.event === 'message' && e.data.includes('1Z999'));
    expect(JSON.parse(fromAgent.data)).toMatchObject({ from: 'team', content: 'Tracking: 1Z999.' });
    expect(events.all().some((e) => e.data.includes('VIP'))).toBe(false);

    // The widget's own read shows the same chat, without the note.
    const read = await json(
      await widget('GET', 'messages', chat.key, { query: { visitor_token: session.visitor_token } }),
    );
    expect((read.body.messages as { content: string }[]).map((m) => m.content)).toEqual([
      'Hi, where is my order?',
      'It ships today.',
      'Tracking: 1Z999.',
    ]);

    // start_conversation cannot open a web chat: the visitor starts it.
    const contactId = (
      await db()
        .selectFrom('conversations')
        .select('contact_id')
        .where('id', '=', conversationId)
        .executeTakeFirstOrThrow()
    ).contact_id;
    const outbound = await callTool(client, 'start_conversation', {
      contact_id: contactId,
      inbox_id: chat.id,
      content: 'Hello!',
    });
    expect(outbound.isError).toBe(true);
    expect(JSON.stringify(outbound.body)).toContain('started by the visitor');
    await events.close();
  });

  it('resumes with the stored token, and reopens a resolved chat on a new message', async () => {
    const session = await startChat(chat);
    const first = await send(chat, session.visitor_token, 'First');
    const conversationId = first.body.conversation_id as string;
    const resumed = await startChat(chat, { visitor_token: session.visitor_token });
    expect(resumed.visitor_token).toBe(session.visitor_token);
    expect(resumed.conversation_id).toBe(conversationId);
    expect(resumed.messages.map((m) => m.content)).toEqual(['First']);
    const resolved = await call(h.app, 'PATCH', `/api/v1/conversations/${conversationId}`, {
      token: ws.admin.token,
      body: { status: 'resolved' },
    });
    expect(resolved.status).toBe(200);
    const again = await send(chat, session.visitor_token, 'One more thing');
    expect(again.body.conversation_id).toBe(conversationId);
    const row = await db()
      .selectFrom('conversations')
      .select('status')
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('open');
    // A token of one inbox is no visitor of another.
    const elsewhere = await send(open, session.visitor_token, 'Hello');
    expect(elsewhere.status).toBe(401);
  });

  it('refuses a visitor token unused for 30 days, changing nothing, and starts afresh on its next session', async () => {
    const start = Date.now();
    const at = (days: number) => h.setNow(new Date(start + days * 86_400_000));
    try {
      at(0);
      const session = await startChat(open, { email: 'idle@example.com' });
      const first = await send(open, session.visitor_token, 'Still there?');
      expect(first.status).toBe(201);
      const conversationId = first.body.conversation_id as string;
      const read = (token: string) =>
        widget('GET', 'messages', open.key, { query: { visitor_token: token } });
      // Use keeps a token alive: read on day 29, it still works on day 58.
      at(29);
      expect((await read(session.visitor_token)).status).toBe(200);
      at(58);
      expect((await send(open, session.visitor_token, 'Back again')).status).toBe(201);

      at(88.1);
      const before = await counts();
      const refused = await send(open, session.visitor_token, 'Anyone?');
      expect(refused.status).toBe(401);
      expect(refused.body.error?.message).toContain('start a new chat session');
      expect((await read(session.visitor_token)).status).toBe(401);
      const stream = await widget('GET', 'stream', open.key, {
        query: { visitor_token: session.visitor_token },
      });
      expect(stream.status).toBe(401);
      await stream.body?.cancel();
      expect(await counts()).toEqual(before);

      // Resuming with it is a new visitor; the old chat and its messages stay as they were.
      const fresh = await startChat(open, { visitor_token: session.visitor_token });
      expect(fresh.visitor_token).not.toBe(session.visitor_token);
      expect(fresh.conversation_id).toBeNull();
      expect(fresh.messages).toEqual([]);
      expect((await send(open, session.visitor_token, 'Hello?')).status).toBe(401);
      const kept = await db()
        .selectFrom('messages')
        .select('content')
        .where('conversation_id', '=', conversationId)
        .where('type', '=', 'incoming')
        .orderBy('id')
        .execute();
      expect(kept.map((m) => m.content)).toEqual(['Still there?', 'Back again']);
    } finally {
      h.setNow(null);
    }
  });

  it('verifies a signed-in customer by HMAC of the user id, and refuses a forged hash changing nothing', async () => {
    const before = await counts();
    const forged = await json(
      await widget('POST', 'sessions', open.key, {
        body: {
          identity: {
            user_id: 'user-42',
            email: 'vip@example.com',
            hash: identityHash('dwi_wrong', 'user-42'),
          },
        },
      }),
    );
    expect(forged.status).toBe(403);
    expect(forged.body.error?.message).toContain('identity');
    expect(await counts()).toEqual(before);

    const identity = {
      user_id: 'user-42',
      email: 'vip@example.com',
      name: 'Vic',
      hash: identityHash(open.secret, 'user-42'),
    };
    const verified = await startChat(open, { identity });
    expect(verified.verified).toBe(true);
    const sent = await send(open, verified.visitor_token, 'Signed in and asking');
    const link = await db()
      .selectFrom('contact_external_ids')
      .selectAll()
      .where('namespace', '=', `web_chat:${open.id}`)
      .where('value', '=', 'user-42')
      .executeTakeFirstOrThrow();
    // Another browser of the same customer finds the same contact and chat.
    const other = await startChat(open, { identity });
    expect(other.visitor_token).not.toBe(verified.visitor_token);
    expect(other.conversation_id).toBe(sent.body.conversation_id);
    const contact = await db()
      .selectFrom('contacts')
      .selectAll()
      .where('id', '=', link.contact_id)
      .executeTakeFirstOrThrow();
    expect(contact.email).toBe('vip@example.com');
    // The verified token does not resume for someone who is no longer signed in.
    const anonymous = await startChat(open, { visitor_token: verified.visitor_token });
    expect(anonymous.visitor_token).not.toBe(verified.visitor_token);
    expect(anonymous.verified).toBe(false);
    expect(anonymous.conversation_id).toBeNull();
  });

  it('requires a verified identity when the inbox says so', async () => {
    const patched = await call(h.app, 'PATCH', `/api/v1/inboxes/${open.id}`, {
      token: ws.admin.token,
      body: { web_chat: { identity: 'required' } },
    });
    expect(patched.status).toBe(200);
    const refused = await widget('POST', 'sessions', open.key, { body: {} });
    expect(refused.status).toBe(403);
    await refused.body?.cancel();
    const identity = { user_id: 'user-7', hash: identityHash(open.secret, 'user-7') };
    expect((await startChat(open, { identity })).verified).toBe(true);
    await call(h.app, 'PATCH', `/api/v1/inboxes/${open.id}`, {
      token: ws.admin.token,
      body: { web_chat: { identity: 'optional' } },
    });
  });

  it('refuses oversized messages, bodies and unknown fields with clear errors, and keeps HTML as text', async () => {
    const session = await startChat(chat);
    const before = await counts();
    const long = await send(chat, session.visitor_token, 'x'.repeat(5_001));
    expect(long.status).toBe(400);
    expect(long.body.error?.message).toContain('content');
    const huge = await widget('POST', 'messages', chat.key, {
      raw: JSON.stringify({ visitor_token: session.visitor_token, content: 'y'.repeat(40_000) }),
    });
    expect(huge.status).toBe(413);
    await huge.body?.cancel();
    const malformed = await json(await widget('POST', 'messages', chat.key, { raw: '{"content": ' }));
    expect(malformed.status).toBe(400);
    const extra = await json(
      await widget('POST', 'messages', chat.key, {
        body: { visitor_token: session.visitor_token, content: 'hi', author: 'admin' },
      }),
    );
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body)).toContain('author');
    const empty = await send(chat, session.visitor_token, '   ');
    expect(empty.status).toBe(400);
    const forged = await send(chat, 'dwv_not-a-real-token', 'hello');
    expect(forged.status).toBe(401);
    expect(await counts()).toEqual(before);

    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const sent = await send(chat, session.visitor_token, hostile);
    expect(sent.status).toBe(201);
    expect((sent.body.message as { content: string }).content).toBe(hostile);
    const row = await db()
      .selectFrom('messages')
      .select('content')
      .where('id', '=', (sent.body.message as { id: string }).id)
      .executeTakeFirstOrThrow();
    expect(row.content).toBe(hostile);
  });

  it('creates a web chat inbox from the command line and prints its embed snippet', async () => {
    assertBuilt();
    const bin = fileURLToPath(new URL('../bin/deskwoot.js', import.meta.url));
    // Ours without any Deskwoot settings (a DESKWOOT_PUBLIC_URL would change the snippet), and the test secret.
    const own = Object.entries(process.env).filter(([name]) => !name.startsWith('DESKWOOT_'));
    const env = { ...Object.fromEntries(own), DESKWOOT_SECRET: TEST_SECRET, DESKWOOT_LOG_LEVEL: 'warn' };
    const run = (args: string[]) =>
      promisify(execFile)(
        process.execPath,
        [bin, ...args, '--database-url', h.url, '--account', ws.accountId],
        {
          env,
        },
      );
    const { stdout } = await run([
      'inboxes',
      'create',
      '--type',
      'web_chat',
      '--name',
      'From the CLI',
      '--origins',
      `${SHOP}, https://www.shop.example`,
      '--require-email',
      '--json',
    ]);
    const made = JSON.parse(stdout) as {
      web_chat: { public_key: string; allowed_origins: string[] };
      embed_snippet: string;
    };
    expect(made.web_chat.allowed_origins).toEqual([SHOP, 'https://www.shop.example']);
    expect(made.embed_snippet).toBe(
      `<script src="http://127.0.0.1:3000/widget.js" data-inbox="${made.web_chat.public_key}" async></script>`,
    );
    await expect(
      run([
        'inboxes',
        'create',
        '--type',
        'web_chat',
        '--name',
        'Bad',
        '--origins',
        'https://shop.example/path',
      ]),
    ).rejects.toMatchObject({ stderr: expect.stringContaining('Must be an origin') });
  });

  it('rate-limits one visitor’s messages with 429 and Retry-After', async () => {
    const session = await startChat(chat);
    const statuses: number[] = [];
    let limited: Response | null = null;
    for (let i = 0; i < LIMIT + 1; i += 1) {
      const res = await widget('POST', 'messages', chat.key, {
        body: { visitor_token: session.visitor_token, content: `Message ${i}` },
      });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else await res.body?.cancel();
    }
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(201), 429]);
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(limited?.headers.get('access-control-allow-origin')).toBe(SHOP);
    const stored = await db()
      .selectFrom('messages')
      .select('content')
      .where('content', '=', `Message ${LIMIT}`)
      .execute();
    expect(stored).toEqual([]);
  });

  it('counts new sessions per address, taking a forwarded address only from a trusted proxy', async () => {
    const limits = { sessionsPerAddressPerMinute: 2 };
    const statuses = async (trustProxy: boolean, forwarded: string[]) => {
      const app = createApp(h.services, { webChat: { limits, trustProxy } });
      const out: number[] = [];
      for (const address of forwarded) {
        const res = await app.request(`/api/v1/widget/sessions?key=${open.key}`, {
          method: 'POST',
          headers: {
            origin: SHOP,
            'content-type': 'application/json',
            'x-forwarded-for': `10.0.0.9, ${address}`,
          },
          body: '{}',
        });
        out.push(res.status);
      }
      return out;
    };
    // Untrusted, the header is ignored: every call is the same (unknown) address.
    expect(await statuses(false, ['192.0.2.1', '192.0.2.2', '192.0.2.3'])).toEqual([200, 200, 429]);
    // Behind a proxy, its last entry is the client.
    expect(await statuses(true, ['192.0.2.1', '192.0.2.2', '192.0.2.1', '192.0.2.1'])).toEqual([
      200, 200, 200, 429,
    ]);
  });

  it('refuses a ninth open stream of one visitor with 429', async () => {
    const session = await startChat(chat);
    const open: ReturnType<typeof readEvents>[] = [];
    try {
      for (let i = 0; i < 8; i += 1) {
        const res = await widget('GET', 'stream', chat.key, {
          query: { visitor_token: session.visitor_token },
        });
        expect(res.status).toBe(200);
        const events = readEvents(res);
        open.push(events);
        await events.next((e) => e.event === 'ready');
      }
      const ninth = await widget('GET', 'stream', chat.key, {
        query: { visitor_token: session.visitor_token },
      });
      expect(ninth.status).toBe(429);
      await ninth.body?.cancel();
    } finally {
      await Promise.all(open.map((events) => events.close()));
    }
  });
});

/**
 * Several Deskwoot nodes share one PostgreSQL database: a visitor's stream open on one node hears a
 * reply written on another (through NOTIFY), as a load balancer may send them anywhere.
 */
describe('the web chat channel across two nodes on postgres', () => {
  let h: Harness;
  let ws: Workspace;
  const nodes: { realtime: Realtime; http: ServerType; base: string; services: Services }[] = [];

  beforeAll(async () => {
    h = await startHarness('postgres');
    ws = await seedWorkspace(h.services, 'Acme');
    const second: Services = {
      ...h.services,
      db: openDb(h.url),
      onCommitted: undefined,
    };
    for (const services of [h.services, second]) {
      const realtime = startRealtime(services);
      await realtime.ready;
      const app = createApp(services, { realtime: realtime.hub });
      const http = await new Promise<ServerType>((resolve) => {
        const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
      });
      nodes.push({
        realtime,
        http,
        services,
        base: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
      });
    }
  });
  afterAll(async () => {
    for (const node of nodes) {
      await node.realtime.stop();
      const closed = new Promise<void>((resolve) => node.http.close(() => resolve()));
      if ('closeAllConnections' in node.http) node.http.closeAllConnections();
      await closed;
    }
    await nodes[1]?.services.db.close();
    await h?.close();
  });

  it('streams a teammate’s reply written on one node to the visitor connected to the other', async () => {
    const inbox = await perform(h.services, ws.system, createInbox, {
      type: 'web_chat',
      name: 'Website',
      web_chat: { allowed_origins: [SHOP] },
    });
    const key = inbox.web_chat!.public_key;
    const [a, b] = [nodes[0]!, nodes[1]!];
    const post = (base: string, path: string, body: unknown) =>
      fetch(`${base}/api/v1/widget/${path}?key=${key}`, {
        method: 'POST',
        headers: { origin: SHOP, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const session = (await (await post(a.base, 'sessions', {})).json()) as Session;
    const sent = (await (
      await post(a.base, 'messages', { visitor_token: session.visitor_token, content: 'Anyone there?' })
    ).json()) as { conversation_id: string };
    const stream = await fetch(
      `${b.base}/api/v1/widget/stream?key=${key}&visitor_token=${session.visitor_token}`,
      { headers: { origin: SHOP } },
    );
    expect(stream.status).toBe(200);
    const events = readEvents(stream);
    await events.next((e) => e.event === 'ready');
    const reply = await fetch(`${a.base}/api/v1/conversations/${sent.conversation_id}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ws.admin.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ content: 'Yes, from the other node.' }),
    });
    expect(reply.status).toBe(201);
    const heard = await events.next((e) => e.event === 'message');
    expect(JSON.parse(heard.data)).toMatchObject({ from: 'team', content: 'Yes, from the other node.' });
    await events.close();
  });
});
