import type { OpenAPIHono } from '@hono/zod-openapi';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { Actor } from '../../core/actor.js';
import { AppError } from '../../core/errors.js';
import { perform } from '../../core/perform.js';
import type { Services } from '../../core/services.js';
import { originAllowed } from '../../channels/web-chat/identity.js';
import { readChatMessages } from '../../channels/web-chat/read-chat-messages.js';
import { sendChatMessage } from '../../channels/web-chat/send-chat-message.js';
import { startSession } from '../../channels/web-chat/start-session.js';
import type { VisitorStream, VisitorStreams } from '../../channels/web-chat/visitor-streams.js';
import {
  findSettingsByKey,
  markVisitorSeen,
  parseOrigins,
} from '../../channels/web-chat/web-chat.repository.js';
import {
  ZChatMessageSchema,
  ZSendMessageInputSchema,
  ZSessionSchema,
  ZStartSessionInputSchema,
  ZWidgetConfigSchema,
} from '../../channels/web-chat/web-chat.types.js';
import type { WebChatSettings } from '../../db/schema.js';
import { readJsonBody } from '../action-route.js';
import type { AppEnv } from '../env.js';
import { fixedWindowLimiter } from '../rate-limit.js';
import { type WidgetOptions, widgetAsset, WIDGET_LIMITS } from './web-chat-widget.js';

/** The widget's public routes; each names its inbox with `?key=<public key>`. */
export const WIDGET_API = '/api/v1/widget';

/** A widget request's body: a message is at most 5,000 characters, so 32 kB is plenty (413 above). */
const WIDGET_BODY_BYTES = 32 * 1024;

/** A visitor with the chat open in a few tabs is fine; dozens of streams is not. */
const MAX_STREAMS_PER_VISITOR = 8;

const PUBLIC_KEY = /^dwc_[A-Za-z0-9_-]{1,96}$/;

/** How often an open widget stream says it is alive. */
const HEARTBEAT_MS = 25_000;

/** `Cross-Origin-Resource-Policy: cross-origin` for the widget's script, which any listed site loads. */
export const widgetResourcePolicy: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.req.path === '/widget.js') c.res.headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
};

