import { defineAction } from '../core/action.js';
import { hashPassword } from '../core/crypto.js';
import { AppError } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { setInboxes, toUserJson } from './users.repository.js';
import { type TUser, ZCreateUserInputSchema } from './users.types.js';

export const createUser = defineAction({
  name: 'user.create',
  summary: 'Add a teammate or admin to the account',
  input: ZCreateUserInputSchema,
  kind: 'write',
  allow: { roles: ['admin'], system: true },
  redact: ['password'],
  async handler({ db: trx, actor, input, services }): Promise<TUser> {
    const email = input.email.toLowerCase();
    const taken = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
    if (taken) {
      throw new AppError('conflict', 'A user with this email already exists', {
        fields: [{ field: 'email', message: 'Already in use' }],
      });
    }
    const user = {
      id: newId('user'),
      account_id: actor.accountId,
      email,
      name: input.name ?? email.split('@')[0] ?? email,
      role: input.role,
      password_hash: await hashPassword(input.password),
      created_at: services.now().toISOString(),
    };
    await trx.insertInto('users').values(user).execute();
    const inboxIds = input.role === 'teammate' ? (input.inbox_ids ?? []) : [];
    await setInboxes(trx, actor.accountId, user.id, inboxIds);
    return toUserJson(user, inboxIds);
  },
  target: (_input, output) => (output ? { type: 'user', id: output.id } : null),
});
