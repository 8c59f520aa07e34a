import { z } from 'zod';
import { defineAction } from '../core/action.js';
import { AppError } from '../core/errors.js';
import { findUserInAccount, inboxIdsOf, setInboxes, toUserJson } from './users.repository.js';
import { type TUser, ZUpdateUserInputSchema } from './users.types.js';

export const listUsers = defineAction({
  name: 'user.list',
  summary: "List the account's people",
  input: z.object({}).strict(),
  kind: 'read',
  allow: { roles: ['admin', 'teammate'] },
  async handler({ db, actor }): Promise<{ items: TUser[] }> {
    const users = await db
      .selectFrom('users')
      .selectAll()
      .where('account_id', '=', actor.accountId)
      .orderBy('name')
      .execute();
    const inboxes = await inboxIdsOf(
      db,
      users.map((u) => u.id),
    );
    return { items: users.map((u) => toUserJson(u, inboxes.get(u.id) ?? [])) };
  },
});

export const updateUser = defineAction({
  name: 'user.update',
  summary: "Change a person's name, role or inboxes",
  input: ZUpdateUserInputSchema,
  kind: 'write',
  allow: { roles: ['admin'] },
  async handler({ db: trx, actor, input }): Promise<TUser> {
    const user = await findUserInAccount(trx, actor.accountId, input.user_id);
    if (actor.kind === 'user' && actor.userId === user.id && input.role === 'teammate') {
      throw new AppError('unprocessable', 'You cannot remove your own admin role', {
        fields: [{ field: 'role', message: 'Ask another admin' }],
      });
    }
    const changes = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.role !== undefined && { role: input.role }),
    };
    if (Object.keys(changes).length)
      await trx.updateTable('users').set(changes).where('id', '=', user.id).execute();
    if (input.inbox_ids !== undefined) await setInboxes(trx, actor.accountId, user.id, input.inbox_ids);
    const inboxes = (await inboxIdsOf(trx, [user.id])).get(user.id) ?? [];
    return toUserJson({ ...user, ...changes }, inboxes);
  },
  target: (input) => ({ type: 'user', id: input.user_id }),
});
