import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import { resolveSecret } from './config.js';
import { secretBox } from './core/crypto.js';
import type { Services } from './core/services.js';
import { openDb } from './db/database.js';
import { SandboxStores } from './sandbox/sandbox-stores.js';

/** Opens the database and builds the services an app and its background jobs share. */
export function createServices(
  config: Config,
  logger: Logger = pino({ level: config.logLevel }),
  options: { server?: boolean } = {},
): Services {
  const db = openDb(config.databaseUrl, {
    backgroundCheckpoints: options.server,
    cacheMb: config.sqliteCacheMb,
  });
  const box = secretBox(resolveSecret(config));
  const sandboxes = new SandboxStores(db, box);
  return {
    db,
    box,
    logger,
    now: () => new Date(),
    onDeliveryQueued: () => undefined,
    onLeashChanged: () => undefined,
    storeFetch: (store) => sandboxes.fetchFor(store),
    sandboxes,
  };
}
