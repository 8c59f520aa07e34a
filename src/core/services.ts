import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import type { SecretBox } from './crypto.js';

/** What a running Deskwoot hands to its actions: the database and a few process-wide helpers. */
export interface Services {
  db: Db;
  box: SecretBox;
  logger: Logger;
  now: () => Date;
  /** Nudged after a commit that queued outbound deliveries, so they go out without waiting for a poll. */
  onDeliveryQueued: () => void;
}
