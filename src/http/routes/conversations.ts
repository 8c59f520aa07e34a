import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../core/services.js';
import type { Page } from '../../core/pagination.js';
import {
  ZConversationSchema,
  ZListConversationsInputSchema,
  ZPostMessageInputSchema,
  ZUpdateConversationInputSchema,
} from '../../conversations/conversations.types.js';
import { getConversation } from '../../conversations/get-conversation.js';
import { listConversations } from '../../conversations/list-conversations.js';
import { postMessage } from '../../conversations/post-message.js';
import { updateConversation } from '../../conversations/update-conversation.js';
import { ZMessageSchema } from '../../messages/messages.types.js';
import { actionRoute } from '../action-route.js';
import type { AppEnv } from '../env.js';

export const pageOf =
  <T>(key: string) =>
  (page: Page<T>) => ({ [key]: page.items, next_cursor: page.next_cursor });

export function conversationRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/conversations',
    action: listConversations,
    query: ZListConversationsInputSchema,
    response: z.object({ conversations: z.array(ZConversationSchema), next_cursor: z.string().nullable() }),
    present: pageOf('conversations'),
  });
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/conversations/:id',
    action: getConversation,
    params: { id: 'conversation_id' },
    response: z.object({ conversation: ZConversationSchema, messages: z.array(ZMessageSchema) }),
  });
  actionRoute(app, services, {
    method: 'patch',
    path: '/api/v1/conversations/:id',
    action: updateConversation,
    params: { id: 'conversation_id' },
    body: ZUpdateConversationInputSchema.omit({ conversation_id: true }),
    response: ZConversationSchema,
  });
  actionRoute(app, services, {
    method: 'post',
    path: '/api/v1/conversations/:id/messages',
    action: postMessage,
    params: { id: 'conversation_id' },
    body: ZPostMessageInputSchema.omit({ conversation_id: true }),
    response: ZMessageSchema,
    status: 201,
  });
}
