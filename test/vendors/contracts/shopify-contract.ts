import { expect } from 'vitest';
import type { ShopifyRecordedRequest } from '../shopify/index.js';

/**
 * Shopify: every GraphQL document must validate against the Admin 2026-10 schema. The server
 * validates each one and keeps the result with the recorded request.
 */
export function shopifyContractViolations(requests: readonly ShopifyRecordedRequest[]): string[] {
  return requests.flatMap((r) => {
    if (!r.graphql || r.graphql.valid) return [];
    const name = r.graphql.operationName ?? '(anonymous)';
    return r.graphql.errors.map((e) => `${name}: ${e}`);
  });
}

export function expectShopifyTrafficToMatchContract(requests: readonly ShopifyRecordedRequest[]): void {
  expect(shopifyContractViolations(requests)).toEqual([]);
}
