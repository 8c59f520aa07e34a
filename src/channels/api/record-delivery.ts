import { z } from 'zod';
import { defineAction } from '../../core/action.js';
import { AppError } from '../../core/errors.js';

/** Our lease on a delivery ran out and another sender took it over; its outcome is theirs to record. */
export class LeaseLost extends AppError {
  constructor(readonly deliveryId: string) {
    super('conflict', `Delivery ${deliveryId} was taken over by another sender`);
  }
}

/** The final outcome of a delivery, recorded on the message and in the audit log. */
export const recordDelivery = defineAction({
  name: 'message.delivery',
  summary: 'Record that an outgoing message was delivered, or finally failed',
  input: z
    .object({
      delivery_id: z.string(),
      /** The `locked_until` the sender claimed with: only the current lease holder may record. */
      lease: z.string(),
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
      .select(['id', 'message_id', 'attempts'])
      .where('id', '=', input.delivery_id)
      .executeTakeFirstOrThrow();
    const updated = await trx
      .updateTable('deliveries')
      .set({
        status: input.outcome,
        attempts: delivery.attempts + 1,
        last_error: input.error,
        locked_until: null,
        sent_at: input.outcome === 'sent' ? at : null,
      })
      .where('id', '=', delivery.id)
      .where('status', '=', 'pending')
      .where('locked_until', '=', input.lease)
      .executeTakeFirst();
    // Rolls the transaction back: no second outcome, no second audit event.
    if (Number(updated.numUpdatedRows) !== 1) throw new LeaseLost(delivery.id);
    await trx
      .updateTable('messages')
      .set({
        delivery_status: input.outcome,
        delivery_error: input.outcome === 'failed' ? input.error : null,
      })
      .where('id', '=', delivery.message_id)
      // A web chat reply's fallback mail leaves the message as it is: it reached the widget's stream.
      .where('inbox_id', 'not in', (eb) =>
        eb.selectFrom('inboxes').select('id').where('type', '=', 'web_chat'),
      )
      .execute();
    return { message_id: delivery.message_id, outcome: input.outcome, attempts: delivery.attempts + 1 };
  },
  target: (_input, output) => (output ? { type: 'message', id: output.message_id } : null),
  auditOutcome: (output) => (output.outcome === 'failed' ? 'failed' : 'succeeded'),
  auditResult: (output) => output,
});
