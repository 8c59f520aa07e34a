import { stripeErrors } from './stripe-errors.js';
import type { FormValue } from './parse-form.js';
import type { StripeIdempotencyRecord, StripeSandboxState } from './stripe-state.js';

/**
 * Stripe's idempotency layer for `POST`s that carry an `Idempotency-Key`: the first response the
 * endpoint produced for a key — success, refusal, or a 500 from inside the application — is kept
 * for 24 hours and replayed to every later request with that key, marked `idempotent-replayed:
 * true`. The same key with other parameters (or on another endpoint) is an `idempotency_error`;
 * while the first request is still running, a second one gets a 409. Requests refused before the
 * endpoint ran (authentication, rate limiting) are not kept.
 */
const RETENTION_SECONDS = 24 * 60 * 60;

/** A canonical serialization of a request's parameters (key order does not matter). */
export function fingerprint(method: string, path: string, params: FormValue): string {
  return JSON.stringify([method, path, canonical(params)]);
}

function canonical(value: FormValue): unknown {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(canonical);
  return Object.keys(value)
    .sort()
    .map((k) => [k, canonical(value[k] as FormValue)]);
}

const expired = (record: StripeIdempotencyRecord, nowSeconds: number) =>
  record.created + RETENTION_SECONDS <= nowSeconds;

/** How often expired keys are swept out: each sweep reads every key kept. */
const PRUNE_EVERY_SECONDS = 60;
const prunedAt = new WeakMap<StripeSandboxState, number>();

/** Forgets the keys past their 24 hours (at most once a minute; `findReplay` ignores them meanwhile). */
export function pruneIdempotency(state: StripeSandboxState, nowSeconds: number): void {
  if (nowSeconds - (prunedAt.get(state) ?? -Infinity) < PRUNE_EVERY_SECONDS) return;
  prunedAt.set(state, nowSeconds);
  for (const [key, record] of Object.entries(state.idempotency)) {
    if (expired(record, nowSeconds)) delete state.idempotency[key];
  }
}

/** The stored response to replay, or undefined for a first use; throws on a mismatch. */
export function findReplay(
  state: StripeSandboxState,
  key: string,
  print: string,
  inFlight: ReadonlySet<string>,
  nowSeconds: number,
): StripeIdempotencyRecord | undefined {
  if (inFlight.has(key)) throw stripeErrors.idempotencyInProgress(key);
  const record = state.idempotency[key];
  if (!record || expired(record, nowSeconds)) return undefined;
  if (record.fingerprint !== print) throw stripeErrors.idempotencyMismatch(key);
  return record;
}

export function replayResponse(record: StripeIdempotencyRecord): Response {
  const headers = new Headers(record.headers);
  headers.set('idempotent-replayed', 'true');
  headers.set('original-request', record.requestId);
  return new Response(record.body, { status: record.status, headers });
}

/** The response headers worth keeping with a stored result (not per-request ones). */
export function storableHeaders(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name === 'content-type' || name === 'stripe-should-retry' || name === 'retry-after')
      out[name] = value;
  });
  return out;
}
