import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../core/services.js';
import { createAgent } from '../../agents/create-agent.js';
import { ZAgentSchema, ZCreateAgentInputSchema, ZUpdateAgentInputSchema } from '../../agents/agents.types.js';
import {
  getAgent,
  listAgents,
  pauseAgents,
  resumeAgents,
  revokeAgent,
  updateAgent,
} from '../../agents/manage-agents.js';
import { actionRoute } from '../action-route.js';
import type { AppEnv } from '../env.js';
import { pageOf } from './conversations.js';

const ZPausedSchema = z.object({ agents_paused: z.boolean() });

export function agentRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/agents',
    action: listAgents,
    query: listAgents.input,
    response: z.object({ agents: z.array(ZAgentSchema), next_cursor: z.string().nullable() }),
    present: pageOf('agents'),
  });
  actionRoute(app, services, {
    method: 'post',
    path: '/api/v1/agents',
    action: createAgent,
    body: ZCreateAgentInputSchema,
    response: ZAgentSchema.extend({ token: z.string().describe('The bot token (dwt_…), shown this once') }),
    status: 201,
  });
  actionRoute(app, services, {
    method: 'post',
    path: '/api/v1/agents/pause',
    action: pauseAgents,
    response: ZPausedSchema,
  });
  actionRoute(app, services, {
    method: 'post',
    path: '/api/v1/agents/resume',
    action: resumeAgents,
    response: ZPausedSchema,
  });
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/agents/:id',
    action: getAgent,
    params: { id: 'agent_id' },
    response: ZAgentSchema,
  });
  actionRoute(app, services, {
    method: 'patch',
    path: '/api/v1/agents/:id',
    action: updateAgent,
    params: { id: 'agent_id' },
    body: ZUpdateAgentInputSchema.omit({ agent_id: true }),
    response: ZAgentSchema,
  });
  actionRoute(app, services, {
    method: 'post',
    path: '/api/v1/agents/:id/revoke',
    action: revokeAgent,
    params: { id: 'agent_id' },
    response: ZAgentSchema,
  });
}
