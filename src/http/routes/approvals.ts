import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../core/services.js';
import {
  ZApprovalSchema,
  ZApproveInputSchema,
  ZListApprovalsInputSchema,
  ZRejectInputSchema,
} from '../../approvals/approvals.types.js';
import { approveApproval, listApprovals, rejectApproval } from '../../approvals/decide-approval.js';
import { actionRoute } from '../action-route.js';
import type { AppEnv } from '../env.js';
import { pageOf } from './conversations.js';

export function approvalRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/approvals',
    action: listApprovals,
    query: ZListApprovalsInputSchema,
    response: z.object({ approvals: z.array(ZApprovalSchema), next_cursor: z.string().nullable() }),
    present: pageOf('approvals'),
  });
  actionRoute(app, services, {
    method: 'post',
    path: '/api/v1/approvals/:id/approve',
    action: approveApproval,
    params: { id: 'approval_id' },
    body: ZApproveInputSchema.omit({ approval_id: true }),
    response: ZApprovalSchema,
    present: (decision) => decision.approval,
  });
  actionRoute(app, services, {
    method: 'post',
    path: '/api/v1/approvals/:id/reject',
    action: rejectApproval,
    params: { id: 'approval_id' },
    body: ZRejectInputSchema.omit({ approval_id: true }),
    response: ZApprovalSchema,
  });
}
