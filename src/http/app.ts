import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { secureHeaders } from 'hono/secure-headers';
import type { MiddlewareHandler } from 'hono';
import type { Services } from '../core/services.js';
import { AppError } from '../core/errors.js';
import { authenticate } from './authenticate.js';
import type { AppEnv } from './env.js';
import { errorBody, handleError } from './errors.js';
import { createMetrics } from './metrics.js';
import { auditRoutes } from './routes/audit.js';
import { authRoutes } from './routes/auth.js';
import { channelRoutes } from './routes/channel.js';
import { attachmentRoutes, emailInboundRoutes } from './routes/email.js';
import { contactRoutes } from './routes/contacts.js';
import { conversationRoutes } from './routes/conversations.js';
import { inboxRoutes } from './routes/inboxes.js';
import { userRoutes } from './routes/users.js';
import { agentRoutes } from './routes/agents.js';
import { approvalRoutes } from './routes/approvals.js';
import { storeRoutes } from './routes/stores.js';
import { conversationCountRoutes } from './routes/conversation-counts.js';
import { eventRoutes } from './routes/events.js';
import { webChatRoutes, widgetResourcePolicy } from './routes/web-chat.js';
import type { WidgetOptions } from './routes/web-chat-widget.js';
import { VisitorStreams } from '../channels/web-chat/visitor-streams.js';
import { dashboardRoutes } from './dashboard.js';
import { RealtimeHub } from '../realtime/realtime-hub.js';
import { mcpRoutes, type McpOptions } from '../mcp/mcp-route.js';
import { McpSessions } from '../mcp/sessions.js';
import { VERSION } from '../version.js';

/** The largest request body accepted anywhere (a message is at most 20,000 characters). */
export const MAX_BODY_BYTES = 256 * 1024;

const tooLarge = () => new AppError('payload_too_large', `The body is larger than ${MAX_BODY_BYTES} bytes`);

/**
 * A body that declares its length (and nothing else) is judged by its Content-Length alone, which
 * Node's parser holds it to. Hono's bodyLimit looks at the request's body stream first, and on the
 * Node adapter that builds a whole web Request around every call (a tenth of an MCP call's time);
 * a chunked body still goes through it, counted as it streams.
 */
function declaredBodyLimit(limit: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const length = c.req.header('content-length');
    if (!length || !/^\d+$/.test(length) || c.req.header('transfer-encoding') !== undefined)
      return limit(c, next);
    if (Number(length) > MAX_BODY_BYTES) throw tooLarge();
    await next();
  };
}

export interface AppOptions {
  /** Set the Secure flag on cookies (when served over https). */
  secureCookies?: boolean;
  /** This process's MCP sessions (the server wires the kill switch to them). */
  mcpSessions?: McpSessions;
  mcp?: Partial<Omit<McpOptions, 'version'>>;
  /** This process's dashboard streams (the server wires the after-commit hook to them). */
  realtime?: RealtimeHub;
  /** The built dashboard's folder (default: dist/web). */
  webRoot?: string;
  /** The website chat widget: rate limits, where its built script is. */
  webChat?: WidgetOptions;
}

export function createApp(services: Services, options: AppOptions = {}) {
  const app = new OpenAPIHono<AppEnv>();
  const metrics = createMetrics();

  app.onError(handleError(services.logger));
  app.notFound((c) => c.json(errorBody(new AppError('not_found', 'No such route')), 404));
  app.use(metrics.middleware);
  app.use(widgetResourcePolicy);
  app.use(secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  const limitBody = declaredBodyLimit(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw tooLarge();
      },
    }),
  );
  // Raw mail with attachments is far larger than any JSON body: the email inbound route answers
  // with its own bound (EMAIL_MAX_BYTES) before the general one below is reached.
  emailInboundRoutes(app, services);
  app.use('/api/*', limitBody);
  app.use('/mcp', limitBody);

  app.get('/healthz', async (c) => {
    await services.db.kysely.selectFrom('accounts').select('id').limit(1).execute();
    return c.json({ ok: true });
  });
  app.get('/metrics', async (c) => {
    c.header('content-type', metrics.registry.contentType);
    return c.body(await metrics.registry.metrics());
  });

  // The inbound channel and MCP authenticate with their own secrets (inbox secret, bot token), so
  // they are registered before the middleware that reads Authorization as a person's token.
  channelRoutes(app, services);
  // The chat widget's routes are public (public key, Origin, visitor token) and read no cookies.
  const chatStreams = new VisitorStreams(services);
  options.realtime?.watch(chatStreams.onChange);
  webChatRoutes(app, services, chatStreams, options.webChat);
  mcpRoutes(app, services, options.mcpSessions ?? new McpSessions(), {
    allowedHostnames: options.mcp?.allowedHostnames ?? ['localhost', '127.0.0.1', '[::1]'],
    rateLimitPerMinute: options.mcp?.rateLimitPerMinute ?? 1200,
    version: VERSION,
  });
  app.use('/api/v1/*', authenticate(services));
  authRoutes(app, services, { secureCookies: options.secureCookies ?? false });
  conversationRoutes(app, services);
  attachmentRoutes(app, services);
  contactRoutes(app, services);
  inboxRoutes(app, services);
  userRoutes(app, services);
  auditRoutes(app, services);
  agentRoutes(app, services);
  approvalRoutes(app, services);
  storeRoutes(app, services);
  conversationCountRoutes(app, services);
  eventRoutes(app, services, options.realtime ?? new RealtimeHub(services));

  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: { title: 'Deskwoot API', version: VERSION },
  });
  app.get('/api/v1/openapi.json', (c) => c.json(document));
  dashboardRoutes(app, options.webRoot);
  return app;
}

export type DeskwootApp = ReturnType<typeof createApp>;
