import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createStripeSandbox,
  type StripeSandbox,
  type StripeSandboxState,
} from '../../src/sandbox/stripe/index.js';
import { startVendorServer, type RunningVendorServer } from '../support/vendor-servers.js';
import { expectStripeTrafficToMatchContract } from './contracts.js';

const KEY = 'sk_test_sandbox_4242';
const NOW = new Date('2026-11-20T12:00:00Z');
const DAY = 86_400_000;

let sandbox: StripeSandbox;
let server: RunningVendorServer;

function client(options: Stripe.StripeConfig = {}, key = KEY): Stripe {
  return new Stripe(key, {
    host: server.host,
    port: server.port,
    protocol: 'http',
    maxNetworkRetries: 0,
    ...options,
  });
}

async function failure(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  const err: unknown = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Stripe.errors.StripeError))
    throw new Error(`Expected a Stripe error, got ${String(err)}`);
  return err;
}

/** A response header from `lastResponse`: a plain object over Node's http client, `Headers` over fetch. */
function header(result: { lastResponse: { headers: unknown } }, name: string): string | undefined {
  const headers = result.lastResponse.headers;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  if (typeof headers === 'object' && headers !== null && name in headers) {
    const value: unknown = (headers as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

function seedPaidCustomer(options: { refunds?: 'succeed' | 'pending'; amount?: number } = {}) {
  const customer = sandbox.addCustomer({ email: 'ada@example.com', name: 'Ada Lovelace' });
  const payment = sandbox.addPaymentIntent({
    customer: customer.id,
    amount: options.amount ?? 5000,
    currency: 'usd',
    created: new Date(NOW.getTime() - 3 * DAY),
    description: 'Order 1001',
    ...(options.refunds ? { refunds: options.refunds } : {}),
  });
  return { customer, payment };
}

beforeEach(async () => {
  sandbox = createStripeSandbox({ secretKey: KEY, now: () => NOW });
  server = await startVendorServer(sandbox.app);
});

afterEach(async () => {
  await server.close();
  expectStripeTrafficToMatchContract(sandbox.requests);
});

describe('Stripe sandbox, driven by the stripe SDK', () => {
  it('finds a customer by email and lists their payments, newest first, with the latest charge expanded', async () => {
    const { customer, payment } = seedPaidCustomer();
    const older = sandbox.addPaymentIntent({
      customer: customer.id,
      amount: 1200,
      currency: 'eur',
      created: new Date(NOW.getTime() - 10 * DAY),
    });
    const stripe = client();

    const found = await stripe.customers.list({ email: 'ada@example.com', limit: 10 });
    expect(found.data.map((c) => c.id)).toEqual([customer.id]);
    expect((await stripe.customers.list({ email: 'ADA@example.com' })).data).toEqual([]);

    const page = await stripe.paymentIntents.list({
      customer: customer.id,
      limit: 1,
      expand: ['data.latest_charge'],
    });
    expect(page).toMatchObject({ object: 'list', has_more: true, url: '/v1/payment_intents' });
    expect(page.data[0]).toMatchObject({
      id: payment.id,
      amount: 5000,
      currency: 'usd',
      status: 'succeeded',
    });
    expect(page.data[0]?.latest_charge).toMatchObject({
      id: payment.charge,
      amount_refunded: 0,
      refunded: false,
    });
    const next = await stripe.paymentIntents.list({
      customer: customer.id,
      limit: 1,
      starting_after: payment.id,
    });
    expect(next.data.map((p) => p.id)).toEqual([older.id]);
    expect(next.has_more).toBe(false);

    const one = await stripe.paymentIntents.retrieve(payment.id);
    expect(one.latest_charge).toBe(payment.charge);
    expect(one.created).toBe(Math.floor((NOW.getTime() - 3 * DAY) / 1000));
  });

  it('refunds part of a payment, then what is left by default, then answers charge_already_refunded', async () => {
    const { payment } = seedPaidCustomer();
    const stripe = client();

    const first = await stripe.refunds.create(
      {
        payment_intent: payment.id,
        amount: 1500,
        reason: 'requested_by_customer',
        metadata: { deskwoot_key: 'k1' },
      },
      { idempotencyKey: 'refund-1' },
    );
    expect(first).toMatchObject({
      object: 'refund',
      amount: 1500,
      status: 'succeeded',
      charge: payment.charge,
    });
    expect(first.metadata).toEqual({ deskwoot_key: 'k1' });
    const rest = await stripe.refunds.create({ payment_intent: payment.id }, { idempotencyKey: 'refund-2' });
    expect(rest.amount).toBe(3500);

    const intent = await stripe.paymentIntents.retrieve(payment.id, { expand: ['latest_charge'] });
    expect(intent.latest_charge).toMatchObject({ amount_refunded: 5000, refunded: true });
    const listed = await stripe.refunds.list({ payment_intent: payment.id });
    expect(listed.data.map((r) => r.id)).toEqual([rest.id, first.id]);

    const again = await failure(
      stripe.refunds.create({ payment_intent: payment.id }, { idempotencyKey: 'refund-3' }),
    );
    expect(again).toMatchObject({
      type: 'StripeInvalidRequestError',
      statusCode: 400,
      code: 'charge_already_refunded',
    });
    expect(again.message).toBe(`Charge ${payment.charge} has already been refunded.`);
  });

  it('refuses a refund above what is left with Stripe’s message, naming the amount parameter', async () => {
    const { payment } = seedPaidCustomer();
    const stripe = client();

    const tooMuch = await failure(stripe.refunds.create({ payment_intent: payment.id, amount: 6000 }));
    expect(tooMuch).toMatchObject({ statusCode: 400, code: 'amount_too_large', param: 'amount' });
    expect(tooMuch.message).toBe('Refund amount ($60.00) is greater than charge amount ($50.00)');

    await stripe.refunds.create({ charge: payment.charge ?? '', amount: 2000 });
    const overLeft = await failure(stripe.refunds.create({ payment_intent: payment.id, amount: 3001 }));
    expect(overLeft.message).toBe(
      'Refund amount ($30.01) is greater than unrefunded amount on charge ($30.00)',
    );
    expect(overLeft.rawType).toBe('invalid_request_error');
  });

  it('replays the first response for a repeated idempotency key, and refuses the key with other parameters', async () => {
    const { payment } = seedPaidCustomer();
    const stripe = client();
    const params = { payment_intent: payment.id, amount: 1000 };

    const first = await stripe.refunds.create(params, { idempotencyKey: 'same-key' });
    const replay = await stripe.refunds.create(params, { idempotencyKey: 'same-key' });
    expect(replay.id).toBe(first.id);
    expect(header(replay, 'idempotent-replayed')).toBe('true');
    expect(header(first, 'idempotent-replayed')).toBeUndefined();
    expect(sandbox.state().refunds).toHaveProperty(first.id);
    expect(Object.keys(sandbox.state().refunds)).toHaveLength(1);

    const mismatch = await failure(
      stripe.refunds.create({ ...params, amount: 999 }, { idempotencyKey: 'same-key' }),
    );
    expect(mismatch).toMatchObject({
      type: 'StripeIdempotencyError',
      statusCode: 400,
      rawType: 'idempotency_error',
    });
    expect(mismatch.message).toContain("Try using a key other than 'same-key'");
  });

  it('keeps an idempotency key for 24 hours: replayed just before, a new request just after', async () => {
    let now = NOW;
    await server.close();
    sandbox = createStripeSandbox({ secretKey: KEY, now: () => now });
    server = await startVendorServer(sandbox.app);
    const { payment } = seedPaidCustomer();
    const stripe = client();
    const params = { payment_intent: payment.id, amount: 1000 };

    const first = await stripe.refunds.create(params, { idempotencyKey: 'day-key' });
    now = new Date(NOW.getTime() + DAY - 1000);
    const replay = await stripe.refunds.create(params, { idempotencyKey: 'day-key' });
    expect(replay.id).toBe(first.id);
    now = new Date(NOW.getTime() + DAY);
    const fresh = await stripe.refunds.create(params, { idempotencyKey: 'day-key' });
    expect(fresh.id).not.toBe(first.id);
    expect(header(fresh, 'idempotent-replayed')).toBeUndefined();
    const refunds = await stripe.refunds.list({ payment_intent: payment.id });
    expect(refunds.data.map((r) => r.id)).toEqual([fresh.id, first.id]);
    const paid = await stripe.paymentIntents.retrieve(payment.id, { expand: ['latest_charge'] });
    expect((paid.latest_charge as Stripe.Charge).amount_refunded).toBe(2000);
  });

  it('replays a refusal too: the first answer for a key is the answer for that key', async () => {
    const { payment } = seedPaidCustomer();
    const stripe = client();
    const first = await failure(
      stripe.refunds.create({ payment_intent: payment.id, amount: 9000 }, { idempotencyKey: 'refused-key' }),
    );
    const replay = await failure(
      stripe.refunds.create({ payment_intent: payment.id, amount: 9000 }, { idempotencyKey: 'refused-key' }),
    );
    expect(replay.message).toBe(first.message);
    expect(replay.headers?.['idempotent-replayed']).toBe('true');
  });

  it('keeps a pending refund in amount_refunded until it settles, and gives the money back when it fails', async () => {
    const { payment } = seedPaidCustomer({ refunds: 'pending' });
    const stripe = client();
    const charged = async () => {
      const intent = await stripe.paymentIntents.retrieve(payment.id, { expand: ['latest_charge'] });
      return intent.latest_charge as Stripe.Charge;
    };

    const pending = await stripe.refunds.create({ payment_intent: payment.id, amount: 2000 });
    expect(pending.status).toBe('pending');
    expect((await charged()).amount_refunded).toBe(2000);
    expect(sandbox.settlePendingRefunds('succeeded')).toBe(1);
    expect((await stripe.refunds.retrieve(pending.id)).status).toBe('succeeded');

    const second = await stripe.refunds.create({ payment_intent: payment.id, amount: 3000 });
    expect(await charged()).toMatchObject({ amount_refunded: 5000, refunded: true });
    expect(sandbox.settlePendingRefunds('failed')).toBe(1);
    const failed = await stripe.refunds.retrieve(second.id);
    expect(failed).toMatchObject({ status: 'failed', failure_reason: 'expired_or_canceled_card' });
    expect(await charged()).toMatchObject({ amount_refunded: 2000, refunded: false });
    expect((await stripe.refunds.create({ payment_intent: payment.id })).amount).toBe(3000);
  });

  it('refuses to refund a payment that has not taken money, and cancels only those', async () => {
    const customer = sandbox.addCustomer({ email: 'grace@example.com' });
    const held = sandbox.addPaymentIntent({
      customer: customer.id,
      amount: 4000,
      currency: 'usd',
      created: NOW,
      status: 'requires_capture',
    });
    const paid = sandbox.addPaymentIntent({
      customer: customer.id,
      amount: 4000,
      currency: 'usd',
      created: NOW,
    });
    const stripe = client();

    const uncaptured = await failure(stripe.refunds.create({ payment_intent: held.id }));
    expect(uncaptured.message).toBe(
      `This PaymentIntent (${held.id}) does not have a successful charge to refund.`,
    );

    const cancelled = await stripe.paymentIntents.cancel(held.id, {}, { idempotencyKey: 'cancel-1' });
    expect(cancelled).toMatchObject({ status: 'canceled', canceled_at: Math.floor(NOW.getTime() / 1000) });
    const released = await stripe.paymentIntents.retrieve(held.id, { expand: ['latest_charge'] });
    expect(released.latest_charge).toMatchObject({ captured: false, refunded: true });
    expect((await failure(stripe.refunds.create({ charge: held.charge ?? '' }))).message).toContain(
      'does not have a successful charge to refund',
    );

    const again = await failure(stripe.paymentIntents.cancel(held.id));
    expect(again.code).toBe('payment_intent_unexpected_state');
    const succeeded = await failure(stripe.paymentIntents.cancel(paid.id));
    expect(succeeded).toMatchObject({ statusCode: 400, code: 'payment_intent_unexpected_state' });
    expect(succeeded.message).toMatch(
      /^You cannot cancel this PaymentIntent because it has a status of succeeded\./,
    );
  });

  it('cancels a subscription at period end (still active), takes that back, then cancels it now', async () => {
    const customer = sandbox.addCustomer({ email: 'ada@example.com' });
    const periodEnd = new Date('2026-12-05T00:00:00Z');
    const sub = sandbox.addSubscription({
      customer: customer.id,
      currency: 'usd',
      unitAmount: 1900,
      interval: 'month',
      nickname: 'Pro monthly',
      currentPeriodEnd: periodEnd,
    });
    const ended = sandbox.addSubscription({
      customer: customer.id,
      currency: 'usd',
      unitAmount: 900,
      interval: 'year',
      nickname: 'Old plan',
      status: 'canceled',
      currentPeriodEnd: periodEnd,
    });
    const stripe = client();

    expect((await stripe.subscriptions.list({ customer: customer.id })).data.map((s) => s.id)).toEqual([
      sub.id,
    ]);
    const all = await stripe.subscriptions.list({ customer: customer.id, status: 'all', limit: 10 });
    expect(all.data.map((s) => s.id).sort()).toEqual([sub.id, ended.id].sort());
    const listed = all.data.find((s) => s.id === sub.id);
    const item = listed?.items.data[0];
    expect(item?.price).toMatchObject({ unit_amount: 1900, currency: 'usd', nickname: 'Pro monthly' });
    expect(item?.price.recurring).toMatchObject({ interval: 'month' });
    expect(item?.current_period_end).toBe(periodEnd.getTime() / 1000);

    const atEnd = await stripe.subscriptions.update(
      sub.id,
      { cancel_at_period_end: true },
      { idempotencyKey: 's-1' },
    );
    expect(atEnd).toMatchObject({
      status: 'active',
      cancel_at_period_end: true,
      cancel_at: periodEnd.getTime() / 1000,
    });
    const back = await stripe.subscriptions.update(sub.id, { cancel_at_period_end: false });
    expect(back).toMatchObject({ cancel_at_period_end: false, cancel_at: null });

    const now = await stripe.subscriptions.cancel(sub.id);
    expect(now).toMatchObject({ status: 'canceled', canceled_at: NOW.getTime() / 1000 });
    expect((await failure(stripe.subscriptions.cancel(sub.id))).code).toBe('resource_missing');
    expect((await failure(stripe.subscriptions.update(sub.id, { cancel_at_period_end: true }))).message).toBe(
      'A canceled subscription can only update its cancellation_details and metadata.',
    );
    expect((await stripe.subscriptions.retrieve(sub.id)).status).toBe('canceled');
  });

  it('answers a missing or wrong secret key with 401 and an unknown object with resource_missing', async () => {
    const wrong = await failure(client({}, 'sk_test_wrong_key_9999').customers.list());
    expect(wrong).toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401 });
    expect(wrong.message).toBe('Invalid API Key provided: sk_test_**********9999');
    expect(sandbox.requests[0]?.headers['authorization']).toBe('[redacted]');

    const missing = await failure(client().paymentIntents.retrieve('pi_missing'));
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing' });
    expect(missing.message).toBe("No such payment_intent: 'pi_missing'");
  });
});

describe('Stripe sandbox faults', () => {
  it('lets the SDK retry through a 429 and a 503 and then succeed once', async () => {
    const { payment } = seedPaidCustomer();
    sandbox.faults.add({ path: '/v1/refunds', status: 429, headers: { 'stripe-should-retry': 'true' } });
    sandbox.faults.add({ path: '/v1/refunds', status: 503 });
    const stripe = client({ maxNetworkRetries: 2 });

    const refund = await stripe.refunds.create(
      { payment_intent: payment.id, amount: 700 },
      { idempotencyKey: 'retry-me' },
    );
    expect(refund.amount).toBe(700);
    expect(sandbox.requests.map((r) => [r.status, r.fault])).toEqual([
      [429, 'status 429'],
      [503, 'status 503'],
      [200, null],
    ]);
    expect(Object.keys(sandbox.state().refunds)).toHaveLength(1);
  });

  it('stores a 500 from inside the application and replays it to retries with the same key', async () => {
    const { payment } = seedPaidCustomer();
    sandbox.faults.add({ path: '/v1/refunds', status: 500, scope: 'handler' });
    const stripe = client({ maxNetworkRetries: 1 });

    const err = await failure(
      stripe.refunds.create({ payment_intent: payment.id }, { idempotencyKey: 'broken' }),
    );
    expect(err).toMatchObject({ type: 'StripeAPIError', statusCode: 500 });
    expect(sandbox.requests.map((r) => [r.status, r.responseHeaders['idempotent-replayed'] ?? null])).toEqual(
      [
        [500, null],
        [500, 'true'],
      ],
    );
    expect(sandbox.state().refunds).toEqual({});
    const fresh = await client().refunds.create(
      { payment_intent: payment.id },
      { idempotencyKey: 'new-key' },
    );
    expect(fresh.amount).toBe(5000);
  });

  it('does the refund and then fails the response; retrying the key finds the refund, not a second one', async () => {
    const { payment } = seedPaidCustomer();
    sandbox.faults.add({ path: '/v1/refunds', afterWork: true, status: 502 });
    const stripe = client();
    const params = { payment_intent: payment.id, amount: 1200 };

    const lost = await failure(stripe.refunds.create(params, { idempotencyKey: 'crash' }));
    expect(lost.statusCode).toBe(502);
    expect(Object.values(sandbox.state().refunds).map((r) => r.amount)).toEqual([1200]);

    const retried = await stripe.refunds.create(params, { idempotencyKey: 'crash' });
    expect(header(retried, 'idempotent-replayed')).toBe('true');
    expect(Object.keys(sandbox.state().refunds)).toEqual([retried.id]);
  });

  it('does the refund and then drops the connection; the SDK retries the key itself and gets the replay', async () => {
    const { payment } = seedPaidCustomer();
    sandbox.faults.add({ path: '/v1/refunds', afterWork: true, disconnect: true });
    // Even with retries off, the SDK retries a closed connection once, with the same key.
    const refund = await client().refunds.create(
      { payment_intent: payment.id },
      { idempotencyKey: 'dropped' },
    );
    expect(header(refund, 'idempotent-replayed')).toBe('true');
    expect(sandbox.requests.map((r) => [r.fault, r.response === null])).toEqual([
      ['disconnect, after work', true],
      [null, false],
    ]);
    expect(Object.keys(sandbox.state().refunds)).toEqual([refund.id]);
  });

  it('answers too late for the client’s timeout after doing the work', async () => {
    const { payment } = seedPaidCustomer();
    sandbox.faults.add({ path: '/v1/refunds', afterWork: true, delayMs: 400 });
    const stripe = client({ timeout: 100 });

    const timedOut = await failure(
      stripe.refunds.create({ payment_intent: payment.id }, { idempotencyKey: 'slow' }),
    );
    expect(timedOut.type).toBe('StripeConnectionError');
    expect(timedOut.message).toContain('timeout');
    expect(Object.keys(sandbox.state().refunds)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 450));
  });

  it('answers a second request with a key whose first request is still running with a 409', async () => {
    const { payment } = seedPaidCustomer();
    sandbox.faults.add({ path: '/v1/refunds', delayMs: 200, scope: 'handler' });
    const stripe = client();
    const params = { payment_intent: payment.id, amount: 100 };

    const [first, second] = await Promise.allSettled([
      stripe.refunds.create(params, { idempotencyKey: 'racing' }),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() =>
        stripe.refunds.create(params, { idempotencyKey: 'racing' }),
      ),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(
      second.status === 'rejected' &&
        second.reason instanceof Stripe.errors.StripeError &&
        second.reason.statusCode,
    ).toBe(409);
  });
});

describe('Stripe sandbox state', () => {
  it('reports every change through onChange and continues from a snapshot', async () => {
    const snapshots: StripeSandboxState[] = [];
    const first = createStripeSandbox({ secretKey: KEY, now: () => NOW, onChange: (s) => snapshots.push(s) });
    const customer = first.addCustomer({ email: 'ada@example.com' });
    const payment = first.addPaymentIntent({
      customer: customer.id,
      amount: 3000,
      currency: 'gbp',
      created: NOW,
    });
    expect(snapshots).toHaveLength(2);

    const inProcess = (app: StripeSandbox['app']) =>
      new Stripe(KEY, {
        httpClient: Stripe.createFetchHttpClient((url, init) =>
          Promise.resolve(app.fetch(new Request(url, init))),
        ),
        maxNetworkRetries: 0,
      });
    await inProcess(first.app).refunds.create(
      { payment_intent: payment.id, amount: 500 },
      { idempotencyKey: 'k' },
    );
    await inProcess(first.app).customers.list();
    expect(snapshots).toHaveLength(3);

    const restored = createStripeSandbox({
      secretKey: KEY,
      now: () => NOW,
      state: JSON.parse(JSON.stringify(snapshots.at(-1))),
    });
    const stripe = inProcess(restored.app);
    const replay = await stripe.refunds.create(
      { payment_intent: payment.id, amount: 500 },
      { idempotencyKey: 'k' },
    );
    expect(header(replay, 'idempotent-replayed')).toBe('true');
    const rest = await stripe.refunds.create({ payment_intent: payment.id });
    expect(rest).toMatchObject({ amount: 2500, currency: 'gbp' });
    expectStripeTrafficToMatchContract([...first.requests, ...restored.requests]);
  });
});
