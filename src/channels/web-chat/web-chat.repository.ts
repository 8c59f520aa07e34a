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
    fallback_email_inbox_id: row.fallback_email_inbox_id ?? null,
  };
}

/** A fallback must be an email inbox of the same account; anything else is refused by name. */
async function checkFallback(trx: Trx, accountId: string, inboxId: string | null | undefined): Promise<void> {
  if (inboxId === undefined || inboxId === null) return;
  const inbox = await trx
    .selectFrom('inboxes')
    .select('type')
    .where('id', '=', inboxId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (inbox?.type !== 'email') {
    throw new AppError('bad_request', 'fallback_email_inbox_id must name an email inbox of this account', {
      fields: [{ field: 'web_chat.fallback_email_inbox_id', message: 'Not an email inbox of this account' }],
    });
  }
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
  await checkFallback(trx, inbox.account_id, input?.fallback_email_inbox_id);
  const row: WebChatSettings = {
    inbox_id: inbox.id,
    account_id: inbox.account_id,
    public_key: newSecret(PUBLIC_KEY_PREFIX).slice(0, PUBLIC_KEY_PREFIX.length + 24),
    allowed_origins: JSON.stringify(input?.allowed_origins ?? []),
    require_email: input?.require_email ? 1 : 0,
    identity: input?.identity ?? 'optional',
    fallback_email_inbox_id: input?.fallback_email_inbox_id ?? null,
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
  const current = await trx
    .selectFrom('web_chat_settings')
    .select('account_id')
    .where('inbox_id', '=', inboxId)
    .executeTakeFirstOrThrow();
  await checkFallback(trx, current.account_id, input.fallback_email_inbox_id);
  await trx
    .updateTable('web_chat_settings')
    .set({
      ...(input.allowed_origins !== undefined && { allowed_origins: JSON.stringify(input.allowed_origins) }),
      ...(input.require_email !== undefined && { require_email: input.require_email ? 1 : 0 }),
      ...(input.identity !== undefined && { identity: input.identity }),
      ...(input.fallback_email_inbox_id !== undefined && {
        fallback_email_inbox_id: input.fallback_email_inbox_id,
      }),
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

/**
 * A visitor token unused for this long no longer opens its chat, as if it were unknown: a token
 * left behind in a browser, or copied out of one, stops reading the chat. The widget then starts
 * a new session; a signed-in customer finds its chat again by its verified user id. Every read,
 * message and stream beat counts as use.
 */
export const VISITOR_IDLE_DAYS = 30;

/** The earliest last sighting, at `now`, of a visitor whose token still works. */
export function liveVisitorsSince(now: string): string {
  return new Date(Date.parse(now) - VISITOR_IDLE_DAYS * 86_400_000).toISOString();
}

/** The visitor behind a token of this inbox, unless it went unused for VISITOR_IDLE_DAYS. */
export async function findVisitorByTokenHash(
  db: Executor,
  inboxId: string,
  tokenHash: string,
  now: string,
): Promise<WebChatVisitor | undefined> {
  return db
    .selectFrom('web_chat_visitors')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('inbox_id', '=', inboxId)
    .where('last_seen_at', '>=', liveVisitorsSince(now))
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

/** The visitor was present now: its widget stream opened or beat, or it read its chat. */
export async function markVisitorSeen(db: Executor, visitorId: string, now: string): Promise<void> {
  await db.updateTable('web_chat_visitors').set({ last_seen_at: now }).where('id', '=', visitorId).execute();
}
