import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyToConversation } from '../src/conversations/post-message.js';
import { actorForBotToken } from '../src/agents/agents.repository.js';
import { appendAuditEvent, type NewAuditEvent, recordAuditEvent } from '../src/audit/audit.repository.js';
import { hashEvent } from '../src/audit/chain.js';
import { openDb } from '../src/db/database.js';
import { verifyAudit } from '../src/audit/verify-audit.js';
import { performAsAgent } from '../src/core/perform.js';
import type { AuditEvent } from '../src/db/schema.js';
import { DIALECTS } from './support/databases.js';
import { snapshotDb } from './support/db-snapshot.js';
import { call, type Harness, startHarness } from './support/harness.js';
import {
  fixtureFor,
  type Ids,
  OWN_AUTH_ROUTES,
  pathValues,
  PUBLIC_ROUTES,
  queryString,
  seedWorld,
  type World,
} from './support/route-fixtures.js';
import { fillPath, loadRouteCatalog } from './support/routes.js';

const catalog = await loadRouteCatalog();
const personal = catalog.operations.filter((op) => ![...PUBLIC_ROUTES, ...OWN_AUTH_ROUTES].includes(op.key));
const writes = personal.filter((op) => op.method !== 'GET' && op.key !== 'POST /api/v1/auth/logout');
const reads = personal.filter((op) => op.method === 'GET');

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface ApiEvent {
  id: string;
  seq: number;
  actor: { kind: string; id: string | null; token_id: string | null };
  action: string;
  target: { type: string; id: string } | null;
  outcome: string;
  reason: string | null;
  input: unknown;
  result: unknown;
  created_at: string;
  prev_hash: string;
  hash: string;
}

