import type { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { Services } from '../../core/services.js';
import { AppError } from '../../core/errors.js';
import { perform } from '../../core/perform.js';
import { ZIdSchema } from '../../core/text.js';
import { actorForInboxSecret } from '../../channels/api/inbox-auth.js';
import { receiveRawEmail } from '../../channels/email/receive-raw.js';
import { EMAIL_MAX_BYTES, ZEmailReceiveResultSchema } from '../../channels/email/email.types.js';
import { getAttachment } from '../../messages/get-attachment.js';
import { requireActor, ZErrorSchema } from '../action-route.js';
import type { AppEnv } from '../env.js';

const MIME_TYPES = /^(message\/rfc822|text\/plain|application\/octet-stream)\b/i;

/**
 * The email channel's HTTP inbound door, for providers that POST each mail as raw MIME; it is
 * authenticated by the inbox secret and has its own, larger body limit (registered before the app's).
 */
export function emailInboundRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/v1/inboxes/{id}/email',
    summary: 'A raw MIME mail into an email inbox (Authorization: Bearer <inbox secret>)',
    request: {
      params: z.object({ id: z.string() }),
      body: {
        content: { 'message/rfc822': { schema: z.string().describe('The mail as sent, headers first') } },
      },
    },
    responses: {
      201: {
        description: 'Stored as a customer message',
        content: { 'application/json': { schema: ZEmailReceiveResultSchema } },
      },
      200: {
        description: 'Taken without a new customer message (a repeat, a bounce, an automatic reply)',
        content: { 'application/json': { schema: ZEmailReceiveResultSchema } },
      },
      400: { description: 'Not a MIME message', content: { 'application/json': { schema: ZErrorSchema } } },
      413: {
        description: 'The mail or an attachment is too large',
        content: { 'application/json': { schema: ZErrorSchema } },
      },
      422: {
        description: 'An attachment type is refused',
        content: { 'application/json': { schema: ZErrorSchema } },
      },
    },
  });
  app.post(
    '/api/v1/inboxes/:id/email',
    bodyLimit({
      maxSize: EMAIL_MAX_BYTES,
      onError: () => {
        throw new AppError('payload_too_large', `The mail is larger than ${EMAIL_MAX_BYTES} bytes`);
      },
    }),
    async (c) => {
      const secret = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
      const inboxId = ZIdSchema.safeParse(c.req.param('id'));
      const actor =
        secret && inboxId.success
          ? await actorForInboxSecret(services.db.kysely, inboxId.data, secret, 'email')
          : null;
      if (!actor) throw new AppError('unauthenticated', 'Send Authorization: Bearer <inbox secret>');
      if (!MIME_TYPES.test(c.req.header('content-type') ?? '')) {
        throw new AppError('bad_request', 'Send the mail as raw MIME with Content-Type: message/rfc822', {
          fields: [{ field: '(body)', message: 'Content-Type must be message/rfc822 or text/plain' }],
        });
      }
      const raw = Buffer.from(await c.req.arrayBuffer());
      const result = await receiveRawEmail(services, actor, raw);
      return c.json(result, result.outcome === 'stored' ? 201 : 200);
    },
  );
}

/** Downloads a message's attachment: always as a download, never rendered by the browser. */
export function attachmentRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/v1/attachments/{id}',
    summary: getAttachment.summary,
    operationId: getAttachment.name,
    request: { params: z.object({ id: z.string() }) },
    responses: {
      200: { description: 'The file', content: { 'application/octet-stream': { schema: z.string() } } },
      401: { description: 'Not signed in', content: { 'application/json': { schema: ZErrorSchema } } },
      404: {
        description: 'Not found, or not visible to the caller',
        content: { 'application/json': { schema: ZErrorSchema } },
      },
    },
  });
  app.get('/api/v1/attachments/:id', async (c) => {
    const actor = requireActor(c);
    const unknown = Object.keys(c.req.query());
    if (unknown.length) {
      throw new AppError('bad_request', `Invalid input: ${unknown.join(', ')}`, {
        fields: unknown.map((field) => ({ field, message: 'Unknown field' })),
      });
    }
    const file = await perform(services, actor, getAttachment, { attachment_id: c.req.param('id') });
    const ascii = file.filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
    return c.body(new Uint8Array(file.content), 200, {
      'content-type': file.content_type.startsWith('text/')
        ? 'text/plain; charset=utf-8'
        : 'application/octet-stream',
      'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'private, no-store',
    });
  });
}
