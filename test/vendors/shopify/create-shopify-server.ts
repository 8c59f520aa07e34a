import {
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLFormattedError,
} from 'graphql';
import { Hono, type Context } from 'hono';
import {
  createFaults,
  faultResponse,
  replacesResponse,
  sleep,
  type Faults,
} from '../../../src/sandbox/faults.js';
import {
  keptResponseHeaders,
  peekJson,
  redactHeaders,
  type RecordedRequest,
} from '../../../src/sandbox/recorded-request.js';
import {
  createBucket,
  findOperation,
  MAX_SINGLE_QUERY_COST,
  requestedCost,
  type QueryCost,
} from './shopify-cost.js';
import { completeJob } from './shopify-mutations.js';
import { jobPoller, mutationRoot, queryRoot } from './shopify-resolvers.js';
import { shopifyAdminSchema, shopifyValidationError } from './shopify-schema.js';
import {
  seedShopCustomer,
  seedShopOrder,
  seedSubscriptionContract,
  type SeedOrderInput,
  type SeedContractInput,
} from './seed-shopify.js';
import { emptyShopState } from './shopify-state.js';
import type { ShopContext } from './shopify-views.js';

/**
 * A local server that behaves like the Shopify Admin GraphQL API 2026-10 for Deskwoot's Shopify
 * connector, reached through `@shopify/admin-api-client` with a `customFetchApi` that sends
 * `https://{shop}/admin/api/2026-10/graphql.json` here. Every document is validated against the
 * real Admin schema; the validation result is kept with each recorded request.
 */
export const SHOPIFY_API_VERSION = '2026-10';

export interface ShopifyServerOptions {
  accessToken: string;
  /** The shop domain the client is configured with (default `deskwoot-sandbox.myshopify.com`). */
  shop?: string;
  now?: () => Date;
  /** How many polls of `job(id)` answer `done: false` before the one that completes it (default 1). */
  jobPollsBeforeDone?: number;
  /** The throttle bucket (Shopify's standard plan: 2000 points, 100 per second). */
  bucket?: { maximumAvailable?: number; restoreRate?: number };
}

export interface ShopifyValidation {
  operationName: string | null;
  operationType: 'query' | 'mutation' | 'subscription' | null;
  /** True when the document parsed and validated against the Admin schema. */
  valid: boolean;
  errors: string[];
}

export interface ShopifyRecordedRequest extends RecordedRequest {
  graphql: ShopifyValidation | null;
}

export interface ShopifyServer {
  app: Hono<ShopifyEnv>;
  shop: string;
  addCustomer(c: { email: string; firstName?: string; lastName?: string; createdAt?: Date }): { id: string };
  addOrder(o: SeedOrderInput): { id: string; name: string; lineItemIds: string[]; transactionIds: string[] };
  addSubscriptionContract(s: SeedContractInput): { id: string; lineIds: string[] };
  /** Completes every running cancellation job now; returns how many. */
  completeJobs(): number;
  /** Sets the throttle bucket's available points (to provoke `THROTTLED`). */
  setAvailablePoints(points: number): void;
  faults: Faults;
  requests: ShopifyRecordedRequest[];
  /** A `customFetchApi` for the admin client: the same request, sent to `baseUrl` instead of the shop. */
  fetchVia(baseUrl: string): (url: string, init?: RequestInit) => Promise<Response>;
  /** A `customFetchApi` that answers in-process through `app.fetch`, without a listening server. */
  fetchInProcess(url: string, init?: RequestInit): Promise<Response>;
}

const INVALID_TOKEN = '[API] Invalid API key or access token (unrecognized login or wrong password)';

export interface ShopifyEnv {
  Variables: { graphql: ShopifyValidation | null; body: unknown; fault: string | null };
}

