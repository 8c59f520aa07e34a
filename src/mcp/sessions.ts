import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';

export interface McpSession {
  id: string;
  accountId: string;
  agentId: string;
  tokenId: string;
  server: Server;
  transport: WebStandardStreamableHTTPServerTransport;
  lastSeen: number;
}

/**
 * This process's open MCP sessions, so the kill switch can end them, idle ones are swept, and a
 * token cannot open sessions without bound. Each session has its own server and transport.
 */
export class McpSessions {
  private readonly sessions = new Map<string, McpSession>();

  constructor(
    private readonly options: { idleMs: number; maxPerToken: number } = {
      idleMs: 30 * 60_000,
      maxPerToken: 64,
    },
  ) {}

  get size(): number {
    return this.sessions.size;
  }

  add(session: McpSession): void {
    this.sessions.set(session.id, session);
  }

  get(id: string): McpSession | undefined {
    const session = this.sessions.get(id);
    if (session) session.lastSeen = Date.now();
    return session;
  }

  forget(id: string): void {
    this.sessions.delete(id);
  }

  /** How many sessions a token holds; the door refuses a new one past `maxPerToken`. */
  full(tokenId: string): boolean {
    let count = 0;
    for (const session of this.sessions.values()) if (session.tokenId === tokenId) count += 1;
    return count >= this.options.maxPerToken;
  }

  /** Ends every session that matches, e.g. all of a revoked agent's. */
  async close(match: (session: McpSession) => boolean): Promise<number> {
    const doomed = [...this.sessions.values()].filter(match);
    for (const session of doomed) this.sessions.delete(session.id);
    await Promise.allSettled(
      doomed.map(async (s) => {
        await s.transport.close();
        await s.server.close();
      }),
    );
    return doomed.length;
  }

  sweepIdle(now = Date.now()): Promise<number> {
    return this.close((session) => now - session.lastSeen > this.options.idleMs);
  }

  closeAll(): Promise<number> {
    return this.close(() => true);
  }
}

/** Size of an SDK object's internal Map or Set (0 when the SDK no longer has that field). */
function sizeOf(owner: object, field: string): number {
  const value: unknown = Reflect.get(owner, field);
  return value instanceof Map || value instanceof Set ? value.size : 0;
}

/**
 * The per-request bookkeeping a session's transport and server hold, read from SDK internals.
 * Between calls it must be back to what an idle session holds (NOTES.md: the SDK leaks an entry
 * per call in JSON-response mode), so the memory test and the soak watch it.
 */
export function sessionBacklog(session: Pick<McpSession, 'server' | 'transport'>) {
  const { server, transport } = session;
  return {
    streams: sizeOf(transport, '_streamMapping'),
    requestStreams: sizeOf(transport, '_requestToStreamMapping'),
    pendingResponses: sizeOf(transport, '_requestResponseMap'),
    resumableStreams: sizeOf(transport, '_resumableStreams'),
    inFlightHandlers: sizeOf(server, '_requestHandlerAbortControllers'),
    responseHandlers: sizeOf(server, '_responseHandlers'),
    progressHandlers: sizeOf(server, '_progressHandlers'),
    timeouts: sizeOf(server, '_timeoutInfo'),
  };
}
