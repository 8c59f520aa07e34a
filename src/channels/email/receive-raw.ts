import type { Executor } from '../../db/database.js';
import type { Services } from '../../core/services.js';
import type { Actor } from '../../core/actor.js';
import { splitAddress } from './headers.js';
import { parseEmail } from './parse-email.js';
import { receiveParsedEmail } from './receive-email.js';
import { DEFAULT_EMAIL_LIMITS, type EmailLimits, type TEmailReceiveResult } from './email.types.js';

/** The channel actor of the inbox an address is for (`support@x` or `support+token@x`), if any. */
export async function actorForAddress(db: Executor, address: string): Promise<Actor | null> {
  const split = splitAddress(address);
  if (!split) return null;
  const row = await db
    .selectFrom('email_settings as s')
    .innerJoin('inboxes as i', 'i.id', 's.inbox_id')
    .select(['i.id', 'i.account_id'])
    .where('s.address', '=', split.base)
    .where('i.type', '=', 'email')
    .executeTakeFirst();
  return row ? { kind: 'channel', accountId: row.account_id, inboxId: row.id } : null;
}

/**
 * One raw mail into one inbox: parsed and checked outside any transaction (refused with a clear
 * `EmailRefused`), then stored by the `email.receive` action. Shared by the SMTP receiver and the
 * HTTP inbound route.
 */
export async function receiveRawEmail(
  services: Services,
  actor: Actor,
  raw: Buffer,
  envelope: { to: string[]; nullSender: boolean } = { to: [], nullSender: false },
  limits: EmailLimits = DEFAULT_EMAIL_LIMITS,
): Promise<TEmailReceiveResult> {
  const mail = await parseEmail(raw, envelope, limits);
  return receiveParsedEmail(services, actor, mail);
}
