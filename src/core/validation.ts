import type { z } from 'zod';
import { AppError, type FieldIssue } from './errors.js';

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return { field: [...path, ...issue.keys].join('.'), message: 'Unknown field' };
    }
    return { field: path.join('.') || '(body)', message: issue.message };
  });
}

export function badRequest(error: z.ZodError, where = 'input'): AppError {
  const fields = fieldIssues(error);
  const names = [...new Set(fields.map((f) => f.field))].join(', ');
  return new AppError('bad_request', `Invalid ${where}: ${names}`, { fields });
}

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, where?: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(parsed.error, where);
  return parsed.data;
}
