/**
 * What a bot token may be granted (SPEC §2.1). Policy as data: each scope says whether it moves
 * money (off by default, needs limits) and what it allows, for docs and the dashboard.
 */
export const SCOPES = {
  'conversations:read': {
    money: false,
    allows: "List and read conversations and messages in the token's inboxes",
  },
  'contacts:read': { money: false, allows: "Read contacts that have a conversation in the token's inboxes" },
  'orders:read': {
    money: false,
    allows: "Read those contacts' orders and subscriptions from connected stores",
  },
  'replies:write': { money: false, allows: "Reply to a customer on the conversation's own channel" },
  'notes:write': { money: false, allows: 'Add a private note' },
  'conversations:update': { money: false, allows: 'Change status, labels, priority; hand off to a human' },
  'contacts:write': {
    money: false,
    allows: "Update a visible contact's name, email, phone, custom attributes",
  },
  'outbound:write': { money: false, allows: 'Start a conversation with one contact in an allowed inbox' },
  'refunds:write': { money: true, allows: 'Refund an order' },
  'orders:cancel': { money: true, allows: 'Cancel an order' },
  'subscriptions:cancel': { money: true, allows: 'Cancel a subscription' },
} as const satisfies Record<string, { money: boolean; allows: string }>;

export type Scope = keyof typeof SCOPES;

export const ALL_SCOPES = Object.keys(SCOPES) as Scope[];

/** A new token gets read-only access unless more is granted. */
export const DEFAULT_SCOPES: readonly Scope[] = ['conversations:read', 'contacts:read', 'orders:read'];

export function isScope(value: string): value is Scope {
  return Object.hasOwn(SCOPES, value);
}
