/** One Server-Sent Event as read off the wire. */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Reads Server-Sent Events from a streaming response, for tests: `next(predicate)` resolves with
 * the first event (from now on, or already buffered) that matches, or rejects once the stream ends
 * or `timeoutMs` passes without one.
 */
export function readEvents(response: Response) {
  const body = response.body;
  if (!body) throw new Error('The response has no body to stream');
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  const events: SseEvent[] = [];
  let ended = false;
  const waiter: { wake: (() => void) | null } = { wake: null };
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const lines = block.split('\n').filter((line) => !line.startsWith(':'));
          if (!lines.length) continue;
          const field = (name: string) =>
            lines
              .filter((line) => line.startsWith(`${name}:`))
              .map((line) => line.slice(name.length + 1).replace(/^ /, ''));
          events.push({ event: field('event')[0] ?? 'message', data: field('data').join('\n') });
        }
        waiter.wake?.();
      }
    } catch {
      // cancelled or cut: the stream has ended
    }
    ended = true;
    waiter.wake?.();
  })();

  let seen = 0;
  return {
    events,
    get ended() {
      return ended;
    },
    async next(predicate: (event: SseEvent) => boolean = () => true, timeoutMs = 10_000): Promise<SseEvent> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (seen < events.length) {
          const event = events[seen++]!;
          if (predicate(event)) return event;
        }
        if (ended) throw new Error(`The stream ended; events: ${JSON.stringify(events)}`);
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`No matching event; events: ${JSON.stringify(events)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiter.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        waiter.wake = null;
      }
    },
    /** Every event seen so far, to assert what did not arrive. */
    all: () => [...events],
    close: () => reader.cancel().catch(() => undefined),
  };
}
