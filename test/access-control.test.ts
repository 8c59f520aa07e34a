import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.js';
import { snapshotDb } from './support/db-snapshot.js';
import { call, type Harness, startHarness } from './support/harness.js';
import {
  fixtureFor,
  idsOf,
  type Ids,
  kindOfParam,
  madeUpId,
  OWN_AUTH_ROUTES,
  pathValues,
  PUBLIC_ROUTES,
  queryString,
  type RouteFixture,
  seedWorld,
  UNDOCUMENTED_ROUTES,
  type World,
} from './support/route-fixtures.js';
import { catalogOf, fillPath, loadRouteCatalog, type RouteOp } from './support/routes.js';

// One test per route, enumerated from the app itself: a route added without a fixture fails here.
const catalog = await loadRouteCatalog();
const guarded = catalog.operations.filter((op) => ![...PUBLIC_ROUTES, ...OWN_AUTH_ROUTES].includes(op.key));

type Response = Awaited<ReturnType<typeof call>>;

const text = (res: Response): string => (typeof res.body === 'string' ? res.body : JSON.stringify(res.body));
const errorCode = (res: Response): unknown =>
  (res.body as { error?: { code?: unknown } } | null)?.error?.code;

describe.each(DIALECTS)('access control on %s', (dialect) => {
  let h: Harness;
  let w: World;
  let revokedToken: string;

  beforeAll(async () => {
    h = await startHarness(dialect);
    w = await seedWorld(h);
    const created = await call(h.app, 'POST', '/api/v1/me/tokens', {
      token: w.ws.teammate.token,
      body: { name: 'old laptop' },
    });
    const { id, token } = created.body as { id: string; token: string };
    await call(h.app, 'POST', `/api/v1/me/tokens/${id}/revoke`, { token: w.ws.teammate.token });
    revokedToken = token;
  });
  afterAll(async () => h?.close());

  function send(
    op: RouteOp,
    fx: RouteFixture,
    ids: Ids,
    auth: { token?: string; headers?: Record<string, string> },
  ) {
    const path = fillPath(op.path, pathValues(op, ids)) + queryString(fx.query?.(ids, w));
    return call(h.app, op.method, path, { ...auth, body: fx.body?.(ids, w) });
  }

  /** Makes a call that must be refused, and checks that it changed nothing. */
  async function refusedCall(make: () => Promise<Response>): Promise<Response> {
    const before = await snapshotDb(h.services.db);
    const res = await make();
    expect(await snapshotDb(h.services.db)).toEqual(before);
    return res;
  }

  it('documents every route it serves and serves every route it documents', async () => {
    const { operations, registered } = await catalogOf(h.app);
    const documented = operations.map((op) => op.key);
    expect(registered.filter((key) => !documented.includes(key))).toEqual([...UNDOCUMENTED_ROUTES].sort());
    expect(documented.filter((key) => !registered.includes(key))).toEqual([]);
    expect(documented).toEqual(catalog.operations.map((op) => op.key));
  });

  it('answers 401 without credentials everywhere except the listed public routes', async () => {
    const { registered } = await catalogOf(h.app);
    for (const key of [...PUBLIC_ROUTES, ...OWN_AUTH_ROUTES]) expect(registered).toContain(key);
    const open: string[] = [];
    for (const key of registered) {
      const [method, template] = key.split(' ') as [string, string];
      const values = Object.fromEntries(
        [...template.matchAll(/\{(\w+)\}/g)].map(([, p]) => [p!, w.visible[kindOfParam(template, p!)]]),
      );
      // An allowed Host, so that /mcp answers about credentials rather than DNS rebinding.
      const headers = { host: 'localhost' };
      const res = await refusedCall(() => call(h.app, method, fillPath(template, values), { headers }));
      if (res.status !== 401) open.push(key);
      // REST errors carry a code; /mcp answers in JSON-RPC's own error shape.
      else if (template.startsWith('/api/')) expect(errorCode(res)).toBe('unauthenticated');
    }
    expect(open.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it.each(guarded.map((op) => [op.key, op] as const))('guards %s', async (_key, op) => {
    const fx = fixtureFor(op);
    const hasIds = op.pathParams.length > 0;
    const fresh = (await fx.prepare?.(w)) ?? {};
    const visible: Ids = { ...w.visible, ...fresh.visible };
    const hidden: Ids = { ...w.hidden, ...fresh.hidden };

    // Strangers: no credentials, a made-up token, a revoked token, a session that does not exist.
    const strangers: { token?: string; headers?: Record<string, string> }[] = [
      {},
      { token: `dwu_${randomBytes(32).toString('base64url')}` },
      { token: revokedToken },
      { headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } },
      { headers: { cookie: `dw_session=dws_${randomBytes(32).toString('base64url')}` } },
    ];
    for (const auth of strangers) {
      const res = await refusedCall(() => send(op, fx, visible, auth));
      expect(res.status, `${op.key} as ${JSON.stringify(auth)}`).toBe(401);
      expect(errorCode(res)).toBe('unauthenticated');
    }

    // An AI agent's live bot token opens /mcp and nothing else (the never-list).
    const agent = await refusedCall(() => send(op, fx, visible, { token: w.botToken }));
    expect(agent.status, `${op.key} with a bot token`).toBe(403);

    // Another account's admin, with this account's real ids: not found, exactly as for ids that name nothing.
    const outsider = { token: w.outsider.admin.token };
    const foreignIds = [...idsOf(w.ws), w.spareUserId, w.spareTokenId];
    const leaks = (res: Response) => foreignIds.filter((id) => text(res).includes(id));
    if (hasIds) {
      const res = await refusedCall(() => send(op, fx, visible, outsider));
      expect(res.status, `${op.key} as an outsider`).toBe(404);
      expect(errorCode(res)).toBe('not_found');
      const madeUp = Object.fromEntries(
        Object.entries(visible).map(([kind, id]) => [kind, madeUpId(id)]),
      ) as Ids;
      const nothing = await refusedCall(() => send(op, fx, madeUp, outsider));
      expect({ status: res.status, body: res.body }).toEqual({ status: nothing.status, body: nothing.body });
      expect(leaks(res)).toEqual([]);
    } else if (op.method === 'GET') {
      const res = await refusedCall(() => send(op, fx, visible, outsider));
      expect(res.status, `${op.key} as an outsider`).toBe(200);
      expect(leaks(res)).toEqual([]);
    } else if (fx.crossAccountBody) {
      const body = fx.crossAccountBody(visible, w);
      const res = await refusedCall(() => call(h.app, op.method, op.path, { ...outsider, body }));
      expect([400, 404, 422], `${op.key} as an outsider naming this account's objects`).toContain(res.status);
      expect(leaks(res)).toEqual([]);
    }

    // A teammate of inbox 0 only.
    const teammate = { token: w.ws.teammate.token };
    if (fx.teammate === 'admin') {
      const res = await refusedCall(() => send(op, fx, visible, teammate));
      expect(res.status, `${op.key} as a teammate`).toBe(403);
      expect(errorCode(res)).toBe('forbidden');
    } else if (fx.teammate === 'scoped') {
      const res = await refusedCall(() => send(op, fx, hidden, teammate));
      expect(res.status, `${op.key} as a teammate, on an object outside its inboxes`).toBe(404);
      const madeUp = Object.fromEntries(
        Object.entries(hidden).map(([kind, id]) => [kind, madeUpId(id)]),
      ) as Ids;
      const nothing = await refusedCall(() => send(op, fx, madeUp, teammate));
      expect(res.body).toEqual(nothing.body);
    } else {
      const res = await send(op, fx, visible, teammate);
      expect(res.status, `${op.key} as a teammate`).toBe(fx.ok);
      const unseen = [hidden.conversation, hidden.contact, hidden.inbox, hidden.approval, w.spareTokenId];
      expect(unseen.filter((id) => text(res).includes(id))).toEqual([]);
    }

    // The account's admin gets through with the very same request, so the refusals above were about who asked.
    const allowed = await send(op, fx, visible, { token: w.ws.admin.token });
    expect(allowed.status, `${op.key} as the admin: ${text(allowed)}`).toBe(fx.ok);
  });

  it('lets a message into an API inbox only with that inbox’s own secret', async () => {
    const [inbox0, inbox1] = w.ws.inboxes as [World['ws']['inboxes'][0], World['ws']['inboxes'][0]];
    const body = { contact: { email: 'someone@example.com' }, content: 'Where is my parcel?' };
    const attempts: [string, string | undefined][] = [
      [inbox1.id, undefined],
      [inbox1.id, w.ws.admin.token],
      [inbox1.id, inbox0.secret],
      [inbox1.id, w.outsider.inboxes[0]!.secret],
      [inbox1.id, `dwi_${randomBytes(32).toString('base64url')}`],
      [w.outsider.inboxes[0]!.id, inbox1.secret],
      [madeUpId(inbox1.id), inbox1.secret],
    ];
    for (const [inboxId, token] of attempts) {
      const res = await refusedCall(() =>
        call(h.app, 'POST', `/api/v1/inboxes/${inboxId}/incoming`, { ...(token && { token }), body }),
      );
      expect(res.status, `inbox ${inboxId} with ${token?.slice(0, 4) ?? 'no secret'}`).toBe(401);
    }
    const ok = await call(h.app, 'POST', `/api/v1/inboxes/${inbox1.id}/incoming`, {
      token: inbox1.secret,
      body,
    });
    expect(ok.status).toBe(201);
  });

  it('lets an agent into /mcp only with a live bot token', async () => {
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
    const headers = { host: 'localhost', accept: 'application/json, text/event-stream' };
    const credentials = [
      undefined,
      w.ws.admin.token,
      `dwt_${randomBytes(32).toString('base64url')}`,
      w.ws.inboxes[0]!.secret,
    ];
    for (const method of ['GET', 'POST', 'DELETE']) {
      for (const token of credentials) {
        const res = await refusedCall(() =>
          call(h.app, method, '/mcp', {
            ...(token && { token }),
            headers,
            ...(method === 'POST' && { body: initialize }),
          }),
        );
        expect(res.status, `${method} /mcp with ${token?.slice(0, 4) ?? 'no token'}`).toBe(401);
      }
    }
  });

  it('refuses a wrong password or an unknown email alike, and changes nothing', async () => {
    const wrong = await refusedCall(() =>
      call(h.app, 'POST', '/api/v1/auth/login', {
        body: { email: 'admin@acme.test', password: 'not the password' },
      }),
    );
    const unknown = await refusedCall(() =>
      call(h.app, 'POST', '/api/v1/auth/login', {
        body: { email: 'nobody@acme.test', password: 'not the password' },
      }),
    );
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });
});
