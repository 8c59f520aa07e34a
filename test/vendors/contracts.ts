import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect } from 'vitest';
import type { RecordedRequest } from '../../src/sandbox/recorded-request.js';
import type { ShopifyRecordedRequest } from './shopify/index.js';

/**
 * Checks of recorded vendor traffic against the vendors' published contracts (test/contracts):
 * what a connector sent must be something the vendor defines, and what the local servers answered
 * must be something the vendor could answer. Call after a run, e.g.
 * `expectStripeTrafficToMatchContract(sandbox.requests)`.
 */
const contracts = (path: string) => new URL(`../contracts/${path}`, import.meta.url);

// ---------------------------------------------------------------------------------------------
// Stripe: request parameters against the OpenAPI spec's parameters and form bodies; response
// bodies against the response schema for their status (`default` = the error schema).
// ---------------------------------------------------------------------------------------------

type Schema = Record<string, unknown>;

interface StripeSpec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

interface Operation {
  parameters?: { name: string; in: string; schema: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

/**
 * Fields the 2020-08-27 spec requires that later API versions (which the SDK asks for) stopped
 * returning: `charge.refunds` is only there when expanded since 2022-11-15.
 */
const DROPPED_REQUIRED: Record<string, string[]> = { charge: ['refunds'] };

let stripeSpec: StripeSpec | undefined;
let stripeAjv: Ajv | undefined;
const stripeValidators = new Map<string, ValidateFunction>();

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** OpenAPI 3.0's `nullable: true` as JSON Schema, and `#/components` refs pointed at the spec. */
function toJsonSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toJsonSchema);
  if (!isSchema(value)) return value;
  const out: Schema = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'nullable') continue;
    out[key] = key === '$ref' && typeof v === 'string' ? v.replace(/^#\//, 'stripe#/') : toJsonSchema(v);
  }
  if (value['nullable'] === true) {
    if (typeof out['type'] === 'string' && out['$ref'] === undefined) {
      out['type'] = [out['type'], 'null'];
      if (Array.isArray(out['enum'])) out['enum'] = [...out['enum'], null];
      return out;
    }
    return { anyOf: [out, { type: 'null' }] };
  }
  return out;
}

function loadStripe(): { spec: StripeSpec; ajv: Ajv } {
  if (!stripeSpec || !stripeAjv) {
    const spec = JSON.parse(
      gunzipSync(readFileSync(contracts('stripe/spec3-2022-03.json.gz'))).toString('utf8'),
    ) as StripeSpec;
    for (const [name, dropped] of Object.entries(DROPPED_REQUIRED)) {
      const schema = spec.components.schemas[name];
      if (schema && Array.isArray(schema['required'])) {
        schema['required'] = schema['required'].filter(
          (r: unknown) => typeof r !== 'string' || !dropped.includes(r),
        );
      }
    }
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    ajv.addFormat('unix-time', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= 0 });
    ajv.addFormat('decimal', /^-?\d+(\.\d+)?$/);
    const rewritten = toJsonSchema({ components: spec.components });
    if (isSchema(rewritten)) ajv.addSchema({ $id: 'stripe', ...rewritten });
    stripeSpec = spec;
    stripeAjv = ajv;
  }
  return { spec: stripeSpec, ajv: stripeAjv };
}

