import woocommerce from '@woocommerce/woocommerce-rest-api';
import { createHmac, randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVendorServer, type RunningVendorServer } from '../support/vendor-servers.js';
import { expectWooCommerceTrafficToMatchContract, wooCommerceContractViolations } from './contracts.js';
import { createWooCommerceServer, type WooCommerceServer } from './woocommerce/index.js';

/**
 * A CommonJS package with an ESM twin: Node's ESM loader gives the CommonJS module object (the class
 * is its `default`), while Vite — so vitest — resolves `index.mjs` and gives the class itself.
 */
const loaded: unknown = woocommerce;
const WooCommerceRestApi =
  typeof loaded === 'function' ? (loaded as typeof woocommerce.default) : woocommerce.default;

const KEY = 'ck_sandbox_0123456789abcdef';
const SECRET = 'cs_sandbox_fedcba9876543210';
let woo: WooCommerceServer;
let server: RunningVendorServer;

function client(secret = SECRET) {
  return new WooCommerceRestApi({
    url: server.baseUrl,
    consumerKey: KEY,
    consumerSecret: secret,
    version: 'wc/v3',
  });
}

interface HttpFailure {
  status: number;
  data: { code: string; message: string; data: { status: number } };
}

async function failure(call: Promise<unknown>): Promise<HttpFailure> {
  const err: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (typeof err === 'object' && err !== null && 'response' in err) {
    const response = (err as { response: HttpFailure }).response;
    return { status: response.status, data: response.data };
  }
  throw new Error(`Expected an HTTP error, got ${String(err)}`);
}

