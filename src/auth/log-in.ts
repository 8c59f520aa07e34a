import type { z } from 'zod';
import type { Services } from '../core/services.js';
import { DUMMY_PASSWORD_HASH, verifyPassword } from '../core/crypto.js';
import { AppError } from '../core/errors.js';
import { perform } from '../core/perform.js';
import { userActor } from '../users/users.repository.js';
import type { ZLoginInputSchema } from './auth.types.js';
import { createSession } from './sessions.js';

/**
 * Checks the password, then opens the session through the one action path as the user. A wrong
 * email costs as much time as a wrong password, so the answer says nothing about who exists.
 */
export async function logIn(services: Services, input: z.infer<typeof ZLoginInputSchema>) {
  const user = await services.db.kysely
    .selectFrom('users')
    .selectAll()
    .where('email', '=', input.email.toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_PASSWORD_HASH);
  if (!user || !ok) throw new AppError('unauthenticated', 'Wrong email or password');
  const actor = await userActor(services.db.kysely, user, null);
  const session = await perform(services, actor, createSession, {});
  return { session, actor };
}