export function createShopifyServer(options: ShopifyServerOptions): ShopifyServer {
  const now = options.now ?? (() => new Date());
  const shop = options.shop ?? 'deskwoot-sandbox.myshopify.com';
  const state = emptyShopState();
  const schema = shopifyAdminSchema();
  const bucket = createBucket(
    now,
    options.bucket?.maximumAvailable ?? 2000,
    options.bucket?.restoreRate ?? 100,
  );
  const faults = createFaults();
  const requests: ShopifyRecordedRequest[] = [];
  const ctx: ShopContext = { state, now, shopDomain: shop, queryRoot: () => query };
  const pollJob = jobPoller(ctx);
  const query = queryRoot(ctx, pollJob);
  const mutation = mutationRoot(ctx, options.jobPollsBeforeDone ?? 1);

  const app = new Hono<ShopifyEnv>();

  app.use('*', async (c, next) => {
    const at = now().toISOString();
    c.set('graphql', null);
    c.set('body', null);
    c.set('fault', null);
    await next();
    c.res.headers.set('x-request-id', crypto.randomUUID());
    requests.push({
      method: c.req.method,
      path: c.req.path,
      query: c.req.query(),
      headers: redactHeaders(c.req.raw.headers),
      body: c.var.body,
      status: c.res.status,
      responseHeaders: keptResponseHeaders(c.res.headers),
      response: await peekJson(c.res),
      fault: c.var.fault,
      at,
      graphql: c.var.graphql,
    });
  });

  app.use('*', async (c, next) => {
    const struck =
      faults.take(c.req.method, c.req.path, 'edge') ?? faults.take(c.req.method, c.req.path, 'handler');
    if (!struck) return next();
    c.set('fault', struck.label);
    const { rule } = struck;
    const delay = rule.delayMs ?? 0;
    if (!rule.afterWork) await sleep(delay);
    if (!replacesResponse(rule)) {
      await next();
      if (rule.afterWork) await sleep(delay);
      return;
    }
    const failed = () => faultResponse(rule, shopifyFaultBody(rule.status ?? 500), c.env);
    if (!rule.afterWork) return failed();
    await next();
    await sleep(delay);
    c.res = undefined;
    c.res = failed();
  });

  app.post('/admin/api/:version/graphql.json', async (c) => {
    if (c.req.param('version') !== SHOPIFY_API_VERSION) return c.json({ errors: 'Not Found' }, 404);
    if (c.req.header('x-shopify-access-token') !== options.accessToken)
      return c.json({ errors: INVALID_TOKEN }, 401);
    const body = await readBody(c);
    c.set('body', body);
    const source = body?.query;
    if (typeof source !== 'string' || source.trim() === '') {
      return c.json({ errors: { query: 'Required parameter missing or invalid' } }, 400);
    }
    const operationName = typeof body?.operationName === 'string' ? body.operationName : null;
    const variables = isRecord(body?.variables) ? body.variables : {};

    let document: DocumentNode;
    try {
      document = parse(source);
    } catch (err) {
      const error = err instanceof GraphQLError ? err : new GraphQLError(String(err));
      c.set('graphql', { operationName, operationType: null, valid: false, errors: [error.message] });
      return c.json({ errors: [error.toJSON()] });
    }
    const operation = findOperation(document, operationName);
    const errors = validate(schema, document);
    c.set('graphql', {
      operationName: operationName ?? operation?.name?.value ?? null,
      operationType: operation?.operation ?? null,
      valid: errors.length === 0,
      errors: errors.map((e) => e.message),
    });
    if (errors.length > 0) return c.json({ errors: errors.map(shopifyValidationError) });
    if (!operation) return c.json({ errors: [{ message: 'An operation name is required' }] });

    const cost = requestedCost(schema, document, operation, variables);
    if (cost > MAX_SINGLE_QUERY_COST) {
      return c.json({
        errors: [
          {
            message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_SINGLE_QUERY_COST}).`,
            extensions: { code: 'MAX_COST_EXCEEDED', cost, maxCost: MAX_SINGLE_QUERY_COST },
          },
        ],
      });
    }
    if (!bucket.spend(cost)) {
      const extensions = { cost: costReport(cost, null) };
      return c.json({
        errors: [
          {
            message: 'Throttled',
            extensions: {
              code: 'THROTTLED',
              documentation: 'https://shopify.dev/api/usage/limits#rate-limits',
            },
          },
        ],
        extensions,
      });
    }
    const result = await execute({
      schema,
      document,
      operationName,
      variableValues: variables,
      rootValue: operation.operation === 'mutation' ? mutation : query,
    });
    const out: { data?: unknown; errors?: GraphQLFormattedError[]; extensions: unknown } = {
      data: result.data,
      extensions: { cost: costReport(cost, cost) },
    };
    if (result.errors) out.errors = result.errors.map((e) => e.toJSON());
    c.header('x-shopify-api-version', SHOPIFY_API_VERSION);
    return c.json(out);
  });

  app.notFound((c) => c.json({ errors: 'Not Found' }, 404));
  app.onError((_err, c) => c.json({ errors: 'Internal Server Error' }, 500));

  function costReport(requested: number, actual: number | null): QueryCost {
    return { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() };
  }

  return {
    app,
    shop,
    addCustomer: (c) => seedShopCustomer(ctx, c),
    addOrder: (o) => seedShopOrder(ctx, o),
    addSubscriptionContract: (s) => seedSubscriptionContract(ctx, s),
    completeJobs: () => {
      const running = [...state.jobs.values()].filter((j) => !j.done);
      for (const job of running) completeJob(ctx, job);
      return running.length;
    },
    setAvailablePoints: (points) => bucket.set(points),
    faults,
    requests,
    fetchVia: (baseUrl) => (url, init) => {
      const target = new URL(url);
      return fetch(`${baseUrl}${target.pathname}${target.search}`, init);
    },
    fetchInProcess: async (url, init) => app.fetch(new Request(url, init)),
  };
}

async function readBody(c: Context<ShopifyEnv>): Promise<Record<string, unknown> | null> {
  try {
    const parsed: unknown = await c.req.json();
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function shopifyFaultBody(status: number): unknown {
  if (status === 429) {
    return {
      errors: [
        {
          message: 'Throttled',
          extensions: {
            code: 'THROTTLED',
            documentation: 'https://shopify.dev/api/usage/limits#rate-limits',
          },
        },
      ],
    };
  }
  if (status === 503) return { errors: 'Service Unavailable' };
  return { errors: 'Internal Server Error' };
}
