import fc from 'fast-check';
import type { JsonSchema } from './routes.js';

/**
 * Strings that have broken other systems. The first group must always be refused: PostgreSQL
 * cannot store NUL, and a lone surrogate has no UTF-8 form, so either would be stored as something
 * else than what was sent. The rest are ordinary text to Deskwoot: accepted and kept verbatim where
 * a field allows them, refused with a 400 where it does not, never a 500.
 */
export const UNSTORABLE_STRINGS: Record<string, string> = {
  'a NUL byte': 'before\u0000after',
  'a lone high surrogate': 'ab\ud800cd',
  'a lone low surrogate': '\udc00',
  'surrogates in the wrong order': '\udc00\ud800',
};

export const HOSTILE_STRINGS: Record<string, string> = {
  '12,000 code units of mixed unicode': '🙂é漢\u202e\u200dק'.repeat(2000),
  'an SQL injection': "'; drop table users; --",
  'an SQL tautology': '" or 1=1 -- ',
  'LIKE wildcards and escapes': '%_\\%\\_%',
  'FTS5 syntax': 'NEAR(a b) OR "x* AND -y ^z col:w',
  'tsquery syntax': "a & !b | (c:* <-> 'd'",
  'a path traversal': '../../../../etc/passwd',
  'a Windows path traversal': '..\\..\\windows\\win.ini',
  'a prototype key': '__proto__',
  'a constructor key': 'constructor',
  HTML: '<script>alert(1)</script>',
  'a spreadsheet formula': '=HYPERLINK("http://evil.example","x")',
  'a header injection': 'line\r\nX-Injected: 1',
  'whitespace only': ' \t ',
};

/** The JSON types a schema accepts. */
export function jsonTypes(schema: JsonSchema | undefined): Set<string> {
  const types = new Set<string>();
  if (!schema) return types;
  const add = (t: string) => {
    types.add(t);
    if (t === 'integer') types.add('number');
  };
  if (Array.isArray(schema.type)) schema.type.forEach(add);
  else if (schema.type) add(schema.type);
  for (const part of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) jsonTypes(part).forEach(add);
  if (schema.enum) for (const v of schema.enum) add(v === null ? 'null' : typeof v);
  if (schema.properties || schema.additionalProperties) add('object');
  return types;
}

const typeOfValue = (value: unknown): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;

/** A value of a JSON type the schema does not accept. */
export function wrongValueFor(schema: JsonSchema): unknown {
  const accepted = jsonTypes(schema);
  const candidates: unknown[] = [12345, 'not the right type', true, ['a'], { a: 1 }, null];
  return candidates.find((value) => !accepted.has(typeOfValue(value)));
}

/** A field of a body, with its path (`contact.email`) and whether the body must have it. */
export interface FieldSpec {
  path: string[];
  schema: JsonSchema;
  required: boolean;
}

/** The fields of an object schema, one level into nested objects; a record gets one sample key. */
export function fieldsOf(schema: JsonSchema | undefined, prefix: string[] = []): FieldSpec[] {
  if (!schema) return [];
  const fields: FieldSpec[] = [];
  for (const [name, child] of Object.entries(schema.properties ?? {})) {
    const path = [...prefix, name];
    fields.push({ path, schema: child, required: schema.required?.includes(name) ?? false });
    if (prefix.length === 0 && (child.properties || typeof child.additionalProperties === 'object')) {
      fields.push(...fieldsOf(child, path));
    }
  }
  if (!schema.properties && typeof schema.additionalProperties === 'object') {
    fields.push({ path: [...prefix, 'sample_key'], schema: schema.additionalProperties, required: false });
  }
  return fields;
}

export function isStringField(schema: JsonSchema): boolean {
  return jsonTypes(schema).has('string');
}

