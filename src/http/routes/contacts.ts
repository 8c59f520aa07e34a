import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../core/services.js';
import {
  ZContactSchema,
  ZListContactsInputSchema,
  ZUpdateContactInputSchema,
} from '../../contacts/contacts.types.js';
import { getContact, listContacts } from '../../contacts/list-contacts.js';
import { updateContact } from '../../contacts/update-contact.js';
import { actionRoute } from '../action-route.js';
import type { AppEnv } from '../env.js';
import { pageOf } from './conversations.js';

export function contactRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/contacts',
    action: listContacts,
    query: ZListContactsInputSchema,
    response: z.object({ contacts: z.array(ZContactSchema), next_cursor: z.string().nullable() }),
    present: pageOf('contacts'),
  });
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/contacts/:id',
    action: getContact,
    params: { id: 'contact_id' },
    response: ZContactSchema,
  });
  actionRoute(app, services, {
    method: 'patch',
    path: '/api/v1/contacts/:id',
    action: updateContact,
    params: { id: 'contact_id' },
    body: ZUpdateContactInputSchema.omit({ contact_id: true }),
    response: ZContactSchema,
  });
}
