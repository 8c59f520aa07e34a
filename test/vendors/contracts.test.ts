import { describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../../src/sandbox/recorded-request.js';
import { shopifyContractViolations, stripeContractViolations } from './contracts.js';

function recorded(overrides: Partial<RecordedRequest>): RecordedRequest {
  return {
    method: 'GET',
    path: '/v1/refunds',
    query: {},
    headers: {},
    body: null,
    status: 200,
    responseHeaders: {},
    response: null,
    fault: null,
    at: '2026-11-20T12:00:00.000Z',
    ...overrides,
  };
}

describe('vendor contract checks', () => {
  it('flags Stripe parameters the spec does not define or types it refuses', () => {
    const violations = stripeContractViolations([
      recorded({ method: 'POST', body: { amount: '12.50', payment_intent: 'pi_1', idempotency_key: 'k' } }),
      recorded({
        method: 'GET',
        path: '/v1/payment_intents',
        query: { limit: 'ten', expand: ['data.latest_charge'] },
      }),
    ]);
    expect(violations).toEqual([
      'POST /v1/refunds: amount: not an integer',
      'POST /v1/refunds: parameter idempotency_key is not defined by the spec',
      'GET /v1/payment_intents: limit: not an integer',
    ]);
  });

  it('flags Stripe responses missing what the spec requires, and error bodies of the wrong shape', () => {
    const violations = stripeContractViolations([
      recorded({
        path: '/v1/refunds/re_1',
        response: { id: 're_1', object: 'refund', created: 1, currency: 'usd' },
      }),
      recorded({ path: '/v1/refunds/re_1', status: 404, response: { error: { message: 'No such refund' } } }),
      recorded({ path: '/v1/charges/ch_1/capture_everything' }),
    ]);
    expect(violations).toEqual([
      "GET /v1/refunds/{refund} 200: response / must have required property 'amount'",
      "GET /v1/refunds/{refund} default: response /error must have required property 'type'",
      'GET /v1/charges/ch_1/capture_everything: not an endpoint the spec defines',
    ]);
  });

  it('flags Shopify documents the Admin schema refused', () => {
    const violations = shopifyContractViolations([
      {
        ...recorded({ method: 'POST', path: '/admin/api/2026-10/graphql.json' }),
        graphql: {
          operationName: 'Orders',
          operationType: 'query',
          valid: false,
          errors: ['Unknown argument "limit".'],
        },
      },
      {
        ...recorded({ method: 'POST', path: '/admin/api/2026-10/graphql.json' }),
        graphql: { operationName: null, operationType: 'query', valid: true, errors: [] },
      },
    ]);
    expect(violations).toEqual(['Orders: Unknown argument "limit".']);
  });
});
