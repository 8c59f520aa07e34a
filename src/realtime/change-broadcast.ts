import { sql } from 'kysely';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { CommittedChange } from '../core/services.js';
import type { Db } from '../db/database.js';
import { listenOnChannel } from './pg-listener.js';

const CHANNEL = 'deskwoot_changes';
/** PostgreSQL refuses NOTIFY payloads of 8,000 bytes or more; batches stay well below. */
const MAX_PAYLOAD_CHARS = 6000;

const ZChangesSchema = z.array(
  z.object({
    accountId: z.string(),
    action: z.string(),
    outcome: z.string(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
  }),
);

/** Splits changes into JSON arrays that each fit one NOTIFY. */
export function notifyPayloads(changes: readonly CommittedChange[]): string[] {
  const payloads: string[] = [];
  let batch: string[] = [];
  let length = 2;
  for (const change of changes) {
    const json = JSON.stringify(change);
    if (batch.length && length + json.length + 1 > MAX_PAYLOAD_CHARS) {
      payloads.push(`[${batch.join(',')}]`);
      batch = [];
      length = 2;
    }
    batch.push(json);
    length += json.length + 1;
  }
  if (batch.length) payloads.push(`[${batch.join(',')}]`);
  return payloads;
}

/**
 * Fans committed changes out to every node sharing a PostgreSQL database (this one included):
 * changes committed in one event-loop turn go out as one NOTIFY, and each node hands what it hears
 * to its own hub. The changes are already committed, so the NOTIFY needs no transaction of theirs.
 */
export function postgresChangeFanOut(
  db: Db,
  logger: Logger,
  handlers: { onChange(change: CommittedChange): void; onReconnect(): void },
): { publish(change: CommittedChange): void; ready: Promise<void>; stop(): Promise<void> } {
  let queue: CommittedChange[] = [];
  let pending: Promise<void> | null = null;

  const flush = async () => {
    const batch = queue;
    queue = [];
    for (const payload of notifyPayloads(batch))
      await sql`select pg_notify(${CHANNEL}, ${payload})`.execute(db.kysely);
  };
  const listener = listenOnChannel(db.url, CHANNEL, {
    onPayload(payload) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(payload);
      } catch {
        parsed = null;
      }
      const changes = ZChangesSchema.safeParse(parsed);
      if (!changes.success) return logger.warn('ignored a malformed change notification');
      for (const change of changes.data) handlers.onChange(change);
    },
    onReconnect: handlers.onReconnect,
    onError: (err) => logger.warn({ err }, 'change listener'),
  });

  const schedule = () => {
    pending ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(flush)
      .catch((err: unknown) => logger.warn({ err }, 'change broadcast failed'))
      .finally(() => {
        pending = null;
        if (queue.length) schedule();
      });
  };

  return {
    publish(change) {
      queue.push(change);
      schedule();
    },
    ready: listener.ready,
    async stop() {
      await pending;
      await listener.stop();
    },
  };
}