/** A small RFC 4180 reader: quoted fields may hold commas, quotes and newlines. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

describe.each(DIALECTS)('audit on %s', (dialect) => {
  let h: Harness;
  let w: World;
  let adminTokenId: string;
  /** Every secret handed out during the tests, to look for in the log. */
  const secrets = new Set<string>();

  beforeAll(async () => {
    h = await startHarness(dialect);
    w = await seedWorld(h);
    const row = await h.services.db.kysely
      .selectFrom('user_tokens')
      .select('id')
      .where('token_hash', '=', sha256(w.ws.admin.token))
      .executeTakeFirstOrThrow();
    adminTokenId = row.id;
    for (const ws of [w.ws, w.outsider]) {
      [ws.admin.token, ws.teammate.token, ...ws.inboxes.map((i) => i.secret)].forEach((s) => secrets.add(s));
    }
    secrets.add(w.botToken);
    secrets.add('correct horse battery');
  });
  afterAll(async () => h?.close());

  const db = () => h.services.db.kysely;
  const countEvents = async () =>
    Number(
      (
        await db()
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const eventsOf = (accountId: string) =>
    db()
      .selectFrom('audit_events')
      .selectAll()
      .where('account_id', '=', accountId)
      .orderBy('seq', 'desc')
      .execute();
  const newest = async (n: number) =>
    (await db().selectFrom('audit_events').selectAll().orderBy('id', 'desc').limit(n).execute()).reverse();

  /** Collects secrets that an answer hands out (tokens, inbox secrets). */
  function remember(body: unknown) {
    if (typeof body !== 'object' || body === null) return;
    for (const key of ['token', 'secret'] as const) {
      const value = (body as Record<string, unknown>)[key];
      if (typeof value === 'string') secrets.add(value);
    }
  }

  it.each(writes.map((op) => [op.key, op] as const))(
    'records %s as exactly one event, committed with the change',
    async (_key, op) => {
      const fx = fixtureFor(op);
      const fresh = (await fx.prepare?.(w)) ?? {};
      const ids: Ids = { ...w.visible, ...fresh.visible };
      const path = fillPath(op.path, pathValues(op, ids)) + queryString(fx.query?.(ids, w));
      const body = fx.body?.(ids, w);
      if (body && typeof body.password === 'string') secrets.add(body.password);
      const before = await countEvents();
      const res = await call(h.app, op.method, path, { token: w.ws.admin.token, body });
      expect(res.status, JSON.stringify(res.body)).toBe(fx.ok);
      remember(res.body);

      // Approving executes the agent's proposal in the same transaction: the agent's action is its own event.
      const approving = op.key === 'POST /api/v1/approvals/{id}/approve';
      expect((await countEvents()) - before).toBe(approving ? 2 : 1);
      const events = await newest(approving ? 2 : 1);
      const event = events.at(-1)!;
      expect(event).toMatchObject({
        account_id: w.ws.accountId,
        actor_kind: 'user',
        actor_id: w.ws.admin.id,
        token_id: adminTokenId,
        action: op.operationId,
      });
      expect(['succeeded', 'approved', 'rejected']).toContain(event.outcome);
      const pathId = op.pathParams.length ? pathValues(op, ids)[op.pathParams[0]!] : undefined;
      const createdId = (res.body as { id?: unknown }).id;
      expect(event.target_id).toBe(pathId ?? (typeof createdId === 'string' ? createdId : null));
      if (approving) {
        expect(events[0]).toMatchObject({
          actor_kind: 'agent',
          action: 'conversation.reply',
          outcome: 'succeeded',
        });
        expect(JSON.parse(events[0]!.result)).toMatchObject({
          approval_id: ids.approval,
          approved_by: w.ws.admin.id,
        });
      }
    },
  );

  it('records a sign-in and a sign-out, and nothing for a sign-out that ends no session', async () => {
    let before = await countEvents();
    const login = await call(h.app, 'POST', '/api/v1/auth/login', {
      body: { email: 'admin@acme.test', password: 'correct horse battery' },
    });
    expect(login.status).toBe(200);
    const cookie = /dw_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    expect(cookie).toBeDefined();
    secrets.add(cookie!);
    expect((await countEvents()) - before).toBe(1);
    expect((await newest(1))[0]).toMatchObject({
      action: 'session.create',
      actor_id: w.ws.admin.id,
      token_id: null,
    });

    const snapshot = await snapshotDb(h.services.db);
    const tokenLogout = await call(h.app, 'POST', '/api/v1/auth/logout', { token: w.ws.teammate.token });
    expect(tokenLogout.status).toBe(200);
    expect(await snapshotDb(h.services.db)).toEqual(snapshot);

    before = await countEvents();
    const logout = await call(h.app, 'POST', '/api/v1/auth/logout', {
      headers: { cookie: `dw_session=${cookie}` },
    });
    expect(logout.status).toBe(200);
    expect((await countEvents()) - before).toBe(1);
    expect((await newest(1))[0]).toMatchObject({ action: 'session.end', actor_id: w.ws.admin.id });
  });

  it('records an inbound message once, and nothing for its repeat', async () => {
    const inbox = w.ws.inboxes[1]!;
    const body = {
      contact: { email: 'repeat@example.com' },
      content: 'Is anyone there?',
      source_id: 'ext-1',
    };
    const before = await countEvents();
    const first = await call(h.app, 'POST', `/api/v1/inboxes/${inbox.id}/incoming`, {
      token: inbox.secret,
      body,
    });
    expect(first.status).toBe(201);
    expect((await countEvents()) - before).toBe(1);
    expect((await newest(1))[0]).toMatchObject({
      action: 'message.receive',
      actor_kind: 'channel',
      actor_id: inbox.id,
      token_id: null,
    });
    const snapshot = await snapshotDb(h.services.db);
    const again = await call(h.app, 'POST', `/api/v1/inboxes/${inbox.id}/incoming`, {
      token: inbox.secret,
      body,
    });
    expect(again.status).toBe(200);
    expect(await snapshotDb(h.services.db)).toEqual(snapshot);
  });

  it.each(reads.map((op) => [op.key, op] as const))(
    'records nothing when a person reads %s',
    async (_key, op) => {
      const fx = fixtureFor(op);
      const path = fillPath(op.path, pathValues(op, w.visible)) + queryString(fx.query?.(w.visible, w));
      const snapshot = await snapshotDb(h.services.db);
      for (const token of [w.ws.admin.token, w.ws.teammate.token]) {
        const res = await call(h.app, op.method, path, { token });
        expect(res.status).toBeLessThan(500);
      }
      expect(await snapshotDb(h.services.db)).toEqual(snapshot);
    },
  );

  it('leaves no event and no change when an action fails inside its transaction', async () => {
    // The name is written first, then the unknown inbox fails the action: both roll back.
    let snapshot = await snapshotDb(h.services.db);
    const res = await call(h.app, 'PATCH', `/api/v1/users/${w.spareUserId}`, {
      token: w.ws.admin.token,
      body: { name: 'Half done', inbox_ids: [`inbox_${'0'.repeat(26)}`] },
    });
    expect(res.status).toBe(422);
    expect(await snapshotDb(h.services.db)).toEqual(snapshot);

    // When the audit store itself refuses the event, the change it records does not happen either.
    if (dialect === 'postgres') {
      await sql`create function test_audit_down() returns trigger language plpgsql as $$
        begin raise exception 'audit store down'; end $$`.execute(db());
      await sql`create trigger test_audit_down before insert on audit_events
        for each row execute function test_audit_down()`.execute(db());
    } else {
      await sql`create trigger test_audit_down before insert on audit_events
        begin select raise(abort, 'audit store down'); end`.execute(db());
    }
    try {
      snapshot = await snapshotDb(h.services.db);
      const failed = await call(h.app, 'PATCH', `/api/v1/conversations/${w.visible.conversation}`, {
        token: w.ws.admin.token,
        body: { status: 'pending', labels: ['lost-in-audit'] },
      });
      expect(failed.status).toBe(500);
      expect(failed.body).toEqual({ error: { code: 'internal', message: 'Internal error' } });
      expect(await snapshotDb(h.services.db)).toEqual(snapshot);
    } finally {
      await sql`drop trigger test_audit_down ${sql.raw(dialect === 'postgres' ? 'on audit_events' : '')}`.execute(
        db(),
      );
      if (dialect === 'postgres') await sql`drop function test_audit_down()`.execute(db());
    }
  });

  it('never writes a password, token or inbox secret into the log', async () => {
    const created = await call(h.app, 'POST', '/api/v1/users', {
      token: w.ws.admin.token,
      body: { email: 'secretive@acme.test', password: 'hunter2 but longer', role: 'admin' },
    });
    expect(created.status).toBe(201);
    secrets.add('hunter2 but longer');
    for (const [method, path, body] of [
      ['POST', '/api/v1/me/tokens', { name: 'ci' }],
      [
        'POST',
        '/api/v1/inboxes',
        { type: 'api', name: 'Secret inbox', webhook_url: 'https://hooks.example.com/x' },
      ],
      ['POST', `/api/v1/inboxes/${w.ws.inboxes[0]!.id}/rotate-secret`, undefined],
      ['POST', '/api/v1/agents', { name: 'Token holder' }],
    ] as const) {
      const res = await call(h.app, method, path, { token: w.ws.admin.token, body });
      expect(res.status).toBeLessThan(300);
      remember(res.body);
    }
    const login = await call(h.app, 'POST', '/api/v1/auth/login', {
      body: { email: 'secretive@acme.test', password: 'hunter2 but longer' },
    });
    secrets.add(/dw_session=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1] ?? 'missing-cookie');

    const rows = await db().selectFrom('audit_events').selectAll().execute();
    const log = JSON.stringify(rows);
    const exported = await (
      await h.app.request('/api/v1/audit/export?format=csv', {
        headers: { authorization: `Bearer ${w.ws.admin.token}` },
      })
    ).text();
    expect(secrets.size).toBeGreaterThan(10);
    for (const secret of secrets) {
      expect(log.includes(secret), `a secret (${secret.slice(0, 4)}…) is in the audit log`).toBe(false);
      expect(
        log.includes(sha256(secret)),
        `a secret's hash (${secret.slice(0, 4)}…) is in the audit log`,
      ).toBe(false);
      expect(exported.includes(secret)).toBe(false);
    }
    expect(
      rows.some((r) => r.action === 'user.create' && JSON.parse(r.input).password === '[redacted]'),
    ).toBe(true);
  });

  it('filters the log by actor, action, outcome, since and until', async () => {
    // Three people's actions at known times, and an agent refused for a scope it lacks.
    const at = (time: string) => h.setNow(new Date(time));
    at('2031-03-01T10:00:00.000Z');
    await call(h.app, 'PATCH', `/api/v1/conversations/${w.visible.conversation}`, {
      token: w.ws.admin.token,
      body: { priority: 'urgent' },
    });
    at('2031-03-01T11:00:00.000Z');
    await call(h.app, 'POST', `/api/v1/conversations/${w.visible.conversation}/messages`, {
      token: w.ws.teammate.token,
      body: { content: 'On it', private: true },
    });
    at('2031-03-01T12:00:00.000Z');
    const readOnly = await call(h.app, 'POST', '/api/v1/agents', {
      token: w.ws.admin.token,
      body: { name: 'Reader' },
    });
    const reader = await actorForBotToken(db(), (readOnly.body as { token: string }).token);
    await expect(
      performAsAgent(h.services, reader!, replyToConversation, {
        conversation_id: w.visible.conversation,
        content: 'Hi',
      }),
    ).rejects.toThrow();
    h.setNow(new Date());

    const all = await eventsOf(w.ws.accountId);
    const list = async (query: Record<string, string>) => {
      const res = await call(h.app, 'GET', `/api/v1/audit${queryString({ limit: '100', ...query })}`, {
        token: w.ws.admin.token,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body as { events: ApiEvent[] }).events.map((e) => e.id);
    };
    const expected = (keep: (e: AuditEvent) => boolean) =>
      all
        .filter(keep)
        .slice(0, 100)
        .map((e) => e.id);

    expect(await list({ actor: w.ws.teammate.id })).toEqual(expected((e) => e.actor_id === w.ws.teammate.id));
    expect(await list({ action: 'conversation.update' })).toEqual(
      expected((e) => e.action === 'conversation.update'),
    );
    const denied = await list({ outcome: 'denied' });
    expect(denied).toEqual(expected((e) => e.outcome === 'denied'));
    expect(denied.length).toBeGreaterThan(0);
    expect(all.find((e) => e.id === denied[0])).toMatchObject({
      actor_kind: 'agent',
      reason: 'scope_missing',
    });
    expect(await list({ actor: (readOnly.body as { id: string }).id })).toEqual(denied);
    expect(await list({ outcome: 'pending_approval' })).toEqual(
      expected((e) => e.outcome === 'pending_approval'),
    );
    const window = await list({ since: '2031-03-01T10:30:00Z', until: '2031-03-01T12:00:00Z' });
    expect(window).toEqual(
      expected(
        (e) => e.created_at >= '2031-03-01T10:30:00.000Z' && e.created_at < '2031-03-01T12:00:00.000Z',
      ),
    );
    expect(window).toHaveLength(1);
    // The same instant written with an offset selects the same events.
    expect(await list({ since: '2031-03-01T12:30:00+02:00', until: '2031-03-01T14:00:00+02:00' })).toEqual(
      window,
    );
    expect(
      await list({ actor: w.ws.admin.id, action: 'conversation.update', since: '2031-01-01T00:00:00Z' }),
    ).toHaveLength(1);
    // Another account's people and events are not there to be found.
    expect(await list({ actor: w.outsider.admin.id })).toEqual([]);
  });

  it('pages through the whole log, newest first, with no event twice or missing', async () => {
    const all = (await eventsOf(w.ws.accountId)).map((e) => e.id);
    const filters: Record<string, string>[] = [{}, { outcome: 'succeeded' }];
    for (const filter of filters) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await call(
          h.app,
          'GET',
          `/api/v1/audit${queryString({ limit: '7', ...filter, ...(cursor && { cursor }) })}`,
          { token: w.ws.admin.token },
        );
        const page = res.body as { events: ApiEvent[]; next_cursor: string | null };
        expect(page.events.length).toBeLessThanOrEqual(7);
        seen.push(...page.events.map((e) => e.id));
        cursor = page.next_cursor;
      } while (cursor);
      const rows = await eventsOf(w.ws.accountId);
      const wanted = filter.outcome ? rows.filter((r) => r.outcome === filter.outcome).map((r) => r.id) : all;
      expect(seen).toEqual(wanted);
    }
  });

  it('exports the chain, oldest first, as JSONL and as CSV', async () => {
    const rows = (await eventsOf(w.ws.accountId)).reverse();
    const get = (query: string) =>
      h.app.request(`/api/v1/audit/export${query}`, {
        headers: { authorization: `Bearer ${w.ws.admin.token}` },
      });

    const jsonl = await get('');
    expect(jsonl.status).toBe(200);
    expect(jsonl.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(jsonl.headers.get('content-disposition')).toMatch(/attachment; filename="deskwoot-audit\.jsonl"/);
    const lines = (await jsonl.text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as ApiEvent);
    expect(lines.map((e) => e.seq)).toEqual(rows.map((_, i) => i + 1));
    expect(lines.map((e) => [e.id, e.hash, e.prev_hash])).toEqual(
      rows.map((r) => [r.id, r.hash, r.prev_hash]),
    );
    const listed = await call(h.app, 'GET', '/api/v1/audit?limit=1', { token: w.ws.admin.token });
    expect(lines.at(-1)).toEqual((listed.body as { events: ApiEvent[] }).events[0]);

    const csv = await get('?format=csv');
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...records] = parseCsv(await csv.text());
    expect(header).toEqual([
      'seq',
      'id',
      'created_at',
      'actor_kind',
      'actor_id',
      'token_id',
      'action',
      'target_type',
      'target_id',
      'outcome',
      'reason',
      'input',
      'result',
      'prev_hash',
      'hash',
    ]);
    expect(records.map((r) => [Number(r[0]), r[1], r[11], r[14]])).toEqual(
      rows.map((r) => [r.seq, r.id, r.input, r.hash]),
    );

    const since = rows[Math.floor(rows.length / 2)]!.created_at;
    const later = await (await get(`?since=${encodeURIComponent(since)}`)).text();
    const laterIds = later
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as ApiEvent).id);
    expect(laterIds).toEqual(rows.filter((r) => r.created_at >= since).map((r) => r.id));

    // The list's filters narrow the export too.
    const { action, actor_id: actor } = rows.find((r) => r.actor_id !== null)!;
    const narrowed = await (
      await get(`?${new URLSearchParams({ action, actor: actor! }).toString()}`)
    ).text();
    const narrowedIds = narrowed
      .trimEnd()
      .split('\n')
      .map((line) => (JSON.parse(line) as ApiEvent).id);
    expect(narrowedIds).toEqual(
      rows.filter((r) => r.action === action && r.actor_id === actor).map((r) => r.id),
    );
    expect(narrowedIds.length).toBeGreaterThan(0);
  });

  it('keeps one unbroken chain when grouped and transactional appends race, from two handles on PostgreSQL', async () => {
    // A second handle on PostgreSQL stands for a second node sharing the database.
    const other = dialect === 'postgres' ? openDb(h.url) : null;
    const handles = other ? [h.services.db, other] : [h.services.db];
    const accountId = w.outsider.accountId;
    const before = (await eventsOf(accountId)).length;
    const event = (i: number): NewAuditEvent => ({
      account_id: accountId,
      actor_kind: 'system',
      actor_id: null,
      token_id: null,
      action: 'test.race',
      target_type: null,
      target_id: `race-${i}`,
      outcome: 'succeeded',
      input: { i },
      created_at: new Date().toISOString(),
    });
    try {
      await Promise.all(
        Array.from({ length: 120 }, (_, i) =>
          i % 6 === 0
            ? h.services.db.kysely.transaction().execute((trx) => appendAuditEvent(trx, event(i)))
            : recordAuditEvent(handles[i % handles.length]!.kysely, event(i)),
        ),
      );
    } finally {
      await other?.close();
    }
    const events = await eventsOf(accountId);
    expect(events.length - before).toBe(120);
    expect(new Set(events.filter((e) => e.action === 'test.race').map((e) => e.target_id)).size).toBe(120);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => events.length - i));
    const [report] = await verifyAudit(db(), accountId);
    expect(report).toMatchObject({ ok: true, events: events.length });
  });

  it('verifies the chain of every account', async () => {
    const reports = await verifyAudit(db());
    expect(reports.map((r) => r.ok)).toEqual(reports.map(() => true));
    const res = await call(h.app, 'GET', '/api/v1/audit/verify', { token: w.ws.admin.token });
    expect(res.body).toMatchObject({
      ok: true,
      events: (await eventsOf(w.ws.accountId)).length,
      break: null,
    });
  });

  it('refuses to change or remove an event, and finds the break when someone does it anyway', async () => {
    const target = (await eventsOf(w.ws.accountId)).find((e) => e.seq === 3)!;
    await expect(
      db().updateTable('audit_events').set({ outcome: 'failed' }).where('id', '=', target.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom('audit_events').where('id', '=', target.id).execute()).rejects.toThrow(
      /append-only/,
    );
    if (dialect === 'postgres') {
      await expect(sql`truncate audit_events`.execute(db())).rejects.toThrow(/append-only/);
    }
    expect((await verifyAudit(db(), w.ws.accountId))[0]?.ok).toBe(true);

    // An attacker with database access drops the guards and edits history.
    const triggers =
      dialect === 'postgres'
        ? await sql<{ name: string }>`select tgname as name from pg_trigger
            where tgrelid = 'audit_events'::regclass and not tgisinternal`.execute(db())
        : await sql<{ name: string }>`select name from sqlite_master
            where type = 'trigger' and tbl_name = 'audit_events'`.execute(db());
    expect(triggers.rows.length).toBeGreaterThan(0);
    for (const { name } of triggers.rows) {
      await sql`drop trigger ${sql.id(name)} ${sql.raw(dialect === 'postgres' ? 'on audit_events' : '')}`.execute(
        db(),
      );
    }
    await db()
      .updateTable('audit_events')
      .set({ input: JSON.stringify({ note: 'nothing to see here' }) })
      .where('id', '=', target.id)
      .execute();
    const [report] = await verifyAudit(db(), w.ws.accountId);
    expect(report).toMatchObject({
      ok: false,
      events: 2,
      break: { seq: 3, id: target.id, problem: 'hash_mismatch' },
    });
    const api = await call(h.app, 'GET', '/api/v1/audit/verify', { token: w.ws.admin.token });
    expect(api.body).toMatchObject({ ok: false, break: { seq: 3, problem: 'hash_mismatch' } });
    expect((await verifyAudit(db(), w.outsider.accountId))[0]?.ok).toBe(true);

    // Recomputing the edited event's hash only moves the break to its successor.
    const edited = await db()
      .selectFrom('audit_events')
      .selectAll()
      .where('id', '=', target.id)
      .executeTakeFirstOrThrow();
    const { hash: _old, ...unhashed } = edited;
    await db()
      .updateTable('audit_events')
      .set({ hash: hashEvent(unhashed) })
      .where('id', '=', target.id)
      .execute();
    expect((await verifyAudit(db(), w.ws.accountId))[0]).toMatchObject({
      ok: false,
      break: { seq: 4, problem: 'prev_hash_mismatch' },
    });

    // Removing the newest event of a chain is found too: the chain head remembers it.
    const outsiderEvents = await eventsOf(w.outsider.accountId);
    await db().deleteFrom('audit_events').where('id', '=', outsiderEvents[0]!.id).execute();
    expect((await verifyAudit(db(), w.outsider.accountId))[0]).toMatchObject({
      ok: false,
      break: { problem: 'head_mismatch' },
    });
  });
});
