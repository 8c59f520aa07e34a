import { Ajv, type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect } from 'vitest';
import type { RecordedRequest } from '../../../src/sandbox/recorded-request.js';
import { contractFile, isSchema, type Schema } from './contract-files.js';

/**
 * Stripe: request parameters against the OpenAPI spec's parameters and form bodies; response
 * bodies against the response schema for their status (`default` = the error schema).
 */
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
      gunzipSync(readFileSync(contractFile('stripe/spec3-2022-03.json.gz'))).toString('utf8'),
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
