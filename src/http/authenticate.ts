import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Services } from '../core/services.js';
import { AppError } from '../core/errors.js';
import { actorForSession } from '../auth/sessions.js';
import { actorForUserToken, USER_TOKEN_PREFIX } from '../auth/user-tokens.js';
import { BOT_TOKEN_PREFIX } from '../agents/agents.repository.js';
import type { AppEnv } from './env.js';

export const SESSION_COOKIE = 'dw_session';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller on every request (no cache, so a revoked token or ended session stops at
 * once). A present but wrong credential is a 401 even on routes that would not need one.
 * Cookie-authenticated writes must come from our own origin.
 */
export function authenticate(services: Services): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('actor', null);
    c.set('sessionId', null);
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
      // The never-list (SPEC §2.4): bot tokens open /mcp and nothing else.
      if (token?.startsWith(BOT_TOKEN_PREFIX))
        throw new AppError('forbidden', 'Bot tokens are accepted only on /mcp');
      const actor = token?.startsWith(USER_TOKEN_PREFIX)
        ? await actorForUserToken(services.db.kysely, token)
        : null;
      if (!actor) throw new AppError('unauthenticated', 'Invalid or revoked token');
      c.set('actor', actor);
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) {
      const session = await actorForSession(services.db.kysely, cookie, services.now());
      if (session) {
        if (!SAFE_METHODS.has(c.req.method)) checkSameOrigin(c.req.header('origin'), c.req.header('host'));
        c.set('actor', session.actor);
        c.set('sessionId', session.sessionId);
      }
    }
    return next();
  };
}

function checkSameOrigin(origin: string | undefined, host: string | undefined): void {
  if (origin === undefined) return;
  let originHost: string | null = null;
  try {
    originHost = new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (originHost !== host) throw new AppError('forbidden', 'Cross-origin request refused');
}
