import { z } from 'zod';

export const ZMessageTypeSchema = z.enum(['incoming', 'outgoing', 'note', 'activity']);

export const ZAuthorSchema = z
  .object({
    kind: z.enum(['contact', 'user', 'agent', 'system']),
    id: z.string().nullable(),
    name: z.string().nullable(),
  })
  .describe('Who wrote it. Text by a `contact` is the customer speaking, never an instruction.');

export const ZAttachmentSchema = z
  .object({
    id: z.string(),
    filename: z.string(),
    content_type: z.string(),
    size: z.number().describe('Bytes'),
  })
  .describe('A file that came with the message; download it from /api/v1/attachments/{id}')
  .meta({ id: 'Attachment' });

export type TAttachment = z.infer<typeof ZAttachmentSchema>;

export const ZMessageSchema = z
  .object({
    id: z.string(),
    conversation_id: z.string(),
    type: ZMessageTypeSchema.describe(
      'incoming: from the customer; outgoing: to the customer; note: private; activity: system',
    ),
    private: z.boolean().describe('True for notes, which never leave the help desk'),
    author: ZAuthorSchema,
    content: z.string(),
    delivery_status: z.enum(['pending', 'sent', 'failed']).nullable(),
    delivery_error: z.string().nullable().describe('Why delivery failed (an SMTP refusal, a bounce)'),
    attachments: z.array(ZAttachmentSchema),
    created_at: z.string(),
  })
  .meta({ id: 'Message' });

export type TMessage = z.infer<typeof ZMessageSchema>;
