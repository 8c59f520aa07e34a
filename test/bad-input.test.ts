import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from '../src/http/app.js';
import { DIALECTS } from './support/databases.js';
import { type DbSnapshot, snapshotDb } from './support/db-snapshot.js';
import {
  bodyArbitrary,
  fieldsOf,
  HOSTILE_STRINGS,
  isFreeText,
  isStringField,
  queryArbitrary,
  UNSTORABLE_STRINGS,
  withField,
  wrongValueFor,
} from './support/fuzz.js';
import { call, type Harness, startHarness } from './support/harness.js';
import { seedWidget, UNLIMITED_WIDGET, WIDGET_ORIGIN } from './support/web-chat.js';
import { createApp, type DeskwootApp } from '../src/http/app.js';
import { pathValues, ROUTE_FIXTURES, seedWorld, type World } from './support/route-fixtures.js';
import { fillPath, loadRouteCatalog, type RouteOp } from './support/routes.js';

const catalog = await loadRouteCatalog();
const cases = (ops: RouteOp[]) => ops.map((op) => [op.key, op] as const);
const withBody = catalog.operations.filter((op) => op.body);
const withQuery = catalog.operations.filter((op) => op.query);
const withIds = catalog.operations.filter((op) => op.pathParams.length);
const withCursor = withQuery.filter((op) => op.query?.properties?.cursor);
/** Inbound channel routes, authenticated by an inbox secret: a path naming no inbox is a 401. */
const CHANNEL_ROUTES = ['POST /api/v1/inboxes/{id}/incoming', 'POST /api/v1/inboxes/{id}/email'];
// /mcp speaks JSON-RPC, which the document does not describe; it has its own test below. The email
// inbound route takes raw MIME rather than JSON; test/email-channel.test.ts sends it hostile mail.
const takingNothing = catalog.operations.filter(
  (op) =>
    !op.body && !op.query && op.path.startsWith('/api/') && op.key !== 'POST /api/v1/inboxes/{id}/email',
);

/** Property runs per route and dialect; raise it locally for a deeper search (`DESKWOOT_FUZZ_RUNS=500`). */
const RUNS = Number(process.env.DESKWOOT_FUZZ_RUNS ?? 25);

type Response = Awaited<ReturnType<typeof call>>;
interface ErrorBody {
  error: { code: string; message: string; details?: { fields?: { field: string; message: string }[] } };
}

const fieldsNamed = (res: Response): string[] =>
  ((res.body as ErrorBody | null)?.error?.details?.fields ?? []).map((f) => f.field);
const b64 = (text: string) => Buffer.from(text).toString('base64url');

