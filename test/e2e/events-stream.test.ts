import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/actor.js';
import type { Services } from '../../src/core/services.js';
import { receive } from '../../src/channels/api/receive-incoming.js';
import { openDb } from '../../src/db/database.js';
import { createApp, type DeskwootApp } from '../../src/http/app.js';
import { type Realtime, startRealtime } from '../../src/realtime/start-realtime.js';
import type { TRealtimeEvent } from '../../src/realtime/realtime.types.js';
import { DIALECTS } from '../support/databases.js';
import { call, type Harness, seedWorkspace, startHarness, type Workspace } from '../support/harness.js';
import { readEvents, type SseEvent } from './support/sse.js';

const changeIn =
  (inboxId: string) =>
  (event: SseEvent): boolean =>
    event.event === 'change' && (JSON.parse(event.data) as TRealtimeEvent).inbox_id === inboxId;

describe.each(DIALECTS)('the realtime event stream on %s', (dialect) => {
  let h: Harness;
  let ws: Workspace;
  let realtime: Realtime;
  let app: DeskwootApp;
  const streams: ReturnType<typeof readEvents>[] = [];

  beforeAll(async () => {
    h = await startHarness(dialect);
    realtime = startRealtime(h.services);
    await realtime.ready;
    app = createApp(h.services, { realtime: realtime.hub });
    ws = await seedWorkspace(h.services);
  });
  afterAll(async () => {
    await Promise.all(streams.map((s) => s.close()));
    await realtime?.stop();
    await h?.close();
  });

  const open = async (headers: Record<string, string>) => {
    const response = await app.request('/api/v1/events/stream', { headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const stream = readEvents(response);
    streams.push(stream);
    await stream.next((e) => e.event === 'ready');
    return stream;
  };
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const customerWrites = (services: Services, inboxId: string, content: string) => {
    const channel: Actor = { kind: 'channel', accountId: ws.accountId, inboxId };
    return receive(services, channel, { contact: { email: 'ana@example.com', name: 'Ana' }, content });
  };

  it('refuses a caller without credentials', async () => {
    const response = await app.request('/api/v1/events/stream');
    expect(response.status).toBe(401);
  });

  it("tells a teammate of changes in its inboxes only, and an admin of every inbox's", async () => {
    const [mine, other] = [ws.inboxes[0]!.id, ws.inboxes[1]!.id];
    const teammate = await open(bearer(ws.teammate.token));
    const admin = await open(bearer(ws.admin.token));
    await customerWrites(h.services, other, 'A question for sales');
    const received = await customerWrites(h.services, mine, 'A question for support');

    const heard = JSON.parse((await teammate.next(changeIn(mine))).data) as TRealtimeEvent;
    expect(heard).toMatchObject({
      action: 'message.receive',
      outcome: 'succeeded',
      target: { type: 'message', id: received.message_id },
      conversation_id: received.conversation_id,
    });
    await admin.next(changeIn(other));
    await admin.next(changeIn(mine));
    // The admin heard of the other inbox's change, so the teammate's stream was asked about it too.
    expect(teammate.all().filter(changeIn(other))).toEqual([]);
  });

  it('stops telling a teammate of an inbox it no longer belongs to', async () => {
    const [first, second] = [ws.inboxes[0]!.id, ws.inboxes[1]!.id];
    const teammate = await open(bearer(ws.teammate.token));
    const moved = await call(app, 'PATCH', `/api/v1/users/${ws.teammate.id}`, {
      token: ws.admin.token,
      body: { inbox_ids: [second] },
    });
    expect(moved.status).toBe(200);
    await customerWrites(h.services, first, 'Now out of sight');
    await customerWrites(h.services, second, 'Now in sight');
    await teammate.next(changeIn(second));
    expect(teammate.all().filter(changeIn(first))).toEqual([]);
    await call(app, 'PATCH', `/api/v1/users/${ws.teammate.id}`, {
      token: ws.admin.token,
      body: { inbox_ids: [first] },
    });
  });

  it('says the session expired and closes when the person signs out', async () => {
    const login = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'mate@acme.test', password: 'correct horse battery' }),
    });
    expect(login.status).toBe(200);
    const cookie = /dw_session=[^;]+/.exec(login.headers.get('set-cookie') ?? '')?.[0];
    expect(cookie).toBeDefined();
    const stream = await open({ cookie: cookie! });
    const logout = await app.request('/api/v1/auth/logout', { method: 'POST', headers: { cookie: cookie! } });
    expect(logout.status).toBe(200);
    await stream.next((e) => e.event === 'expired');
    await expect(stream.next()).rejects.toThrow(/ended/);
  });

  // Several nodes share a PostgreSQL database; SQLite has one node, so there is nothing to fan out.
  if (dialect === 'postgres')
    it('hears changes committed by another node sharing the database', async () => {
      const other: Services = { ...h.services, db: openDb(h.url), onCommitted: undefined };
      const otherRealtime = startRealtime(other);
      await otherRealtime.ready;
      try {
        const admin = await open(bearer(ws.admin.token));
        const received = await customerWrites(other, ws.inboxes[0]!.id, 'Written through another node');
        const heard = await admin.next(
          (e) =>
            e.event === 'change' && (JSON.parse(e.data) as TRealtimeEvent).target?.id === received.message_id,
        );
        expect(heard.event).toBe('change');
      } finally {
        await otherRealtime.stop();
        await other.db.close();
      }
    });
});
