import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from './support/databases.js';
import { call, type Harness, seedWorkspace, startHarness, type Workspace } from './support/harness.js';

interface ConversationBody {
  id: string;
  status: string;
  labels: string[];
  snoozed_until: string | null;
  assignee_id: string | null;
  last_message: { content: string; author: { kind: string } } | null;
}

describe.each(DIALECTS)('conversations on %s', (dialect) => {
  let h: Harness;
  let ws: Workspace;

  beforeAll(async () => {
    h = await startHarness(dialect);
    ws = await seedWorkspace(h.services);
  });
  afterAll(async () => h?.close());

  it('lists the conversations an admin can see, newest first, with the customer labelled as author', async () => {
    const res = await call(h.app, 'GET', '/api/v1/conversations', { token: ws.admin.token });
    expect(res.status).toBe(200);
    const body = res.body as { conversations: ConversationBody[]; next_cursor: string | null };
    expect(body.conversations.map((c) => c.id)).toEqual([ws.conversations[1]!.id, ws.conversations[0]!.id]);
    expect(body.conversations[0]!.last_message?.author.kind).toBe('contact');
    expect(body.next_cursor).toBeNull();
  });

  it('shows a teammate only the conversations of its inboxes', async () => {
    const res = await call(h.app, 'GET', '/api/v1/conversations', { token: ws.teammate.token });
    const body = res.body as { conversations: ConversationBody[] };
    expect(body.conversations.map((c) => c.id)).toEqual([ws.conversations[0]!.id]);
    const hidden = await call(h.app, 'GET', `/api/v1/conversations/${ws.conversations[1]!.id}`, {
      token: ws.teammate.token,
    });
    expect(hidden.status).toBe(404);
  });

  it('pages with a cursor', async () => {
    const first = await call(h.app, 'GET', '/api/v1/conversations?limit=1', { token: ws.admin.token });
    const page1 = first.body as { conversations: ConversationBody[]; next_cursor: string };
    expect(page1.conversations).toHaveLength(1);
    const second = await call(h.app, 'GET', `/api/v1/conversations?limit=1&cursor=${page1.next_cursor}`, {
      token: ws.admin.token,
    });
    const page2 = second.body as { conversations: ConversationBody[]; next_cursor: string | null };
    expect(page2.conversations.map((c) => c.id)).toEqual([ws.conversations[0]!.id]);
    expect(page2.next_cursor).toBeNull();
  });

  it('finds conversations by the words of their messages', async () => {
    const hit = await call(h.app, 'GET', '/api/v1/conversations?query=ARRIVED%20order', {
      token: ws.admin.token,
    });
    expect((hit.body as { conversations: unknown[] }).conversations).toHaveLength(2);
    const miss = await call(h.app, 'GET', '/api/v1/conversations?query=refund', { token: ws.admin.token });
    expect((miss.body as { conversations: unknown[] }).conversations).toHaveLength(0);
    const hostile = await call(
      h.app,
      'GET',
      `/api/v1/conversations?query=${encodeURIComponent('" OR 1=1 -- NEAR( *')}`,
      {
        token: ws.admin.token,
      },
    );
    expect(hostile.status).toBe(200);
  });

  it('writes status, label and assignee changes into the thread as activity', async () => {
    const id = ws.conversations[0]!.id;
    const res = await call(h.app, 'PATCH', `/api/v1/conversations/${id}`, {
      token: ws.admin.token,
      body: { status: 'resolved', labels: ['billing', 'vip'], assignee_id: ws.teammate.id, priority: 'high' },
    });
    expect(res.status).toBe(200);
    const body = res.body as ConversationBody;
    expect(body).toMatchObject({
      status: 'resolved',
      labels: ['billing', 'vip'],
      assignee_id: ws.teammate.id,
    });
    const thread = await call(h.app, 'GET', `/api/v1/conversations/${id}`, { token: ws.admin.token });
    const activity = (thread.body as { messages: { type: string; content: string }[] }).messages
      .filter((m) => m.type === 'activity')
      .map((m) => m.content);
    expect(activity).toEqual([
      'Status changed from open to resolved',
      `Assigned to Acme Mate`,
      'Priority changed from none to high',
      'Labels added: billing, vip',
    ]);
    const filtered = await call(h.app, 'GET', '/api/v1/conversations?label=vip', { token: ws.admin.token });
    expect((filtered.body as { conversations: ConversationBody[] }).conversations.map((c) => c.id)).toEqual([
      id,
    ]);
  });

  it('snoozes until a time and wakes up when it has passed', async () => {
    const { perform } = await import('../src/core/perform.js');
    const { wakeSnoozed } = await import('../src/conversations/wake-snoozed.js');
    const id = ws.conversations[1]!.id;
    const until = new Date(Date.now() + 3_600_000).toISOString();
    const res = await call(h.app, 'PATCH', `/api/v1/conversations/${id}`, {
      token: ws.admin.token,
      body: { snoozed_until: until },
    });
    expect((res.body as ConversationBody).status).toBe('snoozed');
    const past = await call(h.app, 'PATCH', `/api/v1/conversations/${id}`, {
      token: ws.admin.token,
      body: { snoozed_until: '2020-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(422);
    await perform(h.services, ws.system, wakeSnoozed, {});
    expect(
      (
        (await call(h.app, 'GET', `/api/v1/conversations/${id}`, { token: ws.admin.token })).body as {
          conversation: ConversationBody;
        }
      ).conversation.status,
    ).toBe('snoozed');
    h.setNow(new Date(Date.now() + 7_200_000));
    const woken = await perform(h.services, ws.system, wakeSnoozed, {});
    h.setNow(new Date());
    expect(woken.woken).toEqual([id]);
    const after = await call(h.app, 'GET', `/api/v1/conversations/${id}`, { token: ws.admin.token });
    expect((after.body as { conversation: ConversationBody }).conversation).toMatchObject({
      status: 'open',
      snoozed_until: null,
    });
  });

  it('posts a reply and a private note', async () => {
    const id = ws.conversations[0]!.id;
    const reply = await call(h.app, 'POST', `/api/v1/conversations/${id}/messages`, {
      token: ws.teammate.token,
      body: { content: 'Sorry about that — a replacement is on its way.' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      type: 'outgoing',
      private: false,
      author: { kind: 'user', name: 'Acme Mate' },
    });
    const note = await call(h.app, 'POST', `/api/v1/conversations/${id}/messages`, {
      token: ws.teammate.token,
      body: { content: 'Customer is a VIP', private: true },
    });
    expect(note.body).toMatchObject({ type: 'note', private: true, delivery_status: null });
  });
});
