import pg from 'pg';

/**
 * LISTENs on a PostgreSQL channel with a connection of its own, and reconnects if it drops. After a
 * reconnection `onReconnect` is told, since notifications sent meanwhile are lost. `ready` resolves
 * once it first listens.
 */
export function listenOnChannel(
  url: string,
  channel: string,
  handlers: { onPayload(payload: string): void; onReconnect(): void; onError(error: unknown): void },
): { ready: Promise<void>; stop(): Promise<void> } {
  let listening: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (listening = resolve));
  let client: pg.Client | null = null;
  let stopped = false;
  let connectedOnce = false;
  let retry: NodeJS.Timeout | null = null;
  const later = () => {
    if (!stopped && !retry)
      retry = setTimeout(() => {
        retry = null;
        void connect();
      }, 1000);
  };

  const connect = async () => {
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (message) => {
      if (message.channel === channel) handlers.onPayload(message.payload ?? '');
    });
    next.on('error', (error) => {
      handlers.onError(error);
      if (client === next) client = null;
      void next.end().catch(() => undefined);
      later();
    });
    try {
      await next.connect();
      await next.query(`listen ${channel}`);
      // Stopped while connecting: end this client too, or its socket keeps the process alive.
      if (stopped) {
        await next.end().catch(() => undefined);
        return;
      }
      client = next;
      if (connectedOnce) handlers.onReconnect();
      connectedOnce = true;
      listening();
    } catch (error) {
      handlers.onError(error);
      await next.end().catch(() => undefined);
      later();
    }
  };
  void connect();

  return {
    ready,
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
