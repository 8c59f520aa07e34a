import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/verify-audit.js';
import { loadConfig } from '../src/config.js';
import { ALL_SCOPES, type Scope } from '../src/core/scopes.js';
import { type RunningServer, startServer } from '../src/server.js';
import { DIALECTS } from './support/databases.js';
import { snapshotDb } from './support/db-snapshot.js';
import {
  call,
  type Harness,
  seedWorkspace,
  startHarness,
  TEST_SECRET,
  type Workspace,
} from './support/harness.js';
import { callTool, connectAgent, makeAgent } from './support/mcp.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhook-receiver.js';

/** Which tools each scope opens (SPEC §3). */
const TOOLS_OF: Partial<Record<Scope, string[]>> = {
  'conversations:read': ['list_conversations', 'get_conversation'],
  'contacts:read': ['search_contacts', 'get_contact'],
  'replies:write': ['reply_to_conversation'],
  'notes:write': ['add_private_note'],
  'conversations:update': ['update_conversation', 'handoff_to_human'],
  'contacts:write': ['update_contact'],
  'outbound:write': ['start_conversation'],
  'orders:read': ['list_orders', 'get_order'],
  'refunds:write': ['refund_order'],
  'orders:cancel': ['cancel_order'],
  'subscriptions:cancel': ['cancel_subscription'],
};
const ALL_TOOLS = Object.values(TOOLS_OF).flat();

/** A valid call of each tool against the workspace's first conversation. */
function argsFor(tool: string, ws: Workspace): Record<string, unknown> {
  const conversation = ws.conversations[0]!;
  const args: Record<string, Record<string, unknown>> = {
    list_conversations: {},
    get_conversation: { conversation_id: conversation.id },
    search_contacts: { query: 'casey' },
    get_contact: { contact_id: conversation.contactId },
    reply_to_conversation: { conversation_id: conversation.id, content: 'Hello from the agent' },
    add_private_note: { conversation_id: conversation.id, content: 'Agent note' },
    update_conversation: { conversation_id: conversation.id, priority: 'high' },
    handoff_to_human: { conversation_id: conversation.id, reason: 'Needs a person' },
    update_contact: { contact_id: conversation.contactId, name: 'Casey C.' },
    start_conversation: {
      contact_id: conversation.contactId,
      inbox_id: conversation.inboxId,
      content: 'Hi!',
    },
    list_orders: { contact_id: conversation.contactId },
    get_order: { order_id: 'stripe:store_01AAAAAAAAAAAAAAAAAAAAAAAA:pi_1' },
    refund_order: { order_id: 'stripe:store_01AAAAAAAAAAAAAAAAAAAAAAAA:pi_1', reason: 'Damaged' },
    cancel_order: { order_id: 'stripe:store_01AAAAAAAAAAAAAAAAAAAAAAAA:pi_1', reason: 'Asked to' },
    cancel_subscription: {
      subscription_id: 'stripe:store_01AAAAAAAAAAAAAAAAAAAAAAAA:sub_1',
      reason: 'Asked to',
    },
  };
  return args[tool]!;
}

