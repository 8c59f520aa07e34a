/**
 * The benchmark's yardstick: a bare `@modelcontextprotocol/sdk` server with one tool,
 * `get_conversation`, that runs the same queries as Deskwoot's and shapes the same result, on the
 * same transport (stateful, one server and transport per session, JSON responses) on Hono and
 * @hono/node-server — with no leash: no token, no scopes, no transaction, no audit.
 *
 *   node dist/bench/mcp-bare-server.js <database-url> <account-id>
 *
 * Prints {"url": "..."} once it listens on 127.0.0.1; stops on SIGINT/SIGTERM.
 */
import { serve } from '@hono/node-server';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { getConversation as getConversationAction } from '../src/conversations/get-conversation.js';
import type { Actor } from '../src/core/actor.js';
import { type Db, openDb } from '../src/db/database.js';
import { parsedBody } from '../src/mcp/mcp-route.js';
import { TOOLS_BY_NAME } from '../src/mcp/tools.js';
import { JsonResponseTransport } from '../src/mcp/transport.js';

const present = TOOLS_BY_NAME.get('get_conversation')!.present as (
  output: unknown,
) => Record<string, unknown>;

/**
 * Deskwoot's conversation.get handler itself, called on the plain connection: the same queries
 * and the same result, none of the path around it.
 */
function getConversation(db: Db, actor: Actor, conversationId: string) {
  const action = getConversationAction;
  if (action.kind !== 'read') throw new Error('conversation.get is a read');
  return action.handler({
    db: db.kysely,
    actor,
    input: { conversation_id: conversationId },
    services: null as never,
    prepared: undefined,
    approval: null,
    afterCommit: () => undefined,
    audit: () => undefined,
  });
}

function bareServer(db: Db, actor: Actor): McpServer {
  const server = new McpServer({ name: 'bare', version: '1.0.0' });
  server.registerTool(
    'get_conversation',
    {
      description: 'Open a conversation with its messages',
      inputSchema: { conversation_id: z.string().max(64) },
    },
    async ({ conversation_id }) => {
      const body = present(await getConversation(db, actor, conversation_id));
      return { content: [{ type: 'text', text: JSON.stringify(body) }], structuredContent: body };
    },
  );
  return server;
}

async function main(): Promise<void> {
  const [url, accountId] = process.argv.slice(2);
  if (!url || !accountId) throw new Error('usage: mcp-bare-server.js <database-url> <account-id>');
  const db = openDb(url);
  const actor: Actor = { kind: 'system', accountId, reason: 'benchmark' };
  const sessions = new Map<string, JsonResponseTransport>();
  const app = new Hono();
  app.all('/mcp', async (c) => {
    const sessionId = c.req.header('mcp-session-id');
    if (sessionId) {
      const transport = sessions.get(sessionId);
      if (!transport)
        return c.json(
          { jsonrpc: '2.0', error: { code: -32001, message: 'Session not found' }, id: null },
          404,
        );
      return transport.handleRequest(c.req.raw, { parsedBody: await parsedBody(c) });
    }
    const server = bareServer(db, actor);
    const transport: JsonResponseTransport = new JsonResponseTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, transport),
      onsessionclosed: (id) => void sessions.delete(id),
    });
    await server.connect(transport);
    return transport.handleRequest(c.req.raw, { parsedBody: await parsedBody(c) });
  });
  const http = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
    process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`);
  });
  const stop = () => {
    http.close();
    if ('closeAllConnections' in http) http.closeAllConnections();
    for (const transport of sessions.values()) void transport.close();
    void db.close();
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
