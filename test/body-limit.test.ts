import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { MAX_BODY_BYTES } from '../src/http/app.js';
import { type RunningServer, startServer } from '../src/server.js';
import { DIALECTS } from './support/databases.js';
import { snapshotDb } from './support/db-snapshot.js';
import { type Harness, seedWorkspace, startHarness, TEST_SECRET, type Workspace } from './support/harness.js';
import { makeAgent } from './support/mcp.js';

/** One request over real HTTP: with a Content-Length, or chunked (no declared length). */
function send(
  url: string,
  path: string,
  headers: Record<string, string>,
  body: string,
  framing: 'length' | 'chunked',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...headers,
        ...(framing === 'length' ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
      },
      agent: false,
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    // The server may answer and close before the whole of a refused body is sent.
    req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' ? undefined : reject(error)));
    if (framing === 'chunked') {
      const half = Math.floor(body.length / 2);
      req.write(body.slice(0, half));
      req.end(body.slice(half));
    } else req.end(body);
  });
}

describe.each(DIALECTS)('the body limit over real HTTP, on %s', (dialect) => {
  let h: Harness;
  let ws: Workspace;
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    h = await startHarness(dialect);
    ws = await seedWorkspace(h.services, 'Acme');
    server = await startServer(
      loadConfig({ databaseUrl: h.url, port: 0, host: '127.0.0.1', secret: TEST_SECRET, logLevel: 'silent' }),
      h.services,
    );
    token = (await makeAgent(h.services, ws.system, { scopes: ['notes:write'] })).token;
  });
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  const note = (content: string) => ({
    path: `/api/v1/conversations/${ws.conversations[0]!.id}/messages`,
    headers: { authorization: `Bearer ${ws.admin.token}` },
    body: JSON.stringify({ content, private: true }),
  });
  const mcpCall = (padding: string) => ({
    path: '/mcp',
    headers: {
      authorization: `Bearer ${token}`,
      host: '127.0.0.1',
      accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'test', version: '1' },
        padding,
      },
    }),
  });

  it.each(['length', 'chunked'] as const)(
    'refuses a body over the limit with 413 and changes nothing (%s)',
    async (framing) => {
      const before = await snapshotDb(h.services.db);
      for (const target of [note('x'.repeat(MAX_BODY_BYTES)), mcpCall('x'.repeat(MAX_BODY_BYTES))]) {
        const res = await send(server.url, target.path, target.headers, target.body, framing);
        expect(res.status, target.path).toBe(413);
      }
      expect(await snapshotDb(h.services.db)).toEqual(before);
    },
  );

  it.each(['length', 'chunked'] as const)('takes a body within the limit (%s)', async (framing) => {
    const within = note('A note of a fair size. '.repeat(500));
    expect((await send(server.url, within.path, within.headers, within.body, framing)).status).toBe(201);
    const call = mcpCall('x'.repeat(1000));
    const res = await send(server.url, call.path, call.headers, call.body, framing);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ result: { serverInfo: { name: 'deskwoot' } } });
  });
});