describe.each(DIALECTS)('MCP on %s', (dialect) => {
  let h: Harness;
  let ws: Workspace;
  let other: Workspace;
  let server: RunningServer;
  let receiver: WebhookReceiver;
  const clients: Client[] = [];

  /** Everything but the audit log, which records the refusals themselves. */
  const state = async () => {
    const { audit_events: _events, audit_heads: _heads, ...rest } = await snapshotDb(h.services.db);
    return rest;
  };

  const connect = async (token: string) => {
    const client = await connectAgent(server.url, token);
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    h = await startHarness(dialect);
    receiver = await startWebhookReceiver();
    ws = await seedWorkspace(h.services, 'Acme', receiver.url);
    other = await seedWorkspace(h.services, 'Globex');
    server = await startServer(
      loadConfig({ databaseUrl: h.url, port: 0, host: '127.0.0.1', secret: TEST_SECRET, logLevel: 'silent' }),
      h.services,
    );
  });
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.close()));
  });
  afterAll(async () => {
    await server?.close();
    await receiver?.stop();
    await h?.close();
  });

  it('lists exactly the tools of the token’s scopes', async () => {
    const sets: Scope[][] = [
      [],
      ...ALL_SCOPES.map((s) => [s]),
      ['conversations:read', 'notes:write'],
      [...ALL_SCOPES],
    ];
    for (const scopes of sets) {
      const agent = await makeAgent(h.services, ws.system, { scopes });
      const client = await connect(agent.token);
      const names = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(names, scopes.join(',')).toEqual(scopes.flatMap((s) => TOOLS_OF[s] ?? []).sort());
    }
  });

  it('refuses every tool outside the scopes with scope_missing, changing nothing', async () => {
    const agent = await makeAgent(h.services, ws.system, { scopes: [] });
    const client = await connect(agent.token);
    for (const tool of ALL_TOOLS) {
      const before = await state();
      const outcome = await callTool(client, tool, argsFor(tool, ws));
      expect(outcome, tool).toMatchObject({ isError: true, body: { error: { code: 'scope_missing' } } });
      expect(await state()).toEqual(before);
    }
  });

  it('answers not_found for conversations outside the token’s inboxes and other accounts', async () => {
    const agent = await makeAgent(h.services, ws.system, {
      scopes: ['conversations:read', 'notes:write', 'conversations:update'],
      inbox_ids: [ws.inboxes[0]!.id],
      mode: 'autonomous',
    });
    const client = await connect(agent.token);
    const listed = await callTool(client, 'list_conversations', {});
    expect((listed.body.conversations as { id: string }[]).map((c) => c.id)).toEqual([
      ws.conversations[0]!.id,
    ]);
    for (const id of [ws.conversations[1]!.id, other.conversations[0]!.id]) {
      for (const [tool, args] of [
        ['get_conversation', { conversation_id: id }],
        ['add_private_note', { conversation_id: id, content: 'x' }],
        ['update_conversation', { conversation_id: id, status: 'resolved' }],
      ] as const) {
        const outcome = await callTool(client, tool, args);
        expect(outcome, `${tool} ${id}`).toMatchObject({
          isError: true,
          body: { error: { code: 'not_found' } },
        });
      }
    }
  });

  it('keeps a supervised agent’s reply as a draft until approved, then delivers only the edit, once', async () => {
    const agent = await makeAgent(h.services, ws.system, { scopes: ['replies:write'] });
    const client = await connect(agent.token);
    receiver.reset();
    const proposed = await callTool(client, 'reply_to_conversation', {
      conversation_id: ws.conversations[0]!.id,
      content: 'Draft: your refund is on its way',
    });
    expect(proposed).toMatchObject({ isError: false, body: { status: 'pending_approval' } });
    const approvalId = proposed.body.approval_id as string;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.hits).toHaveLength(0);

    const approved = await call(h.app, 'POST', `/api/v1/approvals/${approvalId}/approve`, {
      token: ws.teammate.token,
      body: { content: 'Edited: a replacement ships today' },
    });
    expect(approved.status).toBe(200);
    await receiver.waitForHits(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.hits).toHaveLength(1);
    const delivered = receiver.hits[0]!.body.message as {
      content: string;
      author: { kind: string; id: string };
    };
    expect(delivered).toMatchObject({
      content: 'Edited: a replacement ships today',
      author: { kind: 'agent', id: agent.id },
    });

    const again = await call(h.app, 'POST', `/api/v1/approvals/${approvalId}/approve`, {
      token: ws.admin.token,
      body: {},
    });
    expect(again.status).toBe(409);
    const events = await call(h.app, 'GET', `/api/v1/audit?action=approval.approve`, {
      token: ws.admin.token,
    });
    const event = (events.body as { events: { outcome: string; result: Record<string, unknown> }[] })
      .events[0]!;
    expect(event.outcome).toBe('approved');
    expect(JSON.stringify(event.result)).toContain('Draft: your refund is on its way');
    expect(JSON.stringify(event.result)).toContain('Edited: a replacement ships today');
  });

  it('delivers nothing when a draft is rejected', async () => {
    const agent = await makeAgent(h.services, ws.system, { scopes: ['replies:write'] });
    const client = await connect(agent.token);
    receiver.reset();
    const proposed = await callTool(client, 'reply_to_conversation', {
      conversation_id: ws.conversations[0]!.id,
      content: 'No.',
    });
    const rejected = await call(
      h.app,
      'POST',
      `/api/v1/approvals/${String(proposed.body.approval_id)}/reject`,
      {
        token: ws.admin.token,
        body: { reason: 'Too curt' },
      },
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', decision_note: 'Too curt' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.hits).toHaveLength(0);
  });

  it('cuts a revoked token off on its very next request and cancels its drafts', async () => {
    const agent = await makeAgent(h.services, ws.system, { scopes: ['conversations:read', 'replies:write'] });
    const client = await connect(agent.token);
    expect((await callTool(client, 'list_conversations', {})).isError).toBe(false);
    const draft = await callTool(client, 'reply_to_conversation', {
      conversation_id: ws.conversations[0]!.id,
      content: 'Hi',
    });
    const revoked = await call(h.app, 'POST', `/api/v1/agents/${agent.id}/revoke`, {
      token: ws.admin.token,
      body: {},
    });
    expect(revoked.status).toBe(200);
    await expect(callTool(client, 'list_conversations', {})).rejects.toThrow();
    const approvals = await call(h.app, 'GET', '/api/v1/approvals', { token: ws.admin.token });
    const mine = (approvals.body as { approvals: { id: string; status: string }[] }).approvals.find(
      (a) => a.id === draft.body.approval_id,
    );
    expect(mine?.status).toBe('cancelled');
    await expect(connectAgent(server.url, agent.token)).rejects.toThrow();
  });

  it('pauses every agent until resumed', async () => {
    const agent = await makeAgent(h.services, ws.system, { scopes: ['conversations:read'] });
    expect(
      (await call(h.app, 'POST', '/api/v1/agents/pause', { token: ws.admin.token, body: {} })).status,
    ).toBe(200);
    const client = await connect(agent.token);
    const paused = await callTool(client, 'list_conversations', {});
    expect(paused).toMatchObject({ isError: true, body: { error: { code: 'paused' } } });
    expect(
      (await call(h.app, 'POST', '/api/v1/agents/resume', { token: ws.admin.token, body: {} })).status,
    ).toBe(200);
    expect((await callTool(client, 'list_conversations', {})).isError).toBe(false);
  });

  it('audits every tool call with its outcome and keeps the chain intact', async () => {
    const agent = await makeAgent(h.services, ws.system, { scopes: ['conversations:read', 'replies:write'] });
    const client = await connect(agent.token);
    const calls: [string, Record<string, unknown>, string][] = [
      ['list_conversations', {}, 'succeeded'],
      ['get_conversation', { conversation_id: ws.conversations[0]!.id }, 'succeeded'],
      ['get_conversation', { conversation_id: other.conversations[0]!.id }, 'denied'],
      ['add_private_note', { conversation_id: ws.conversations[0]!.id, content: 'x' }, 'denied'],
      [
        'reply_to_conversation',
        { conversation_id: ws.conversations[0]!.id, content: 'Hello' },
        'pending_approval',
      ],
      ['get_conversation', { conversation_id: 'conv_<script>' }, 'denied'],
      ['no_such_tool', {}, 'denied'],
    ];
    for (const [tool, args] of calls) await callTool(client, tool, args);
    const res = await call(h.app, 'GET', `/api/v1/audit?actor=${agent.id}&limit=100`, {
      token: ws.admin.token,
    });
    const outcomes = (res.body as { events: { outcome: string }[] }).events.map((e) => e.outcome).reverse();
    expect(outcomes).toEqual(calls.map(([, , outcome]) => outcome));
    expect((await verifyAudit(h.services.db.kysely)).every((r) => r.ok)).toBe(true);
  });

  it('answers 401 with a Bearer challenge without a valid token, and refuses bot tokens on REST', async () => {
    for (const authorization of [undefined, 'Bearer dwt_nope', 'Bearer dwu_nope']) {
      const response = await fetch(`${server.url}/mcp`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          ...(authorization && { authorization }),
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
      });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    const agent = await makeAgent(h.services, ws.system, { scopes: [...ALL_SCOPES] });
    expect((await call(h.app, 'GET', '/api/v1/conversations', { token: agent.token })).status).toBe(403);
  });

  it('refuses requests whose Host or Origin is not this server (DNS rebinding)', async () => {
    const agent = await makeAgent(h.services, ws.system, { scopes: ['conversations:read'] });
    const response = await h.app.request('/mcp', {
      method: 'POST',
      headers: {
        host: 'evil.example',
        authorization: `Bearer ${agent.token}`,
        'content-type': 'application/json',
      },
      body: '{}',
    });
    expect(response.status).toBe(403);
  });

  it('rate-limits each token with 429 and Retry-After', async () => {
    const { createApp } = await import('../src/http/app.js');
    const app = createApp(h.services, { mcp: { rateLimitPerMinute: 3 } });
    const agent = await makeAgent(h.services, ws.system, { scopes: ['conversations:read'] });
    const ping = () =>
      app.request('/mcp', {
        method: 'POST',
        headers: {
          host: '127.0.0.1',
          authorization: `Bearer ${agent.token}`,
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
        },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
      });
    const statuses = [];
    for (let i = 0; i < 3; i += 1) statuses.push((await ping()).status);
    expect(statuses).not.toContain(429);
    const limited = await ping();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
