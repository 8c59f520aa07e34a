import { z } from 'zod';
import { ZEmailSchema, ZPhoneSchema } from '../../contacts/contacts.types.js';
import { ZContentSchema, ZIdSchema, zText } from '../../core/text.js';

export const ZIncomingInputSchema = z
  .object({
    contact: z
      .object({
        email: ZEmailSchema.optional(),
        name: zText(200).min(1).optional(),
        phone: ZPhoneSchema.optional(),
        external_id: zText(200).min(1).optional().describe("The customer's id in your system"),
      })
      .strict()
      .refine((c) => c.email !== undefined || c.external_id !== undefined, {
        message: 'Give an email or an external_id',
        path: ['email'],
      }),
    content: ZContentSchema,
    conversation_id: ZIdSchema.optional().describe('Append to this conversation of the contact'),
    source_id: zText(200)
      .min(1)
      .optional()
      .describe('Your id for this message; a repeat is not stored twice'),
  })
  .strict();

export type TIncomingInput = z.infer<typeof ZIncomingInputSchema>;

export const ZIncomingResultSchema = z.object({
  contact_id: z.string(),
  conversation_id: z.string(),
  message_id: z.string(),
  duplicate: z.boolean().describe('True when source_id was seen before; nothing new was stored'),
});

export type TIncomingResult = z.infer<typeof ZIncomingResultSchema>;
