import type { Services } from '../core/services.js';
import { postgresChangeFanOut } from './change-broadcast.js';
import { RealtimeHub } from './realtime-hub.js';

export interface Realtime {
  hub: RealtimeHub;
  /** Resolves once changes from every node are heard (at once with SQLite). */
  ready: Promise<void>;
  stop(): Promise<void>;
}

/**
 * Wires the after-commit hook to this process's dashboard streams. With SQLite (one node) changes
 * go straight to the hub; with PostgreSQL they go round through NOTIFY, so every node hears every
 * change once, its own included.
 */
export function startRealtime(services: Services): Realtime {
  const hub = new RealtimeHub(services);
  const previous = services.onCommitted;
  if (services.db.dialect !== 'postgres') {
    services.onCommitted = (change) => {
      previous?.(change);
      hub.publish(change);
    };
    return {
      hub,
      ready: Promise.resolve(),
      async stop() {
        hub.closeAll();
        services.onCommitted = previous;
      },
    };
  }
  const fanOut = postgresChangeFanOut(services.db, services.logger, {
    onChange: hub.publish,
    onReconnect: () => hub.resyncAll(),
  });
  services.onCommitted = (change) => {
    previous?.(change);
    fanOut.publish(change);
  };
  return {
    hub,
    ready: fanOut.ready,
    async stop() {
      hub.closeAll();
      services.onCommitted = previous;
      await fanOut.stop();
    },
  };
}
