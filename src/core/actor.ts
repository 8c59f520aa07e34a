import type { Scope } from './scopes.js';

export type Role = 'admin' | 'teammate';
export type AgentMode = 'supervised' | 'autonomous';

/** Which inboxes an actor may see: every inbox of its account, or a fixed list. */
export type InboxScope = 'all' | readonly string[];

/**
 * Who is acting. Every door resolves its caller into one of these and hands it to `perform`;
 * nothing below the doors looks at headers or cookies.
 */
export type Actor =
  | {
      kind: 'user';
      accountId: string;
      userId: string;
      role: Role;
      inboxes: InboxScope;
      /** Set when the user called with an API token rather than a session. */
      tokenId: string | null;
    }
  /** An AI agent, acting with one of its bot tokens. */
  | {
      kind: 'agent';
      accountId: string;
      agentId: string;
      tokenId: string;
      scopes: readonly Scope[];
      inboxes: InboxScope;
      mode: AgentMode;
      /**
       * Whether the account's agents were paused when this actor was read (on every request). A
       * read stops on it; a write re-reads the leash inside its own transaction.
       */
      paused: boolean;
    }
  /** An inbound channel call, authenticated by the inbox secret. */
  | { kind: 'channel'; accountId: string; inboxId: string }
  /** Deskwoot itself: snooze wake-ups, demo seeding, the CLI acting for an operator. */
  | { kind: 'system'; accountId: string; reason: string };

export type ActorKind = Actor['kind'];

export function canSeeInbox(actor: Actor, inboxId: string): boolean {
  switch (actor.kind) {
    case 'user':
    case 'agent':
      return actor.inboxes === 'all' || actor.inboxes.includes(inboxId);
    case 'channel':
      return actor.inboxId === inboxId;
    case 'system':
      return true;
  }
}

/** The inbox ids a query must be limited to, or null for "every inbox of the account". */
export function inboxFilter(actor: Actor): readonly string[] | null {
  if (actor.kind === 'user' || actor.kind === 'agent') return actor.inboxes === 'all' ? null : actor.inboxes;
  if (actor.kind === 'channel') return [actor.inboxId];
  return null;
}

export function actorId(actor: Actor): string | null {
  switch (actor.kind) {
    case 'user':
      return actor.userId;
    case 'agent':
      return actor.agentId;
    case 'channel':
      return actor.inboxId;
    case 'system':
      return null;
  }
}

/** The author of what Deskwoot writes itself (activity lines, wake-ups, channel events). */
export const SYSTEM_AUTHOR = { author_kind: 'system', author_id: null } as const;

/** The author recorded on messages an actor writes. */
export function messageAuthor(actor: Actor): {
  author_kind: 'user' | 'agent' | 'system';
  author_id: string | null;
} {
  if (actor.kind === 'user') return { author_kind: 'user', author_id: actor.userId };
  if (actor.kind === 'agent') return { author_kind: 'agent', author_id: actor.agentId };
  return SYSTEM_AUTHOR;
}

/** The token an actor used, for the audit log. */
export function actorTokenId(actor: Actor): string | null {
  return actor.kind === 'user' || actor.kind === 'agent' ? actor.tokenId : null;
}
