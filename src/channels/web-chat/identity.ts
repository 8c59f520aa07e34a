import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The hash a site computes on its server for a signed-in customer, as other help desks' widgets
 * expect: hex HMAC-SHA256 of the user id, keyed by the inbox secret.
 */
export function identityHash(inboxSecret: string, userId: string): string {
  return createHmac('sha256', inboxSecret).update(userId, 'utf8').digest('hex');
}

/** Whether `hash` is the identity hash of `userId`; compared in constant time. */
export function verifyIdentity(inboxSecret: string, userId: string, hash: string): boolean {
  const expected = Buffer.from(identityHash(inboxSecret, userId), 'hex');
  const given = Buffer.from(hash.toLowerCase(), 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Whether a browser `Origin` may use an inbox's widget: listed exactly, or the list is `["*"]`. */
export function originAllowed(allowed: readonly string[], origin: string | undefined): boolean {
  if (origin === undefined || origin === 'null') return false;
  return allowed.includes('*') || allowed.includes(origin);
}

/** The one tag a site adds to its pages to show the chat (`serverUrl`: where Deskwoot is reached). */
export function embedSnippet(serverUrl: string, publicKey: string): string {
  return `<script src="${serverUrl.replace(/\/+$/, '')}/widget.js" data-inbox="${publicKey}" async></script>`;
}
