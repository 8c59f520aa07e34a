import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { ActionDef } from '../core/action.js';
import type { Actor } from '../core/actor.js';
import { AppError } from '../core/errors.js';
import { perform } from '../core/perform.js';
import type { Services } from '../core/services.js';
import type { AppEnv } from './env.js';

type Method = 'get' | 'post' | 'patch' | 'delete';

export interface RouteSpec<S extends z.ZodType, O> {
  method: Method;
  /** Hono path, e.g. `/conversations/:id`. */
  path: string;
  action: ActionDef<S, O>;
  /** Path parameters and the input fields they fill, e.g. `{ id: 'conversation_id' }`. */
  params?: Record<string, string>;
  /** For the OpenAPI document: the query or body part of the input. */
  query?: z.ZodObject;
  body?: z.ZodObject;
  response: z.ZodType;
  status?: 200 | 201;
  /** Shapes the action's output for the wire (e.g. a page as `{ conversations, next_cursor }`). */
  present?: (output: O) => unknown;
}

export const ZErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z
        .object({ fields: z.array(z.object({ field: z.string(), message: z.string() })) })
        .partial()
        .optional(),
    }),
  })
  .meta({ id: 'Error' });

/** A JSON body, or a clear 400/415 — never an exception from deep inside a parser. */
export async function readJsonBody(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  const text = await c.req.text();
  if (text.trim() === '') return {};
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError('bad_request', 'Send the body as JSON with Content-Type: application/json', {
      fields: [{ field: '(body)', message: 'Content-Type must be application/json' }],
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    throw new AppError('bad_request', 'Malformed JSON body', {
      fields: [{ field: '(body)', message: 'Malformed JSON' }],
    });
  }
  // As Fastify does: a `__proto__` key is refused anywhere, rather than dropped or merged by some later copy.
  const proto = protoKeyPath(body);
  if (proto) {
    throw new AppError('bad_request', 'The body must not contain a "__proto__" key', {
      fields: [{ field: proto, message: 'Not allowed' }],
    });
  }
  return body;
}

/** Where the first `__proto__` key is, e.g. `custom_attributes.__proto__`; iterative, as bodies can nest deep. */
function protoKeyPath(root: unknown): string | null {
  interface Node {
    value: unknown;
    key: string;
    parent: Node | null;
  }
  const stack: Node[] = [{ value: root, key: '', parent: null }];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (typeof node.value !== 'object' || node.value === null) continue;
    for (const [key, value] of Object.entries(node.value)) {
      if (key !== '__proto__') {
        stack.push({ value, key, parent: node });
        continue;
      }
      const keys = [key];
      for (let n: Node | null = node; n?.parent; n = n.parent) keys.unshift(n.key);
      return keys.join('.');
    }
  }
  return null;
}

async function deleteBody(c: Context): Promise<object> {
  const body = await readJsonBody(c);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AppError('bad_request', 'The body must be a JSON object', {
      fields: [{ field: '(body)', message: 'Expected an object' }],
    });
  }
  return body;
}

export function requireActor(c: Context<AppEnv>): Actor {
  const actor = c.get('actor');
  if (!actor) throw new AppError('unauthenticated', 'Sign in, or send Authorization: Bearer dwu_…');
  return actor;
}

async function inputOf(
  c: Context<AppEnv>,
  spec: { method: Method; params?: Record<string, string>; query?: z.ZodObject; body?: z.ZodObject },
): Promise<unknown> {
  const reads = spec.method === 'get' || spec.method === 'delete';
  // A DELETE's body is read too, so whatever it carries is judged (and refused) like the rest.
  const base = !reads
    ? await readJsonBody(c)
    : spec.method === 'delete'
      ? { ...c.req.query(), ...(await deleteBody(c)) }
      : c.req.query();
  if (typeof base !== 'object' || base === null || Array.isArray(base)) {
    throw new AppError('bad_request', 'The body must be a JSON object', {
      fields: [{ field: '(body)', message: 'Expected an object' }],
    });
  }
  // The door takes only what it documents, even where the action takes more (e.g. an operator-only field).
  const documented = reads ? spec.query : spec.body;
  const pathFields = Object.values(spec.params ?? {});
  const undocumented = documented
    ? Object.keys(base).filter((key) => !Object.hasOwn(documented.shape, key) && !pathFields.includes(key))
    : [];
  if (undocumented.length) {
    throw new AppError('bad_request', `Invalid input: ${undocumented.join(', ')}`, {
      fields: undocumented.map((field) => ({ field, message: 'Unknown field' })),
    });
  }
  const input: Record<string, unknown> = { ...base };
  for (const [param, field] of Object.entries(spec.params ?? {})) {
    if (field in input) {
      throw new AppError('bad_request', `Invalid input: ${field}`, {
        fields: [{ field, message: 'Unknown field (it is part of the path)' }],
      });
    }
    input[field] = c.req.param(param);
  }
  return input;
}

/** Registers a REST door onto an action: actor + input in, the action's output out. Nothing else. */
export function actionRoute<S extends z.ZodType, O>(
  app: OpenAPIHono<AppEnv>,
  services: Services,
  spec: RouteSpec<S, O>,
): void {
  const openApiPath = spec.path.replace(/:(\w+)/g, '{$1}');
  const params = Object.keys(spec.params ?? {});
  app.openAPIRegistry.registerPath({
    method: spec.method,
    path: openApiPath,
    summary: spec.action.summary,
    operationId: spec.action.name,
    request: {
      ...(params.length && { params: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) }),
      ...(spec.query && { query: spec.query }),
      ...(spec.body && { body: { content: { 'application/json': { schema: spec.body } } } }),
    },
    responses: {
      [spec.status ?? 200]: { description: 'OK', content: { 'application/json': { schema: spec.response } } },
      400: {
        description: 'Bad input; `details.fields` names each field',
        content: { 'application/json': { schema: ZErrorSchema } },
      },
      401: { description: 'Not signed in', content: { 'application/json': { schema: ZErrorSchema } } },
      404: {
        description: 'Not found, or not visible to the caller',
        content: { 'application/json': { schema: ZErrorSchema } },
      },
    },
  });
  app.on(spec.method.toUpperCase(), spec.path, async (c) => {
    const actor = requireActor(c);
    const output = await perform(services, actor, spec.action, await inputOf(c, spec));
    return c.json((spec.present ? spec.present(output) : output) as object, spec.status ?? 200);
  });
}
