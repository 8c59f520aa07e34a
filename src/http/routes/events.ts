import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import type { Actor } from '../../core/actor.js';
import type { Services } from '../../core/services.js';
import { actorForSession } from '../../auth/sessions.js';
import { actorForUserToken } from '../../auth/user-tokens.js';
import type { Listener, RealtimeHub } from '../../realtime/realtime-hub.js';
import { ZRealtimeEventSchema } from '../../realtime/realtime.types.js';
import { requireActor } from '../action-route.js';
import { SESSION_COOKIE } from '../authenticate.js';
import type { AppEnv } from '../env.js';

/** How often an open stream says it is alive and checks that its session or token still holds. */
export const HEARTBEAT_MS = 25_000;

/** Reads the caller's credential again, as the auth middleware did: null once it has ended. */
function credentialCheck(c: Context<AppEnv>, services: Services): () => Promise<Actor | null> {
  const cookie = getCookie(c, SESSION_COOKIE);
  const token = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (c.get('sessionId') && cookie)
    return async () => (await actorForSession(services.db.kysely, cookie, services.now()))?.actor ?? null;
  return async () => (token ? actorForUserToken(services.db.kysely, token) : null);
}

/**
 * `GET /api/v1/events/stream`: Server-Sent Events for the dashboard. Each `change` event names a
 * change the caller may see (its inboxes only, for a teammate); `expired` says the session or token
 * ended, and the stream closes; `resync` asks the client to refetch, as changes may have been missed.
 */
export function eventRoutes(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  hub: RealtimeHub,
  options: { heartbeatMs?: number } = {},
): void {
  // Not an OpenAPI operation (an endless stream has no response body to describe), but its
  // event is a component of the document, so clients get its type from there.
  app.openAPIRegistry.register('RealtimeEvent', ZRealtimeEventSchema);
  app.get('/api/v1/events/stream', (c) => {
    const actor = requireActor(c);
    const check = credentialCheck(c, services);
    return streamSSE(c, async (stream) => {
      let ended: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (ended = resolve));
      const write = (event: string, data: unknown): Promise<void> =>
        stream.writeSSE({ event, data: JSON.stringify(data) }).catch(ended);
      const recheck = async () => {
        const current = await check().catch(() => listener.actor);
        if (current) listener.actor = current;
        else {
          await write('expired', {});
          ended();
        }
      };
      const listener: Listener = {
        actor,
        send: (event) => void write('change', event),
        recheck,
        resync: () => void write('resync', {}),
        close: ended,
      };
      const unsubscribe = hub.subscribe(listener);
      const heartbeat = setInterval(() => {
        void stream.write(': ping\n\n').catch(ended);
        void recheck();
      }, options.heartbeatMs ?? HEARTBEAT_MS);
      stream.onAbort(ended);
      await stream.writeSSE({ event: 'ready', data: '{}', retry: 3000 });
      await done;
      clearInterval(heartbeat);
      unsubscribe();
    });
  });
}
