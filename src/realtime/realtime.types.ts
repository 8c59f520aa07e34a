import { z } from 'zod';

/**
 * What a dashboard hears when something it may see changed: which action, on what. It names the
 * change and never carries its contents, so a listener fetches what it needs through the REST API
 * and the usual visibility rules.
 */
export const ZRealtimeEventSchema = z
  .object({
    action: z.string().describe('The audited action, e.g. `conversation.update`'),
    outcome: z.string().describe('Its audit outcome, e.g. `succeeded` or `pending_approval`'),
    target: z.object({ type: z.string(), id: z.string() }).nullable(),
    inbox_id: z.string().nullable().describe('The inbox the change belongs to, when it belongs to one'),
    conversation_id: z.string().nullable().describe('The conversation it touched, when it touched one'),
  })
  .meta({ id: 'RealtimeEvent' });

export type TRealtimeEvent = z.infer<typeof ZRealtimeEventSchema>;
