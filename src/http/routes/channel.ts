import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../core/services.js';
import { AppError } from '../../core/errors.js';
import { ZIdSchema } from '../../core/text.js';
import { ZIncomingInputSchema, ZIncomingResultSchema } from '../../channels/api/api-channel.types.js';
import { actorForInboxSecret } from '../../channels/api/inbox-auth.js';
import { receive } from '../../channels/api/receive-incoming.js';
import { readJsonBody } from '../action-route.js';
import type { AppEnv } from '../env.js';

/** The API channel's inbound door, authenticated by the inbox secret rather than a person. */
export function channelRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/v1/inboxes/{id}/incoming',
    summary: 'A customer message into an API inbox (Authorization: Bearer <inbox secret>)',
    request: { body: { content: { 'application/json': { schema: ZIncomingInputSchema } } } },
    responses: {
      201: { description: 'Stored', content: { 'application/json': { schema: ZIncomingResultSchema } } },
      200: {
        description: 'Already received (same source_id)',
        content: { 'application/json': { schema: ZIncomingResultSchema } },
      },
    },
  });
  app.post('/api/v1/inboxes/:id/incoming', async (c) => {
    const secret = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    // A malformed id names no inbox; checked here so it never reaches a query (PostgreSQL refuses NUL).
    const inboxId = ZIdSchema.safeParse(c.req.param('id'));
    const actor =
      secret && inboxId.success ? await actorForInboxSecret(services.db.kysely, inboxId.data, secret) : null;
    if (!actor) throw new AppError('unauthenticated', 'Send Authorization: Bearer <inbox secret>');
    const result = await receive(services, actor, await readJsonBody(c));
    return c.json(result, result.duplicate ? 200 : 201);
  });
}
