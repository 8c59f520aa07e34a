import { z } from 'zod';
import { isStorableText, ZIdSchema, zText } from '../core/text.js';
import { ZWebChatSettingsInputSchema, ZWebChatSettingsSchema } from '../channels/web-chat/web-chat.types.js';
import {
  ZEmailSettingsInputSchema,
  ZEmailSettingsPatchSchema,
  ZEmailSettingsSchema,
} from '../channels/email/email.types.js';

export const ZInboxTypeSchema = z.enum(['api', 'email', 'web_chat']);

export const ZWebhookUrlSchema = z
  .url({ protocol: /^https?$/, error: 'Must be an http(s) URL' })
  .max(2000)
  .refine(isStorableText, 'Must not contain NUL characters or lone surrogates')
  .describe('Where outgoing messages of an API inbox are POSTed');

export const ZCreateInboxInputSchema = z
  .object({
    type: ZInboxTypeSchema,
    name: zText(100).min(1),
    webhook_url: ZWebhookUrlSchema.nullable().optional(),
    web_chat: ZWebChatSettingsInputSchema.optional(),
    email: ZEmailSettingsInputSchema.optional(),
  })
  .strict();

export const ZUpdateInboxInputSchema = z
  .object({
    inbox_id: ZIdSchema,
    name: zText(100).min(1).optional(),
    webhook_url: ZWebhookUrlSchema.nullable().optional(),
    web_chat: ZWebChatSettingsInputSchema.optional(),
    email: ZEmailSettingsPatchSchema.optional(),
  })
  .strict();

export const ZInboxIdInputSchema = z.object({ inbox_id: ZIdSchema }).strict();

export const ZInboxSchema = z
  .object({
    id: z.string(),
    type: ZInboxTypeSchema,
    name: z.string(),
    webhook_url: z.string().nullable(),
    web_chat: ZWebChatSettingsSchema.nullable().describe('The widget settings of a web_chat inbox'),
    email: ZEmailSettingsSchema.nullable().describe('The address and SMTP server of an email inbox'),
    created_at: z.string(),
  })
  .meta({ id: 'Inbox' });

export type TInbox = z.infer<typeof ZInboxSchema>;
