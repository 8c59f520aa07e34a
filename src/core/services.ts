import type { Logger } from 'pino';
import type { Db } from '../db/database.js';
import type { Store } from '../db/schema.js';
import type { SecretBox } from './crypto.js';
import type { SandboxStores } from '../sandbox/sandbox-stores.js';

/** What a running Deskwoot hands to its actions: the database and a few process-wide helpers. */
export interface Services {
  db: Db;
  box: SecretBox;
  logger: Logger;
  now: () => Date;
  /** Nudged after a commit that queued outbound deliveries, so they go out without waiting for a poll. */
  onDeliveryQueued: () => void;
  /**
   * Told after a commit that revoked an agent, or paused or resumed all agents of an account
   * (`agentId: null`), so open MCP sessions of what was cut off end at once.
   */
  onLeashChanged?: (change: LeashChange) => void;
  /**
   * Told after commit of every audited change (by people, agents, channels or the system), e.g. to
   * push realtime updates to dashboards. Never told of reads or refusals.
   */
  onCommitted?: (change: CommittedChange) => void;
  /**
   * How a store's connector reaches its store when not over the network: the demo's in-process
   * sandbox answers this way. Null or absent: the network.
   */
  storeFetch?: (store: Store) => typeof fetch | null;
  /** How long a store call may take before it counts as timed out (default 15 s). */
  storeTimeoutMs?: number;
  /** The in-process sandbox stores (the demo seeds them). */
  sandboxes?: SandboxStores;
}

/** What an audited change touched, for listeners after commit. Carries no input or secrets. */
export interface CommittedChange {
  accountId: string;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
}

export interface LeashChange {
  accountId: string;
  /** The agent that was revoked, or null for an account-wide pause. */
  agentId: string | null;
}
