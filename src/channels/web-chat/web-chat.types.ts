import { z } from 'zod';
import { ZEmailSchema } from '../../contacts/contacts.types.js';
import { ZIdSchema, zText } from '../../core/text.js';

/** The longest chat message a visitor may send (a teammate's reply keeps the usual 20,000). */
export const MAX_CHAT_MESSAGE = 5_000;

/** `https://shop.example` or `http://127.0.0.1:8080`: scheme, host and port only, as browsers send it. */
export const ZOriginSchema = zText(300)
  .refine((value) => {
    if (value === '*') return true;
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
    } catch {
      return false;
    }
  }, 'Must be an origin such as https://shop.example (scheme, host and port; no path), or "*"')
  .describe('A site the widget may be embedded on, e.g. https://shop.example');

export const ZAllowedOriginsSchema = z
  .array(ZOriginSchema)
  .max(50)
  .refine((list) => !list.includes('*') || list.length === 1, '"*" must be the only entry when given')
  .describe('Origins the widget may be used from; ["*"] allows any site, and must be said explicitly');

export const ZWebChatSettingsInputSchema = z
  .object({
    allowed_origins: ZAllowedOriginsSchema.optional(),
    require_email: z.boolean().optional().describe('Ask for the visitor’s email before the first message'),
    identity: z
      .enum(['optional', 'required'])
      .optional()
      .describe('`required`: only visitors whose identity the site signed (HMAC of the user id) may chat'),
    fallback_email_inbox_id: ZIdSchema.nullable()
      .optional()
      .describe(
        'An email inbox of the account that mails replies to visitors who left the page (they must have given an email); null: none',
      ),
  })
  .strict()
  .describe('Web chat inboxes only: where the widget may run and what it asks of visitors');

export type TWebChatSettingsInput = z.infer<typeof ZWebChatSettingsInputSchema>;

export const ZWebChatSettingsSchema = z
  .object({
    public_key: z.string().describe('Goes in the embed snippet; public, not a secret'),
    allowed_origins: z.array(z.string()),
    require_email: z.boolean(),
    identity: z.enum(['optional', 'required']),
    fallback_email_inbox_id: z
      .string()
      .nullable()
      .describe('The email inbox that mails replies to visitors who left the page; null: none'),
  })
  .meta({ id: 'WebChatSettings' });

export type TWebChatSettings = z.infer<typeof ZWebChatSettingsSchema>;

const ZPublicKeySchema = zText(100).regex(/^dwc_[A-Za-z0-9_-]+$/, 'Not a widget public key');
const ZVisitorTokenSchema = zText(200).regex(/^dwv_[A-Za-z0-9_-]+$/, 'Not a visitor token');

export const ZVisitorIdentitySchema = z
  .object({
    user_id: zText(200).min(1).describe('The signed-in customer’s id on your site'),
    email: ZEmailSchema.optional(),
    name: zText(200).min(1).optional(),
    hash: z
      .string()
      .regex(/^[0-9a-fA-F]{64}$/, 'Must be the hex HMAC-SHA256 of user_id keyed by the inbox secret'),
  })
  .strict();

export const ZStartSessionInputSchema = z
  .object({
    public_key: ZPublicKeySchema,
    visitor_token: ZVisitorTokenSchema.optional().describe('Resume this visitor, if it is still valid'),
    email: ZEmailSchema.optional().describe('From the pre-chat form'),
    name: zText(200).min(1).optional(),
    identity: ZVisitorIdentitySchema.optional(),
  })
  .strict();

export type TStartSessionInput = z.infer<typeof ZStartSessionInputSchema>;

export const ZChatMessageSchema = z
  .object({
    id: z.string(),
    from: z.enum(['visitor', 'team']),
    author_name: z.string().nullable().describe('The teammate’s name on replies by a person'),
    content: z.string().describe('Plain text; shown as text, never as HTML'),
    created_at: z.string(),
  })
  .meta({ id: 'WebChatMessage' });

export type TChatMessage = z.infer<typeof ZChatMessageSchema>;

export const ZSessionSchema = z.object({
  visitor_token: z.string().describe('Kept by the widget; send it back to resume'),
  conversation_id: z.string().nullable(),
  verified: z.boolean(),
  email: z.string().nullable(),
  messages: z.array(ZChatMessageSchema),
});

export type TSession = z.infer<typeof ZSessionSchema>;

export const ZSendMessageInputSchema = z
  .object({
    public_key: ZPublicKeySchema,
    visitor_token: ZVisitorTokenSchema,
    content: zText(MAX_CHAT_MESSAGE)
      .refine((value) => value.trim().length > 0, 'Must not be empty')
      .describe(`Message text (1–${MAX_CHAT_MESSAGE} characters)`),
  })
  .strict();

export const ZReadMessagesInputSchema = z
  .object({
    public_key: ZPublicKeySchema,
    visitor_token: ZVisitorTokenSchema,
    after: zText(64).optional().describe('Only messages after this message id'),
  })
  .strict();

export const ZWidgetConfigSchema = z.object({
  require_email: z.boolean(),
  identity: z.enum(['optional', 'required']),
});
