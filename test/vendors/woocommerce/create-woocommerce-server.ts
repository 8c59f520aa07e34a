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
  redactQuery,
  type RecordedRequest,
} from '../../../src/sandbox/recorded-request.js';
import { createWooRefund, refundRemainderOnStatus, WooError } from './create-woo-refund.js';
import {
  seedWooCustomer,
  seedWooOrder,
  seedWooSubscription,
  type SeedWooOrderInput,
  type SeedWooSubscriptionInput,
} from './seed-woocommerce.js';
import { authenticate, type WooCredentials } from './woo-auth.js';
import { changeSubscriptionStatus } from './change-subscription-status.js';
import { invalidParam, orderMatches, paged, permissionError, record, wooError } from './woo-http.js';
import { emptyWooState, ORDER_STATUSES, SUBSCRIPTION_STATUSES, type WooState } from './woo-state.js';
import {
  renderCustomer,
  renderOrder,
  renderRefund,
  renderSubscription,
  type WooViewContext,
} from './woo-views.js';

/**
 * A local server that behaves like WooCommerce REST v3 (and the Subscriptions extension) under
 * `/wp-json/wc/v3/` for Deskwoot's WooCommerce connector, as `@woocommerce/woocommerce-rest-api`
 * calls it: OAuth 1.0a query signatures over http, verified with the consumer secret.
 */
export interface WooCommerceServerOptions extends WooCredentials {
  now?: () => Date;
  /** The site's timezone as minutes from GMT (default 0), which `date_created` is written in. */
  timezoneOffsetMinutes?: number;
}

export interface WooCommerceServer {
  app: Hono<WooEnv>;
  addCustomer(c: { email: string; firstName?: string; lastName?: string }): { id: number };
  addOrder(o: SeedWooOrderInput): { id: number; lineItemIds: number[] };
  addSubscription(s: SeedWooSubscriptionInput): { id: number };
  faults: Faults;
  requests: RecordedRequest[];
}

export interface WooEnv {
  Variables: { body: unknown; fault: string | null };
}

const PREFIX = '/wp-json/wc/v3';

