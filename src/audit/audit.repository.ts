import stringify from 'safe-stable-stringify';
import type { Executor, Trx } from '../db/database.js';
import type { AuditEvent, AuditEventTable } from '../db/schema.js';
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

/**
 * Appends an event to its account's chain inside the caller's transaction. Bumping the chain head
 * first takes its row lock on PostgreSQL (SQLite runs one writer at a time), so concurrent actions
 * of one account queue here and the chain never forks.
 */
export async function appendAuditEvent(trx: Trx, event: NewAuditEvent): Promise<AuditEvent> {
  const head = await trx
    .updateTable('audit_heads')
    .set((eb) => ({ seq: eb('seq', '+', 1) }))
    .where('account_id', '=', event.account_id)
    .returning(['seq', 'last_hash'])
    .executeTakeFirst();
  const seq = head?.seq ?? 1;
  const prev_hash = head?.last_hash ?? GENESIS_HASH;
  const unhashed = {
    id: newId('audit'),
    account_id: event.account_id,
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
  await trx.insertInto('audit_events').values(row).execute();
  if (head) {
    await trx
      .updateTable('audit_heads')
      .set({ last_hash: row.hash })
      .where('account_id', '=', event.account_id)
      .execute();
  } else {
    await trx
      .insertInto('audit_heads')
      .values({ account_id: event.account_id, seq, last_hash: row.hash })
      .execute();
  }
  return row;
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
