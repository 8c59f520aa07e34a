import type { Executor, Trx } from '../db/database.js';
import type { Attachment, Message } from '../db/schema.js';
import { type Actor, canSeeInbox } from '../core/actor.js';
import { notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import type { TAttachment } from './messages.types.js';

/** Attachment metadata per message id, for message JSON. */
export type AttachmentsByMessage = ReadonlyMap<string, readonly TAttachment[]>;

export const NO_ATTACHMENTS: AttachmentsByMessage = new Map();

export async function insertAttachments(
  trx: Trx,
  message: Message,
  files: readonly { filename: string; content_type: string; size: number; content: Uint8Array }[],
  now: string,
): Promise<void> {
  for (const file of files) {
    await trx
      .insertInto('attachments')
      .values({
        id: newId('attachment'),
        account_id: message.account_id,
        inbox_id: message.inbox_id,
        conversation_id: message.conversation_id,
        message_id: message.id,
        filename: file.filename,
        content_type: file.content_type,
        size: file.size,
        content: Buffer.from(file.content),
        created_at: now,
      })
      .execute();
  }
}

/** The metadata (never the bytes) of these messages' attachments, in one query. */
export async function attachmentsOf(
  db: Executor,
  messages: readonly Pick<Message, 'id' | 'type'>[],
): Promise<AttachmentsByMessage> {
  const ids = messages.filter((m) => m.type === 'incoming').map((m) => m.id);
  if (!ids.length) return NO_ATTACHMENTS;
  const rows = await db
    .selectFrom('attachments')
    .select(['id', 'message_id', 'filename', 'content_type', 'size'])
    .where('message_id', 'in', ids)
    .orderBy('id')
    .execute();
  const byMessage = new Map<string, TAttachment[]>();
  for (const row of rows) {
    const list = byMessage.get(row.message_id) ?? [];
    list.push({ id: row.id, filename: row.filename, content_type: row.content_type, size: Number(row.size) });
    byMessage.set(row.message_id, list);
  }
  return byMessage;
}

/** An attachment of a conversation the actor can see; otherwise it does not exist. */
export async function findVisibleAttachment(db: Executor, actor: Actor, id: string): Promise<Attachment> {
  const row = await db
    .selectFrom('attachments')
    .selectAll()
    .where('id', '=', id)
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst();
  if (!row || !canSeeInbox(actor, row.inbox_id)) throw notFound('Attachment');
  return row;
}
