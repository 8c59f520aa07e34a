import { sql } from 'kysely';
import pg from 'pg';
import type { Dialect, Trx } from '../db/database.js';
import type { LeashChange } from '../core/services.js';

const CHANNEL = 'deskwoot_leash';

/**
 * Tells every node sharing a PostgreSQL database that an agent was revoked or agents paused, so
 * each ends its open MCP sessions at once. NOTIFY is transactional: it is sent only if the
 * revocation commits. (With SQLite there is a single node, told after commit directly.)
 */
export async function broadcastLeashChange(trx: Trx, dialect: Dialect, change: LeashChange): Promise<void> {
  if (dialect !== 'postgres') return;
  await sql`select pg_notify(${CHANNEL}, ${JSON.stringify(change)})`.execute(trx);
}

function isLeashChange(value: unknown): value is LeashChange {
  if (typeof value !== 'object' || value === null) return false;
  const { accountId, agentId } = value as Record<string, unknown>;
  return typeof accountId === 'string' && (agentId === null || typeof agentId === 'string');
}

/** Listens for other nodes' leash changes on PostgreSQL; reconnects if the connection drops. */
export function listenForLeashChanges(
  url: string,
  onChange: (change: LeashChange) => void,
  onError: (error: unknown) => void,
): { stop(): Promise<void> } {
  let client: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;

  const connect = async () => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      try {
        const change: unknown = JSON.parse(message.payload ?? '');
        if (isLeashChange(change)) onChange(change);
      } catch (error) {
        onError(error);
      }
    });
    next.on('error', (error) => {
      onError(error);
      if (!stopped) retry = setTimeout(() => void connect(), 1000);
    });
    try {
      await next.connect();
      await next.query(`listen ${CHANNEL}`);
      // Stopped while connecting: end this client too, or its socket keeps the process alive.
      if (stopped) {
        await next.end().catch(() => undefined);
        return;
      }
      client = next;
    } catch (error) {
      onError(error);
      await next.end().catch(() => undefined);
      if (!stopped) retry = setTimeout(() => void connect(), 1000);
    }
  };
  void connect();

  return {
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