function seed(paymentMethod?: string) {
  const customer = woo.addCustomer({ email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace' });
  const order = woo.addOrder({
    customer: customer.id,
    currency: 'USD',
    lineItems: [
      { name: 'Mug', quantity: 2, unitPrice: 1250 },
      { name: 'Tea', quantity: 1, unitPrice: 935 },
    ],
    createdAt: new Date('2026-11-18T19:28:02Z'),
    ...(paymentMethod ? { paymentMethod } : {}),
  });
  return { customer, order };
}

beforeEach(async () => {
  woo = createWooCommerceServer({
    consumerKey: KEY,
    consumerSecret: SECRET,
    now: () => new Date(),
    timezoneOffsetMinutes: -180,
  });
  server = await startVendorServer(woo.app);
});

afterEach(async () => {
  await server.close();
  expectWooCommerceTrafficToMatchContract(woo.requests);
});

describe('WooCommerce test server, driven by @woocommerce/woocommerce-rest-api over http', () => {
  it('finds a customer by email and their orders, with money as strings and dates in site time and GMT', async () => {
    const { customer, order } = seed();
    const api = client();
    const customers = await api.get('customers', { email: 'ada@example.com' });
    expect(customers.data).toMatchObject([{ id: customer.id, email: 'ada@example.com', first_name: 'Ada' }]);

    const orders = await api.get('orders', { customer: customer.id, per_page: 20, page: 1 });
    expect(orders.headers['x-wp-total']).toBe('1');
    expect(orders.data).toMatchObject([
      {
        id: order.id,
        status: 'processing',
        currency: 'USD',
        total: '34.35',
        date_created: '2026-11-18T16:28:02',
        date_created_gmt: '2026-11-18T19:28:02',
        customer_id: customer.id,
        billing: { email: 'ada@example.com' },
        payment_method: 'stripe',
        line_items: [
          { id: order.lineItemIds[0], name: 'Mug', quantity: 2, total: '25.00', price: 12.5 },
          { name: 'Tea', quantity: 1, total: '9.35' },
        ],
        refunds: [],
      },
    ]);
    expect((await api.get('orders', { search: 'tea' })).data).toHaveLength(1);
    expect((await api.get('orders', { search: 'nothing-like-it' })).data).toEqual([]);
  });

  it('refunds part of an order, lists it on the order with a negative total, and makes a second refund on a repeat', async () => {
    const { order } = seed();
    const api = client();
    const body = { amount: '10.00', reason: 'Damaged', meta_data: [{ key: '_deskwoot_key', value: 'k-1' }] };

    const first = await api.post(`orders/${order.id}/refunds`, body);
    expect(first.status).toBe(201);
    expect(first.data).toMatchObject({ amount: '10.00', reason: 'Damaged', refunded_payment: true });
    expect(first.data.meta_data).toMatchObject([{ key: '_deskwoot_key', value: 'k-1' }]);
    const repeat = await api.post(`orders/${order.id}/refunds`, body);
    expect(repeat.data.id).not.toBe(first.data.id);

    const after = await api.get(`orders/${order.id}`);
    expect(after.data.status).toBe('processing');
    expect(after.data.refunds).toEqual([
      { id: repeat.data.id, reason: 'Damaged', total: '-10.00' },
      { id: first.data.id, reason: 'Damaged', total: '-10.00' },
    ]);
    const listed = await api.get(`orders/${order.id}/refunds`);
    expect(listed.data.map((r: { id: number }) => r.id)).toEqual([repeat.data.id, first.data.id]);

    const rest = await api.post(`orders/${order.id}/refunds`, {
      line_items: [{ id: order.lineItemIds[1], quantity: 1, refund_total: 9.35 }],
      amount: '14.35',
    });
    expect(rest.data.line_items).toMatchObject([{ id: order.lineItemIds[1], quantity: -1, total: '-9.35' }]);
    expect((await api.get(`orders/${order.id}`)).data.status).toBe('refunded');
  });

  it('answers an over-refund with a 500 and a missing order with a 404, refunding nothing', async () => {
    const { order } = seed();
    const api = client();
    const over = await failure(api.post(`orders/${order.id}/refunds`, { amount: '34.36' }));
    expect(over).toEqual({
      status: 500,
      data: {
        code: 'woocommerce_rest_cannot_create_order_refund',
        message: 'Invalid refund amount.',
        data: { status: 500 },
      },
    });
    const missing = await failure(api.post('orders/99999/refunds', { amount: '1.00' }));
    expect(missing).toEqual({
      status: 404,
      data: {
        code: 'woocommerce_rest_invalid_order_id',
        message: 'Invalid order ID.',
        data: { status: 404 },
      },
    });
    expect((await failure(api.get('orders/99999'))).data.code).toBe('woocommerce_rest_shop_order_invalid_id');
    expect((await api.get(`orders/${order.id}/refunds`)).data).toEqual([]);
  });

  it('refuses a gateway refund for a gateway that cannot refund, and records a manual one without api_refund', async () => {
    const { order } = seed('bacs');
    const api = client();
    const refused = await failure(api.post(`orders/${order.id}/refunds`, { amount: '5.00' }));
    expect(refused).toMatchObject({
      status: 500,
      data: { message: 'The payment gateway for this order does not support automatic refunds.' },
    });
    const manual = await api.post(`orders/${order.id}/refunds`, { amount: '5.00', api_refund: false });
    expect(manual.data.refunded_payment).toBe(false);
  });

  it('cancels an order with PUT status cancelled, which refunds nothing', async () => {
    const { order } = seed();
    const api = client();
    const cancelled = await api.put(`orders/${order.id}`, { status: 'cancelled' });
    expect(cancelled.data).toMatchObject({ status: 'cancelled', refunds: [] });
    const bad = await failure(api.put(`orders/${order.id}`, { status: 'gone' }));
    expect(bad).toMatchObject({
      status: 400,
      data: { code: 'rest_invalid_param', message: 'Invalid parameter(s): status' },
    });
  });

  it('records a refund of what is left, without the gateway, when an order is set to refunded', async () => {
    const { order } = seed();
    const api = client();
    await api.post(`orders/${order.id}/refunds`, { amount: '4.35' });
    const refunded = await api.put(`orders/${order.id}`, { status: 'refunded' });
    expect(refunded.data.refunds.map((r: { total: string }) => r.total)).toEqual(['-30.00', '-4.35']);
    const refunds = await api.get(`orders/${order.id}/refunds`);
    expect(refunds.data[0]).toMatchObject({ reason: 'Order fully refunded.', refunded_payment: false });
  });

  it('lists and cancels subscriptions: pending-cancel keeps them to the end of the term, cancelled ends them now', async () => {
    const customer = woo.addCustomer({ email: 'grace@example.com' });
    const nextPayment = new Date('2026-12-15T10:00:00Z');
    const sub = woo.addSubscription({
      customer: customer.id,
      currency: 'EUR',
      lineItems: [{ name: 'Coffee club', quantity: 1, unitPrice: 1800 }],
      nextPaymentDate: nextPayment,
    });
    const other = woo.addSubscription({
      customer: customer.id,
      currency: 'EUR',
      lineItems: [{ name: 'Tea club', quantity: 1, unitPrice: 900 }],
      nextPaymentDate: nextPayment,
    });
    const api = client();
    const listed = await api.get('subscriptions', { customer: customer.id });
    expect(listed.data.map((s: { id: number }) => s.id)).toEqual([other.id, sub.id]);
    expect(listed.data[1]).toMatchObject({
      status: 'active',
      total: '18.00',
      billing_period: 'month',
      next_payment_date_gmt: '2026-12-15T10:00:00',
    });

    const pending = await api.put(`subscriptions/${sub.id}`, { status: 'pending-cancel' });
    expect(pending.data).toMatchObject({
      status: 'pending-cancel',
      end_date_gmt: '2026-12-15T10:00:00',
      next_payment_date_gmt: '',
    });
    const now = await api.put(`subscriptions/${other.id}`, { status: 'cancelled' });
    expect(now.data.status).toBe('cancelled');
    expect(now.data.end_date_gmt).not.toBe('');
    const again = await failure(api.put(`subscriptions/${other.id}`, { status: 'active' }));
    expect(again.status).toBe(400);
    expect((await failure(api.get('subscriptions/424242'))).data.code).toBe(
      'woocommerce_rest_shop_subscription_invalid_id',
    );
  });
});

describe('WooCommerce authentication and faults', () => {
  it('refuses a request signed with the wrong consumer secret', async () => {
    seed();
    const wrong = await failure(client('cs_wrong').get('orders'));
    expect(wrong).toEqual({
      status: 401,
      data: {
        code: 'woocommerce_rest_authentication_error',
        message: 'Invalid signature - provided signature does not match.',
        data: { status: 401 },
      },
    });
    expect(woo.requests[0]?.query['oauth_signature']).toBe('[redacted]');
  });

  it('accepts a nonce once and refuses stale timestamps', async () => {
    // Signed by hand (RFC 5849, HMAC-SHA1 this time) rather than by the client, to replay one URL.
    const encode = (v: string) =>
      encodeURIComponent(v).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const signed = (timestamp = Math.floor(Date.now() / 1000)) => {
      const url = `${server.baseUrl}/wp-json/wc/v3/orders`;
      const params: Record<string, string> = {
        per_page: '5',
        oauth_consumer_key: KEY,
        oauth_nonce: randomBytes(16).toString('hex'),
        oauth_signature_method: 'HMAC-SHA1',
        oauth_timestamp: String(timestamp),
        oauth_version: '1.0',
      };
      const normalized = Object.keys(params)
        .sort()
        .map((k) => `${encode(k)}=${encode(params[k] ?? '')}`)
        .join('&');
      const base = `GET&${encode(url)}&${encode(normalized)}`;
      params['oauth_signature'] = createHmac('sha1', `${SECRET}&`).update(base).digest('base64');
      return `${url}?${new URLSearchParams(params).toString()}`;
    };
    const url = signed();
    expect((await fetch(url)).status).toBe(200);
    const replayed = await fetch(url);
    expect(replayed.status).toBe(401);
    expect(await replayed.json()).toMatchObject({ message: 'Invalid nonce - nonce has already been used.' });
    const stale = await fetch(signed(Math.floor(Date.now() / 1000) - 3600));
    expect(await stale.json()).toMatchObject({
      code: 'woocommerce_rest_authentication_error',
      message: 'Invalid timestamp.',
    });
  });

  it('ignores Basic auth over http and accepts it over https', async () => {
    seed();
    const basic = `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`;
    const overHttp = await fetch(`${server.baseUrl}/wp-json/wc/v3/orders`, {
      headers: { authorization: basic },
    });
    expect(overHttp.status).toBe(401);
    expect(await overHttp.json()).toMatchObject({
      code: 'woocommerce_rest_cannot_view',
      message: 'Sorry, you cannot list resources.',
    });
    const overHttps = await woo.app.fetch(
      new Request('https://shop.example.com/wp-json/wc/v3/orders', { headers: { authorization: basic } }),
    );
    expect(overHttps.status).toBe(200);
  });

  it('passes scripted 503s and 429s to the client, and can fail a response after doing the refund', async () => {
    const { order } = seed();
    const api = client();
    woo.faults.add({ status: 429, headers: { 'Retry-After': '2' } });
    expect(await failure(api.get('orders'))).toMatchObject({ status: 429 });
    woo.faults.add({ method: 'POST', status: 503 });
    expect((await failure(api.post(`orders/${order.id}/refunds`, { amount: '1.00' }))).status).toBe(503);
    expect((await api.get(`orders/${order.id}/refunds`)).data).toEqual([]);

    woo.faults.add({ method: 'POST', status: 502, afterWork: true });
    expect(
      (
        await failure(
          api.post(`orders/${order.id}/refunds`, {
            amount: '1.00',
            meta_data: [{ key: '_deskwoot_key', value: 'k-9' }],
          }),
        )
      ).status,
    ).toBe(502);
    const found = await api.get(`orders/${order.id}/refunds`);
    expect(found.data).toMatchObject([
      { amount: '1.00', meta_data: [{ key: '_deskwoot_key', value: 'k-9' }] },
    ]);
  });

  it('flags fields outside the reference tables in what is sent', () => {
    const violations = wooCommerceContractViolations([
      {
        method: 'POST',
        path: '/wp-json/wc/v3/orders/1/refunds',
        query: { idempotency_key: 'x' },
        headers: {},
        body: { amount: '1.00', idempotency_key: 'k', line_items: [{ id: 1, refund_total: 1, bogus: 2 }] },
        status: 500,
        responseHeaders: {},
        response: null,
        fault: null,
        at: '',
      },
    ]);
    expect(violations).toEqual([
      'POST /wp-json/wc/v3/orders/1/refunds (request): idempotency_key is not in "Order refund properties"',
      'POST /wp-json/wc/v3/orders/1/refunds (request): line_items.bogus is not in "Order refund - Line items properties"',
    ]);
  });
});
