import { Hono, type Context, type Next } from 'hono';
import {
  createFaults,
  faultResponse,
  replacesResponse,
  sleep,
  type Faults,
  type StruckFault,
} from '../faults.js';
import {
  keptResponseHeaders,
  peekJson,
  redactHeaders,
  redactQuery,
  type RecordedRequest,
} from '../recorded-request.js';
import { FormSyntaxError, parseForm } from './parse-form.js';
import { settlePendingRefunds } from './refund-payment.js';
import {
  seedCustomer,
  seedPaymentIntent,
  seedSubscription,
  type TStripeSeedCustomer,
  type TStripeSeedPaymentIntent,
  type TStripeSeedSubscription,
} from './seed-stripe.js';
import type { StripeContext } from './stripe-context.js';
import { StripeApiError, stripeErrors, stripeFaultBody } from './stripe-errors.js';
import {
  findReplay,
  fingerprint,
  pruneIdempotency,
  replayResponse,
  storableHeaders,
} from './stripe-idempotency.js';
import { registerStripeRoutes, stripeJson, type StripeEnv } from './stripe-routes.js';
import {
  emptyStripeState,
  stripeId,
  unixSeconds,
  ZStripeSandboxStateSchema,
  type StripeSandboxState,
} from './stripe-state.js';

/**
 * A local server that behaves like the Stripe API for the calls Deskwoot's Stripe connector makes,
 * as the official `stripe` SDK sends them. Tests serve it on loopback; the demo calls it in-process
 * through `app.fetch` (e.g. `Stripe.createFetchHttpClient((url, init) =>
 * sandbox.app.fetch(new Request(url, init)))`).
 */
export interface StripeSandboxOptions {
  /** The one secret key the sandbox accepts (`Authorization: Bearer …`). */
  secretKey: string;
  now?: () => Date;
  /** A snapshot from `state()` to continue from. */
  state?: StripeSandboxState;
  /** Called with a fresh snapshot after every change: a request that changed something, or a seed. */
  onChange?: (state: StripeSandboxState) => void;
  /**
   * How many requests `requests` keeps, oldest dropped first (default 1000), so a sandbox that
   * runs for days in the demo does not grow without bound.
   */
  maxRecordedRequests?: number;
}

export interface StripeSandbox {
  app: Hono<StripeEnv>;
  /** A JSON-serializable snapshot; pass it back as `options.state` to restore. */
  state(): StripeSandboxState;
  addCustomer(c: TStripeSeedCustomer): { id: string };
  addPaymentIntent(p: TStripeSeedPaymentIntent): { id: string; charge: string | null };
  addSubscription(s: TStripeSeedSubscription): { id: string };
  /** Settles every pending refund; a failed one gives its amount back to the charge. */
  settlePendingRefunds(outcome: 'succeeded' | 'failed'): number;
  faults: Faults;
  /** The latest requests, oldest first (at most `maxRecordedRequests`); no credentials in them. */
  requests: RecordedRequest[];
}

/** The API version the sandbox answers as, unless the request names one. */
const DEFAULT_VERSION = '2026-10-28.endive';

