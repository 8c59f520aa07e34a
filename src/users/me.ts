import { z } from 'zod';
import { defineAction } from '../core/action.js';
import { notFound } from '../core/errors.js';
import { findUserInAccount, inboxIdsOf, toUserJson } from './users.repository.js';
import type { TUser } from './users.types.js';

export const ZMeSchema = z.object({
  user: z.object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(['admin', 'teammate']),
    inbox_ids: z.array(z.string()),
    created_at: z.string(),
  }),
  account: z.object({ id: z.string(), name: z.string(), agents_paused: z.boolean() }),
});

export const getMe = defineAction({
  name: 'user.me',
  summary: 'Who am I: the signed-in user and its account',
  input: z.object({}).strict(),
  kind: 'read',
  allow: { roles: ['admin', 'teammate'] },
  async handler({
    db,
    actor,
  }): Promise<{ user: TUser; account: { id: string; name: string; agents_paused: boolean } }> {
    if (actor.kind !== 'user') throw notFound('User');
    const user = await findUserInAccount(db, actor.accountId, actor.userId);
    const account = await db
      .selectFrom('accounts')
      .selectAll()
      .where('id', '=', actor.accountId)
      .executeTakeFirstOrThrow();
    const inboxes = (await inboxIdsOf(db, [user.id])).get(user.id) ?? [];
    return {
      user: toUserJson(user, inboxes),
      account: { id: account.id, name: account.name, agents_paused: account.agents_paused === 1 },
    };
  },
});
