import { z } from 'zod';
import type { Executor } from '../db/database.js';
import { defineAction } from '../core/action.js';
import type { Actor } from '../core/actor.js';
import { newSecret, sha256Hex } from '../core/crypto.js';
import { notFound } from '../core/errors.js';
import { newId } from '../core/ids.js';
import { ZIdSchema } from '../core/text.js';
import { findUserInAccount, userActor } from '../users/users.repository.js';
import { type TUserToken, ZCreateUserTokenInputSchema } from './auth.types.js';

export const USER_TOKEN_PREFIX = 'dwu_';

/** People create their own tokens; the operator's CLI may create one for anyone. */
function ownerOf(actor: Actor, requested: string | undefined): string {
  if (actor.kind === 'user') {
    if (requested && requested !== actor.userId) throw notFound('User');
    return actor.userId;
  }
  if (!requested) throw notFound('User');
  return requested;
}

export const createUserToken = defineAction({
  name: 'user_token.create',
  summary: 'Create a personal API token (dwu_…); returned this once',
  input: ZCreateUserTokenInputSchema,
  kind: 'write',
  allow: { roles: ['admin', 'teammate'], system: true },
  async handler({ db: trx, actor, input, services }): Promise<TUserToken & { token: string }> {
    const user = await findUserInAccount(trx, actor.accountId, ownerOf(actor, input.user_id));
    const token = newSecret(USER_TOKEN_PREFIX);
    const row = {
      id: newId('userToken'),
      token_hash: sha256Hex(token),
      user_id: user.id,
      account_id: actor.accountId,
      name: input.name,
      created_at: services.now().toISOString(),
      revoked_at: null,
    };
    await trx.insertInto('user_tokens').values(row).execute();
    return { id: row.id, name: row.name, created_at: row.created_at, revoked_at: null, token };
  },
  target: (_input, output) => (output ? { type: 'user_token', id: output.id } : null),
  auditResult: (output) => ({ id: output.id }),
});

export const listUserTokens = defineAction({
  name: 'user_token.list',
  summary: 'List your API tokens',
  input: z.object({}).strict(),
  kind: 'read',
  allow: { roles: ['admin', 'teammate'] },
  async handler({ db, actor }): Promise<{ items: TUserToken[] }> {
    const userId = actor.kind === 'user' ? actor.userId : '';
    const rows = await db
      .selectFrom('user_tokens')
      .select(['id', 'name', 'created_at', 'revoked_at'])
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .execute();
    return { items: rows };
  },
});

export const revokeUserToken = defineAction({
  name: 'user_token.revoke',
  summary: 'Revoke one of your API tokens',
  input: z.object({ token_id: ZIdSchema }).strict(),
  kind: 'write',
  allow: { roles: ['admin', 'teammate'] },
  async handler({ db: trx, actor, input, services }): Promise<TUserToken> {
    const userId = actor.kind === 'user' ? actor.userId : '';
    const row = await trx
      .selectFrom('user_tokens')
      .select(['id', 'name', 'created_at', 'revoked_at'])
      .where('id', '=', input.token_id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row) throw notFound('Token');
    const revoked_at = row.revoked_at ?? services.now().toISOString();
    await trx.updateTable('user_tokens').set({ revoked_at }).where('id', '=', row.id).execute();
    return { ...row, revoked_at };
  },
  target: (input) => ({ type: 'user_token', id: input.token_id }),
});

/** The actor behind a `dwu_` token, or null when it is unknown or revoked. Looked up on every request. */
export async function actorForUserToken(db: Executor, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('user_tokens')
    .innerJoin('users', 'users.id', 'user_tokens.user_id')
    .selectAll('users')
    .select(['user_tokens.id as token_id', 'user_tokens.revoked_at'])
    .where('user_tokens.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row || row.revoked_at) return null;
  const { token_id, revoked_at: _revoked, ...user } = row;
  return userActor(db, user, token_id);
}
