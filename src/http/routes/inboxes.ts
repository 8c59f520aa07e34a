import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../core/services.js';
import { createInbox } from '../../inboxes/create-inbox.js';
import {
  ZCreateInboxInputSchema,
  ZInboxSchema,
  ZUpdateInboxInputSchema,
} from '../../inboxes/inboxes.types.js';
import { getInbox, listInboxes } from '../../inboxes/list-inboxes.js';
import { rotateInboxSecret, updateInbox } from '../../inboxes/update-inbox.js';
import { actionRoute } from '../action-route.js';
import type { AppEnv } from '../env.js';

const ZInboxWithSecretSchema = ZInboxSchema.extend({ secret: z.string().describe('Shown this once') });

export function inboxRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/inboxes',
    action: listInboxes,
    response: z.object({ inboxes: z.array(ZInboxSchema.extend({ open_count: z.number() })) }),
    present: (output) => ({ inboxes: output.items }),
  });
  actionRoute(app, services, {
    method: 'post',
    path: '/api/v1/inboxes',
    action: createInbox,
    body: ZCreateInboxInputSchema,
    response: ZInboxWithSecretSchema,
    status: 201,
  });
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/inboxes/:id',
    action: getInbox,
    params: { id: 'inbox_id' },
    response: ZInboxSchema,
  });
  actionRoute(app, services, {
    method: 'patch',
    path: '/api/v1/inboxes/:id',
    action: updateInbox,
    params: { id: 'inbox_id' },
    body: ZUpdateInboxInputSchema.omit({ inbox_id: true }),
    response: ZInboxSchema,
  });
  actionRoute(app, services, {
    method: 'post',
    path: '/api/v1/inboxes/:id/rotate-secret',
    action: rotateInboxSecret,
    params: { id: 'inbox_id' },
    response: ZInboxWithSecretSchema,
  });
}
