import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RawMcpSession } from '../bench/mcp-rpc.js';
import { type Harness, seedWorkspace, startHarness, type Workspace } from './support/harness.js';
import { callTool, connectAgent, makeAgent } from './support/mcp.js';
import { assertBuilt, killAllServers, type ServerProcess, spawnServer } from './support/server-process.js';

/** How soon another node must have ended what the kill switch cut off (NOTIFY is near-instant). */
const PROMPTLY_MS = 3_000;

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function rest(server: ServerProcess, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/**
 * Two processes on one PostgreSQL schema, as several nodes behind a load balancer. PostgreSQL
 * only: several processes on one SQLite file is not a supported deployment.
 */
describe('the kill switch across two server processes on one PostgreSQL database (PostgreSQL only)', () => {
  let h: Harness;
  let ws: Workspace;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  const clients: Client[] = [];
  const raws: RawMcpSession[] = [];

  beforeAll(async () => {
    assertBuilt();
    h = await startHarness('postgres');
    ws = await seedWorkspace(h.services, 'Acme');
    nodeA = await spawnServer(h.url);
    nodeB = await spawnServer(h.url);
  });
  afterEach(async () => {
    await Promise.allSettled(clients.splice(0).map((c) => c.close()));
    for (const raw of raws.splice(0)) raw.close();
  });
  afterAll(async () => {
    await killAllServers();
    await h?.close();
  });

  /** A session on node B with its standalone GET stream open, held by raw JSON-RPC. */
  const openSessionOnB = async (token: string) => {
    const raw = new RawMcpSession({ baseUrl: nodeB.url, token });
    raws.push(raw);
    await raw.initialize();
    const stream = raw.openStream();
    expect(await stream.status).toBe(200);
    return { raw, stream };
  };

  const approvalStatus = async (id: unknown) => {
    const listed = await rest(nodeA, ws.admin.token, 'GET', '/api/v1/approvals?limit=100');
    const approvals = listed.body.approvals as { id: string; status: string }[];
    return approvals.find((a) => a.id === id)?.status;
  };

  it('cuts off a token revoked on node A on node B: the next call gets 401, open sessions end at once, drafts are cancelled', async () => {
    const agent = await makeAgent(h.services, ws.system, { scopes: ['conversations:read', 'replies:write'] });
    const client = await connectAgent(nodeB.url, agent.token);
    clients.push(client);
    expect((await callTool(client, 'list_conversations', {})).isError).toBe(false);
    const draft = await callTool(client, 'reply_to_conversation', {
      conversation_id: ws.conversations[0]!.id,
      content: 'A draft that must not survive the revocation',
    });
    expect(draft.body.status).toBe('pending_approval');
    // A second session on B that makes no request after the revocation: only the NOTIFY from A
    // can end it.
    const idle = await openSessionOnB(agent.token);

    const revoked = await rest(nodeA, ws.admin.token, 'POST', `/api/v1/agents/${agent.id}/revoke`, {});
    expect(revoked.status).toBe(200);

    // The very next call on B, whether or not B has heard of the revocation yet.
    await expect(callTool(client, 'list_conversations', {})).rejects.toMatchObject({ code: 401 });
    await within(idle.stream.ended, PROMPTLY_MS, "the idle session's GET stream ending");
    const after = await idle.raw.callTool('list_conversations', {});
    expect(after.status).toBe(401);
    expect(after.headers['www-authenticate']).toMatch(/^Bearer /);
    await expect(connectAgent(nodeB.url, agent.token)).rejects.toMatchObject({ code: 401 });
    expect(await approvalStatus(draft.body.approval_id)).toBe('cancelled');
  });

  it('pauses every agent from node A for calls on node B, cancelling drafts, until resumed', async () => {
    const agent = await makeAgent(h.services, ws.system, { scopes: ['conversations:read', 'replies:write'] });
    const before = await openSessionOnB(agent.token);
    const proposed = await before.raw.callTool('reply_to_conversation', {
      conversation_id: ws.conversations[0]!.id,
      content: 'Drafted before the pause',
    });
    const approvalId = (proposed.message?.result as { structuredContent: { approval_id: string } })
      .structuredContent.approval_id;

    expect((await rest(nodeA, ws.admin.token, 'POST', '/api/v1/agents/pause', {})).status).toBe(200);
    // B ends the sessions that were open when the pause came.
    await within(before.stream.ended, PROMPTLY_MS, 'the open session ending on pause');
    expect(await approvalStatus(approvalId)).toBe('cancelled');

    // A session opened during the pause is let in, but every call answers `paused`.
    const client = await connectAgent(nodeB.url, agent.token);
    clients.push(client);
    expect(await callTool(client, 'list_conversations', {})).toMatchObject({
      isError: true,
      body: { error: { code: 'paused' } },
    });

    expect((await rest(nodeA, ws.admin.token, 'POST', '/api/v1/agents/resume', {})).status).toBe(200);
    const resumed = await callTool(client, 'list_conversations', {});
    expect(resumed.isError).toBe(false);
    expect((resumed.body.conversations as unknown[]).length).toBeGreaterThan(0);
  });
});
