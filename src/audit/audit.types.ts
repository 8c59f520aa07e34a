import { z } from 'zod';
import { ZCursorSchema, ZLimitSchema } from '../core/pagination.js';
import { ZIdSchema, ZIsoTimeSchema, zText } from '../core/text.js';

export const ZOutcomeSchema = z.enum([
  'succeeded',
  'denied',
  'pending_approval',
  'approved',
  'rejected',
  'failed',
]);

export const ZAuditFilterSchema = z
  .object({
    actor: ZIdSchema.optional().describe('A user or agent id'),
    action: zText(100).optional().describe('e.g. conversation.update'),
    outcome: ZOutcomeSchema.optional(),
    since: ZIsoTimeSchema.optional(),
    until: ZIsoTimeSchema.optional(),
  })
  .strict();

export const ZListAuditInputSchema = ZAuditFilterSchema.extend({
  limit: ZLimitSchema,
  cursor: ZCursorSchema,
}).strict();

export const ZAuditEventSchema = z
  .object({
    id: z.string(),
    seq: z.number(),
    actor: z.object({ kind: z.string(), id: z.string().nullable(), token_id: z.string().nullable() }),
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    outcome: ZOutcomeSchema,
    reason: z.string().nullable(),
    input: z.unknown(),
    result: z.unknown(),
    created_at: z.string(),
    prev_hash: z.string(),
    hash: z.string(),
  })
  .meta({ id: 'AuditEvent' });

export type TAuditEvent = z.infer<typeof ZAuditEventSchema>;
