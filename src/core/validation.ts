import type { z } from 'zod';
import { AppError, type FieldIssue } from './errors.js';

export function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      // One issue per key: `{ a, b }` are two unknown fields, not a field `a.b`.
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), message: 'Unknown field' }));
    }
    return [{ field: path.join('.') || '(body)', message: issue.message }];
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
