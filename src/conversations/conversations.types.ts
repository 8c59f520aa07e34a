import { z } from 'zod';
import { ZCursorSchema, ZLimitSchema } from '../core/pagination.js';
import { ZContentSchema, ZIdSchema, ZIsoTimeSchema, zText } from '../core/text.js';
import { ZMessageSchema } from '../messages/messages.types.js';

export const ZStatusSchema = z.enum(['open', 'pending', 'resolved', 'snoozed']);
export const ZPrioritySchema = z.enum(['none', 'low', 'medium', 'high', 'urgent']);
export const ZLabelSchema = zText(50)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _.:/-]*$/u, 'Labels are letters, digits, spaces and _ . : / -')
  .describe('A label, e.g. `billing`');

export const ZListConversationsInputSchema = z
  .object({
    inbox_id: ZIdSchema.optional().describe('Only this inbox'),
    status: ZStatusSchema.optional().describe('Only this status'),
    assignee: z
      .union([z.literal('me'), z.literal('none'), ZIdSchema])
      .optional()
      .describe('`me`, `none`, or a user id'),
    label: ZLabelSchema.optional().describe('Only conversations with this label'),
    query: zText(200).optional().describe('Full-text search over the messages'),
    limit: ZLimitSchema,
    cursor: ZCursorSchema,
  })
  .strict();

export const ZConversationIdInputSchema = z.object({ conversation_id: ZIdSchema }).strict();

export const ZUpdateConversationInputSchema = z
  .object({
    conversation_id: ZIdSchema,
    status: ZStatusSchema.optional(),
    snoozed_until: ZIsoTimeSchema.nullable().optional().describe('Wake-up time; required when snoozing'),
    assignee_id: ZIdSchema.nullable().optional().describe('A user id, or null to unassign'),
    labels: z.array(ZLabelSchema).max(20).optional().describe('The complete new set of labels'),
    priority: ZPrioritySchema.optional(),
  })
  .strict();

export const ZPostMessageInputSchema = z
  .object({
    conversation_id: ZIdSchema,
    content: ZContentSchema,
    private: z.boolean().default(false).describe('A private note instead of a reply to the customer'),
  })
  .strict();

export const ZConversationSchema = z
  .object({
    id: z.string(),
    inbox_id: z.string(),
    status: ZStatusSchema,
    snoozed_until: z.string().nullable(),
    priority: ZPrioritySchema,
    labels: z.array(z.string()),
    assignee_id: z.string().nullable(),
    contact: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }),
    // A union, not .nullable(): that would make the shared Message component itself nullable in OpenAPI.
    last_message: z.union([ZMessageSchema, z.null()]),
    last_activity_at: z.string(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Conversation' });

export type TConversation = z.infer<typeof ZConversationSchema>;