export function createWooCommerceServer(options: WooCommerceServerOptions): WooCommerceServer {
  const now = options.now ?? (() => new Date());
  const state: WooState = emptyWooState();
  const faults = createFaults();
  const requests: RecordedRequest[] = [];
  const app = new Hono<WooEnv>();
  const view = (c: Context<WooEnv>): WooViewContext => ({
    origin: new URL(c.req.url).origin,
    offsetMinutes: options.timezoneOffsetMinutes ?? 0,
  });

  app.use('*', async (c, next) => {
    const at = now().toISOString();
    c.set('body', null);
    c.set('fault', null);
    await next();
    requests.push({
      method: c.req.method,
      path: c.req.path,
      query: redactQuery(c.req.query()),
      headers: redactHeaders(c.req.raw.headers),
      body: c.var.body,
      status: c.res.status,
      responseHeaders: keptResponseHeaders(c.res.headers),
      response: await peekJson(c.res),
      fault: c.var.fault,
      at,
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
    const status = rule.status ?? 500;
    const fallback = {
      code: 'internal_server_error',
      message: 'There has been a critical error on this website.',
      data: { status },
    };
    if (!rule.afterWork) return faultResponse(rule, fallback, c.env);
    await next();
    await sleep(delay);
    c.res = undefined;
    c.res = faultResponse(rule, fallback, c.env);
  });

  app.use(`${PREFIX}/*`, async (c, next) => {
    const result = authenticate(c.req.raw, options, state, Math.floor(now().getTime() / 1000));
    if (result.ok) return next();
    if (!result.anonymous) return wooError(new WooError(result.status, result.code, result.message));
    return wooError(permissionError(c.req.method, /\/\d+$/.test(c.req.path)));
  });

  app.use(`${PREFIX}/*`, async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'DELETE') return next();
    const text = await c.req.text();
    if (text.trim() === '') return next();
    try {
      c.set('body', JSON.parse(text) as unknown);
    } catch {
      return wooError(new WooError(400, 'rest_invalid_json', 'Invalid JSON body passed.'));
    }
    return next();
  });

  const findOrder = (
    id: string,
    code = 'woocommerce_rest_shop_order_invalid_id',
    message = 'Invalid ID.',
  ) => {
    const order = /^\d+$/.test(id) ? state.orders.get(Number(id)) : undefined;
    if (!order || order.status === 'trash') throw new WooError(404, code, message);
    return order;
  };

  app.get(`${PREFIX}/customers`, (c) => {
    const email = c.req.query('email');
    const list = [...state.customers.values()].filter(
      (cu) => !email || cu.email.toLowerCase() === email.toLowerCase(),
    );
    return paged(c, list, (cu) =>
      renderCustomer(
        view(c),
        cu,
        [...state.orders.values()].filter((o) => o.customerId === cu.id),
      ),
    );
  });

  app.get(`${PREFIX}/orders`, (c) => {
    const customer = c.req.query('customer');
    const search = c.req.query('search')?.toLowerCase();
    const statuses = c.req.queries('status') ?? c.req.queries('status[]') ?? ['any'];
    const list = [...state.orders.values()]
      .filter((o) => o.status !== 'trash')
      .filter((o) => customer === undefined || String(o.customerId) === customer)
      .filter((o) => statuses.includes('any') || statuses.includes(o.status))
      .filter((o) => !search || orderMatches(o, search))
      .sort((a, b) =>
        c.req.query('order') === 'asc'
          ? a.createdAt.getTime() - b.createdAt.getTime() || a.id - b.id
          : b.createdAt.getTime() - a.createdAt.getTime() || b.id - a.id,
      );
    return paged(c, list, (o) => renderOrder(view(c), o));
  });

  app.get(`${PREFIX}/orders/:id`, (c) => c.json(renderOrder(view(c), findOrder(c.req.param('id')))));

  app.on(['PUT', 'PATCH', 'POST'], `${PREFIX}/orders/:id`, (c) => {
    const order = findOrder(c.req.param('id'));
    const body = record(c.var.body);
    const status = body['status'];
    if (status !== undefined) {
      if (typeof status !== 'string' || !ORDER_STATUSES.some((s) => s === status)) {
        throw invalidParam('status', `status is not one of ${ORDER_STATUSES.join(', ')}.`);
      }
      const next = ORDER_STATUSES.find((s) => s === status) ?? order.status;
      if (next === 'refunded' && order.status !== 'refunded') refundRemainderOnStatus(state, order, now());
      if (next === 'completed' && order.completedAt === null) order.completedAt = now();
      order.status = next;
    }
    if (typeof body['customer_note'] === 'string') order.customerNote = body['customer_note'];
    order.modifiedAt = now();
    return c.json(renderOrder(view(c), order));
  });

  const refundsOrder = (c: Context<WooEnv>) =>
    findOrder(c.req.param('id') ?? '', 'woocommerce_rest_invalid_order_id', 'Invalid order ID.');

  app.get(`${PREFIX}/orders/:id/refunds`, (c) => {
    const order = refundsOrder(c);
    return paged(c, [...order.refunds].reverse(), (r) => renderRefund(view(c), order, r));
  });

  app.post(`${PREFIX}/orders/:id/refunds`, (c) => {
    const order = refundsOrder(c);
    const refund = createWooRefund(state, order, record(c.var.body), now());
    return c.json(renderRefund(view(c), order, refund), 201);
  });

  const findSubscription = (id: string) => {
    const sub = /^\d+$/.test(id) ? state.subscriptions.get(Number(id)) : undefined;
    if (!sub) throw new WooError(404, 'woocommerce_rest_shop_subscription_invalid_id', 'Invalid ID.');
    return sub;
  };
  const emailOf = (customerId: number) => state.customers.get(customerId)?.email ?? '';

  app.get(`${PREFIX}/subscriptions`, (c) => {
    const customer = c.req.query('customer');
    const status = c.req.query('status') ?? 'any';
    const list = [...state.subscriptions.values()]
      .filter((s) => customer === undefined || String(s.customerId) === customer)
      .filter((s) => status === 'any' || s.status === status)
      .sort((a, b) => b.id - a.id);
    return paged(c, list, (s) => renderSubscription(view(c), s, emailOf(s.customerId)));
  });

  app.get(`${PREFIX}/subscriptions/:id`, (c) => {
    const sub = findSubscription(c.req.param('id'));
    return c.json(renderSubscription(view(c), sub, emailOf(sub.customerId)));
  });

  app.on(['PUT', 'PATCH', 'POST'], `${PREFIX}/subscriptions/:id`, (c) => {
    const sub = findSubscription(c.req.param('id'));
    const status = record(c.var.body)['status'];
    if (status !== undefined) {
      const next = SUBSCRIPTION_STATUSES.find((s) => s === status);
      if (!next) throw invalidParam('status', `status is not one of ${SUBSCRIPTION_STATUSES.join(', ')}.`);
      changeSubscriptionStatus(sub, next, now());
    }
    sub.modifiedAt = now();
    return c.json(renderSubscription(view(c), sub, emailOf(sub.customerId)));
  });

  app.notFound((c) =>
    c.json(
      {
        code: 'rest_no_route',
        message: 'No route was found matching the URL and request method.',
        data: { status: 404 },
      },
      404,
    ),
  );
  app.onError((err, c) => {
    if (err instanceof WooError) return wooError(err);
    return c.json(
      {
        code: 'internal_server_error',
        message: 'There has been a critical error on this website.',
        data: { status: 500 },
      },
      500,
    );
  });

  return {
    app,
    addCustomer: (cu) => seedWooCustomer(state, now(), cu),
    addOrder: (o) => seedWooOrder(state, o),
    addSubscription: (s) => seedWooSubscription(state, now(), s),
    faults,
    requests,
  };
}