/** A string field that takes free text (no enum, format or pattern): where hostile text can get in. */
export function isFreeText(schema: JsonSchema): boolean {
  const parts = [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  return (
    isStringField(schema) &&
    parts.every((part) => part.enum === undefined && part.format === undefined && part.pattern === undefined)
  );
}

/** A copy of `body` with `value` at `path` (or the field removed when value is undefined). */
export function withField(
  body: Record<string, unknown>,
  path: string[],
  value: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Record<string, unknown> = { ...body };
  if (rest.length === 0) {
    if (value === undefined) delete copy[head];
    else copy[head] = value;
    return copy;
  }
  const child = copy[head];
  copy[head] = withField(
    typeof child === 'object' && child !== null && !Array.isArray(child)
      ? (child as Record<string, unknown>)
      : {},
    rest,
    value,
  );
  return copy;
}

const unusual = fc.oneof(
  fc.constantFrom(...Object.values(UNSTORABLE_STRINGS), ...Object.values(HOSTILE_STRINGS)),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.jsonValue({ maxDepth: 2 }),
);

/** Values shaped like what the schema asks for, often at or just past its limits. */
function likely(schema: JsonSchema | undefined, depth: number): fc.Arbitrary<unknown> {
  if (!schema) return fc.jsonValue({ maxDepth: 1 });
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const options: fc.Arbitrary<unknown>[] = [];
  for (const part of [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])]) options.push(likely(part, depth));
  for (const type of Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []) {
    options.push(likelyOfType(type, schema, depth));
  }
  if (!options.length && (schema.properties || schema.additionalProperties)) {
    options.push(likelyOfType('object', schema, depth));
  }
  return options.length ? fc.oneof(...options) : fc.jsonValue({ maxDepth: 1 });
}

function likelyOfType(type: string, schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.format === 'date-time')
        return fc
          .date({
            min: new Date('0001-01-01T00:00:00Z'),
            max: new Date('9999-12-31T23:59:59Z'),
            noInvalidDate: true,
          })
          .map((d) => d.toISOString());
      if (schema.format === 'uri') return fc.webUrl();
      if (schema.pattern === '^[A-Za-z0-9_-]+$') return fc.stringMatching(/^[A-Za-z0-9_-]{1,70}$/);
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: (schema.maxLength ?? 100) + 2 });
    case 'integer':
      return fc.integer({ min: (schema.minimum ?? -5) - 2, max: (schema.maximum ?? 1000) + 2 });
    case 'number':
      return fc.double();
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(value(schema.items, depth + 1), { maxLength: (schema.maxItems ?? 4) + 2 });
    case 'object':
      if (depth > 2) return fc.constant({});
      if (schema.properties) {
        return fc.record(
          Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, value(v, depth + 1)])),
          { requiredKeys: [] },
        );
      }
      return fc.dictionary(
        fc.oneof(fc.stringMatching(/^[a-z_]{1,10}$/), fc.string({ maxLength: 12 })),
        value(
          typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined,
          depth + 1,
        ),
        { maxKeys: 4 },
      );
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

/** Mostly plausible values, sometimes hostile or of any type at all. */
export function value(schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 4, arbitrary: likely(schema, depth) }, { weight: 1, arbitrary: unusual });
}

/** Bodies for an object schema: usually the valid example with some fields replaced, sometimes anything. */
export function bodyArbitrary(schema: JsonSchema, example: Record<string, unknown>): fc.Arbitrary<unknown> {
  const fields = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, value(v)]));
  const extra = fc.dictionary(
    fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'account_id'),
      fc.string({ maxLength: 10 }),
    ),
    fc.jsonValue({ maxDepth: 1 }),
    { maxKeys: 2 },
  );
  const object = fc
    .tuple(fc.boolean(), fc.record(fields, { requiredKeys: [] }), fc.option(extra, { freq: 4 }))
    .map(([keepExample, replaced, added]) => ({
      ...(keepExample ? example : {}),
      ...replaced,
      ...(added ?? {}),
    }));
  return fc.oneof({ weight: 9, arbitrary: object }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
}

/** Query strings for a set of parameters: plausible, hostile or unknown names and values. */
export function queryArbitrary(schema: JsonSchema): fc.Arbitrary<Record<string, string>> {
  const asText = (arb: fc.Arbitrary<unknown>) =>
    arb.map((v) => (typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v)));
  const params = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([k, v]) => [k, asText(value(v))]),
  );
  const extra = fc.dictionary(
    fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'account_id'),
      fc.string({ minLength: 1, maxLength: 10 }),
    ),
    fc.string({ maxLength: 20 }),
    { maxKeys: 2 },
  );
  return fc
    .tuple(fc.record(params, { requiredKeys: [] }), fc.option(extra, { freq: 5 }))
    .map(([known, added]) =>
      Object.fromEntries(
        Object.entries({ ...known, ...(added ?? {}) }).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
      ),
    );
}
