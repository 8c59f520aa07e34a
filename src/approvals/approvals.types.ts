import { z } from 'zod';
import { ZCursorSchema, ZLimitSchema } from '../core/pagination.js';
import { ZContentSchema, ZIdSchema, zText } from '../core/text.js';
import { ZMoneyApprovalDetailsSchema } from '../stores/stores.types.js';

export const ZApprovalStatusSchema = z.enum(['pending', 'approved', 'rejected', 'cancelled', 'failed']);

export const ZListApprovalsInputSchema = z
  .object({
    status: ZApprovalStatusSchema.optional().describe('Default: every status'),
    agent_id: ZIdSchema.optional(),
    limit: ZLimitSchema,
    cursor: ZCursorSchema,
  })
  .strict();

export const ZApproveInputSchema = z
  .object({
    approval_id: ZIdSchema,
    content: ZContentSchema.optional().describe('The edited text to send instead of the draft'),
  })
  .strict();

export const ZRejectInputSchema = z
  .object({
    approval_id: ZIdSchema,
    reason: zText(1000).optional().describe('Why; shown to the agent and kept in the audit log'),
  })
  .strict();

export const ZApprovalSchema = z
  .object({
    id: z.string(),
    agent: z.object({ id: z.string(), name: z.string() }),
    action: z.string().describe('e.g. conversation.reply'),
    input: z.record(z.string(), z.unknown()).describe('What the agent proposed'),
    inbox_id: z.string().nullable(),
    conversation_id: z.string().nullable(),
    reason: z.string().describe('Why a person is asked: `supervised`, or the limit that was exceeded'),
    status: ZApprovalStatusSchema,
    decided_by: z.string().nullable(),
    decided_at: z.string().nullable(),
    decision_note: z.string().nullable(),
    edited_input: z.record(z.string(), z.unknown()).nullable(),
    result: z.unknown().nullable(),
    details: z
      .union([ZMoneyApprovalDetailsSchema, z.null()])
      .describe(
        'For a money proposal: the order, the amount and the limit that asked for a person; null for drafts',
      ),
    created_at: z.string(),
  })
  .meta({ id: 'Approval' });

export type TApproval = z.infer<typeof ZApprovalSchema>;
