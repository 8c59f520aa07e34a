import type { Delivery } from '../../db/schema.js';
import type { Services } from '../../core/services.js';
import { perform } from '../../core/perform.js';
import { toContactJson } from '../../contacts/contacts.repository.js';
import { toConversationJson } from '../../conversations/conversations.repository.js';
import { authorNames, toMessageJson } from '../../messages/messages.repository.js';
import { LeaseLost, recordDelivery } from './record-delivery.js';
import { signWebhook } from './signature.js';
import { type SendFailure, sendEmailDelivery } from '../email/send-email.js';
import { sendChatFallback } from '../web-chat/fallback.js';

export interface DeliveryOptions {
  /** Delay before retry n (1-based) is `backoff(n)` ms. */
  backoff: (attempt: number) => number;
  maxAttempts: number;
  /** The longest a send may take; it is also cut short so it always ends inside the lease. */
  timeoutMs: number;
  /** How long a claimed delivery stays ours; longer than the timeout, so no two senders overlap. */
  leaseMs: number;
}

/** 5 s, 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, 4 h: about 8 hours before a delivery is given up. */
const SCHEDULE_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 14_400_000];

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  backoff: (attempt) => SCHEDULE_MS[Math.min(attempt, SCHEDULE_MS.length) - 1] ?? 14_400_000,
  maxAttempts: SCHEDULE_MS.length + 1,
  timeoutMs: 10_000,
  leaseMs: 60_000,
};

/** A claimed delivery: the row as the claim left it, whose `locked_until` is our lease. */
type Claimed = Delivery & { locked_until: string };

/**
 * The deliveries that may go out now: due, not leased, and the oldest pending one of their
 * conversation, so two replies reach the receiver in the order they were written (a reply waits
 * while an earlier one is retried; a given-up one no longer holds the next back).
 */
async function findDue(services: Services, at: string, batch: number): Promise<string[]> {
  const rows = await services.db.kysely
    .selectFrom('deliveries as d')
    .innerJoin('messages as m', 'm.id', 'd.message_id')
    .select('d.id')
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('d.locked_until', 'is', null), eb('d.locked_until', '<', at)]))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('deliveries as e')
            .innerJoin('messages as n', 'n.id', 'e.message_id')
            .select('e.id')
            .where('e.status', '=', 'pending')
            .whereRef('n.conversation_id', '=', 'm.conversation_id')
            .whereRef('n.id', '<', 'm.id'),
        ),
      ),
    )
    .orderBy('d.next_attempt_at')
    .orderBy('d.id')
    .limit(batch)
    .execute();
  return rows.map((row) => row.id);
}

/**
 * Claims a due delivery with a lease. The conditional update makes the claim safe across
 * processes, and returns the row as it is now (a snapshot read before it may be stale).
 */
async function claim(services: Services, id: string, now: Date, leaseMs: number): Promise<Claimed | null> {
  const at = now.toISOString();
  const row = await services.db.kysely
    .updateTable('deliveries')
    .set({ locked_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', at)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
    .returningAll()
    .executeTakeFirst();
  return row?.locked_until ? { ...row, locked_until: row.locked_until } : null;
}

async function payloadFor(services: Services, delivery: Delivery) {
  const db = services.db.kysely;
  const message = await db
    .selectFrom('messages')
    .selectAll()
    .where('id', '=', delivery.message_id)
    .executeTakeFirstOrThrow();
  const conversation = await db
    .selectFrom('conversations')
    .selectAll()
    .where('id', '=', message.conversation_id)
    .executeTakeFirstOrThrow();
  const contact = await db
    .selectFrom('contacts')
    .selectAll()
    .where('id', '=', conversation.contact_id)
    .executeTakeFirstOrThrow();
  const [conversationJson] = await toConversationJson(db, [conversation]);
  const [contactJson] = await toContactJson(db, [contact]);
  const messageJson = toMessageJson(message, await authorNames(db, [message]));
  return {
    event: 'message.outgoing',
    message: messageJson,
    conversation: conversationJson,
    contact: contactJson,
  };
}

/**
 * POSTs one delivery; null when the receiver took it, else why not. Any failure (the receiver, the
 * network, or building the request) counts as an attempt, so a delivery that can never succeed
 * backs off and is finally given up instead of being retried forever.
 */
async function send(services: Services, delivery: Claimed, options: DeliveryOptions): Promise<string | null> {
  try {
    const inbox = await services.db.kysely
      .selectFrom('inboxes')
      .selectAll()
      .where('id', '=', delivery.inbox_id)
      .executeTakeFirstOrThrow();
    if (!inbox.webhook_url) return 'The inbox has no webhook URL';
    const body = JSON.stringify(await payloadFor(services, delivery));
    const timestamp = Math.floor(services.now().getTime() / 1000);
    // End the request well inside the lease: once it runs out, another sender may take over.
    const leaseLeft = Date.parse(delivery.locked_until) - services.now().getTime();
    const timeoutMs = Math.min(options.timeoutMs, Math.floor(leaseLeft * 0.8));
    if (timeoutMs <= 0) return 'The lease ran out before the request was sent';
    const response = await fetch(inbox.webhook_url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Deskwoot-Webhook/1',
        'x-deskwoot-delivery': delivery.id,
        'x-deskwoot-timestamp': String(timestamp),
        'x-deskwoot-signature': signWebhook(services.box.open(inbox.secret_sealed), timestamp, body),
      },
      body,
    });
    await response.body?.cancel();
    return response.ok ? null : `HTTP ${response.status}`;
  } catch (error) {
    return describeFailure(error);
  }
}

