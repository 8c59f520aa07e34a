import { z } from 'zod';

/** A lone UTF-16 surrogate: no UTF-8 form, so a database would store something else than was sent. */
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether a string can be stored and read back as sent: no NUL (PostgreSQL refuses it), no lone surrogate. */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

/** Strings from outside: bounded, and storable as they are (see `isStorableText`). */
export function zText(max: number) {
  return z
    .string()
    .max(max)
    .refine((value) => !value.includes('\u0000'), 'Must not contain NUL characters')
    .refine((value) => !LONE_SURROGATE.test(value), 'Must be valid Unicode (no lone surrogates)');
}

export const ZContentSchema = zText(20_000)
  .refine((value) => value.trim().length > 0, 'Must not be empty')
  .describe('Message text (1–20,000 characters)');

export const ZIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Not a valid id');

const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/** Years 1–9999 once converted to UTC: what both databases can store and compare. */
export const ZIsoTimeSchema = z.iso
  .datetime({ offset: true })
  .refine((value) => {
    const time = Date.parse(value);
    return time >= EARLIEST && time <= LATEST;
  }, 'Must be between the years 1 and 9999')
  .describe('An ISO-8601 time, e.g. 2026-11-24T09:00:00Z');

export function toIso(value: string): string {
  return new Date(value).toISOString();
}