export function createStripeSandbox(options: StripeSandboxOptions): StripeSandbox {
  const now = options.now ?? (() => new Date());
  const state = options.state
    ? ZStripeSandboxStateSchema.parse(structuredClone(options.state))
    : emptyStripeState();
  const faults = createFaults();
  const requests: RecordedRequest[] = [];
  const inFlight = new Set<string>();
  let revision = 0;

  const snapshot = () => structuredClone(state);
  const ctx: StripeContext = {
    state,
    now,
    changed: () => {
      revision += 1;
    },
    nextSeq: () => {
      state.seq += 1;
      return state.seq;
    },
  };
  /** Runs a seed or control call and reports its change, as a request would. */
  const control = <T>(fn: () => T): T => {
    const before = revision;
    const result = fn();
    if (revision !== before) options.onChange?.(snapshot());
    return result;
  };

  const app = new Hono<StripeEnv>();

  app.use('*', async (c, next) => {
    const at = now().toISOString();
    const before = revision;
    c.set('requestId', stripeId('req'));
    c.set('fault', null);
    c.set('body', null);
    c.set('query', {});
    await next();
    const response = c.res;
    if (!response.headers.has('request-id')) response.headers.set('request-id', c.var.requestId);
    response.headers.set('stripe-version', c.req.header('stripe-version') ?? DEFAULT_VERSION);
    const key = c.req.header('idempotency-key');
    if (key !== undefined && c.req.method === 'POST') response.headers.set('idempotency-key', key);
    requests.push({
      method: c.req.method,
      path: c.req.path,
      query: redactQuery(c.var.query),
      headers: redactHeaders(c.req.raw.headers),
      body: c.var.body,
      status: response.status,
      responseHeaders: keptResponseHeaders(response.headers),
      response: await peekJson(response),
      fault: c.var.fault,
      at,
    });
    const excess = requests.length - (options.maxRecordedRequests ?? 1000);
    if (excess > 0) requests.splice(0, excess);
    if (revision !== before) options.onChange?.(snapshot());
  });

  app.use('*', async (c, next) => {
    const struck = faults.take(c.req.method, c.req.path, 'edge');
    if (!struck) return next();
    c.set('fault', struck.label);
    return strike(c, next, struck);
  });

  app.use('*', async (c, next) => {
    const key = apiKeyOf(c.req.header('authorization'));
    if (key === undefined) throw stripeErrors.noApiKey();
    if (key !== options.secretKey) throw stripeErrors.invalidApiKey(key);
    await next();
  });

  app.use('*', async (c, next) => {
    try {
      const url = new URL(c.req.url);
      const query = parseForm(url.search.slice(1));
      const hasBody = c.req.method === 'POST' || c.req.method === 'DELETE';
      const text = hasBody ? await c.req.text() : '';
      const body = text === '' ? null : parseForm(text);
      c.set('query', query);
      c.set('body', body);
      c.set('params', { ...query, ...(body ?? {}) });
    } catch (err) {
      if (err instanceof FormSyntaxError) throw stripeErrors.invalidObject(err.param);
      throw err;
    }
    await next();
  });

  app.use('*', async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (c.req.method !== 'POST' || key === undefined) return handle(c, next);
    const nowSeconds = unixSeconds(now());
    pruneIdempotency(state, nowSeconds);
    const print = fingerprint(c.req.method, c.req.path, c.var.params);
    const stored = findReplay(state, key, print, inFlight, nowSeconds);
    if (stored) return replayResponse(stored);
    inFlight.add(key);
    try {
      await handle(c, next);
    } finally {
      inFlight.delete(key);
    }
    const response = c.res;
    state.idempotency[key] = {
      key,
      method: c.req.method,
      path: c.req.path,
      fingerprint: print,
      status: response.status,
      body: await response.clone().text(),
      headers: storableHeaders(response),
      requestId: c.var.requestId,
      created: unixSeconds(now()),
    };
    ctx.changed();
  });

  /** The endpoint itself, with any fault scripted to strike inside the application. */
  async function handle(c: Context<StripeEnv>, next: Next): Promise<Response | void> {
    const struck = faults.take(c.req.method, c.req.path, 'handler');
    if (!struck) return next();
    c.set('fault', struck.label);
    await strike(c, next, struck);
  }

  async function strike(c: Context<StripeEnv>, next: Next, struck: StruckFault): Promise<Response | void> {
    const { rule } = struck;
    const delay = rule.delayMs ?? 0;
    if (!rule.afterWork) await sleep(delay);
    if (!replacesResponse(rule)) {
      await next();
      if (rule.afterWork) await sleep(delay);
      return;
    }
    const failed = () => faultResponse(rule, stripeFaultBody(rule.status ?? 500), c.env);
    if (!rule.afterWork) {
      replaceResponse(c, failed());
      return;
    }
    await next();
    await sleep(delay);
    replaceResponse(c, failed());
  }

  registerStripeRoutes(app, ctx);

  app.notFound((c) => {
    const err = stripeErrors.unrecognizedUrl(c.req.method, c.req.path);
    return stripeJson({ error: err.body }, err.status);
  });
  app.onError((err) => {
    if (err instanceof StripeApiError) return stripeJson({ error: err.body }, err.status, err.headers);
    const internal = stripeErrors.internal();
    return stripeJson({ error: internal.body }, internal.status);
  });

  return {
    app,
    state: snapshot,
    addCustomer: (c) => control(() => seedCustomer(ctx, c)),
    addPaymentIntent: (p) => control(() => seedPaymentIntent(ctx, p)),
    addSubscription: (s) => control(() => seedSubscription(ctx, s)),
    settlePendingRefunds: (outcome) => control(() => settlePendingRefunds(ctx, outcome)),
    faults,
    requests,
  };
}

/** Hono copies the old response's headers onto a new one; a fault's answer must not carry them. */
function replaceResponse(c: Context<StripeEnv>, response: Response): void {
  c.res = undefined;
  c.res = response;
}

/** Stripe takes the key as a Bearer token or as the Basic-auth user name. */
function apiKeyOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const [scheme, value] = header.trim().split(/\s+/, 2);
  if (!scheme || !value) return undefined;
  if (scheme.toLowerCase() === 'bearer') return value;
  if (scheme.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    return decoded.split(':')[0] || undefined;
  }
  return undefined;
}
