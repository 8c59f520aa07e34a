import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../core/services.js';
import { countConversations, ZConversationCountSchema } from '../../conversations/count-conversations.js';
import { actionRoute } from '../action-route.js';
import type { AppEnv } from '../env.js';

/** Read-only counts for the dashboard; its own path, as `/conversations/:id` would take `counts` for an id. */
export function conversationCountRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/conversation-counts',
    action: countConversations,
    query: countConversations.input,
    response: z.object({ counts: z.array(ZConversationCountSchema) }),
  });
}
