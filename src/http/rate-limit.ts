import { AppError } from '../core/errors.js';

/**
 * A fixed-window counter per key, in this process's memory. Good enough for login throttling; the
 * windows are short and a restart forgets them, which errs on the side of letting people in.
 */
export function fixedWindowLimiter(options: { limit: number; windowMs: number; maxKeys?: number }) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    hit(key: string, now = Date.now()): void {
      let window = windows.get(key);
      if (!window || window.resetAt <= now) {
        if (windows.size >= (options.maxKeys ?? 100_000)) {
          for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
        }
        window = { count: 0, resetAt: now + options.windowMs };
        windows.set(key, window);
      }
      window.count += 1;
      if (window.count > options.limit) {
        const retry = Math.max(1, Math.ceil((window.resetAt - now) / 1000));
        throw new AppError('rate_limited', 'Too many attempts; try again later', {
          retry_after_seconds: retry,
        });
      }
    },
    reset(key: string): void {
      windows.delete(key);
    },
  };
}
