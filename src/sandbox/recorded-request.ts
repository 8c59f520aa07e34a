/**
 * What a local vendor server saw and answered, kept so tests can check every request a connector
 * sent against the vendor's published contract. Credentials are never kept: authorization headers
 * and secret query parameters are replaced by `[redacted]`.
 */
export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/v1/refunds`. */
  path: string;
  /** Query parameters, decoded (bracket notation unfolded for Stripe). */
  query: Record<string, unknown>;
  /** Lower-cased request headers. */
  headers: Record<string, string>;
  /** The parsed request body (form or JSON), or null. */
  body: unknown;
  status: number;
  /** Response headers that matter to callers (lower-cased). */
  responseHeaders: Record<string, string>;
  /** The parsed JSON response body, or null (no body, or a dropped connection). */
  response: unknown;
  /** Which scripted fault struck this request, if any. */
  fault: string | null;
  /** When the request arrived (ISO-8601, from the server's clock). */
  at: string;
}

const SECRET_HEADERS = new Set(['authorization', 'x-shopify-access-token', 'cookie', 'proxy-authorization']);
const SECRET_QUERY = new Set(['consumer_secret', 'oauth_signature']);
const KEPT_RESPONSE_HEADERS = [
  'idempotent-replayed',
  'idempotency-key',
  'original-request',
  'request-id',
  'retry-after',
  'stripe-should-retry',
  'stripe-version',
  'x-request-id',
  'x-wp-total',
  'x-wp-totalpages',
];

export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    const key = name.toLowerCase();
    out[key] = SECRET_HEADERS.has(key) ? '[redacted]' : value;
  });
  return out;
}

export function redactQuery(query: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) out[key] = SECRET_QUERY.has(key) ? '[redacted]' : value;
  return out;
}

export function keptResponseHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of KEPT_RESPONSE_HEADERS) {
    const value = headers.get(name);
    if (value !== null) out[name] = value;
  }
  return out;
}

/** Reads a response's JSON body without consuming it; null when there is none or it is not JSON. */
export async function peekJson(response: Response): Promise<unknown> {
  try {
    const text = await response.clone().text();
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return null;
  }
}
