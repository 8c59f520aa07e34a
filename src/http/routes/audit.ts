import type { OpenAPIHono } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import type { Services } from '../../core/services.js';
import { perform } from '../../core/perform.js';
import { exportAuditAction, verifyAuditAction } from '../../audit/export-audit.js';
import { ZAuditEventSchema, ZListAuditInputSchema } from '../../audit/audit.types.js';
import { listAudit } from '../../audit/list-audit.js';
import { actionRoute, requireActor } from '../action-route.js';
import type { AppEnv } from '../env.js';
import { pageOf } from './conversations.js';

export function auditRoutes(app: OpenAPIHono<AppEnv>, services: Services): void {
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/audit',
    action: listAudit,
    query: ZListAuditInputSchema,
    response: z.object({ events: z.array(ZAuditEventSchema), next_cursor: z.string().nullable() }),
    present: pageOf('events'),
  });
  actionRoute(app, services, {
    method: 'get',
    path: '/api/v1/audit/verify',
    action: verifyAuditAction,
    response: z.object({ ok: z.boolean(), events: z.number(), break: z.unknown() }),
  });

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/v1/audit/export',
    summary: exportAuditAction.summary,
    request: { query: exportAuditAction.input },
    responses: { 200: { description: 'JSONL (application/x-ndjson) or CSV (text/csv)' } },
  });
  app.get('/api/v1/audit/export', async (c) => {
    const query = c.req.query();
    const lines = await perform(services, requireActor(c), exportAuditAction, query);
    const csv = query.format === 'csv';
    c.header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    c.header('content-disposition', `attachment; filename="deskwoot-audit.${csv ? 'csv' : 'jsonl'}"`);
    return stream(c, async (out) => {
      for await (const line of lines) await out.write(line);
    });
  });
}
