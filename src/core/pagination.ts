import { z } from 'zod';
import { AppError } from './errors.js';

export const ZLimitSchema = z.coerce
  .number()
  .int()
  .min(1)
  .max(100)
  .default(25)
  .describe('How many items to return (1–100, default 25)');

export const ZCursorSchema = z
  .string()
  .max(200)
  .optional()
  .describe('The `next_cursor` of the previous page');

/** Cursors are opaque to clients: base64url of a JSON array of the last row's sort keys. */
export function encodeCursor(keys: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(keys)).toString('base64url');
}

export function decodeCursor<T extends z.ZodType>(cursor: string, schema: T): z.infer<T> {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // fall through to the same error as a well-formed but wrong cursor
  }
  throw new AppError('bad_request', 'Invalid cursor', {
    fields: [{ field: 'cursor', message: 'Invalid cursor' }],
  });
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

/** Given limit+1 rows, returns a page and the cursor of its last row when there is more. */
export function toPage<Row, T>(
  rows: Row[],
  limit: number,
  keysOf: (row: Row) => (string | number)[],
  map: (row: Row) => T,
): Page<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items: items.map(map),
    next_cursor: rows.length > limit && last ? encodeCursor(keysOf(last)) : null,
  };
}
