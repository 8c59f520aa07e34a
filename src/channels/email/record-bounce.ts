import type { Trx } from '../../db/database.js';
import type { Inbox } from '../../db/schema.js';
import { insertActivity } from '../../messages/messages.repository.js';
import { type TEmailReceiveResult, type TReceivedEmail, ZEmailReceiveResultSchema } from './email.types.js';

export const receiveResult = (
  outcome: TEmailReceiveResult['outcome'],
  ids: Partial<Omit<TEmailReceiveResult, 'outcome'>> = {},
): TEmailReceiveResult =>
  ZEmailReceiveResultSchema.parse({
    outcome,
    conversation_id: ids.conversation_id ?? null,
    message_id: ids.message_id ?? null,
    contact_id: ids.contact_id ?? null,
  });

/**
 * A bounce of one of our mails: that message's delivery becomes `failed` with the report's reason.
 * Nothing is sent and no customer message is written, so a bounce can never start a loop.
 */
export async function recordBounce(
  trx: Trx,
  inbox: Inbox,
  mail: TReceivedEmail,
  now: string,
): Promise<TEmailReceiveResult> {
  const ids = mail.bounce?.original_ids.length ? mail.bounce.original_ids : mail.thread_ids;
  if (!ids.length) return receiveResult('ignored');
  const original = await trx
    .selectFrom('email_messages as e')
    .innerJoin('messages as m', 'm.id', 'e.message_id')
    .select(['m.id', 'm.conversation_id'])
    .where('e.inbox_id', '=', inbox.id)
    .where('e.rfc_message_id', 'in', ids)
    .where('m.type', '=', 'outgoing')
    .executeTakeFirst();
  if (!original) return receiveResult('ignored');
  const reason = `Bounced: ${mail.bounce?.reason ?? "returned by the recipient's mail server"}`.slice(0, 500);
  await trx
    .updateTable('messages')
    .set({ delivery_status: 'failed', delivery_error: reason })
    .where('id', '=', original.id)
    .execute();
  await trx
    .updateTable('deliveries')
    .set({ status: 'failed', last_error: reason, locked_until: null })
    .where('message_id', '=', original.id)
    .execute();
  await insertActivity(trx, {
    inbox,
    conversationId: original.conversation_id,
    content: `A reply could not be delivered: ${reason}`,
    now,
  });
  return receiveResult('bounce', { conversation_id: original.conversation_id, message_id: original.id });
}
