import type { Executor, Trx } from '../db/database.js';
import type { User } from '../db/schema.js';
import type { Actor } from '../core/actor.js';
import { checkInboxesExist } from '../inboxes/inboxes.repository.js';
import { notFound } from '../core/errors.js';
import type { TUser } from './users.types.js';

export async function findUserInAccount(db: Executor, accountId: string, userId: string): Promise<User> {
  const user = await db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', userId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  if (!user) throw notFound('User');
  return user;
}

export async function inboxIdsOf(db: Executor, userIds: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (!userIds.length) return map;
  const rows = await db
    .selectFrom('inbox_members')
    .select(['user_id', 'inbox_id'])
    .where('user_id', 'in', userIds)
    .orderBy('inbox_id')
    .execute();
  for (const row of rows) map.set(row.user_id, [...(map.get(row.user_id) ?? []), row.inbox_id]);
  return map;
}

/** Replaces a user's inbox memberships; every inbox must belong to the account. */
export async function setInboxes(
  trx: Trx,
  accountId: string,
  userId: string,
  inboxIds: readonly string[],
): Promise<void> {
  const unique = [...new Set(inboxIds)];
  await checkInboxesExist(trx, accountId, unique);
  await trx.deleteFrom('inbox_members').where('user_id', '=', userId).execute();
  if (unique.length) {
    await trx
      .insertInto('inbox_members')
      .values(unique.map((inbox_id) => ({ inbox_id, user_id: userId, account_id: accountId })))
      .execute();
  }
}

export function toUserJson(user: User, inboxIds: readonly string[]): TUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    inbox_ids: [...inboxIds],
    created_at: user.created_at,
  };
}

/** The actor a signed-in user acts as: admins see every inbox, teammates their own. */
export async function userActor(db: Executor, user: User, tokenId: string | null): Promise<Actor> {
  const inboxes = user.role === 'admin' ? 'all' : ((await inboxIdsOf(db, [user.id])).get(user.id) ?? []);
  return { kind: 'user', accountId: user.account_id, userId: user.id, role: user.role, inboxes, tokenId };
}
