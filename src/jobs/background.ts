import type { Services } from '../core/services.js';
import { perform } from '../core/perform.js';
import { accountsWithDueSnoozes, wakeSnoozed } from '../conversations/wake-snoozed.js';
import {
  DEFAULT_DELIVERY_OPTIONS,
  type DeliveryOptions,
  deliverDue,
} from '../channels/api/deliver-webhooks.js';
import { reconcileMoney, STALE_RESERVATION_MS } from '../money/reconcile-money.js';

/** Batches of deliveries per tick, so snooze wake-ups and stop() never wait behind a long queue. */
const MAX_DELIVERY_ROUNDS = 50;
/** How often open money actions (pending at a store, or cut off by a crash) are looked at. */
const RECONCILE_EVERY_MS = 10_000;

export interface BackgroundJobs {
  /** Run the delivery loop now (after a commit queued something). */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * The server's background work: webhook deliveries (kicked after commits, and polled so retries and
 * deliveries left by a crash go out), snooze wake-ups, and the money reconciler (stores' pending
 * refunds and cancellations, and calls a crash cut off). A tick never overlaps the previous one.
 */
export function startBackgroundJobs(
  services: Services,
  options: { pollMs?: number; delivery?: DeliveryOptions; moneyStaleMs?: number } = {},
): BackgroundJobs {
  const delivery = options.delivery ?? DEFAULT_DELIVERY_OPTIONS;
  let reconciledAt = 0;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  const tick = async () => {
    do {
      again = false;
      // Drain what is due, a bounded number of batches per tick; the next poll takes the rest.
      for (let round = 0; round < MAX_DELIVERY_ROUNDS && !stopped; round += 1) {
        if ((await deliverDue(services, delivery)) === 0) break;
      }
      for (const accountId of await accountsWithDueSnoozes(services.db.kysely, services.now())) {
        await perform(services, { kind: 'system', accountId, reason: 'snooze ended' }, wakeSnoozed, {});
      }
      if (Date.now() - reconciledAt >= RECONCILE_EVERY_MS && !stopped) {
        reconciledAt = Date.now();
        await reconcileMoney(services, options.moneyStaleMs ?? STALE_RESERVATION_MS);
      }
    } while (again && !stopped);
  };

  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = tick()
      .catch((error: unknown) => services.logger.error({ err: error }, 'background jobs failed'))
      .finally(() => {
        running = null;
      });
  };

  const timer = setInterval(kick, options.pollMs ?? 1000);
  timer.unref();
  kick();

  return {
    kick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
