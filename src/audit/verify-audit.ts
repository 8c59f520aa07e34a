import type { Executor } from '../db/database.js';
import { CHAIN_START, type ChainBreak, type ChainLink, checkLink } from './chain.js';
import { iterateChain } from './audit.repository.js';

export interface ChainReport {
  account_id: string;
  events: number;
  ok: boolean;
  break: ChainBreak | null;
}

/**
 * Recomputes every hash of each account's chain and checks that the chain head agrees with the
 * last event, so an edited, removed or appended-by-hand event is found.
 */
export async function verifyAudit(db: Executor, accountId?: string): Promise<ChainReport[]> {
  const accounts = accountId
    ? [{ id: accountId }]
    : await db.selectFrom('accounts').select('id').orderBy('id').execute();
  const reports: ChainReport[] = [];
  for (const { id } of accounts) reports.push(await verifyAccount(db, id));
  return reports;
}

async function verifyAccount(db: Executor, accountId: string): Promise<ChainReport> {
  let previous: ChainLink = CHAIN_START;
  let events = 0;
  for await (const event of iterateChain(db, accountId)) {
    const problem = checkLink(previous, event);
    if (problem) return { account_id: accountId, events, ok: false, break: problem };
    previous = { seq: event.seq, hash: event.hash };
    events += 1;
  }
  const head = await db
    .selectFrom('audit_heads')
    .select(['seq', 'last_hash'])
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  const headOk = head ? head.seq === previous.seq && head.last_hash === previous.hash : previous.seq === 0;
  if (!headOk) {
    return {
      account_id: accountId,
      events,
      ok: false,
      break: { seq: previous.seq, id: '', problem: 'head_mismatch' },
    };
  }
  return { account_id: accountId, events, ok: true, break: null };
}
