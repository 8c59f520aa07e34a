import type { Kysely } from 'kysely';
import stringify from 'safe-stable-stringify';
import { compiledOnce } from '../db/compiled-once.js';
import type { Executor, Trx } from '../db/database.js';
import type { AuditEvent, AuditEventTable, Database } from '../db/schema.js';
import { newId } from '../core/ids.js';
import { GENESIS_HASH, hashEvent } from './chain.js';

export type NewAuditEvent = Pick<
  AuditEventTable,
  'account_id' | 'actor_kind' | 'actor_id' | 'token_id' | 'action' | 'target_type' | 'target_id' | 'outcome'
> & {
  reason?: string | null;
  input: unknown;
  result?: unknown;
  created_at: string;
};

/** Rows per INSERT statement, well inside both databases' limits on bound parameters. */
const INSERT_CHUNK = 200;

const bumpHead = compiledOnce((db, accountId: string, count: number) =>
  db
    .updateTable('audit_heads')
    .set((eb) => ({ seq: eb('seq', '+', count) }))
    .where('account_id', '=', accountId)
    .returning(['seq', 'last_hash']),
);

const moveHead = compiledOnce((db, accountId: string, lastHash: string) =>
  db.updateTable('audit_heads').set({ last_hash: lastHash }).where('account_id', '=', accountId),
);

/**
 * Appends events to one account's chain inside the caller's transaction. Bumping the chain head
 * first takes its row lock on PostgreSQL (SQLite runs one writer at a time), so concurrent appends
 * to one account queue here and the chain never forks.
 */
async function appendToChain(
  trx: Trx,
  accountId: string,
  events: readonly NewAuditEvent[],
): Promise<AuditEvent[]> {
  const count = events.length;
  const [head] = await bumpHead(trx, accountId, count);
  let seq = head ? head.seq - count : 0;
  let prev_hash = head?.last_hash ?? GENESIS_HASH;
  const rows = events.map((event): AuditEvent => {
    seq += 1;
    const unhashed = {
      id: newId('audit'),
      account_id: accountId,
      seq,
      actor_kind: event.actor_kind,
      actor_id: event.actor_id,
      token_id: event.token_id,
      action: event.action,
      target_type: event.target_type,
      target_id: event.target_id,
      outcome: event.outcome,
      reason: event.reason ?? null,
      input: stringify(event.input ?? {}),
      result: stringify(event.result ?? {}),
      created_at: event.created_at,
      prev_hash,
    } satisfies Omit<AuditEvent, 'hash'>;
    const row = { ...unhashed, hash: hashEvent(unhashed) };
    prev_hash = row.hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await trx
      .insertInto('audit_events')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .execute();
  }
  if (head) {
    await moveHead(trx, accountId, prev_hash);
  } else {
    await trx
      .insertInto('audit_heads')
      .values({ account_id: accountId, seq, last_hash: prev_hash })
      .execute();
  }
  return rows;
}

/** Appends an event to its account's chain inside the caller's transaction (see appendToChain). */
export async function appendAuditEvent(trx: Trx, event: NewAuditEvent): Promise<AuditEvent> {
  const [row] = await appendToChain(trx, event.account_id, [event]);
  return row!;
}

/**
 * Appends several events in the caller's transaction. Accounts are taken in id order, so two
 * such transactions on different nodes lock chain heads in the same order and cannot deadlock.
 */
export async function appendAuditEvents(trx: Trx, events: readonly NewAuditEvent[]): Promise<void> {
  const byAccount = new Map<string, NewAuditEvent[]>();
  for (const event of events) {
    const list = byAccount.get(event.account_id);
    if (list) list.push(event);
    else byAccount.set(event.account_id, [event]);
  }
  for (const accountId of [...byAccount.keys()].sort())
    await appendToChain(trx, accountId, byAccount.get(accountId)!);
}

/** Events committed together at most (a batch holds its chain heads' locks until it commits). */
const MAX_BATCH = 256;

interface Waiting {
  event: NewAuditEvent;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit for audit events that stand alone — an agent's read, or a refused call — which
 * have no state change to share a transaction with. Each caller resumes only once its own event
 * is durable, so nothing is reported before it is recorded; but one commit (its WAL write, and on
 * PostgreSQL its flush under the chain head's lock) is paid per batch rather than per call.
 * A batch starts on the next turn of the event loop, after the I/O already waiting: on SQLite,
 * where a call's queries run to the end without yielding, that is what lets the calls that
 * arrived together share a commit; when idle it costs no measurable delay.
 */
class AuditWriter {
  private readonly waiting: Waiting[] = [];
  private scheduled = false;
  private draining = false;

  constructor(private readonly db: Kysely<Database>) {}

  append(event: NewAuditEvent): Promise<void> {
    const appended = new Promise<void>((resolve, reject) => {
      this.waiting.push({ event, resolve, reject });
    });
    this.schedule();
    return appended;
  }

  private schedule(): void {
    if (this.scheduled || this.draining || !this.waiting.length) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.draining = true;
      void this.commitBatch().finally(() => {
        this.draining = false;
        this.schedule();
      });
    });
  }

  private async commitBatch(): Promise<void> {
    let batch: Waiting[] = [];
    try {
      // The batch is taken once the connection is ours, so the events that came in while this
      // transaction waited for it are committed with it.
      await this.db.transaction().execute(async (trx) => {
        batch = this.waiting.splice(0, MAX_BATCH);
        await appendAuditEvents(
          trx,
          batch.map((w) => w.event),
        );
      });
      for (const w of batch) w.resolve();
    } catch {
      // One bad event must not sink the others: each is tried alone before it fails.
      for (const w of batch) {
        try {
          await this.db.transaction().execute((trx) => appendAuditEvent(trx, w.event));
          w.resolve();
        } catch (error) {
          w.reject(error);
        }
      }
    }
  }
}

const writers = new WeakMap<Kysely<Database>, AuditWriter>();

/**
 * Records an event in a transaction of its own, committed together with the other events waiting
 * at the same moment; resolves once it is durable. For events with no state change beside them.
 */
export function recordAuditEvent(db: Kysely<Database>, event: NewAuditEvent): Promise<void> {
  let writer = writers.get(db);
  if (!writer) {
    writer = new AuditWriter(db);
    writers.set(db, writer);
  }
  return writer.append(event);
}

export interface AuditFilter {
  accountId: string;
  actor?: string | undefined;
  action?: string | undefined;
  outcome?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  /** Events with a seq below this (newest first paging). */
  beforeSeq?: number | undefined;
  limit: number;
}

export async function listAuditEvents(db: Executor, filter: AuditFilter): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll().where('account_id', '=', filter.accountId);
  if (filter.actor) query = query.where('actor_id', '=', filter.actor);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome as AuditEvent['outcome']);
  if (filter.since) query = query.where('created_at', '>=', filter.since);
  if (filter.until) query = query.where('created_at', '<', filter.until);
  if (filter.beforeSeq !== undefined) query = query.where('seq', '<', filter.beforeSeq);
  return query.orderBy('seq', 'desc').limit(filter.limit).execute();
}

/** Streams one account's whole chain in order, a page at a time, for verify and export. */
export async function* iterateChain(
  db: Executor,
  accountId: string,
  pageSize = 1000,
): AsyncGenerator<AuditEvent> {
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_events')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    yield* page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = last.seq;
  }
}
