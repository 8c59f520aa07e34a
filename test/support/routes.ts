import pino from 'pino';
import { secretBox } from '../../src/core/crypto.js';
import type { Services } from '../../src/core/services.js';
import { openDb } from '../../src/db/database.js';
import { createApp, type DeskwootApp } from '../../src/http/app.js';
import { TEST_SECRET } from './harness.js';

/** The part of JSON Schema the OpenAPI document uses for request bodies and query parameters. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  $ref?: string;
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** One documented operation: `METHOD /path/{param}` with what it takes. */
export interface RouteOp {
  key: string;
  method: HttpMethod;
  /** OpenAPI form, e.g. `/api/v1/conversations/{id}`. */
  path: string;
  operationId: string | undefined;
  pathParams: string[];
  /** The query parameters as one object schema, when there are any. */
  query: JsonSchema | undefined;
  body: JsonSchema | undefined;
}

interface OpenApiOperation {
  operationId?: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export const routeKey = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;

/** Hono's `:id` as OpenAPI's `{id}`. */
export const toOpenApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

/** Resolves `$ref`s into the document's components, so schemas can be walked directly. */
export function resolveSchema(doc: OpenApiDocument, schema: JsonSchema | undefined): JsonSchema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return resolveSchema(doc, doc.components?.schemas?.[name]);
  }
  return schema;
}

/** Every operation of the OpenAPI document, with its body and query schemas resolved. */
export function operationsOf(doc: OpenApiDocument): RouteOp[] {
  const ops: RouteOp[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = op.parameters ?? [];
      const queryParams = params.filter((p) => p.in === 'query');
      const query: JsonSchema | undefined = queryParams.length
        ? {
            type: 'object',
            properties: Object.fromEntries(
              queryParams.map((p) => [p.name, resolveSchema(doc, p.schema) ?? {}]),
            ),
            required: queryParams.filter((p) => p.required).map((p) => p.name),
            additionalProperties: false,
          }
        : undefined;
      const upper = method.toUpperCase() as HttpMethod;
      ops.push({
        key: routeKey(upper, path),
        method: upper,
        path,
        operationId: op.operationId,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        query,
        body: resolveSchema(doc, op.requestBody?.content?.['application/json']?.schema),
      });
    }
  }
  return ops.sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * What the app actually serves: method and path of every handler. Middleware (`app.use`, paths
 * ending in `*`) is left out; a handler for every method (`app.all('/mcp')`) counts as each method
 * the document gives that path, or as `ALL /path` when it gives none.
 */
export function registeredRoutes(app: DeskwootApp, documented: readonly RouteOp[] = []): string[] {
  const keys = app.routes
    .filter((r) => !(r.method === 'ALL' && r.path.endsWith('*')))
    .flatMap((r) => {
      const path = toOpenApiPath(r.path);
      if (r.method !== 'ALL') return [routeKey(r.method, path)];
      const methods = documented.filter((op) => op.path === path).map((op) => op.method);
      return methods.length ? methods.map((m) => routeKey(m, path)) : [routeKey('ALL', path)];
    });
  return [...new Set(keys)].sort();
}

export interface RouteCatalog {
  doc: OpenApiDocument;
  operations: RouteOp[];
  registered: string[];
}

/** Reads the document the app serves and the routes it registers. */
export async function catalogOf(app: DeskwootApp): Promise<RouteCatalog> {
  const response = await app.request('/api/v1/openapi.json');
  const doc = (await response.json()) as OpenApiDocument;
  const operations = operationsOf(doc);
  return { doc, operations, registered: registeredRoutes(app, operations) };
}

/**
 * The catalog of an app built on a throwaway in-memory database, for test files that generate one
 * test per route at collection time. Building the app reads nothing from the database.
 */
export async function loadRouteCatalog(): Promise<RouteCatalog> {
  const services: Services = {
    db: openDb(':memory:'),
    box: secretBox(TEST_SECRET),
    logger: pino({ level: 'silent' }),
    now: () => new Date(),
    onDeliveryQueued: () => undefined,
  };
  try {
    return await catalogOf(createApp(services));
  } finally {
    await services.db.close();
  }
}

/** `/api/v1/conversations/{id}` with each param filled in (URL-encoded unless told otherwise). */
export function fillPath(
  path: string,
  values: Record<string, string>,
  options: { raw?: boolean } = {},
): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for {${name}} in ${path}`);
    return options.raw ? value : encodeURIComponent(value);
  });
}
