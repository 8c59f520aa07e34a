import { z } from 'zod';
import { ZCursorSchema, ZLimitSchema } from '../core/pagination.js';
import { ZIdSchema, zText } from '../core/text.js';

export const ZEmailSchema = z.email({ error: 'Must be an email address' }).max(254);
export const ZPhoneSchema = z
  .string()
  .regex(/^\+?[0-9 ()./-]{3,32}$/, 'Must be a phone number, e.g. +44 20 7946 0958')
  .describe('A phone number');

const RESERVED_ATTRIBUTE_NAMES = ['__proto__', 'constructor', 'prototype'];

const ZAttributeValueSchema = z.union([zText(1000), z.number().finite(), z.boolean(), z.null()]);

export const ZCustomAttributesSchema = z
  .record(
    zText(64)
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'Attribute names are letters, digits and _')
      // Names that mean something to every JavaScript object (bodies with `__proto__` are refused as they are read).
      .refine((name) => !RESERVED_ATTRIBUTE_NAMES.includes(name), 'This attribute name is reserved'),
    ZAttributeValueSchema,
  )
  .refine((value) => Object.keys(value).length <= 50, 'At most 50 attributes')
  .describe('Custom attributes; a null value removes the attribute');

export const ZListContactsInputSchema = z
  .object({
    query: zText(200).optional().describe('Matches name, email or phone'),
    limit: ZLimitSchema,
    cursor: ZCursorSchema,
  })
  .strict();

export const ZContactIdInputSchema = z.object({ contact_id: ZIdSchema }).strict();

export const ZUpdateContactInputSchema = z
  .object({
    contact_id: ZIdSchema,
    name: zText(200).min(1).nullable().optional(),
    email: ZEmailSchema.nullable().optional(),
    phone: ZPhoneSchema.nullable().optional(),
    custom_attributes: ZCustomAttributesSchema.optional(),
  })
  .strict();

export const ZContactSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    custom_attributes: z.record(z.string(), z.unknown()),
    external_ids: z.array(z.object({ namespace: z.string(), value: z.string() })),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Contact' });

export type TContact = z.infer<typeof ZContactSchema>;
