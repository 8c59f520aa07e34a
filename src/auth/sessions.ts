import { z } from 'zod';
import type { Executor } from '../db/database.js';
import { defineAction } from '../core/action.js';
import type { Actor } from '../core/actor.js';
import { newSecret, sha256Hex } from '../core/crypto.js';
import { newId } from '../core/ids.js';
import { userActor } from '../users/users.repository.js';

export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** Opens a session for the signed-in user (the login door has checked the password). */
export const createSession = defineAction({
  name: 'session.create',
  summary: 'Sign in',
  input: z.object({}).strict(),
  kind: 'write',
  allow: { roles: ['admin', 'teammate'] },
  async handler({ db: trx, actor, services }): Promise<{ id: string; token: string; expires_at: string }> {
    if (actor.kind !== 'user') throw new Error('Only people have sessions');
    const token = newSecret('dws_');
    const now = services.now();
    const session = {
      id: newId('session'),
      token_hash: sha256Hex(token),
      user_id: actor.userId,
      account_id: actor.accountId,
      expires_at: new Date(now.getTime() + SESSION_TTL_MS).toISOString(),
      created_at: now.toISOString(),
    };
    await trx.insertInto('sessions').values(session).execute();
    return { id: session.id, token, expires_at: session.expires_at };
  },
  auditResult: (output) => ({ session_id: output.id }),
});

export const endSession = defineAction({
  name: 'session.end',
  summary: 'Sign out',
  input: z.object({ session_id: z.string().max(64) }).strict(),
  kind: 'write',
  allow: { roles: ['admin', 'teammate'] },
  async handler({ db: trx, actor, input }): Promise<{ ok: true }> {
    if (actor.kind === 'user') {
      await trx
        .deleteFrom('sessions')
        .where('id', '=', input.session_id)
        .where('user_id', '=', actor.userId)
        .execute();
    }
    return { ok: true };
  },
});

/** The actor behind a session cookie, or null when it is unknown or expired. */
export async function actorForSession(
  db: Executor,
  token: string,
  now: Date,
): Promise<{ actor: Actor; sessionId: string } | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select(['sessions.id as session_id', 'sessions.expires_at'])
    .where('sessions.token_hash', '=', sha256Hex(token))
    .executeTakeFirst();
  if (!row || new Date(row.expires_at) <= now) return null;
  const { session_id, expires_at: _expires, ...user } = row;
  return { actor: await userActor(db, user, null), sessionId: session_id };
}
