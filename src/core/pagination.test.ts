import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './errors.js';
import { decodeCursor, encodeCursor, toPage } from './pagination.js';

const keys = z.tuple([z.string(), z.string()]);

describe('cursors', () => {
  it('round-trip the sort keys of the last row', () => {
    expect(decodeCursor(encodeCursor(['2026-11-24T09:00:00.000Z', 'conv_1']), keys)).toEqual([
      '2026-11-24T09:00:00.000Z',
      'conv_1',
    ]);
  });

  it('reject garbage with a 400 naming the cursor', () => {
    for (const bad of ['%%%', 'bm90IGpzb24', encodeCursor([1, 2])]) {
      const error = (() => {
        try {
          decodeCursor(bad, keys);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).details?.fields?.[0]?.field).toBe('cursor');
    }
  });

  it('give a next cursor only when there is another row', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(
      toPage(
        rows,
        2,
        (r) => [r.id],
        (r) => r.id,
      ),
    ).toEqual({ items: ['a', 'b'], next_cursor: encodeCursor(['b']) });
    expect(
      toPage(
        rows,
        3,
        (r) => [r.id],
        (r) => r.id,
      ).next_cursor,
    ).toBeNull();
  });
});
