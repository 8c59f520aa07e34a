import { z } from 'zod';
import type { Delivery } from '../../db/schema.js';
import type { Services } from '../../core/services.js';
import { defineAction } from '../../core/action.js';
import { perform } from '../../core/perform.js';
import { toContactJson } from '../../contacts/contacts.repository.js';
import { toConversationJson } from '../../conversations/conversations.repository.js';
import { authorNames, toMessageJson } from '../../messages/messages.repository.js';
import { signWebhook } from './signature.js';

export interface DeliveryOptions {
  /** Delay before retry n (1-based) is `backoff(n)` ms. */
  backoff: (attempt: number) => number;
  maxAttempts: number;
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

/** The final outcome of a delivery, recorded on the message and in the audit log. */
export const recordDelivery = defineAction({
  name: 'message.delivery',
  summary: 'Record that an outgoing message was delivered, or finally failed',
  input: z
    .object({
      delivery_id: z.string(),
      outcome: z.enum(['sent', 'failed']),
      error: z.string().max(500).nullable(),
    })
    .strict(),
  kind: 'write',
  allow: { system: true },
  async handler({
    db: trx,
    input,
    services,
  }): Promise<{ message_id: string; outcome: string; attempts: number }> {
    const at = services.now().toISOString();
    const delivery = await trx
      .selectFrom('deliveries')
      .selectAll()
      .where('id', '=', input.delivery_id)
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('deliveries')
      .set({
        status: input.outcome,
        attempts: delivery.attempts + 1,
        last_error: input.error,
        locked_until: null,
        sent_at: input.outcome === 'sent' ? at : null,
      })
      .where('id', '=', delivery.id)
      .execute();
    await trx
      .updateTable('messages')
      .set({ delivery_status: input.outcome })
      .where('id', '=', delivery.message_id)
      .execute();
    return { message_id: delivery.message_id, outcome: input.outcome, attempts: delivery.attempts + 1 };
  },
  target: (_input, output) => (output ? { type: 'message', id: output.message_id } : null),
  auditResult: (output) => output,
});

/** Claims a due delivery with a lease; the conditional update makes the claim safe across processes. */
async function claim(services: Services, delivery: Delivery, now: Date, leaseMs: number): Promise<boolean> {
  const at = now.toISOString();
  const result = await services.db.kysely
    .updateTable('deliveries')
    .set({ locked_until: new Date(now.getTime() + leaseMs).toISOString() })
    .where('id', '=', delivery.id)
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
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

async function send(
  services: Services,
  delivery: Delivery,
  options: DeliveryOptions,
): Promise<string | null> {
  const inbox = await services.db.kysely
    .selectFrom('inboxes')
    .selectAll()
    .where('id', '=', delivery.inbox_id)
    .executeTakeFirstOrThrow();
  if (!inbox.webhook_url) return 'The inbox has no webhook URL';
  const body = JSON.stringify(await payloadFor(services, delivery));
  const timestamp = Math.floor(services.now().getTime() / 1000);
  try {
    const response = await fetch(inbox.webhook_url, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs),
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
    return error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 500) : 'Request failed';
  }
}

/** Sends one claimed delivery and records the outcome: sent, retry later, or finally failed. */
async function attempt(services: Services, delivery: Delivery, options: DeliveryOptions): Promise<void> {
  const error = await send(services, delivery, options);
  const attempts = delivery.attempts + 1;
  if (error === null || attempts >= options.maxAttempts) {
    const system = { kind: 'system', accountId: delivery.account_id, reason: 'webhook delivery' } as const;
    await perform(services, system, recordDelivery, {
      delivery_id: delivery.id,
      outcome: error === null ? 'sent' : 'failed',
      error,
    });
    return;
  }
  await services.db.kysely
    .updateTable('deliveries')
    .set({
      attempts,
      last_error: error,
      locked_until: null,
      next_attempt_at: new Date(services.now().getTime() + options.backoff(attempts)).toISOString(),
    })
    .where('id', '=', delivery.id)
    .execute();
}

/** Sends every delivery that is due now, a few at a time. Returns how many were attempted. */
export async function deliverDue(
  services: Services,
  options: DeliveryOptions = DEFAULT_DELIVERY_OPTIONS,
  batch = 20,
): Promise<number> {
  const now = services.now();
  const due = await services.db.kysely
    .selectFrom('deliveries')
    .selectAll()
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now.toISOString())
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now.toISOString())]))
    .orderBy('next_attempt_at')
    .limit(batch)
    .execute();
  const claimed: Delivery[] = [];
  for (const delivery of due)
    if (await claim(services, delivery, now, options.leaseMs)) claimed.push(delivery);
  await Promise.all(
    claimed.map((delivery) =>
      attempt(services, delivery, options).catch((error: unknown) => {
        services.logger.error({ err: error, delivery: delivery.id }, 'webhook delivery crashed');
      }),
    ),
  );
  return claimed.length;
}
