import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../core/services.js';
import { connectStore, disconnectStore, listStores } from '../../stores/connect-store.js';
import { getOrder, listOrders } from '../../stores/list-orders.js';
import {
  ZConnectStoreInputSchema,
  ZOrderSchema,
  ZStoreSchema,
  ZSubscriptionSchema,
} from '../../stores/stores.types.js';
import { actionRoute } from '../action-route.js';
import type { AppEnv } from '../env.js';

export function storeRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/stores',
    action: listStores,
    response: z.object({ stores: z.array(ZStoreSchema) }),
    present: (stores) => ({ stores }),
  });
  actionRoute(app, services, {
    method: 'post',
    path: '/api/v1/stores',
    action: connectStore,
    body: ZConnectStoreInputSchema,
    response: ZStoreSchema,
    status: 201,
  });
  actionRoute(app, services, {
    method: 'delete',
    path: '/api/v1/stores/:id',
    action: disconnectStore,
    params: { id: 'store_id' },
    response: ZStoreSchema,
  });
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/contacts/:id/orders',
    action: listOrders,
    params: { id: 'contact_id' },
    response: z.object({
      orders: z.array(ZOrderSchema),
      subscriptions: z.array(ZSubscriptionSchema),
      unavailable_stores: z.array(z.object({ id: z.string(), name: z.string(), message: z.string() })),
    }),
  });
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/orders/:id',
    action: getOrder,
    params: { id: 'order_id' },
    response: ZOrderSchema,
  });
}
