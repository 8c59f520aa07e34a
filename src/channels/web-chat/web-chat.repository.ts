import type { Executor, Trx } from '../../db/database.js';
import type { WebChatSettings, WebChatVisitor } from '../../db/schema.js';
import { newSecret } from '../../core/crypto.js';
import { AppError } from '../../core/errors.js';
import type { TWebChatSettings, TWebChatSettingsInput } from './web-chat.types.js';

/** A widget public key: names the inbox in the embed snippet, grants nothing by itself. */
export const PUBLIC_KEY_PREFIX = 'dwc_';

export function toSettingsJson(row: WebChatSettings): TWebChatSettings {
  return {
    public_key: row.public_key,
    allowed_origins: parseOrigins(row.allowed_origins),
    require_email: row.require_email === 1,
    identity: row.identity,
  };
}

export function parseOrigins(stored: string): string[] {
  const parsed: unknown = JSON.parse(stored);
  return Array.isArray(parsed) ? parsed.filter((o): o is string => typeof o === 'string') : [];
}

/** Settings are only for web_chat inboxes; anything else refuses them by name. */
export function refuseSettingsFor(type: string, given: unknown): void {
  if (given !== undefined && type !== 'web_chat') {
    throw new AppError('bad_request', 'web_chat settings are only for web_chat inboxes', {
      fields: [{ field: 'web_chat', message: 'Only for inboxes of type web_chat' }],
    });
  }
}

export async function createSettings(
  trx: Trx,
  inbox: { id: string; account_id: string },
  input: TWebChatSettingsInput | undefined,
  now: string,
): Promise<TWebChatSettings> {
  const row: WebChatSettings = {
    inbox_id: inbox.id,
    account_id: inbox.account_id,
    public_key: newSecret(PUBLIC_KEY_PREFIX).slice(0, PUBLIC_KEY_PREFIX.length + 24),
    allowed_origins: JSON.stringify(input?.allowed_origins ?? []),
    require_email: input?.require_email ? 1 : 0,
    identity: input?.identity ?? 'optional',
    updated_at: now,
  };
  await trx.insertInto('web_chat_settings').values(row).execute();
  return toSettingsJson(row);
}

export async function updateSettings(
  trx: Trx,
  inboxId: string,
  input: TWebChatSettingsInput,
  now: string,
): Promise<void> {
  await trx
    .updateTable('web_chat_settings')
    .set({
      ...(input.allowed_origins !== undefined && { allowed_origins: JSON.stringify(input.allowed_origins) }),
      ...(input.require_email !== undefined && { require_email: input.require_email ? 1 : 0 }),
      ...(input.identity !== undefined && { identity: input.identity }),
      updated_at: now,
    })
    .where('inbox_id', '=', inboxId)
    .execute();
}

/** The widget settings of these inboxes (web_chat ones only have any). */
export async function settingsOf(
  db: Executor,
  accountId: string,
  inboxIds: readonly string[],
): Promise<Map<string, TWebChatSettings>> {
  if (!inboxIds.length) return new Map();
  const rows = await db
    .selectFrom('web_chat_settings')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('inbox_id', 'in', inboxIds)
    .execute();
  return new Map(rows.map((row) => [row.inbox_id, toSettingsJson(row)]));
}

export async function findSettingsByKey(
  db: Executor,
  publicKey: string,
): Promise<WebChatSettings | undefined> {
  return db
    .selectFrom('web_chat_settings')
    .selectAll()
    .where('public_key', '=', publicKey)
    .executeTakeFirst();
}

export async function findVisitorByTokenHash(
  db: Executor,
  inboxId: string,
  tokenHash: string,
): Promise<WebChatVisitor | undefined> {
  return db
    .selectFrom('web_chat_visitors')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('inbox_id', '=', inboxId)
    .executeTakeFirst();
}

/** The contact a verified user id of this inbox's site maps to, if it chatted before. */
export async function findContactByUserId(
  trx: Trx,
  accountId: string,
  namespace: string,
  userId: string,
): Promise<string | undefined> {
  const row = await trx
    .selectFrom('contact_external_ids')
    .select('contact_id')
    .where('account_id', '=', accountId)
    .where('namespace', '=', namespace)
    .where('value', '=', userId)
    .executeTakeFirst();
  return row?.contact_id;
}
