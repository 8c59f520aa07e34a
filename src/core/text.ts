import { z } from 'zod';

/** Strings from outside: bounded, and free of NUL, which PostgreSQL cannot store in text. */
export function zText(max: number) {
  return z
    .string()
    .max(max)
    .refine((value) => !value.includes('\u0000'), 'Must not contain NUL characters');
}

export const ZContentSchema = zText(20_000)
  .refine((value) => value.trim().length > 0, 'Must not be empty')
  .describe('Message text (1–20,000 characters)');

export const ZIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Not a valid id');

export const ZIsoTimeSchema = z.iso
  .datetime({ offset: true })
  .describe('An ISO-8601 time, e.g. 2026-11-24T09:00:00Z');

export function toIso(value: string): string {
  return new Date(value).toISOString();
}
