import type { Trx } from '../../db/database.js';
import type { Message } from '../../db/schema.js';
import { newId } from '../../core/ids.js';

/**
 * Records the delivery of an outgoing message in the outbox; the delivery worker sends it after
 * commit, or once `dueAt` has come.
 */
export async function queueDelivery(trx: Trx, message: Message, now: string, dueAt = now): Promise<void> {
  await trx
    .insertInto('deliveries')
    .values({
      id: newId('delivery'),
      account_id: message.account_id,
      message_id: message.id,
      inbox_id: message.inbox_id,
      status: 'pending',
      attempts: 0,
      next_attempt_at: dueAt,
      locked_until: null,
      last_error: null,
      created_at: now,
      sent_at: null,
    })
    .execute();
}
