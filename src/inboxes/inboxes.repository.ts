import type { Executor } from '../db/database.js';
import type { Inbox } from '../db/schema.js';
import { type Actor, canSeeInbox } from '../core/actor.js';
import { AppError, notFound } from '../core/errors.js';
import type { TInbox } from './inboxes.types.js';
import type { TWebChatSettings } from '../channels/web-chat/web-chat.types.js';
import type { TEmailSettings } from '../channels/email/email.types.js';

export async function findInbox(db: Executor, accountId: string, inboxId: string): Promise<Inbox> {
  const inbox = await db
    .selectFrom('inboxes')
    .selectAll()
    .where('id', '=', inboxId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!inbox) throw notFound('Inbox');
  return inbox;
}

export async function findVisibleInbox(db: Executor, actor: Actor, inboxId: string): Promise<Inbox> {
  const inbox = await findInbox(db, actor.accountId, inboxId);
  if (!canSeeInbox(actor, inbox.id)) throw notFound('Inbox');
  return inbox;
}

/** The public shape: never the secret or its hash. */
export function toInboxJson(
  inbox: Inbox,
  webChat: TWebChatSettings | null = null,
  email: TEmailSettings | null = null,
): TInbox {
  return {
    id: inbox.id,
    type: inbox.type,
    name: inbox.name,
    webhook_url: inbox.webhook_url,
    web_chat: webChat,
    email,
    created_at: inbox.created_at,
  };
}

/** Every inbox named must exist in the account (for memberships and agent restrictions). */
export async function checkInboxesExist(
  db: Executor,
  accountId: string,
  inboxIds: readonly string[] | null,
): Promise<void> {
  const unique = [...new Set(inboxIds ?? [])];
  if (!unique.length) return;
  const found = await db
    .selectFrom('inboxes')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', unique)
    .execute();
  if (found.length !== unique.length) {
    throw new AppError('unprocessable', 'Unknown inbox', {
      fields: [{ field: 'inbox_ids', message: 'Every inbox must exist in this account' }],
    });
  }
}
