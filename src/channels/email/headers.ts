/**
 * What goes into a mail header is one line of printable text: line breaks, tabs and every other
 * control character become spaces (so `Name\r\nBcc: x` can never start a header of its own), runs
 * of spaces collapse, and the result is bounded.
 */
export function headerText(value: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\s+/g, ' ');
  return [...flat.trim()].slice(0, max).join('');
}

/** The display name a mail is sent with: `Ana via Support`. */
export function fromName(author: string | null, inboxName: string): string {
  const inbox = headerText(inboxName, 100);
  const who = author ? headerText(author, 100) : '';
  return who ? `${who} via ${inbox}` : inbox;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

export function localPartOf(address: string): string {
  return address.slice(0, address.lastIndexOf('@'));
}

/** `support+token@example.com`: replies to it thread even when their headers are lost. */
export function replyAddress(inboxAddress: string, token: string): string {
  return `${localPartOf(inboxAddress)}+${token}@${domainOf(inboxAddress)}`;
}

/**
 * The inbox address an address is for, and the reply token it carries: `support+abc@x` →
 * `{ base: 'support@x', token: 'abc' }`. Lower-cased; null when it is not an address.
 */
export function splitAddress(address: string): { base: string; token: string | null } | null {
  const lower = address.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at <= 0 || at === lower.length - 1) return null;
  const local = lower.slice(0, at);
  const domain = lower.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus < 0) return { base: lower, token: null };
  const token = local.slice(plus + 1);
  return { base: `${local.slice(0, plus)}@${domain}`, token: /^[a-z0-9]{8,64}$/.test(token) ? token : null };
}

/** `<id@domain>` forms out of a header value, in order, each once. */
export function messageIds(value: string | string[] | undefined | null): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  const found = text.match(/<[^<>\s]{1,996}>/g) ?? [];
  return [...new Set(found)];
}

/** The subject of a reply: `Re: <subject>`, without stacking `Re: Re:`. */
export function replySubject(subject: string): string {
  const clean = headerText(subject, 900);
  return /^(re|aw|sv|antw)\s*:/i.test(clean) ? clean : `Re: ${clean}`;
}

/** A plain text as a minimal HTML part: escaped, with line breaks kept. Nothing of it is markup. */
export function textToHtml(text: string): string {
  const escaped = text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\r\n|\r|\n/g, '<br>\n');
  return `<!doctype html><html><body><div style="white-space:normal">${escaped}</div></body></html>`;
}
