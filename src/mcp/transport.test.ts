import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { afterEach, describe, expect, it } from 'vitest';
import { sessionBacklog } from './sessions.js';
import { JsonResponseTransport } from './transport.js';

const PROTOCOL_VERSION = '2025-06-18';

/** A session on the transport (no HTTP server: requests are handed to it directly) with two tools. */
async function openSession() {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const server = new McpServer({ name: 'test', version: '1.0.0' });
  server.registerTool('echo', { description: 'Echo' }, () => ({ content: [{ type: 'text', text: 'ok' }] }));
  server.registerTool('wait', { description: 'Waits until released' }, async () => {
    await held;
    return { content: [{ type: 'text', text: 'done' }] };
  });
  const transport = new JsonResponseTransport({ sessionIdGenerator: () => 'session-1' });
  await server.connect(transport);
  const send = (message: Record<string, unknown>) =>
    transport.handleRequest(
      new Request('http://127.0.0.1/mcp', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json, text/event-stream',
          'mcp-session-id': 'session-1',
          'mcp-protocol-version': PROTOCOL_VERSION,
        },
        body: JSON.stringify({ jsonrpc: '2.0', ...message }),
      }),
    );
  let id = 0;
  const post = (method: string, params: Record<string, unknown> = {}) => send({ id: ++id, method, params });
  const init = await post('initialize', {
    protocolVersion: PROTOCOL_VERSION,
    capabilities: {},
    clientInfo: { name: 'test', version: '1.0.0' },
  });
  expect(init.status).toBe(200);
  await send({ method: 'notifications/initialized' });
  const backlog = () => sessionBacklog({ server: server.server, transport });
  return { server, transport, post, release, backlog };
}

describe('JsonResponseTransport (the SDK transport in JSON mode, with its two upstream faults mended)', () => {
  const open: { server: McpServer }[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.server.close();
  });

  it('answers each POST with one JSON body and keeps no entry per call behind', async () => {
    const session = await openSession();
    open.push(session);
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => session.post('tools/call', { name: 'echo', arguments: {} })),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/json');
      expect(await answer.json()).toMatchObject({ result: { content: [{ type: 'text', text: 'ok' }] } });
    }
    expect(session.backlog()).toMatchObject({ streams: 0, requestStreams: 0, pendingResponses: 0 });
  });

  it('answers a call still running when the session is closed, instead of leaving it hanging', async () => {
    const session = await openSession();
    open.push(session);
    const running = session.post('tools/call', { name: 'wait', arguments: {} });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(session.backlog().streams).toBe(1);
    await session.transport.close();
    const answer = await running;
    expect(answer.status).toBe(404);
    expect(await answer.json()).toMatchObject({ error: { message: 'The session ended' } });
    session.release();
    expect(session.backlog().streams).toBe(0);
  });
});
