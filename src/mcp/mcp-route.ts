import { randomUUID } from 'node:crypto';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Services } from '../core/services.js';
import { AppError } from '../core/errors.js';
import { actorForBotToken } from '../agents/agents.repository.js';
import type { AppEnv } from '../http/env.js';
import { fixedWindowLimiter } from '../http/rate-limit.js';
import { createMcpServer } from './mcp-server.js';
import type { McpSessions } from './sessions.js';
import { JsonResponseTransport } from './transport.js';

export interface McpOptions {
  /** Host names (without port) that may appear in Host and Origin: DNS-rebinding protection. */
  allowedHostnames: readonly string[];
  /** Requests per minute per bot token. */
  rateLimitPerMinute: number;
  version: string;
}

function rpcError(
  c: Context,
  status: 400 | 401 | 403 | 404 | 429,
  message: string,
  headers: Record<string, string> = {},
) {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.json({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }, status);
}

function hostnameOf(value: string | undefined, withScheme: boolean): string | null {
  if (!value) return null;
  try {
    return new URL(withScheme ? value : `http://${value}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/**
 * A POST's body, read here through the adapter's direct path and handed to the SDK parsed: left
 * to the SDK, every call would build a full web Request around it first. A body that is not JSON
 * is left to the SDK, which answers it with its own parse error.
 */
export async function parsedBody(c: Context): Promise<unknown> {
  if (c.req.method !== 'POST') return undefined;
  return c.req.json().catch(() => undefined);
}

/**
 * The MCP door (SPEC §3): Streamable HTTP on the official SDK, one server and transport per
 * session. Every request re-reads its bot token from the database, so a revoked token gets 401 on
 * its very next request on any node; the kill switch also ends this node's open sessions at once.
 */
export function mcpRoutes(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  sessions: McpSessions,
  options: McpOptions,
): void {
  const limiter = fixedWindowLimiter({ limit: options.rateLimitPerMinute, windowMs: 60_000 });
  const allowed = new Set(options.allowedHostnames.map((h) => h.toLowerCase()));

  app.all('/mcp', async (c) => {
    const host = hostnameOf(c.req.header('host'), false);
    const origin = c.req.header('origin');
    if (!host || !allowed.has(host)) return rpcError(c, 403, 'Host not allowed');
    if (origin !== undefined && !allowed.has(hostnameOf(origin, true) ?? ''))
      return rpcError(c, 403, 'Origin not allowed');

    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const actor = token ? await actorForBotToken(services.db.kysely, token, services.now()) : null;
    const challenge = { 'WWW-Authenticate': 'Bearer realm="deskwoot", error="invalid_token"' };
    if (!actor) {
      const sessionId = c.req.header('mcp-session-id');
      if (sessionId) await sessions.close((s) => s.id === sessionId);
      return rpcError(c, 401, 'Missing, invalid or revoked bot token', challenge);
    }
    try {
      limiter.hit(actor.tokenId);
    } catch (error) {
      const retry = error instanceof AppError ? (error.details?.retry_after_seconds ?? 60) : 60;
      return rpcError(c, 429, 'Too many requests for this token', { 'Retry-After': String(retry) });
    }
    const authInfo = {
      token: actor.tokenId,
      clientId: actor.agentId,
      scopes: [...actor.scopes],
      extra: { actor },
    };

    const sessionId = c.req.header('mcp-session-id');
    if (sessionId) {
      const session = sessions.get(sessionId);
      if (!session || session.tokenId !== actor.tokenId) return rpcError(c, 404, 'Session not found');
      return session.transport.handleRequest(c.req.raw, { authInfo, parsedBody: await parsedBody(c) });
    }
    if (sessions.full(actor.tokenId))
      return rpcError(c, 429, 'Too many open sessions for this token', { 'Retry-After': '60' });

    const server = createMcpServer(services, options.version);
    const transport = new JsonResponseTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.add({
          id,
          accountId: actor.accountId,
          agentId: actor.agentId,
          tokenId: actor.tokenId,
          server,
          transport,
          lastSeen: Date.now(),
        });
      },
      onsessionclosed: (id) => sessions.forget(id),
    });
    await server.connect(transport);
    const response = await transport.handleRequest(c.req.raw, { authInfo, parsedBody: await parsedBody(c) });
    if (!transport.sessionId) {
      await transport.close();
      await server.close();
    }
    return response;
  });

  for (const method of ['post', 'get', 'delete'] as const) {
    app.openAPIRegistry.registerPath({
      method,
      path: '/mcp',
      summary: 'MCP (Streamable HTTP) for AI agents: Authorization: Bearer dwt_…',
      responses: {
        200: { description: 'JSON-RPC over Streamable HTTP' },
        401: { description: 'Missing, invalid or revoked bot token' },
      },
    });
  }
}
