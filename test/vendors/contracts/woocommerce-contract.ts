import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { RecordedRequest } from '../../../src/sandbox/recorded-request.js';
import { contractFile, isSchema } from './contract-files.js';

/**
 * WooCommerce: every field the server returns or accepts for orders and refunds, and every query
 * parameter sent to them, appears in the reference tables (woocommerce/_orders.md,
 * _order-refunds.md).
 */
/** Attribute names per table, keyed by the heading above it (parameter tables: "<section> / Available parameters"). */
function readTables(file: string): Map<string, Set<string>> {
  const tables = new Map<string, Set<string>>();
  let section = '';
  let heading = '';
  for (const line of readFileSync(contractFile(file), 'utf8').split('\n')) {
    const h = /^(#{2,4})\s+(.*?)\s*#*$/.exec(line);
    if (h) {
      const title = h[2] ?? '';
      if (h[1] === '##') section = title;
      heading = title === 'Available parameters' ? `${section} / Available parameters` : title;
      continue;
    }
    const row = /^\|\s*`([^`]+)`\s*\|/.exec(line);
    if (row?.[1]) {
      const names = tables.get(heading) ?? new Set<string>();
      names.add(row[1]);
      tables.set(heading, names);
    }
  }
  return tables;
}

let wooTables: Map<string, Set<string>> | undefined;

function woo(): Map<string, Set<string>> {
  wooTables ??= new Map([
    ...readTables('woocommerce/_orders.md'),
    ...readTables('woocommerce/_order-refunds.md'),
  ]);
  return wooTables;
}

/** Which table describes the object at each path of an order or a refund. */
const ORDER_TABLES: Record<string, string> = {
  '': 'Order properties',
  billing: 'Order - Billing properties',
  shipping: 'Order - Shipping properties',
  meta_data: 'Order - Meta data properties',
  line_items: 'Order - Line items properties',
  'line_items.meta_data': 'Order - Meta data properties',
  'line_items.taxes': 'Order - Taxes properties',
  tax_lines: 'Order - Tax lines properties',
  shipping_lines: 'Order - Shipping lines properties',
  fee_lines: 'Order - Fee lines properties',
  coupon_lines: 'Order - Coupon lines properties',
  refunds: 'Order - Refunds properties',
};
const REFUND_TABLES: Record<string, string> = {
  '': 'Order refund properties',
  meta_data: 'Order refund - Meta data properties',
  line_items: 'Order refund - Line items properties',
  'line_items.meta_data': 'Order refund - Meta data properties',
  'line_items.taxes': 'Order refund line item - Taxes properties',
  'line_items.refund_tax': 'Order refund line item - Taxes properties',
};
/**
 * Names the reference shows in its examples but not in its tables: `_links` (WordPress's HAL
 * links on every resource) and `refund_tax` (the per-line tax refunds of the create-refund
 * example).
 */
const EXAMPLE_ONLY: Record<string, string[]> = {
  'Order properties': ['_links'],
  'Order refund properties': ['_links'],
  'Order refund - Line items properties': ['refund_tax'],
};

function fieldProblems(
  value: unknown,
  tables: Record<string, string>,
  path: string,
  where: string,
): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => fieldProblems(v, tables, path, where));
  if (!isSchema(value)) return [];
  const table = tables[path];
  const names = table ? woo().get(table) : undefined;
  if (!table || !names) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    const child = path === '' ? key : `${path}.${key}`;
    if (!names.has(key) && !(EXAMPLE_ONLY[table] ?? []).includes(key)) {
      return [`${where}: ${child} is not in "${table}"`];
    }
    return tables[child] ? fieldProblems(v, tables, child, where) : [];
  });
}

const AUTH_QUERY = new Set([
  'oauth_consumer_key',
  'oauth_nonce',
  'oauth_signature',
  'oauth_signature_method',
  'oauth_timestamp',
  'oauth_version',
  'consumer_key',
  'consumer_secret',
]);

function queryProblems(r: RecordedRequest, table: string, where: string): string[] {
  const names = woo().get(table);
  if (!names) return [`${where}: no reference table "${table}"`];
  return Object.keys(r.query)
    .map((key) => key.replace(/\[\]$/, ''))
    .filter((key) => !AUTH_QUERY.has(key) && !names.has(key))
    .map((key) => `${where}: query parameter ${key} is not in "${table}"`);
}

export function wooCommerceContractViolations(requests: readonly RecordedRequest[]): string[] {
  return requests.flatMap((r) => {
    const path = r.path.replace(/^\/wp-json\/wc\/v3\//, '');
    const where = `${r.method} ${r.path}`;
    const ok = r.status < 300;
    if (/^orders$/.test(path)) {
      return [
        ...queryProblems(r, 'List all orders / Available parameters', where),
        ...(ok ? fieldProblems(r.response, ORDER_TABLES, '', where) : []),
      ];
    }
    if (/^orders\/\d+$/.test(path)) {
      return [
        ...(r.method === 'GET' ? queryProblems(r, 'Retrieve an order / Available parameters', where) : []),
        ...fieldProblems(r.body, ORDER_TABLES, '', `${where} (request)`),
        ...(ok ? fieldProblems(r.response, ORDER_TABLES, '', where) : []),
      ];
    }
    if (/^orders\/\d+\/refunds$/.test(path)) {
      return [
        ...(r.method === 'GET' ? queryProblems(r, 'List all refunds / Available parameters', where) : []),
        ...fieldProblems(r.body, REFUND_TABLES, '', `${where} (request)`),
        ...(ok ? fieldProblems(r.response, REFUND_TABLES, '', where) : []),
      ];
    }
    return [];
  });
}

export function expectWooCommerceTrafficToMatchContract(requests: readonly RecordedRequest[]): void {
  expect(wooCommerceContractViolations(requests)).toEqual([]);
}
