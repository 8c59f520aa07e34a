import { z } from 'zod';
import { ZEmailSchema } from '../contacts/contacts.types.js';
import { ZIdSchema, zText } from '../core/text.js';

export const ZRoleSchema = z.enum(['admin', 'teammate']).describe('admin: everything; teammate: its inboxes');
export const ZPasswordSchema = zText(200).min(8, 'At least 8 characters');

export const ZCreateUserInputSchema = z
  .object({
    email: ZEmailSchema,
    password: ZPasswordSchema,
    role: ZRoleSchema,
    name: zText(200).min(1).optional(),
    inbox_ids: z.array(ZIdSchema).max(200).optional().describe("A teammate's inboxes"),
  })
  .strict();

export const ZUpdateUserInputSchema = z
  .object({
    user_id: ZIdSchema,
    name: zText(200).min(1).optional(),
    role: ZRoleSchema.optional(),
    inbox_ids: z.array(ZIdSchema).max(200).optional(),
  })
  .strict();

export const ZUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: ZRoleSchema,
    inbox_ids: z.array(z.string()),
    created_at: z.string(),
  })
  .meta({ id: 'User' });

export type TUser = z.infer<typeof ZUserSchema>;
