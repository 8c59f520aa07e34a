/** The headers a loop decision reads, lower-case names, values as sent. */
export interface LoopHeaders {
  get(name: string): string | undefined;
}

export type LoopKind = 'bounce' | 'auto_reply';

const DAEMON = /^(mailer-daemon|postmaster|mail-daemon|mailer|bounces?)([+-][^@]*)?@/i;

/**
 * Whether a mail was written by a machine: a delivery report (bounce) or an automatic reply.
 * Neither may open a conversation, reopen one, or lead to anything being sent back — that is how
 * two auto-responders end up writing to each other forever. RFC 3834 (`Auto-Submitted`), RFC 3464
 * (`multipart/report; report-type=delivery-status`), and the de-facto headers of common systems.
 */
export function loopKind(
  headers: LoopHeaders,
  fromAddress: string | null,
  nullSender = false,
): LoopKind | null {
  const contentType = (headers.get('content-type') ?? '').toLowerCase();
  const isReport =
    /^multipart\/report\b/.test(contentType) && /report-type\s*=\s*"?delivery-status/.test(contentType);
  if (isReport) return 'bounce';
  if (fromAddress && DAEMON.test(fromAddress)) return 'bounce';
  // A null reverse path (`MAIL FROM:<>`, or `Return-Path: <>`) is what MTAs send bounces with.
  if (nullSender || /^\s*<\s*>\s*$/.test(headers.get('return-path') ?? '')) return 'bounce';

  const autoSubmitted = (headers.get('auto-submitted') ?? '').trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto_reply';
  const precedence = (headers.get('precedence') ?? '').trim().toLowerCase();
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return 'auto_reply';
  if (headers.get('x-autoreply') !== undefined || headers.get('x-autorespond') !== undefined)
    return 'auto_reply';
  const suppress = (headers.get('x-auto-response-suppress') ?? '').toLowerCase();
  if (/\b(all|oof|autoreply)\b/.test(suppress) && headers.get('x-ms-exchange-generated-message-source'))
    return 'auto_reply';
  if (headers.get('list-id') !== undefined || headers.get('list-unsubscribe') !== undefined)
    return 'auto_reply';
  return null;
}

/**
 * What a delivery report says: the Message-IDs of the mail it reports on (from its returned
 * headers) and why it failed (`Status` and `Diagnostic-Code`). Read from the report's raw text,
 * since parsers fold its parts together differently.
 */
export function readBounce(
  raw: string,
  ownMessageId: string | null,
): { original_ids: string[]; reason: string } {
  const headerEnd = raw.search(/\r?\n\r?\n/);
  const body = headerEnd < 0 ? '' : raw.slice(headerEnd);
  const ids = new Set<string>();
  for (const match of body.matchAll(/^(?:message-id|x-original-message-id)\s*:\s*(<[^<>\s]{1,996}>)/gim)) {
    if (match[1] && match[1] !== ownMessageId) ids.add(match[1]);
  }
  const status = /^status\s*:\s*([245]\.\d{1,3}\.\d{1,3})/im.exec(body)?.[1];
  const diagnostic = /^diagnostic-code\s*:\s*(?:[a-z0-9-]+\s*;\s*)?(.+)$/im.exec(body)?.[1]?.trim();
  const reason =
    [status && `Status ${status}`, diagnostic].filter(Boolean).join(': ') ||
    "The recipient's mail server returned the message";
  return { original_ids: [...ids].slice(0, 20), reason: reason.slice(0, 500) };
}
