import type { Executor } from '../../db/database.js';
import type { Actor } from '../../core/actor.js';
import { constantTimeEqualHex, sha256Hex } from '../../core/crypto.js';

/**
 * The channel actor for an inbound call, or null when the inbox, its type (the API channel's
 * route, or the email channel's) or its secret is wrong.
 */
export async function actorForInboxSecret(
  db: Executor,
  inboxId: string,
  secret: string,
  type: 'api' | 'email' = 'api',
): Promise<Actor | null> {
  const inbox = await db
    .selectFrom('inboxes')
    .select(['id', 'account_id', 'type', 'secret_hash'])
    .where('id', '=', inboxId)
    .executeTakeFirst();
  if (!inbox || inbox.type !== type || !constantTimeEqualHex(sha256Hex(secret), inbox.secret_hash))
    return null;
  return { kind: 'channel', accountId: inbox.account_id, inboxId: inbox.id };
}
