import type { Logger } from 'pino';
import type { Actor } from '../core/actor.js';
import type { CommittedChange } from '../core/services.js';
import type { Executor } from '../db/database.js';
import { type Audience, audienceOf, mayHear } from './audience.js';
import type { TRealtimeEvent } from './realtime.types.js';

/** One open dashboard stream. */
export interface Listener {
  /** Who is listening; the stream replaces it when the person's role or inboxes change. */
  actor: Actor;
  send(event: TRealtimeEvent): void;
  /** The person behind the stream changed (role, inboxes): read it again, or end the stream. */
  recheck(): Promise<void>;
  /** Some changes may have been missed (a broadcast connection dropped): refetch everything. */
  resync(): void;
  close(): void;
}

function eventOf(change: CommittedChange, audience: Audience): TRealtimeEvent {
  const inboxes = audience.kind === 'inboxes' ? audience : null;
  return {
    action: change.action,
    outcome: change.outcome,
    target: change.targetType && change.targetId ? { type: change.targetType, id: change.targetId } : null,
    inbox_id: inboxes?.inboxIds.length === 1 ? inboxes.inboxIds[0]! : null,
    conversation_id: inboxes?.conversationId ?? null,
  };
}

/** Changes after which a stream reads its caller again: a credential ended, or the person changed. */
const CREDENTIAL_ACTIONS = new Set(['session.end', 'user_token.revoke']);

function mustRecheck(change: CommittedChange, actor: Actor): boolean {
  if (CREDENTIAL_ACTIONS.has(change.action)) return true;
  return change.targetType === 'user' && actor.kind === 'user' && actor.userId === change.targetId;
}

/**
 * This process's open dashboard streams, by account. Told of every committed change (directly, or
 * through PostgreSQL from every node), it works out once who may hear of it and tells each
 * listener that may: a teammate only hears of its own inboxes.
 */
export class RealtimeHub {
  private readonly accounts = new Map<string, Set<Listener>>();
  /** Each account's changes are delivered one after another, in the order they were told. */
  private readonly queues = new Map<string, Promise<void>>();
  /** Told of every change this node hears, before any audience is worked out (the web chat's streams). */
  private readonly watchers = new Set<(change: CommittedChange) => void>();

  constructor(private readonly services: { db: { kysely: Executor }; logger: Logger }) {}

  subscribe(listener: Listener): () => void {
    const { accountId } = listener.actor;
    const listeners = this.accounts.get(accountId) ?? new Set<Listener>();
    listeners.add(listener);
    this.accounts.set(accountId, listeners);
    return () => {
      listeners.delete(listener);
      if (!listeners.size && this.accounts.get(accountId) === listeners) this.accounts.delete(accountId);
    };
  }

  /** Hears every change this node hears (its own, and on PostgreSQL every node's), unfiltered. */
  watch(watcher: (change: CommittedChange) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** How many streams are open (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const listeners of this.accounts.values()) n += listeners.size;
    return n;
  }

  readonly publish = (change: CommittedChange): void => {
    for (const watcher of this.watchers) watcher(change);
    const listeners = this.accounts.get(change.accountId);
    if (!listeners?.size) return;
    const { accountId } = change;
    const queued = (this.queues.get(accountId) ?? Promise.resolve())
      .then(() => this.deliver(change, [...listeners]))
      .catch((err: unknown) =>
        this.services.logger.warn({ err, action: change.action }, 'realtime delivery failed'),
      )
      .finally(() => {
        if (this.queues.get(accountId) === queued) this.queues.delete(accountId);
      });
    this.queues.set(accountId, queued);
  };

  /**
   * Rechecks first, so that once a teammate has left an inbox, no later change of it reaches the
   * teammate's stream.
   */
  private async deliver(change: CommittedChange, listeners: Listener[]): Promise<void> {
    await Promise.all(listeners.filter((l) => mustRecheck(change, l.actor)).map((l) => l.recheck()));
    const audience = await audienceOf(this.services.db.kysely, change);
    if (!audience) return;
    const event = eventOf(change, audience);
    for (const listener of listeners) if (mayHear(listener.actor, audience)) listener.send(event);
  }

  resyncAll(): void {
    for (const listeners of this.accounts.values()) for (const listener of listeners) listener.resync();
  }

  closeAll(): void {
    for (const listeners of [...this.accounts.values()])
      for (const listener of [...listeners]) listener.close();
  }
}
