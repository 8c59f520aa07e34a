import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WooState } from './woo-state.js';

/**
 * WooCommerce's REST authentication. Over plain http the client signs with OAuth 1.0a (one-legged,
 * parameters in the query string); WooCommerce rebuilds the signature base string from the request
 * — method, the URL without query, every query parameter but the signature, sorted and
 * percent-encoded — signs it with `consumer_secret&`, and compares. Timestamps must be within 15
 * minutes and a nonce is accepted once. Over https it takes HTTP Basic auth (or `consumer_key` and
 * `consumer_secret` query parameters) instead, and ignores Basic auth over http.
 */
export interface WooCredentials {
  consumerKey: string;
  consumerSecret: string;
}

export type AuthResult =
  | { ok: true }
  /** Not authenticated at all: the route's own permission error follows. */
  | { ok: false; anonymous: true }
  | { ok: false; anonymous: false; status: number; code: string; message: string };

const WINDOW_SECONDS = 15 * 60;
const REQUIRED = [
  'oauth_consumer_key',
  'oauth_timestamp',
  'oauth_nonce',
  'oauth_signature',
  'oauth_signature_method',
];

/** PHP's rawurlencode (RFC 3986), which WooCommerce uses for every part of the base string. */
export function rawUrlEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function fail(message: string, code = 'woocommerce_rest_authentication_error'): AuthResult {
  return { ok: false, anonymous: false, status: 401, code, message };
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function authenticate(
  request: Request,
  credentials: WooCredentials,
  state: WooState,
  nowSeconds: number,
): AuthResult {
  const url = new URL(request.url);
  const query = new URLSearchParams(url.search);
  if (url.protocol === 'https:') return authenticateHttps(request, query, credentials);
  if (!query.has('oauth_consumer_key')) return { ok: false, anonymous: true };

  const missing = REQUIRED.filter((name) => !query.get(name));
  if (missing.length > 0) {
    return fail(
      `Missing OAuth parameter ${missing.join(', ')}`,
      'woocommerce_rest_authentication_missing_parameter',
    );
  }
  if (query.get('oauth_consumer_key') !== credentials.consumerKey) return fail('Consumer key is invalid.');

  const method = query.get('oauth_signature_method') ?? '';
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256')
    return fail('Invalid signature - signature method is invalid.');
  const given = (query.get('oauth_signature') ?? '').replace(/ /g, '+');
  // PHP's $_GET keeps the last value of a repeated key; the JS client repeats every query
  // parameter (once in the URL it signs, once among the OAuth parameters axios appends).
  const params = [...new Map(query.entries())]
    .filter(([key]) => key !== 'oauth_signature')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => rawUrlEncode(`${rawUrlEncode(key)}=${rawUrlEncode(value)}`));
  const base = `${request.method.toUpperCase()}&${rawUrlEncode(`${url.origin}${url.pathname}`)}&${params.join('%26')}`;
  const algorithm = method === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const expected = createHmac(algorithm, `${credentials.consumerSecret}&`).update(base).digest('base64');
  if (!safeEqual(expected, given)) return fail('Invalid signature - provided signature does not match.');

  const timestamp = Number(query.get('oauth_timestamp'));
  if (!Number.isFinite(timestamp) || Math.abs(nowSeconds - timestamp) > WINDOW_SECONDS)
    return fail('Invalid timestamp.');
  const nonce = query.get('oauth_nonce') ?? '';
  for (const [used, at] of state.nonces) if (at < nowSeconds - WINDOW_SECONDS) state.nonces.delete(used);
  if (state.nonces.has(nonce)) return fail('Invalid nonce - nonce has already been used.');
  state.nonces.set(nonce, timestamp);
  return { ok: true };
}

function authenticateHttps(
  request: Request,
  query: URLSearchParams,
  credentials: WooCredentials,
): AuthResult {
  let key: string | null = null;
  let secret: string | null = null;
  const header = request.headers.get('authorization');
  if (header?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    key = colon === -1 ? decoded : decoded.slice(0, colon);
    secret = colon === -1 ? '' : decoded.slice(colon + 1);
  } else if (query.has('consumer_key')) {
    key = query.get('consumer_key');
    secret = query.get('consumer_secret');
  }
  if (key === null) return { ok: false, anonymous: true };
  if (key !== credentials.consumerKey) return fail('Consumer key is invalid.');
  if (!safeEqual(secret ?? '', credentials.consumerSecret)) return fail('Consumer secret is invalid.');
  return { ok: true };
}
