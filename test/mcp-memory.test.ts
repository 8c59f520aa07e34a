import { type ServerType, serve } from '@hono/node-server';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../src/audit/verify-audit.js';
import { createApp } from '../src/http/app.js';
import { McpSessions, sessionBacklog } from '../src/mcp/sessions.js';
import { PROTOCOL_VERSION, RawMcpSession } from '../bench/mcp-rpc.js';
import { type Harness, seedWorkspace, startHarness, type Workspace } from './support/harness.js';
import { makeAgent } from './support/mcp.js';

const CALLS = 2_000;
const CONCURRENCY = 8;

/** A POST whose client hangs up before the answer: the server must not keep its bookkeeping. */
function abandonedCall(
  baseUrl: string,
  token: string,
  sessionId: string,
  id: number,
  conversationId: string,
) {
  return new Promise<void>((resolve) => {
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id,
      method: 'tools/call',
      params: { name: 'get_conversation', arguments: { conversation_id: conversationId } },
    });
    const req = request(`${baseUrl}/mcp`, {
      method: 'POST',
      agent: false,
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        authorization: `Bearer ${token}`,
        'mcp-session-id': sessionId,
        'mcp-protocol-version': PROTOCOL_VERSION,
      },
    });
    req.on('error', () => resolve());
    req.on('close', () => resolve());
    req.end(body, () => setTimeout(() => req.destroy(), 1));
  });
}

describe('MCP session memory (SQLite: the transport’s bookkeeping, not the database)', () => {
  let h: Harness;
  let ws: Workspace;
  let http: ServerType;
  let baseUrl: string;
  const sessions = new McpSessions();

  beforeAll(async () => {
    h = await startHarness('sqlite');
    ws = await seedWorkspace(h.services, 'Acme');
    const app = createApp(h.services, { mcpSessions: sessions, mcp: { rateLimitPerMinute: 1_000_000 } });
    http = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await sessions.closeAll();
    if (http) {
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      if ('closeAllConnections' in http) http.closeAllConnections();
      await closed;
    }
    await h?.close();
  });

  it('keeps a long session’s per-request bookkeeping flat and audits every call, whatever it came to', async () => {
    const agent = await makeAgent(h.services, ws.system, { scopes: ['conversations:read'] });
    const client = new RawMcpSession({ baseUrl, token: agent.token });
    const sessionId = await client.initialize();
    const stream = client.openStream();
    expect(await stream.status).toBe(200);
    const session = sessions.get(sessionId)!;
    expect(session).toBeDefined();

    const calls = [
      () => client.callTool('get_conversation', { conversation_id: ws.conversations[0]!.id }),
      () => client.callTool('get_conversation', { conversation_id: 'conv_missing' }),
      () => client.callTool('add_private_note', { conversation_id: ws.conversations[0]!.id, content: 'x' }),
      () => client.request('tools/list'),
      () => client.request('ping'),
    ];
    let done = 0;
    const run = async (count: number) => {
      const target = done + count;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (done < target) {
            const reply = await calls[done++ % calls.length]!();
            expect(reply.status).toBe(200);
            expect(reply.message?.error).toBeUndefined();
          }
        }),
      );
    };

    await run(100);
    const early = sessionBacklog(session);
    await run(CALLS - 100);
    for (let i = 0; i < 20; i++)
      await abandonedCall(baseUrl, agent.token, sessionId, 1_000_000 + i, ws.conversations[0]!.id);
    // Abandoned calls finish on the server after their clients left; give them a moment.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const late = sessionBacklog(session);

    expect(done).toBe(CALLS);
    expect(late).toEqual(early);
    // Between calls, only the open GET stream is left: no entry per request stays behind.
    expect(late).toEqual({
      streams: 1,
      requestStreams: 0,
      pendingResponses: 0,
      resumableStreams: 0,
      inFlightHandlers: 0,
      responseHandlers: 0,
      progressHandlers: 0,
      timeouts: 0,
    });
    stream.close();

    // Each tool call was audited through the group commit, and the chain still verifies: three
    // of the five kinds of request are tool calls, and so are the abandoned ones.
    const expected = (CALLS / calls.length) * 3 + 20;
    const audited = async () =>
      Number(
        (
          await h.services.db.kysely
            .selectFrom('audit_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('actor_id', '=', agent.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    for (let i = 0; i < 50 && (await audited()) < expected; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await audited()).toBe(expected);
    expect((await verifyAudit(h.services.db.kysely)).every((r) => r.ok)).toBe(true);
  }, 120_000);
});
