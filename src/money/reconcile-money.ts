import type { Services } from '../core/services.js';
import type { MoneyAction } from '../db/schema.js';
import type { MoneyCall, StoreConnector } from '../stores/connectors/connector.js';
import { connectorFor } from '../stores/connectors/index.js';
import { parseStoreObjectId } from '../stores/live-orders.js';
import { findStore } from '../stores/stores.repository.js';
import { dueForReconciliation } from './money.repository.js';
import { moneyAuditEvent, recordSettlement, type Settled } from './settle-money.js';

/**
 * A reservation older than this was cut off between the store call and its settlement (a crash):
 * well beyond the longest a store call may take with its retries.
 */
export const STALE_RESERVATION_MS = 5 * 60_000;
const BATCH = 20;

/** The call a ledger row stands for, rebuilt from the store's current view of its target. */
async function callOf(connector: StoreConnector, row: MoneyAction): Promise<MoneyCall | null> {
  const vendorId = parseStoreObjectId(row.target_id)?.vendorId;
  if (!vendorId) return null;
  const input = JSON.parse(row.input) as { reason?: string; at_period_end?: boolean };
  const reason = input.reason ?? '';
  if (row.kind === 'cancel_subscription') {
    const subscription = await connector.getSubscription(vendorId);
    return (
      subscription && {
        kind: row.kind,
        subscription,
        atPeriodEnd: input.at_period_end === true,
        reason,
        key: row.id,
      }
    );
  }
  const order = await connector.getOrder(vendorId);
  if (!order) return null;
  return row.kind === 'refund'
    ? { kind: 'refund', order, amount: row.amount, reason, key: row.id }
    : { kind: 'cancel_order', order, reason, key: row.id };
}

/** What the store says became of a row's call; throws while it cannot say. */
async function askStore(services: Services, row: MoneyAction): Promise<Settled> {
  const store = await findStore(services.db.kysely, row.account_id, row.store_id);
  if (store.status !== 'connected') throw new Error(`Store ${store.id} is disconnected`);
  const connector = await connectorFor(services, store);
  const call = await callOf(connector, row);
  const found = call ? await connector.lookup(call, row.vendor_ref) : null;
  if (found) {
    const failure =
      found.status === 'failed' ? { code: 'store_failed', message: 'The store did not complete it' } : null;
    return { status: found.status, vendorRef: found.vendorRef, failure };
  }
  if (row.status === 'pending') {
    return {
      status: 'failed',
      vendorRef: row.vendor_ref,
      failure: { code: 'store_failed', message: 'The store no longer knows of it' },
    };
  }
  return {
    status: 'failed',
    vendorRef: null,
    failure: { code: 'interrupted', message: 'It never reached the store' },
  };
}

/**
 * Finds out what became of one money action the ledger holds open, by asking its store (by the
 * call's key, or the target's state) — never by calling again — and records it once.
 */
async function reconcileOne(services: Services, row: MoneyAction): Promise<void> {
  const settled: Settled = await askStore(services, row).catch(() => ({
    // The store cannot say yet: look again later (the money stays counted).
    status: row.status === 'reserved' ? 'unknown' : row.status,
    vendorRef: row.vendor_ref,
    failure: { code: 'store_unavailable', message: 'The store could not be asked what became of it' },
  }));
  if (settled.status === row.status) {
    await recordSettlement(services, row, settled, null, null);
    return;
  }
  const at = services.now().toISOString();
  // The first record of a call cut off by a crash is the action's own; later ones are the store settling it.
  const audit =
    row.status === 'reserved'
      ? moneyAuditEvent(row, settled, at, { reconciled: true })
      : {
          ...moneyAuditEvent(row, settled, at, { previous_status: row.status }),
          actor_kind: 'system' as const,
          actor_id: null,
          token_id: null,
          action: 'money.settle',
        };
  await recordSettlement(services, row, settled, audit, null);
}

/** One pass of the reconciler: every money action due for a look, a bounded batch at a time. */
export async function reconcileMoney(services: Services, staleMs = STALE_RESERVATION_MS): Promise<number> {
  const now = services.now();
  const due = await dueForReconciliation(services.db.kysely, now, new Date(now.getTime() - staleMs), BATCH);
  for (const row of due) {
    try {
      await reconcileOne(services, row);
    } catch (error) {
      services.logger.warn({ err: error, money_action: row.id }, 'money reconciliation failed');
    }
  }
  return due.length;
}