/** fetch says only "fetch failed"; the cause (ECONNREFUSED, a TLS error, …) is what an operator needs. */
function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return 'Request failed';
  const cause: unknown = error.cause;
  const detail =
    cause instanceof Error ? ` (${(cause as Error & { code?: unknown }).code ?? cause.message})` : '';
  return `${error.name}: ${error.message}${detail}`.slice(0, 500);
}

/**
 * The outbox's one dispatch point: a delivery goes out on its inbox's channel — a signed webhook
 * (API) or a mail over the inbox's SMTP server (email) — under the same lease and retry schedule.
 */
async function dispatch(
  services: Services,
  delivery: Claimed,
  options: DeliveryOptions,
): Promise<SendFailure | null> {
  try {
    const inbox = await services.db.kysely
      .selectFrom('inboxes')
      .select('type')
      .where('id', '=', delivery.inbox_id)
      .executeTakeFirstOrThrow();
    if (inbox.type === 'email' || inbox.type === 'web_chat') {
      const leaseLeft = Date.parse(delivery.locked_until) - services.now().getTime();
      const timeoutMs = Math.min(options.timeoutMs, Math.floor(leaseLeft * 0.8));
      if (timeoutMs <= 0) return { error: 'The lease ran out before the mail was sent', permanent: false };
      // A web chat delivery is the offline fallback: a mail through the chat's fallback email inbox.
      if (inbox.type === 'web_chat') return await sendChatFallback(services, delivery, timeoutMs);
      return await sendEmailDelivery(services, delivery, timeoutMs);
    }
  } catch (error) {
    return { error: describeFailure(error), permanent: false };
  }
  const error = await send(services, delivery, options);
  return error === null ? null : { error, permanent: false };
}

/**
 * Sends one claimed delivery and records the outcome: sent, retry later, or finally failed. Every
 * write is fenced by our lease, so a sender whose lease ran out cannot overwrite its successor.
 */
async function attempt(services: Services, delivery: Claimed, options: DeliveryOptions): Promise<void> {
  const failure = await dispatch(services, delivery, options);
  const error = failure?.error ?? null;
  const attempts = delivery.attempts + 1;
  // A permanent refusal (an SMTP 5xx) fails at once: retrying would only be refused again.
  if (error === null || attempts >= options.maxAttempts || failure?.permanent) {
    const system = { kind: 'system', accountId: delivery.account_id, reason: 'webhook delivery' } as const;
    await perform(services, system, recordDelivery, {
      delivery_id: delivery.id,
      lease: delivery.locked_until,
      outcome: error === null ? 'sent' : 'failed',
      error,
    });
    return;
  }
  const retried = await services.db.kysely
    .updateTable('deliveries')
    .set({
      attempts,
      last_error: error,
      locked_until: null,
      next_attempt_at: new Date(services.now().getTime() + options.backoff(attempts)).toISOString(),
    })
    .where('id', '=', delivery.id)
    .where('status', '=', 'pending')
    .where('locked_until', '=', delivery.locked_until)
    .executeTakeFirst();
  if (Number(retried.numUpdatedRows) !== 1) throw new LeaseLost(delivery.id);
}

/** Sends every delivery that is due now, a few at a time. Returns how many were attempted. */
export async function deliverDue(
  services: Services,
  options: DeliveryOptions = DEFAULT_DELIVERY_OPTIONS,
  batch = 20,
): Promise<number> {
  const now = services.now();
  const claimed: Claimed[] = [];
  for (const id of await findDue(services, now.toISOString(), batch)) {
    const delivery = await claim(services, id, now, options.leaseMs);
    if (delivery) claimed.push(delivery);
  }
  await Promise.all(
    claimed.map((delivery) =>
      attempt(services, delivery, options).catch((error: unknown) => {
        if (error instanceof LeaseLost) services.logger.warn({ delivery: delivery.id }, error.message);
        else services.logger.error({ err: error, delivery: delivery.id }, 'webhook delivery crashed');
      }),
    ),
  );
  return claimed.length;
}