describe.each(DIALECTS)('bad input on %s', (dialect) => {
  let h: Harness;
  let w: World;
  /** The database as it was after the last accepted call: a refused call must leave it so. */
  let baseline: DbSnapshot;
  let lastSent: unknown;
  /** The chat widget's routes, with limits no probe reaches, and a visitor of its inbox. */
  let widgetApp: DeskwootApp;
  let widget: Awaited<ReturnType<typeof seedWidget>>;

  beforeAll(async () => {
    h = await startHarness(dialect);
    w = await seedWorld(h);
    widget = await seedWidget(h.services, w.ws.system);
    widgetApp = createApp(h.services, { webChat: { limits: UNLIMITED_WIDGET } });
  });
  afterAll(async () => h?.close());
  beforeEach(async () => {
    baseline = await snapshotDb(h.services.db);
  });

  /** Who calls each route: the inbound channel with its inbox secret, login with nothing, the rest as the admin. */
  function request(
    op: RouteOp,
    options: { path?: string; query?: string; body?: unknown; headers?: Record<string, string> },
  ) {
    const channel = op.key === 'POST /api/v1/inboxes/{id}/incoming';
    const inbox = w.ws.inboxes[1]!;
    const path = options.path ?? fillPath(op.path, channel ? { id: inbox.id } : pathValues(op, w.visible));
    lastSent = options;
    if (op.path.startsWith('/api/v1/widget/')) {
      // A visitor's browser on an allowed site: the public key in the query, the site's Origin.
      const query = `${options.query ? `${options.query}&` : '?'}key=${widget.key}`;
      return call(widgetApp, op.method, path + query, {
        ...(options.body !== undefined && { body: options.body }),
        headers: { origin: WIDGET_ORIGIN, ...options.headers },
      });
    }
    const token = channel
      ? inbox.secret
      : op.key === 'POST /api/v1/auth/login'
        ? undefined
        : w.ws.admin.token;
    return call(h.app, op.method, path + (options.query ?? ''), {
      ...(token && { token }),
      ...(options.body !== undefined && { body: options.body }),
      ...(options.headers && { headers: options.headers }),
    });
  }

  function exampleBody(op: RouteOp): Record<string, unknown> {
    if (op.key === 'POST /api/v1/auth/login')
      return { email: 'admin@acme.test', password: 'correct horse battery' };
    if (op.key === 'POST /api/v1/inboxes/{id}/incoming')
      return { contact: { email: 'fuzz@example.com', name: 'Fuzz' }, content: 'Hello there' };
    if (op.key === 'POST /api/v1/widget/sessions')
      return { email: 'fuzz@example.com', name: 'Fuzz', identity: { ...widget.identity, name: 'Fuzz' } };
    if (op.key === 'POST /api/v1/widget/messages')
      return { visitor_token: widget.visitorToken, content: 'Hello there' };
    const fixture = ROUTE_FIXTURES[op.key];
    if (!fixture?.body) throw new Error(`No example body for ${op.key} in ROUTE_FIXTURES`);
    return fixture.body(w.visible, w);
  }

  /**
   * Checks an answer: never a 5xx; a refusal carries an error code, names the fields of a 400 and
   * leaves the database as it was; an accepted call moves the baseline on.
   */
  async function judge(
    res: Response,
    expected: { status?: number | number[]; field?: string; jsonRpc?: boolean } = {},
  ) {
    const label = `${res.status} ${JSON.stringify(res.body).slice(0, 300)} for ${String(JSON.stringify(lastSent)).slice(0, 200)}`;
    expect(res.status, label).toBeLessThan(500);
    if (expected.status !== undefined) {
      expect([expected.status].flat(), label).toContain(res.status);
    }
    if (res.status >= 400 && expected.jsonRpc) {
      expect((res.body as { error?: { code?: unknown } }).error?.code, label).toEqual(expect.any(Number));
      expect(await snapshotDb(h.services.db), label).toEqual(baseline);
    } else if (res.status >= 400) {
      expect((res.body as ErrorBody).error.code, label).toEqual(expect.any(String));
      if (res.status === 400) expect(fieldsNamed(res).length, label).toBeGreaterThan(0);
      if (expected.field !== undefined) {
        const named = fieldsNamed(res);
        expect(
          named.some((f) => f === expected.field || f.startsWith(`${expected.field}.`)),
          `expected ${expected.field} in ${label}`,
        ).toBe(true);
      }
      expect(await snapshotDb(h.services.db), label).toEqual(baseline);
    } else {
      baseline = await snapshotDb(h.services.db);
    }
  }

  it.each(cases(withBody))('refuses malformed, non-object and non-JSON bodies on %s', async (_key, op) => {
    const example = exampleBody(op);
    const malformed = [
      '{',
      '{"a":',
      '{"content": }',
      "{'a': 1}",
      '[1,',
      'nul',
      '\u0000',
      '{"a":1}}',
      '{"a":1,}',
      'NaN',
    ];
    for (const text of malformed)
      await judge(await request(op, { body: text }), { status: 400, field: '(body)' });
    for (const text of ['[]', `[${JSON.stringify(example)}]`, '"text"', 'null', '0', 'true']) {
      await judge(await request(op, { body: text }), { status: 400, field: '(body)' });
    }
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
    ]) {
      const res = await request(op, { body: JSON.stringify(example), headers: { 'content-type': type } });
      await judge(res, { status: 400, field: '(body)' });
    }
  });

  it.each(cases(withBody))(
    'names missing, mistyped, unknown and oversized fields on %s',
    async (_key, op) => {
      const example = exampleBody(op);
      const json = JSON.stringify(example).slice(1, -1);
      // Fields a door must not take from people even where an action has them (owner, account, ids, times).
      const undocumented = ['id', 'account_id', 'user_id', 'agent_id', 'created_at'].filter(
        (name) => !Object.hasOwn(op.body?.properties ?? {}, name),
      );
      for (const name of ['unexpected_field', '__proto__', 'constructor', 'prototype']) {
        const raw = `{"${name}": {"polluted": true}${json ? `, ${json}` : ''}}`;
        await judge(await request(op, { body: raw }), { status: 400, field: name });
      }
      for (const name of undocumented) {
        // A well-formed value (the caller's own id), so only the field's presence can be refused.
        const body = { ...example, [name]: w.ws.admin.id };
        await judge(await request(op, { body }), { status: 400, field: name });
      }
      const two = await request(op, { body: { ...example, unexpected_one: 1, unexpected_two: 2 } });
      await judge(two, { status: 400 });
      expect(fieldsNamed(two)).toEqual(expect.arrayContaining(['unexpected_one', 'unexpected_two']));
      for (const field of fieldsOf(op.body)) {
        const name = field.path.join('.');
        if (
          field.path.length === 1 &&
          typeof field.schema.additionalProperties === 'object' &&
          !field.schema.properties
        ) {
          // A free-form map (e.g. custom attributes): keys that would touch an object's prototype are refused.
          for (const key of ['__proto__', 'constructor', 'prototype']) {
            const raw = JSON.stringify(withField(example, field.path, '<map>')).replace(
              '"<map>"',
              `{"${key}": "x"}`,
            );
            await judge(await request(op, { body: raw }), { status: 400, field: name });
          }
        }
        if (field.required) {
          await judge(await request(op, { body: withField(example, field.path, undefined) }), {
            status: 400,
            field: name,
          });
        }
        const wrong = wrongValueFor(field.schema);
        await judge(await request(op, { body: withField(example, field.path, wrong) }), {
          status: 400,
          field: name,
        });
        if (field.schema.maxLength !== undefined) {
          const long = 'a'.repeat(field.schema.maxLength + 1);
          await judge(await request(op, { body: withField(example, field.path, long) }), {
            status: 400,
            field: name,
          });
        }
        if (field.schema.maxItems !== undefined) {
          const many = Array.from({ length: field.schema.maxItems + 1 }, (_, i) => `item${i}`);
          await judge(await request(op, { body: withField(example, field.path, many) }), {
            status: 400,
            field: name,
          });
        }
        // 5,000 nested arrays: written by hand, since JSON.stringify would run out of stack first.
        const deep = JSON.stringify(withField(example, field.path, '<deep>')).replace(
          '"<deep>"',
          '['.repeat(5000) + ']'.repeat(5000),
        );
        await judge(await request(op, { body: deep }), { status: 400, field: name });
      }
    },
  );

  it.each(cases(withBody))('answers 413 to a body over MAX_BODY_BYTES on %s', async (_key, op) => {
    const body = { ...exampleBody(op), padding: 'x'.repeat(MAX_BODY_BYTES) };
    const res = await request(op, { body });
    await judge(res, { status: 413 });
    expect((res.body as ErrorBody).error.code).toBe('payload_too_large');
  });

  it.each(cases(withBody))(
    'keeps hostile strings verbatim or refuses them by name on %s',
    async (_key, op) => {
      const example = exampleBody(op);
      const read = catalog.operations.find((o) => o.method === 'GET' && o.path === op.path);
      for (const field of fieldsOf(op.body).filter((f) => isStringField(f.schema))) {
        const name = field.path.join('.');
        for (const [what, text] of Object.entries(UNSTORABLE_STRINGS)) {
          const res = await request(op, { body: withField(example, field.path, text) });
          expect(res.status, `${name} with ${what}`).toBeGreaterThanOrEqual(400);
          await judge(res, res.status === 400 ? { field: name } : {});
        }
        if (!isFreeText(field.schema)) continue;
        for (const [what, text] of Object.entries(HOSTILE_STRINGS)) {
          const res = await request(op, { body: withField(example, field.path, text) });
          await judge(res, res.status === 400 ? { field: name } : {});
          const [top] = field.path as [string];
          const echoed = res.status < 300 ? (res.body as Record<string, unknown>)[top] : undefined;
          if (echoed === undefined || field.path.length > 1) continue;
          // What was accepted comes back exactly, from the answer and from the database.
          expect(JSON.stringify(echoed), `${name} with ${what}`).toContain(JSON.stringify(text));
          if (read) {
            const stored = await request(read, {});
            expect(JSON.stringify(stored.body), `${name} with ${what}, read back`).toContain(
              JSON.stringify(text),
            );
          }
        }
      }
    },
  );

  it.each(cases(withBody))('never answers 5xx to arbitrary bodies on %s (property)', async (_key, op) => {
    const example = exampleBody(op);
    const known = new Set(['(body)', ...Object.keys(op.body?.properties ?? {})]);
    await fc.assert(
      fc.asyncProperty(bodyArbitrary(op.body!, example), async (body) => {
        const res = await request(op, { body: JSON.stringify(body) });
        await judge(res);
        if (res.status === 400) {
          // Every field a 400 names is one the schema has or one that was sent.
          const names = [...known, ...(typeof body === 'object' && body !== null ? Object.keys(body) : [])];
          const unexplained = fieldsNamed(res).filter(
            (f) => !names.some((n) => f === n || f.startsWith(`${n}.`)),
          );
          expect(unexplained).toEqual([]);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it.each(cases(withQuery))('names bad query parameters on %s', async (_key, op) => {
    const q = (params: Record<string, string>) => `?${new URLSearchParams(params).toString()}`;
    for (const name of ['unexpected', '__proto__', 'constructor', '%E0%A4%A']) {
      await judge(await request(op, { query: `?${name}=1` }), { status: 400, field: name });
    }
    for (const [name, schema] of Object.entries(op.query?.properties ?? {})) {
      const bad: string[] = [];
      if (schema.type === 'integer') bad.push('abc', '1.5', '-1', '0', '101', '1e309', '');
      if (schema.enum) bad.push('bogus', '');
      if (schema.format === 'date-time')
        bad.push('yesterday', '2026-02-30T00:00:00Z', '0000-01-01T00:00:00Z', '1');
      if (schema.pattern === '^[A-Za-z0-9_-]+$') bad.push('a b', '../x', "x'--");
      if (schema.maxLength !== undefined) bad.push('a'.repeat(schema.maxLength + 1));
      // A URL cannot carry a lone surrogate (it arrives as U+FFFD), but it can carry a NUL.
      bad.push(UNSTORABLE_STRINGS['a NUL byte']!);
      for (const value of bad)
        await judge(await request(op, { query: q({ [name]: value }) }), { status: 400, field: name });
      // Raw, undecodable percent-encoding in a value.
      const raw = await request(op, { query: `?${name}=%E0%A4%A%ED%A0%80` });
      await judge(raw, raw.status === 400 ? { field: name } : { status: 200 });
      if (!isFreeText(schema) || name === 'cursor') continue;
      for (const value of Object.values(HOSTILE_STRINGS)) {
        const res = await request(op, { query: q({ [name]: value }) });
        await judge(res, res.status === 400 ? { field: name } : { status: 200 });
      }
    }
  });

  it.each(cases(withQuery))(
    'never answers 5xx to arbitrary query strings on %s (property)',
    async (_key, op) => {
      await fc.assert(
        fc.asyncProperty(queryArbitrary(op.query!), async (params) => {
          const qs = new URLSearchParams(params).toString();
          await judge(await request(op, { query: qs ? `?${qs}` : '' }));
        }),
        { numRuns: RUNS },
      );
    },
  );

  it.each(cases(withCursor))('refuses cursors it did not make on %s', async (_key, op) => {
    const cursors = [
      'not base64!',
      'A'.repeat(201),
      b64('not json'),
      b64('[]'),
      b64('{}'),
      b64('null'),
      b64('[null,null]'),
      b64('{"__proto__":{"x":1}}'),
      b64('["\u0000"]'),
      b64('["\u0000","\u0000"]'),
      b64('[-1]'),
      b64('[1e400]'),
      b64('["not a time","conv_x"]'),
      b64('["0000-01-01T00:00:00.000Z","conv_x"]'),
      b64(`["2026-01-01T00:00:00.000Z","${'x'.repeat(500)}"]`).slice(0, 200),
    ];
    for (const cursor of cursors) {
      await judge(await request(op, { query: `?cursor=${encodeURIComponent(cursor)}` }), {
        status: 400,
        field: 'cursor',
      });
    }
    // A cursor the route made itself still pages.
    const first = await request(op, { query: '?limit=1' });
    expect(first.status).toBe(200);
    const next = (first.body as { next_cursor: string | null }).next_cursor;
    if (next) expect((await request(op, { query: `?limit=1&cursor=${next}` })).status).toBe(200);
  });

  it.each(cases(withIds))('refuses malformed ids in the path of %s', async (_key, op) => {
    const channel = CHANNEL_ROUTES.includes(op.key);
    const example = op.body ? exampleBody(op) : undefined;
    const ids = [
      'x'.repeat(65),
      'x'.repeat(10_000),
      '%00',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '..%5C..%5Cwindows',
      '%E0%A4%A',
      '%ED%A0%80',
      '%F0%9F%98%80',
      '%27%20OR%20%271%27%3D%271',
      'conv_%25%5F',
      '%20',
      '__proto__',
      'constructor',
      w.visible.user_token.toLowerCase(),
      w.outsider.conversations[0]!.id,
    ];
    for (const id of ids) {
      const path = fillPath(op.path, Object.fromEntries(op.pathParams.map((p) => [p, id])), { raw: true });
      const res = await request(op, { path, body: example });
      await judge(res, { status: channel ? 401 : [400, 404] });
    }
  });

  it('answers malformed, non-object and oversized JSON-RPC on /mcp with a 4xx and changes nothing', async () => {
    const headers = { host: 'localhost', accept: 'application/json, text/event-stream' };
    const mcp = (body: unknown) => {
      lastSent = body;
      return call(h.app, 'POST', '/mcp', { token: w.botToken, headers, body });
    };
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        protocolVersion: '2025-06-18',
        capabilities: {},
        clientInfo: { name: 'probe', version: '1' },
      },
    };
    for (const body of [
      '{',
      '[1,',
      '\u0000',
      'null',
      '"text"',
      '42',
      '[]',
      { jsonrpc: '2.0' },
      { ...initialize, id: {} },
    ]) {
      await judge(await mcp(body), { status: [400, 406, 415, 422], jsonRpc: true });
    }
    const huge = await mcp({
      ...initialize,
      params: { ...initialize.params, padding: 'x'.repeat(MAX_BODY_BYTES) },
    });
    await judge(huge, { status: 413 });
  });

  it.each(cases(takingNothing))('refuses anything sent to %s, which takes nothing', async (_key, op) => {
    const sent = op.method === 'GET' ? { query: '?unexpected=1' } : { body: { unexpected: 1 } };
    await judge(await request(op, sent), { status: 400, field: 'unexpected' });
  });
});