/** The spec path a concrete path falls under, preferring literal segments over `{params}`. */
function matchStripePath(spec: StripeSpec, path: string): string | undefined {
  const candidates = Object.keys(spec.paths).filter((template) => {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    return pattern.test(path);
  });
  return candidates.sort((a, b) => (a.match(/\{/g)?.length ?? 0) - (b.match(/\{/g)?.length ?? 0))[0];
}

function resolveRef(spec: StripeSpec, schema: Schema): Schema {
  const ref = schema['$ref'];
  if (typeof ref !== 'string') return schema;
  const name = ref.replace('#/components/schemas/', '');
  return spec.components.schemas[name] ?? {};
}

/** Does a form-encoded value (strings, arrays, objects of them) conform to the spec schema? */
function formProblems(spec: StripeSpec, value: unknown, raw: Schema, at: string): string[] {
  const schema = resolveRef(spec, raw);
  const branches = (schema['anyOf'] ?? schema['oneOf']) as Schema[] | undefined;
  if (Array.isArray(branches)) {
    const results = branches.map((b) => formProblems(spec, value, b, at));
    return results.some((r) => r.length === 0) ? [] : (results[0] ?? [`${at}: matches no alternative`]);
  }
  const enumValues = schema['enum'];
  if (Array.isArray(enumValues)) {
    return enumValues.includes(value)
      ? []
      : [`${at}: ${JSON.stringify(value)} is not one of ${enumValues.join(', ')}`];
  }
  const type = schema['type'];
  if (type === 'integer')
    return typeof value === 'string' && /^-?\d+$/.test(value) ? [] : [`${at}: not an integer`];
  if (type === 'number')
    return typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? [] : [`${at}: not a number`];
  if (type === 'boolean') return value === 'true' || value === 'false' ? [] : [`${at}: not a boolean`];
  if (type === 'string') {
    if (typeof value !== 'string') return [`${at}: not a string`];
    const max = schema['maxLength'];
    return typeof max === 'number' && value.length > max ? [`${at}: longer than ${max}`] : [];
  }
  if (type === 'array') {
    if (!Array.isArray(value)) return [`${at}: not an array`];
    const items = isSchema(schema['items']) ? schema['items'] : {};
    return value.flatMap((v, i) => formProblems(spec, v, items, `${at}[${i}]`));
  }
  if (type === 'object') {
    if (!isSchema(value)) return [`${at}: not an object`];
    const properties = isSchema(schema['properties']) ? schema['properties'] : {};
    const additional = schema['additionalProperties'];
    return Object.entries(value).flatMap(([key, v]) => {
      const prop = properties[key];
      if (isSchema(prop)) return formProblems(spec, v, prop, `${at}[${key}]`);
      if (isSchema(additional)) return formProblems(spec, v, additional, `${at}[${key}]`);
      return additional === true ? [] : [`${at}[${key}]: not a parameter the spec defines`];
    });
  }
  return [];
}

function stripeRequestProblems(
  spec: StripeSpec,
  r: RecordedRequest,
  template: string,
  op: Operation,
): string[] {
  const queryParams = new Map(
    (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => [p.name, p.schema]),
  );
  const bodySchema = op.requestBody?.content?.['application/x-www-form-urlencoded']?.schema ?? {};
  const bodyProps = isSchema(bodySchema['properties']) ? bodySchema['properties'] : {};
  const problems: string[] = [];
  const check = (params: unknown, allowBody: boolean) => {
    if (!isSchema(params)) return;
    for (const [name, value] of Object.entries(params)) {
      const schema = queryParams.get(name) ?? (allowBody ? bodyProps[name] : undefined);
      if (!isSchema(schema))
        problems.push(`${r.method} ${template}: parameter ${name} is not defined by the spec`);
      else problems.push(...formProblems(spec, value, schema, `${r.method} ${template}: ${name}`));
    }
  };
  // The SDK sends DELETE parameters in the query; the spec describes them as a form body.
  check(r.query, r.method === 'DELETE');
  check(r.body, true);
  return problems;
}

function stripeResponseProblems(
  spec: StripeSpec,
  ajv: Ajv,
  r: RecordedRequest,
  template: string,
  op: Operation,
): string[] {
  if (r.response === null) return [];
  const status = String(r.status);
  const response = op.responses[status] ?? op.responses['default'];
  const schema = response?.content?.['application/json']?.schema;
  if (!schema) return [`${r.method} ${template}: the spec defines no response for status ${status}`];
  const key = `${r.method} ${template} ${op.responses[status] ? status : 'default'}`;
  let validate = stripeValidators.get(key);
  if (!validate) {
    const converted = toJsonSchema(schema);
    validate = ajv.compile(isSchema(converted) ? converted : {});
    stripeValidators.set(key, validate);
  }
  if (validate(r.response)) return [];
  return (validate.errors ?? [])
    .slice(0, 8)
    .map((e) => `${key}: response ${e.instancePath || '/'} ${e.message ?? ''}`);
}

export function stripeContractViolations(requests: readonly RecordedRequest[]): string[] {
  const { spec, ajv } = loadStripe();
  return requests.flatMap((r) => {
    const template = matchStripePath(spec, r.path);
    const op = template ? spec.paths[template]?.[r.method.toLowerCase()] : undefined;
    if (!template || !op) return [`${r.method} ${r.path}: not an endpoint the spec defines`];
    return [
      ...stripeRequestProblems(spec, r, template, op),
      ...stripeResponseProblems(spec, ajv, r, template, op),
    ];
  });
}

export function expectStripeTrafficToMatchContract(requests: readonly RecordedRequest[]): void {
  expect(stripeContractViolations(requests)).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// Shopify: every GraphQL document must validate against the Admin 2026-10 schema. The server
// validates each one and keeps the result with the recorded request.
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// WooCommerce: every field the server returns or accepts for orders and refunds, and every query
// parameter sent to them, appears in the reference tables (woocommerce/_orders.md,
// _order-refunds.md).
// ---------------------------------------------------------------------------------------------

/** Attribute names per table, keyed by the heading above it (parameter tables: "<section> / Available parameters"). */
function readTables(file: string): Map<string, Set<string>> {
  const tables = new Map<string, Set<string>>();
  let section = '';
  let heading = '';
  for (const line of readFileSync(contracts(file), 'utf8').split('\n')) {
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
