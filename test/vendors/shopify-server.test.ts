import { createAdminApiClient, type AdminApiClient } from '@shopify/admin-api-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_SHOPIFY_DOCUMENTS } from '../../src/stores/connectors/shopify-documents.js';
import { startVendorServer, type RunningVendorServer } from '../support/vendor-servers.js';
import { expectShopifyTrafficToMatchContract, shopifyContractViolations } from './contracts.js';
import { createShopifyServer, type ShopifyServer } from './shopify/index.js';

const TOKEN = 'shpat_sandbox_token';
let clock = new Date('2026-11-20T12:00:00Z');
let shop: ShopifyServer;
let server: RunningVendorServer;
/** Tests that send invalid documents on purpose check the violations themselves. */
let invalidOnPurpose = false;

function client(options: { token?: string; retries?: number } = {}): AdminApiClient {
  return createAdminApiClient({
    storeDomain: shop.shop,
    apiVersion: '2026-10',
    accessToken: options.token ?? TOKEN,
    retries: options.retries ?? 0,
    customFetchApi: shop.fetchVia(server.baseUrl),
  });
}

type Data = Record<string, unknown>;

/** Runs a document and returns its data, failing on any GraphQL or HTTP error. */
async function run(document: string, variables: Record<string, unknown> = {}): Promise<Data> {
  const result = await client().request<Data>(document, { variables });
  if (result.errors)
    throw new Error(
      `Shopify answered with errors: ${JSON.stringify(result.errors.graphQLErrors ?? result.errors.message)}`,
    );
  return result.data ?? {};
}

function seedOrder(currency = 'USD', unitPrice = 1250) {
  const customer = shop.addCustomer({ email: 'Ada@Example.com', firstName: 'Ada', lastName: 'Lovelace' });
  const order = shop.addOrder({
    customer: customer.id,
    currency,
    lineItems: [
      { name: 'Mug', quantity: 2, unitPrice },
      { name: 'Tea', quantity: 1, unitPrice: unitPrice * 2 },
    ],
    createdAt: new Date('2026-11-18T09:30:00Z'),
  });
  return { customer, order };
}

const REFUND = `
  mutation Refund($input: RefundInput!, $key: String!) {
    refundCreate(input: $input) @idempotent(key: $key) {
      refund { id totalRefundedSet { shopMoney { amount currencyCode } } }
      order { displayFinancialStatus totalRefundedSet { shopMoney { amount } } }
      userErrors { field message }
    }
  }`;

function refundInput(order: { id: string; transactionIds: string[] }, amount: string) {
  return {
    orderId: order.id,
    note: 'Requested by the customer',
    transactions: [
      {
        orderId: order.id,
        parentId: order.transactionIds[0],
        amount,
        gateway: 'shopify_payments',
        kind: 'REFUND',
      },
    ],
  };
}

beforeEach(async () => {
  clock = new Date('2026-11-20T12:00:00Z');
  invalidOnPurpose = false;
  shop = createShopifyServer({ accessToken: TOKEN, now: () => clock });
  server = await startVendorServer(shop.app);
});

afterEach(async () => {
  await server.close();
  if (!invalidOnPurpose) expectShopifyTrafficToMatchContract(shop.requests);
});

