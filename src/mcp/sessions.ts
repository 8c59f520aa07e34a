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
