import type { OpenAPIHono } from '@hono/zod-openapi';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Services } from '../../core/services.js';
import { perform } from '../../core/perform.js';
import { parseOrThrow } from '../../core/validation.js';
import { ZLoginInputSchema } from '../../auth/auth.types.js';
import { logIn } from '../../auth/log-in.js';
import { endSession, SESSION_TTL_MS } from '../../auth/sessions.js';
import { getMe, ZMeSchema } from '../../users/me.js';
import { actionRoute, readJsonBody, requireActor } from '../action-route.js';
import { SESSION_COOKIE } from '../authenticate.js';
import type { AppEnv } from '../env.js';
import { fixedWindowLimiter } from '../rate-limit.js';

export function authRoutes(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  options: { secureCookies: boolean },
): void {
  const limiter = fixedWindowLimiter({ limit: 10, windowMs: 15 * 60_000 });

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/v1/auth/login',
    summary: 'Sign in with email and password; sets an HttpOnly session cookie',
    request: { body: { content: { 'application/json': { schema: ZLoginInputSchema } } } },
    responses: { 200: { description: 'Signed in', content: { 'application/json': { schema: ZMeSchema } } } },
  });
  app.post('/api/v1/auth/login', async (c) => {
    const input = parseOrThrow(ZLoginInputSchema, await readJsonBody(c));
    const key = `${c.req.header('x-forwarded-for') ?? 'direct'}|${input.email.toLowerCase()}`;
    limiter.hit(key);
    const { session, actor } = await logIn(services, input);
    limiter.reset(key);
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: options.secureCookies,
      path: '/',
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
    return c.json(await perform(services, actor, getMe, {}));
  });

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/v1/auth/logout',
    summary: 'Sign out',
    responses: {
      200: {
        description: 'Signed out',
        content: { 'application/json': { schema: z.object({ ok: z.boolean() }) } },
      },
    },
  });
  app.post('/api/v1/auth/logout', async (c) => {
    const actor = requireActor(c);
    parseOrThrow(z.object({}).strict(), await readJsonBody(c));
    const sessionId = c.get('sessionId');
    if (sessionId) await perform(services, actor, endSession, { session_id: sessionId });
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  actionRoute(app, services, { method: 'get', path: '/api/v1/me', action: getMe, response: ZMeSchema });
}
