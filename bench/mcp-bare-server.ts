/**
 * The benchmark's yardstick: a bare `@modelcontextprotocol/sdk` server with one tool,
 * `get_conversation`, that runs the same queries as Deskwoot's and shapes the same result, on the
 * same transport (stateful, one server and transport per session, SSE responses) on Hono and
 * @hono/node-server — with no leash: no token, no scopes, no transaction, no audit.
 *
 *   node dist/bench/mcp-bare-server.js <database-url> <account-id>
 *
 * Prints {"url": "..."} once it listens on 127.0.0.1; stops on SIGINT/SIGTERM.
 */
import { serve } from '@hono/node-server';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { Hono } from 'hono';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import {
  findVisibleConversation,
  toConversationJson,
} from '../src/conversations/conversations.repository.js';
import { THREAD_LIMIT } from '../src/conversations/get-conversation.js';
import type { Actor } from '../src/core/actor.js';
import { type Db, openDb } from '../src/db/database.js';
import { authorNames, recentMessages, toMessageJson } from '../src/messages/messages.repository.js';
import { TOOLS_BY_NAME } from '../src/mcp/tools.js';

const present = TOOLS_BY_NAME.get('get_conversation')!.present as (
  output: unknown,
) => Record<string, unknown>;

/** The body of Deskwoot's conversation.get handler, on the plain connection. */
async function getConversation(db: Db, actor: Actor, conversationId: string) {
  const row = await findVisibleConversation(db.kysely, actor, conversationId);
  const [[conversation], messages] = await Promise.all([
    toConversationJson(db.kysely, [row]),
    recentMessages(db.kysely, row.id, THREAD_LIMIT),
  ]);
  const names = await authorNames(db.kysely, messages);
  return { conversation: conversation!, messages: messages.map((m) => toMessageJson(m, names)) };
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
  const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();
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
      return transport.handleRequest(c.req.raw);
    }
    const server = bareServer(db, actor);
    const transport: WebStandardStreamableHTTPServerTransport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => void sessions.set(id, transport),
      onsessionclosed: (id) => void sessions.delete(id),
    });
    await server.connect(transport);
    return transport.handleRequest(c.req.raw);
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
