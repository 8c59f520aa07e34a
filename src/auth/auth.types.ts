import { z } from 'zod';
import { ZEmailSchema } from '../contacts/contacts.types.js';
import { ZIdSchema, zText } from '../core/text.js';

export const ZLoginInputSchema = z
  .object({
    email: ZEmailSchema,
    password: z.string().min(1).max(200),
  })
  .strict();

export const ZCreateUserTokenInputSchema = z
  .object({
    name: zText(100).min(1).default('API token').describe('What the token is for'),
    user_id: ZIdSchema.optional().describe('Whose token (operators only; people create their own)'),
  })
  .strict();

export const ZUserTokenSchema = z
  .object({ id: z.string(), name: z.string(), created_at: z.string(), revoked_at: z.string().nullable() })
  .meta({ id: 'UserToken' });

export type TUserToken = z.infer<typeof ZUserTokenSchema>;
