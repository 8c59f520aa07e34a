import { sql } from 'kysely';
import type { Executor, Trx } from '../db/database.js';
import type { MoneyAction, MoneyKind, MoneyStatus } from '../db/schema.js';
import type { MoneyUsage } from './limits.js';
import { compiledOnce } from '../db/compiled-once.js';

/** Statuses that hold money: everything but a failure counts toward limits. */
export const COUNTED: readonly MoneyStatus[] = ['reserved', 'pending', 'succeeded', 'unknown'];
/** Not yet reflected in the store's own refunded amount, so taken off what is left to refund. */
export const IN_FLIGHT: readonly MoneyStatus[] = ['reserved', 'unknown'];

/**
 * Takes the account's money lock for the rest of the transaction: concurrent reservations of one
 * account queue here (a row lock on PostgreSQL, the single writer on SQLite), so each sees every
 * earlier one and no two can pass a limit together.
 */
export async function lockMoney(trx: Trx, accountId: string): Promise<void> {
  await moneyLock(trx, accountId);
}

const moneyLock = compiledOnce((db, accountId: string) =>
  db
    .insertInto('money_locks')
    .values({ account_id: accountId, seq: 1 })
    .onConflict((oc) => oc.column('account_id').doUpdateSet({ seq: sql`money_locks.seq + 1` })),
);

const BUCKET_MS = 5 * 60_000;

/** The start of the five-minute bucket a time falls in. */
export function usageBucket(at: string | Date): string {
  const ms = new Date(at).getTime();
  return new Date(ms - (ms % BUCKET_MS)).toISOString();
}

/** Adds (or, for a money action released, takes back) an agent's money at stake in its bucket. */
export async function countUsage(
  trx: Trx,
  row: Pick<MoneyAction, 'account_id' | 'agent_id' | 'currency' | 'amount' | 'created_at'>,
  sign: 1 | -1,
): Promise<void> {
  if (!row.agent_id) return;
  const amount = sign * row.amount;
  await addUsage(trx, row.account_id, row.agent_id, row.currency, usageBucket(row.created_at), amount);
}

const addUsage = compiledOnce(
  (db, accountId: string, agentId: string, currency: string, bucket: string, amount: number) =>
    db
      .insertInto('money_usage')
      .values({ account_id: accountId, agent_id: agentId, currency, bucket, amount })
      .onConflict((oc) =>
        oc
          .columns(['account_id', 'agent_id', 'currency', 'bucket'])
          .doUpdateSet({ amount: sql`money_usage.amount + ${amount}` }),
      ),
);

const usageSince = compiledOnce((db, accountId: string, agentId: string, currency: string, since: string) =>
  db
    .selectFrom('money_usage')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount'), sql<number>`0`).as('total'))
    .where('account_id', '=', accountId)
    .where('agent_id', '=', agentId)
    .where('currency', '=', currency)
    .where('bucket', '>=', since),
);

const lastOfContact = compiledOnce((db, accountId: string, contactId: string) =>
  db
    .selectFrom('money_actions')
    .select('created_at')
    .where('account_id', '=', accountId)
    .where('contact_id', '=', contactId)
    .where('status', 'in', COUNTED)
    .orderBy('created_at', 'desc')
    .limit(1),
);

/**
 * An agent's money so far in one currency over the last 24 hours, and the contact's last money
 * action. The window is counted in whole buckets, the oldest one included: it may reach a few
 * minutes further back than 24 hours, never less, so it never lets more through.
 */
export async function moneyUsage(
  trx: Trx,
  q: { accountId: string; agentId: string; currency: string; contactId: string | null; now: Date },
): Promise<MoneyUsage> {
  const since = usageBucket(new Date(q.now.getTime() - 86_400_000));
  const [moved] = await usageSince(trx, q.accountId, q.agentId, q.currency, since);
  const [last] = q.contactId ? await lastOfContact(trx, q.accountId, q.contactId) : [];
  return { movedInWindow: Number(moved?.total ?? 0), lastContactActionAt: last?.created_at ?? null };
}

/** What one kind of money action holds on an order or subscription, summed in the database. */
export interface HeldOnTarget {
  /** Actions that hold money (all but failures), and their amounts. */
  count: number;
  amount: number;
  /** Of those, the ones not yet reflected in the store's own figures (reserved or unknown). */
  inFlight: number;
}

export async function heldOnTarget(
  trx: Trx,
  q: { accountId: string; targetId: string; kind: MoneyKind },
): Promise<HeldOnTarget> {
  const [row] = await held(trx, q.accountId, q.targetId, q.kind);
  return {
    count: Number(row?.count ?? 0),
    amount: Number(row?.amount ?? 0),
    inFlight: Number(row?.in_flight ?? 0),
  };
}

const held = compiledOnce((db, accountId: string, targetId: string, kind: MoneyKind) =>
  db
    .selectFrom('money_actions')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.coalesce(eb.fn.sum<number>('amount'), sql<number>`0`).as('amount'),
      eb.fn
        .coalesce(
          eb.fn.sum<number>(eb.case().when('status', 'in', IN_FLIGHT).then(eb.ref('amount')).else(0).end()),
          sql<number>`0`,
        )
        .as('in_flight'),
    ])
    .where('account_id', '=', accountId)
    .where('target_id', '=', targetId)
    .where('kind', '=', kind)
    .where('status', 'in', COUNTED),
);

export async function findByClientKey(
  db: Executor,
  accountId: string,
  agentId: string | null,
  key: string,
): Promise<MoneyAction | undefined> {
  let query = db
    .selectFrom('money_actions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('client_key', '=', key);
  query = agentId ? query.where('agent_id', '=', agentId) : query.where('agent_id', 'is', null);
  return query.executeTakeFirst();
}

/**
 * Money actions to look at again: in flight past `staleBefore` (a crash between the store call
 * and its settlement), or pending or unknown and due for a check.
 */
export async function dueForReconciliation(db: Executor, now: Date, staleBefore: Date, limit: number) {
  return db
    .selectFrom('money_actions')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'reserved'), eb('created_at', '<', staleBefore.toISOString())]),
        eb.and([eb('status', 'in', ['pending', 'unknown']), eb('next_check_at', '<=', now.toISOString())]),
      ]),
    )
    .orderBy('created_at')
    .limit(limit)
    .execute();
}