describe('Shopify test server, driven by @shopify/admin-api-client', () => {
  it('finds a customer by email and their orders, with money as Shopify decimal strings', async () => {
    const { customer, order } = seedOrder();
    const data = await run(
      `query Find($q: String!) {
        customers(first: 2, query: $q) {
          nodes {
            id displayName defaultEmailAddress { emailAddress }
            orders(first: 3, sortKey: CREATED_AT, reverse: true) {
              nodes {
                id name email createdAt cancelledAt currencyCode displayFinancialStatus displayFulfillmentStatus
                totalPriceSet { shopMoney { amount currencyCode } }
                currentTotalPriceSet { shopMoney { amount } }
                totalRefundedSet { shopMoney { amount } }
                lineItems(first: 5) { nodes { name quantity originalUnitPriceSet { shopMoney { amount } } } }
                customer { id }
              }
            }
          }
        }
      }`,
      { q: 'email:ada@example.com' },
    );
    expect(data).toEqual({
      customers: {
        nodes: [
          {
            id: customer.id,
            displayName: 'Ada Lovelace',
            defaultEmailAddress: { emailAddress: 'Ada@Example.com' },
            orders: {
              nodes: [
                {
                  id: order.id,
                  name: '#1001',
                  email: 'Ada@Example.com',
                  createdAt: '2026-11-18T09:30:00Z',
                  cancelledAt: null,
                  currencyCode: 'USD',
                  displayFinancialStatus: 'PAID',
                  displayFulfillmentStatus: 'UNFULFILLED',
                  totalPriceSet: { shopMoney: { amount: '50.0', currencyCode: 'USD' } },
                  currentTotalPriceSet: { shopMoney: { amount: '50.0' } },
                  totalRefundedSet: { shopMoney: { amount: '0.0' } },
                  lineItems: {
                    nodes: [
                      { name: 'Mug', quantity: 2, originalUnitPriceSet: { shopMoney: { amount: '12.5' } } },
                      { name: 'Tea', quantity: 1, originalUnitPriceSet: { shopMoney: { amount: '25.0' } } },
                    ],
                  },
                  customer: { id: customer.id },
                },
              ],
            },
          },
        ],
      },
    });
    const legacyId = customer.id.split('/').at(-1);
    const byCustomer = await run(`query($q: String!) { orders(first: 10, query: $q) { nodes { id } } }`, {
      q: `customer_id:${legacyId}`,
    });
    expect(byCustomer).toEqual({ orders: { nodes: [{ id: order.id }] } });
  });

  it('writes zero-decimal currencies without cents', async () => {
    const { order } = seedOrder('JPY', 1500);
    const data = await run(
      `query($id: ID!) { order(id: $id) { totalPriceSet { shopMoney { amount currencyCode } } } }`,
      {
        id: order.id,
      },
    );
    expect(data).toEqual({
      order: { totalPriceSet: { shopMoney: { amount: '6000.0', currencyCode: 'JPY' } } },
    });
  });

  it('suggests the refundable maximum, refunds part, then answers an over-refund with userErrors', async () => {
    const { order } = seedOrder();
    const suggested = await run(
      `query($id: ID!) { order(id: $id) { suggestedRefund(suggestFullRefund: true) {
        amountSet { shopMoney { amount } } maximumRefundableSet { shopMoney { amount } }
        suggestedTransactions { kind gateway parentTransaction { id } amountSet { shopMoney { amount } } } } } }`,
      { id: order.id },
    );
    expect(suggested).toEqual({
      order: {
        suggestedRefund: {
          amountSet: { shopMoney: { amount: '50.0' } },
          maximumRefundableSet: { shopMoney: { amount: '50.0' } },
          suggestedTransactions: [
            {
              kind: 'SUGGESTED_REFUND',
              gateway: 'shopify_payments',
              parentTransaction: { id: order.transactionIds[0] },
              amountSet: { shopMoney: { amount: '50.0' } },
            },
          ],
        },
      },
    });

    const partial = await run(REFUND, { input: refundInput(order, '20.00'), key: 'refund-1' });
    expect(partial).toMatchObject({
      refundCreate: {
        refund: { totalRefundedSet: { shopMoney: { amount: '20.0', currencyCode: 'USD' } } },
        order: {
          displayFinancialStatus: 'PARTIALLY_REFUNDED',
          totalRefundedSet: { shopMoney: { amount: '20.0' } },
        },
        userErrors: [],
      },
    });

    const over = await run(REFUND, { input: refundInput(order, '30.01'), key: 'refund-2' });
    expect(over).toEqual({
      refundCreate: {
        refund: null,
        order: {
          displayFinancialStatus: 'PARTIALLY_REFUNDED',
          totalRefundedSet: { shopMoney: { amount: '20.0' } },
        },
        userErrors: [
          {
            field: ['transactions'],
            message: 'Refund amount ($30.01) is greater than the refundable amount ($30.00).',
          },
        ],
      },
    });
    const rest = await run(REFUND, { input: refundInput(order, '30.00'), key: 'refund-3' });
    expect(rest).toMatchObject({
      refundCreate: { order: { displayFinancialStatus: 'REFUNDED' }, userErrors: [] },
    });
  });

  it('requires @idempotent on refundCreate in 2026-10 and replays the first result for a repeated key', async () => {
    const { order } = seedOrder();
    const bare = await client().request(
      `mutation($input: RefundInput!) { refundCreate(input: $input) { refund { id } userErrors { field message } } }`,
      { variables: { input: refundInput(order, '5.00') } },
    );
    expect(bare.data).toEqual({ refundCreate: null });
    expect(bare.errors?.graphQLErrors?.[0]).toMatchObject({
      extensions: { code: 'IDEMPOTENCY_KEY_REQUIRED' },
      path: ['refundCreate'],
    });

    const first = await run(REFUND, { input: refundInput(order, '5.00'), key: 'same' });
    const again = await run(REFUND, { input: refundInput(order, '5.00'), key: 'same' });
    expect(again).toEqual(first);
    const refunds = await run(`query($id: ID!) { order(id: $id) { refunds(first: 10) { id } } }`, {
      id: order.id,
    });
    expect(refunds).toEqual({
      order: { refunds: [{ id: expect.stringMatching(/^gid:\/\/shopify\/Refund\//) }] },
    });

    const other = await client().request(REFUND, {
      variables: { input: refundInput(order, '6.00'), key: 'same' },
    });
    expect(other.errors?.graphQLErrors?.[0]).toMatchObject({
      extensions: { code: 'IDEMPOTENCY_KEY_REUSED' },
    });
  });

  it('cancels an order through a job that is done only on a later poll, once and for good', async () => {
    const { order } = seedOrder();
    const cancel = `mutation($id: ID!) {
      orderCancel(orderId: $id, reason: CUSTOMER, refund: true, restock: true, notifyCustomer: false, staffNote: "Deskwoot") {
        job { id done } orderCancelUserErrors { code field message }
      } }`;
    const poll = `query($id: ID!, $order: ID!) { job(id: $id) { id done } order(id: $order) { cancelledAt displayFinancialStatus } }`;

    const started = await run(cancel, { id: order.id });
    const job = (started['orderCancel'] as { job: { id: string; done: boolean } }).job;
    expect(job.done).toBe(false);
    expect(await run(poll, { id: job.id, order: order.id })).toEqual({
      job: { id: job.id, done: false },
      order: { cancelledAt: null, displayFinancialStatus: 'PAID' },
    });
    expect((await run(cancel, { id: order.id }))['orderCancel']).toEqual({
      job: null,
      orderCancelUserErrors: [
        { code: 'INVALID', field: ['orderId'], message: 'Order cancellation is already in progress' },
      ],
    });
    clock = new Date('2026-11-20T12:00:05Z');
    expect(await run(poll, { id: job.id, order: order.id })).toEqual({
      job: { id: job.id, done: true },
      order: { cancelledAt: '2026-11-20T12:00:05Z', displayFinancialStatus: 'REFUNDED' },
    });
    expect((await run(cancel, { id: order.id }))['orderCancel']).toEqual({
      job: null,
      orderCancelUserErrors: [
        {
          code: 'INVALID',
          field: ['orderId'],
          message: 'Cannot cancel an order that has already been cancelled',
        },
      ],
    });
  });

  it('completes running jobs on demand', async () => {
    const { order } = seedOrder();
    await run(
      `mutation($id: ID!) { orderCancel(orderId: $id, reason: OTHER, refund: false, restock: false) { job { id } } }`,
      {
        id: order.id,
      },
    );
    expect(shop.completeJobs()).toBe(1);
    const data = await run(`query($id: ID!) { order(id: $id) { cancelledAt displayFinancialStatus } }`, {
      id: order.id,
    });
    expect(data).toEqual({ order: { cancelledAt: '2026-11-20T12:00:00Z', displayFinancialStatus: 'PAID' } });
  });

  it('cancels a subscription contract once; a second cancel is a userError', async () => {
    const customer = shop.addCustomer({ email: 'grace@example.com' });
    const contract = shop.addSubscriptionContract({
      customer: customer.id,
      currency: 'EUR',
      lines: [{ title: 'Coffee club', price: 1800, quantity: 1 }],
      nextBillingDate: new Date('2026-12-01T00:00:00Z'),
    });
    const list = await run(
      `query($id: ID!) { customer(id: $id) { subscriptionContracts(first: 5) { nodes {
        id status nextBillingDate currencyCode lines(first: 5) { nodes { title quantity currentPrice { amount currencyCode } } } } } } }`,
      { id: customer.id },
    );
    expect(list).toEqual({
      customer: {
        subscriptionContracts: {
          nodes: [
            {
              id: contract.id,
              status: 'ACTIVE',
              nextBillingDate: '2026-12-01T00:00:00Z',
              currencyCode: 'EUR',
              lines: {
                nodes: [
                  {
                    title: 'Coffee club',
                    quantity: 1,
                    currentPrice: { amount: '18.0', currencyCode: 'EUR' },
                  },
                ],
              },
            },
          ],
        },
      },
    });
    const cancel = `mutation($id: ID!) { subscriptionContractCancel(subscriptionContractId: $id) {
      contract { id status nextBillingDate } userErrors { field message code } } }`;
    expect(await run(cancel, { id: contract.id })).toEqual({
      subscriptionContractCancel: {
        contract: { id: contract.id, status: 'CANCELLED', nextBillingDate: null },
        userErrors: [],
      },
    });
    expect(await run(cancel, { id: contract.id })).toMatchObject({
      subscriptionContractCancel: {
        userErrors: [{ code: 'CONTRACT_TERMINATED', field: ['subscriptionContractId'] }],
      },
    });
  });

  it('validates every document the Shopify connector sends and runs each within Shopify’s cost limit or refuses it', async () => {
    const { customer, order } = seedOrder();
    const contract = shop.addSubscriptionContract({
      customer: customer.id,
      currency: 'USD',
      lines: [{ title: 'Box', price: 2500, quantity: 1 }],
      nextBillingDate: new Date('2026-12-01T00:00:00Z'),
    });
    const docs = ALL_SHOPIFY_DOCUMENTS;
    const calls: [keyof typeof docs, Record<string, unknown>][] = [
      ['VERIFY', {}],
      ['FIND_CUSTOMERS', { query: 'email:ada@example.com' }],
      ['ORDERS', { query: `customer_id:${customer.id.split('/').at(-1)}` }],
      ['ORDER', { id: order.id }],
      ['CUSTOMER_CONTRACTS', { id: customer.id }],
      ['CONTRACT', { id: contract.id }],
      ['ORDER_TRANSACTIONS', { id: order.id }],
      ['REFUND_CREATE', { input: refundInput(order, '1.00'), key: 'docs' }],
      ['ORDER_CANCEL', { orderId: order.id, note: 'test' }],
      ['CONTRACT_CANCEL', { id: contract.id }],
    ];
    const tooCostly: string[] = [];
    for (const [name, variables] of calls) {
      const result = await client().request<Data>(docs[name], { variables });
      const codes = (result.errors?.graphQLErrors ?? []).map((e) => e.extensions?.['code']);
      if (codes.includes('MAX_COST_EXCEEDED')) tooCostly.push(name);
      else expect({ name, errors: result.errors }).toEqual({ name, errors: undefined });
      if (name === 'ORDER_CANCEL') {
        const job = (result.data?.['orderCancel'] as { job: { id: string } }).job;
        expect((await client().request(docs.JOB, { variables: { id: job.id } })).errors).toBeUndefined();
      }
    }
    expect(shop.requests.every((r) => r.graphql?.valid)).toBe(true);
    // Shopify refuses any query costing over 1000 points; nested connections multiply.
    expect(tooCostly.every((name) => ['ORDERS', 'CUSTOMER_CONTRACTS'].includes(name))).toBe(true);
  });
});

describe('Shopify test server errors and limits', () => {
  it('answers a document the schema refuses with GraphQL errors as Shopify words them, and records it', async () => {
    invalidOnPurpose = true;
    const { order } = seedOrder();
    const result = await client().request(`query Bad($id: ID!) { order(id: $id) { id nonsense } }`, {
      variables: { id: order.id },
    });
    expect(result.errors?.networkStatusCode).toBe(200);
    expect(result.errors?.graphQLErrors).toEqual([
      {
        message: "Field 'nonsense' doesn't exist on type 'Order'",
        locations: [{ line: 1, column: 43 }],
        extensions: { code: 'undefinedField', typeName: 'Order', fieldName: 'nonsense' },
      },
    ]);
    expect(shopifyContractViolations(shop.requests)).toEqual([
      'Bad: Cannot query field "nonsense" on type "Order".',
    ]);
  });

  it('refuses a wrong access token with 401', async () => {
    const result = await client({ token: 'shpat_wrong' }).request(`query { shop { name } }`);
    expect(result.errors).toMatchObject({ networkStatusCode: 401, message: 'GraphQL Client: Unauthorized' });
    expect(shop.requests[0]?.headers['x-shopify-access-token']).toBe('[redacted]');
  });

  it('reports query cost in extensions and throttles when the bucket is short', async () => {
    seedOrder();
    const result = await client().request(`query { orders(first: 10) { nodes { id name } } }`);
    expect(result.extensions).toEqual({
      cost: {
        requestedQueryCost: 12,
        actualQueryCost: 12,
        throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 1988, restoreRate: 100 },
      },
    });
    shop.setAvailablePoints(5);
    const throttled = await client().request(`query { orders(first: 10) { nodes { id name } } }`);
    expect(throttled.errors?.graphQLErrors?.[0]).toMatchObject({
      message: 'Throttled',
      extensions: { code: 'THROTTLED' },
    });
    expect(throttled.extensions).toMatchObject({ cost: { requestedQueryCost: 12, actualQueryCost: null } });
    clock = new Date(clock.getTime() + 1000);
    expect((await client().request(`query { orders(first: 10) { nodes { id } } }`)).errors).toBeUndefined();
  });

  it('answers 429 Throttled on demand, which the client retries when asked to', async () => {
    shop.faults.add({ status: 429, headers: { 'Retry-After': '1' } });
    const once = await client().request(`query { shop { name } }`);
    expect(once.errors).toMatchObject({ networkStatusCode: 429 });

    shop.faults.add({ status: 429, headers: { 'Retry-After': '1' }, times: 2 });
    const retried = await client({ retries: 2 }).request(`query { shop { name } }`);
    expect(retried.data).toEqual({ shop: { name: 'Deskwoot Sandbox Shop' } });
    expect(shop.requests.map((r) => r.status)).toEqual([429, 429, 429, 200]);
  });

  it('does the refund and then fails the response, so only the idempotency key tells the retry apart', async () => {
    const { order } = seedOrder();
    shop.faults.add({ status: 503, afterWork: true });
    const lost = await client().request(REFUND, {
      variables: { input: refundInput(order, '10.00'), key: 'crash' },
    });
    expect(lost.errors).toMatchObject({ networkStatusCode: 503 });
    const retried = await run(REFUND, { input: refundInput(order, '10.00'), key: 'crash' });
    expect(retried).toMatchObject({
      refundCreate: { order: { totalRefundedSet: { shopMoney: { amount: '10.0' } } } },
    });
    const refunds = await run(`query($id: ID!) { order(id: $id) { refunds(first: 5) { id } } }`, {
      id: order.id,
    });
    expect((refunds['order'] as { refunds: unknown[] }).refunds).toHaveLength(1);
  });
});
