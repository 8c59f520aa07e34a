import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../core/services.js';
import { ZCreateUserTokenInputSchema, ZUserTokenSchema } from '../../auth/auth.types.js';
import { createUserToken, listUserTokens, revokeUserToken } from '../../auth/user-tokens.js';
import { createUser } from '../../users/create-user.js';
import { listUsers, updateUser } from '../../users/update-user.js';
import { ZCreateUserInputSchema, ZUpdateUserInputSchema, ZUserSchema } from '../../users/users.types.js';
import { actionRoute } from '../action-route.js';
import type { AppEnv } from '../env.js';

export function userRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/users',
    action: listUsers,
    response: z.object({ users: z.array(ZUserSchema) }),
    present: (output) => ({ users: output.items }),
  });
  actionRoute(app, services, {
    method: 'post',
    path: '/api/v1/users',
    action: createUser,
    body: ZCreateUserInputSchema,
    response: ZUserSchema,
    status: 201,
  });
  actionRoute(app, services, {
    method: 'patch',
    path: '/api/v1/users/:id',
    action: updateUser,
    params: { id: 'user_id' },
    body: ZUpdateUserInputSchema.omit({ user_id: true }),
    response: ZUserSchema,
  });
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/me/tokens',
    action: listUserTokens,
    response: z.object({ tokens: z.array(ZUserTokenSchema) }),
    present: (output) => ({ tokens: output.items }),
  });
  actionRoute(app, services, {
    method: 'post',
    path: '/api/v1/me/tokens',
    action: createUserToken,
    body: ZCreateUserTokenInputSchema.omit({ user_id: true }),
    response: ZUserTokenSchema.extend({ token: z.string().describe('Shown this once') }),
    status: 201,
  });
  actionRoute(app, services, {
    method: 'post',
    path: '/api/v1/me/tokens/:id/revoke',
    action: revokeUserToken,
    params: { id: 'token_id' },
    response: ZUserTokenSchema,
  });
}