/** The address limits count: the connection's, or behind a trusted proxy the one it forwarded for. */
function clientAddress(c: Context, trustProxy: boolean): string {
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim() : undefined;
  if (forwarded) return forwarded;
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

interface Widget {
  settings: WebChatSettings;
  actor: Actor;
  origin: string;
}

/**
 * The inbox a widget call names, refused (403, no CORS headers) unless its Origin is one of the
 * inbox's allowed origins. An unknown key is a 404 that says no more.
 */
async function widgetFor(c: Context, services: Services): Promise<Widget> {
  const key = c.req.query('key');
  // A malformed key names no inbox; checked before any query (PostgreSQL refuses NUL).
  const settings = key && PUBLIC_KEY.test(key) ? await findSettingsByKey(services.db.kysely, key) : undefined;
  if (!settings) throw new AppError('not_found', 'No chat widget has this key');
  const origin = c.req.header('origin');
  if (!origin || !originAllowed(parseOrigins(settings.allowed_origins), origin))
    throw new AppError('forbidden', 'This site is not allowed to use this chat widget');
  return {
    settings,
    origin,
    actor: { kind: 'channel', accountId: settings.account_id, inboxId: settings.inbox_id },
  };
}

function allowOrigin(c: Context, origin: string): void {
  c.header('Access-Control-Allow-Origin', origin);
  c.header('Vary', 'Origin');
}

function tooLarge(c: Context): void {
  const length = Number(c.req.header('content-length') ?? '0');
  if (length > WIDGET_BODY_BYTES)
    throw new AppError('payload_too_large', `A chat request is at most ${WIDGET_BODY_BYTES} bytes`);
}

async function bodyOf(c: Context): Promise<Record<string, unknown>> {
  tooLarge(c);
  // Measured as sent (a chunked body has no Content-Length); Hono keeps the text for the parse below.
  if (new TextEncoder().encode(await c.req.text()).length > WIDGET_BODY_BYTES)
    throw new AppError('payload_too_large', `A chat request is at most ${WIDGET_BODY_BYTES} bytes`);
  const body = await readJsonBody(c);
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AppError('bad_request', 'The body must be a JSON object', {
      fields: [{ field: '(body)', message: 'Expected an object' }],
    });
  return { ...body };
}

/**
 * The website chat's door: public, authenticated by the inbox's public key, the browser's Origin
 * and the visitor's token — never by cookies (none are read or allowed) or a person's token.
 */
export function webChatRoutes(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  streams: VisitorStreams,
  options: WidgetOptions = {},
): void {
  const limits = { ...WIDGET_LIMITS, ...options.limits };
  const perAddress = fixedWindowLimiter({ limit: limits.perAddressPerMinute, windowMs: 60_000 });
  const sessionsPerAddress = fixedWindowLimiter({
    limit: limits.sessionsPerAddressPerMinute,
    windowMs: 60_000,
  });
  const perVisitor = fixedWindowLimiter({ limit: limits.messagesPerVisitorPerMinute, windowMs: 60_000 });
  const script = widgetAsset(options.widgetFile);
  const address = (c: Context) => clientAddress(c, options.trustProxy ?? false);

  app.get('/widget.js', (c) => {
    const asset = script();
    if (!asset) throw new AppError('not_found', 'The chat widget has not been built: run `npm run build`');
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=300');
    c.header('ETag', asset.etag);
    c.header('Vary', 'Accept-Encoding');
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304);
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      c.header('Content-Encoding', 'gzip');
      return c.body(asset.gzip);
    }
    return c.body(asset.body);
  });

  app.options(`${WIDGET_API}/*`, async (c) => {
    const widget = await widgetFor(c, services);
    allowOrigin(c, widget.origin);
    c.header('Access-Control-Allow-Methods', 'GET, POST');
    c.header('Access-Control-Allow-Headers', 'Content-Type');
    c.header('Access-Control-Max-Age', '600');
    return c.body(null, 204);
  });

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: `${WIDGET_API}/config`,
    summary: 'The chat widget: what the widget asks of visitors (public; Origin must be allowed)',
    responses: {
      200: { description: 'Config', content: { 'application/json': { schema: ZWidgetConfigSchema } } },
    },
  });
  app.get(`${WIDGET_API}/config`, async (c) => {
    const widget = await widgetFor(c, services);
    allowOrigin(c, widget.origin);
    perAddress.hit(address(c));
    const unknown = Object.keys(c.req.query()).filter((name) => name !== 'key');
    if (unknown.length)
      throw new AppError('bad_request', `Unknown query parameter: ${unknown.join(', ')}`, {
        fields: unknown.map((field) => ({ field, message: 'Unknown field' })),
      });
    return c.json({
      require_email: widget.settings.require_email === 1,
      identity: widget.settings.identity,
    });
  });

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: `${WIDGET_API}/sessions`,
    summary: 'The chat widget: a visitor starts or resumes a chat',
    request: {
      body: {
        content: { 'application/json': { schema: ZStartSessionInputSchema.omit({ public_key: true }) } },
      },
    },
    responses: {
      200: { description: 'The session', content: { 'application/json': { schema: ZSessionSchema } } },
    },
  });
  app.post(`${WIDGET_API}/sessions`, async (c) => {
    const widget = await widgetFor(c, services);
    allowOrigin(c, widget.origin);
    sessionsPerAddress.hit(address(c));
    const body = await bodyOf(c);
    const session = await perform(services, widget.actor, startSession, {
      ...body,
      public_key: widget.settings.public_key,
    });
    const { visitor_id: _v, contact_id: _c, ...wire } = session;
    return c.json(wire);
  });

  const ZSent = z.object({ conversation_id: z.string(), message: ZChatMessageSchema });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: `${WIDGET_API}/messages`,
    summary: 'The chat widget: a visitor sends a message (at most 5,000 characters)',
    request: {
      body: {
        content: { 'application/json': { schema: ZSendMessageInputSchema.omit({ public_key: true }) } },
      },
    },
    responses: { 201: { description: 'Sent', content: { 'application/json': { schema: ZSent } } } },
  });
  app.post(`${WIDGET_API}/messages`, async (c) => {
    const widget = await widgetFor(c, services);
    allowOrigin(c, widget.origin);
    perAddress.hit(address(c));
    const body = await bodyOf(c);
    if (typeof body.visitor_token === 'string') perVisitor.hit(body.visitor_token);
    const sent = await perform(services, widget.actor, sendChatMessage, {
      ...body,
      public_key: widget.settings.public_key,
    });
    return c.json(sent, 201);
  });

  const ZRead = z.object({ conversation_id: z.string().nullable(), messages: z.array(ZChatMessageSchema) });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: `${WIDGET_API}/messages`,
    summary: 'The chat widget: the visitor’s chat (query: key, visitor_token, after?)',
    responses: { 200: { description: 'Messages', content: { 'application/json': { schema: ZRead } } } },
  });
  app.get(`${WIDGET_API}/messages`, async (c) => {
    const widget = await widgetFor(c, services);
    allowOrigin(c, widget.origin);
    perAddress.hit(address(c));
    const { key: _key, ...query } = c.req.query();
    const read = await perform(services, widget.actor, readChatMessages, {
      ...query,
      public_key: widget.settings.public_key,
    });
    await markVisitorSeen(services.db.kysely, read.visitor_id, services.now().toISOString());
    return c.json({ conversation_id: read.conversation_id, messages: read.messages });
  });

  // Server-Sent Events: `message` events carry new chat messages (their id is the event id, so a
  // reconnecting EventSource resumes after the last one it had). Not an OpenAPI operation.
  app.get(`${WIDGET_API}/stream`, async (c) => {
    const widget = await widgetFor(c, services);
    allowOrigin(c, widget.origin);
    perAddress.hit(address(c));
    const after = c.req.header('last-event-id') ?? c.req.query('after');
    const read = await perform(services, widget.actor, readChatMessages, {
      public_key: widget.settings.public_key,
      visitor_token: c.req.query('visitor_token'),
      ...(after ? { after } : {}),
    });
    if (streams.openFor(widget.actor.accountId, read.visitor_id) >= MAX_STREAMS_PER_VISITOR)
      throw new AppError('rate_limited', 'Too many open chat streams for this visitor', {
        retry_after_seconds: 30,
      });
    return streamSSE(c, async (stream) => {
      let ended: () => void = () => undefined;
      const done = new Promise<void>((resolve) => (ended = resolve));
      const visitorStream: VisitorStream = {
        accountId: widget.actor.accountId,
        visitorId: read.visitor_id,
        conversationId: read.conversation_id,
        // From `after` (or Last-Event-ID) on; without one, what the widget just read is known to it.
        lastId: after ?? read.messages.at(-1)?.id ?? null,
        send: (messages) => {
          for (const message of messages)
            void stream
              .writeSSE({ event: 'message', id: message.id, data: JSON.stringify(message) })
              .catch(ended);
        },
      };
      const close = streams.open(visitorStream);
      // Presence (for the offline mail fallback): written when the stream opens and once per beat.
      const seen = () =>
        markVisitorSeen(services.db.kysely, read.visitor_id, services.now().toISOString()).catch(
          (err: unknown) => services.logger.warn({ err }, 'web chat presence write failed'),
        );
      await seen();
      const heartbeat = setInterval(() => {
        void stream.write(': ping\n\n').catch(ended);
        void seen();
      }, HEARTBEAT_MS);
      stream.onAbort(ended);
      await stream.writeSSE({ event: 'ready', data: '{}', retry: 3000 });
      // Whatever was written between the read above and the stream opening.
      streams.pull(visitorStream);
      await done;
      clearInterval(heartbeat);
      close();
    });
  });
}
