import { z } from 'zod';
import { ZEmailSchema } from '../../contacts/contacts.types.js';
import { zText } from '../../core/text.js';

/** The most a whole inbound message may weigh (MIME as sent, attachments included). */
export const EMAIL_MAX_BYTES = 25 * 1024 * 1024;
/** The most one attachment may weigh, decoded. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 20;

/** Limits an inbound message is checked against; tests and operators may lower them. */
export interface EmailLimits {
  maxBytes: number;
  maxAttachmentBytes: number;
  maxAttachments: number;
}

export const DEFAULT_EMAIL_LIMITS: EmailLimits = {
  maxBytes: EMAIL_MAX_BYTES,
  maxAttachmentBytes: ATTACHMENT_MAX_BYTES,
  maxAttachments: MAX_ATTACHMENTS,
};

/** A host name or IP address: no spaces, slashes or control characters. */
const ZHostSchema = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'Must be a host name or IP address')
  .describe('The SMTP server mail is sent through');

export const ZSmtpSecuritySchema = z
  .enum(['tls', 'starttls', 'none'])
  .describe(
    'tls: TLS from the start (port 465); starttls: upgrade required (587); none: plain (a local relay only)',
  );

/** Printable ASCII without spaces: what an SMTP user name can be without quoting trouble. */
const ZSmtpUserSchema = z
  .string()
  .min(1)
  .max(320)
  .regex(/^[\x21-\x7e]+$/, 'Must be printable ASCII without spaces');

const ZSmtpPasswordSchema = z
  .string()
  .min(1)
  .max(1000)
  .regex(/^[^\r\n\0]+$/, 'Must not contain line breaks or NUL characters')
  .describe('Stored encrypted; never returned');

export const ZEmailAddressSchema = ZEmailSchema.transform((value) => value.toLowerCase()).refine(
  (value) => !value.split('@')[0]!.includes('+'),
  'The inbox address must not contain "+": replies are addressed to local+token@domain',
);

export const ZEmailSettingsInputSchema = z
  .object({
    address: ZEmailAddressSchema.describe('The inbox address customers write to, e.g. support@example.com'),
    smtp: z
      .object({
        host: ZHostSchema,
        port: z.number().int().min(1).max(65535),
        security: ZSmtpSecuritySchema.default('starttls'),
        user: ZSmtpUserSchema.nullable().optional(),
        password: ZSmtpPasswordSchema.nullable().optional(),
      })
      .strict(),
  })
  .strict()
  .describe('Email inboxes: the address and the SMTP server outgoing mail is sent through');

export type TEmailSettingsInput = z.infer<typeof ZEmailSettingsInputSchema>;

/** A change of an email inbox's settings: what is given is replaced; `password: null` removes it. */
export const ZEmailSettingsPatchSchema = z
  .object({
    address: ZEmailSettingsInputSchema.shape.address.optional(),
    smtp: z
      .object({
        host: ZHostSchema.optional(),
        port: z.number().int().min(1).max(65535).optional(),
        security: ZSmtpSecuritySchema.optional(),
        user: ZSmtpUserSchema.nullable().optional(),
        password: ZSmtpPasswordSchema.nullable().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .describe('Email inboxes: a change of the address or SMTP server');

export type TEmailSettingsPatch = z.infer<typeof ZEmailSettingsPatchSchema>;

export const ZEmailSettingsSchema = z
  .object({
    address: z.string(),
    smtp: z.object({
      host: z.string(),
      port: z.number(),
      security: ZSmtpSecuritySchema,
      user: z.string().nullable(),
      password_set: z.boolean().describe('Whether a password is stored (it is never returned)'),
    }),
  })
  .meta({ id: 'EmailSettings' });

export type TEmailSettings = z.infer<typeof ZEmailSettingsSchema>;

const ZRfcIdSchema = zText(998).min(1);

/**
 * An inbound mail as the email action takes it: parsed, stripped and checked by `parseEmail`
 * before any transaction, so the action never sees raw MIME (nor writes it to the audit log).
 */
export const ZReceivedEmailSchema = z
  .object({
    /** The addresses the mail was delivered to (SMTP RCPT TO), if known. */
    envelope_to: z.array(z.string().max(320)).max(100),
    from: z.object({ address: ZEmailSchema, name: zText(200).nullable() }).strict(),
    /** Every address of To, Cc, Delivered-To and X-Original-To, lower case. */
    recipients: z.array(z.string().max(320)).max(500),
    subject: zText(998),
    message_id: ZRfcIdSchema.nullable(),
    /** In-Reply-To, then References newest first: where to look for the thread. */
    thread_ids: z.array(ZRfcIdSchema).max(100),
    /** The References the mail carried (oldest first), kept for our replies' own References. */
    references: z.array(ZRfcIdSchema).max(100),
    /** The text with quoted history and signature removed. */
    text: zText(200_000),
    full_text: zText(1_000_000),
    loop: z.enum(['bounce', 'auto_reply']).nullable(),
    bounce: z
      .object({ original_ids: z.array(ZRfcIdSchema).max(20), reason: zText(500) })
      .strict()
      .nullable(),
    /** Message-ID, or a digest of the whole mail when it has none: a repeat is stored once. */
    source_id: zText(200).min(1),
    attachments: z
      .array(
        z
          .object({
            filename: zText(255).min(1),
            content_type: zText(255).min(1),
            size: z.number().int().min(0),
            content: z.instanceof(Uint8Array),
          })
          .strict(),
      )
      .max(100),
  })
  .strict();

export type TReceivedEmail = z.infer<typeof ZReceivedEmailSchema>;

export const ZEmailReceiveResultSchema = z
  .object({
    outcome: z
      .enum(['stored', 'duplicate', 'bounce', 'auto_reply', 'ignored'])
      .describe(
        'stored: a customer message; duplicate: seen before; bounce: recorded on the message it bounced; auto_reply: noted, nothing sent; ignored: nothing to do',
      ),
    conversation_id: z.string().nullable(),
    message_id: z.string().nullable(),
    contact_id: z.string().nullable(),
  })
  .meta({ id: 'EmailReceiveResult' });

export type TEmailReceiveResult = z.infer<typeof ZEmailReceiveResultSchema>;
