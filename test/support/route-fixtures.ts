import { actorForBotToken } from '../../src/agents/agents.repository.js';
import { createAgent } from '../../src/agents/create-agent.js';
import { createUserToken } from '../../src/auth/user-tokens.js';
import { replyToConversation } from '../../src/conversations/post-message.js';
import { perform, performAsAgent } from '../../src/core/perform.js';
import { createUser } from '../../src/users/create-user.js';
import type { Harness, Workspace } from './harness.js';
import { seedWorkspace } from './harness.js';
import { connectSandboxStore, seedSandboxOrders } from './stores.js';
import { insertAttachments } from '../../src/messages/attachments.repository.js';
import type { RouteOp } from './routes.js';

/**
 * Routes anyone may call without a person's credentials. The access-control test asserts that this
 * list is exact: every other route answers 401 to a caller without credentials.
 */
export const PUBLIC_ROUTES = [
  'GET /healthz',
  'GET /metrics',
  'GET /api/v1/openapi.json',
  'POST /api/v1/auth/login',
  // The website chat widget: public by design, each call names its inbox by public key and must
  // come from an allowed Origin; a visitor's own calls carry its token (test/web-chat.test.ts).
  'GET /widget.js',
  'OPTIONS /api/v1/widget/*',
  'GET /api/v1/widget/config',
  'POST /api/v1/widget/sessions',
  'POST /api/v1/widget/messages',
  'GET /api/v1/widget/messages',
  'GET /api/v1/widget/stream',
];

/** Routes that authenticate their caller some other way: the inbound channel (inbox secret), MCP (bot token). */
export const OWN_AUTH_ROUTES = [
  'POST /api/v1/inboxes/{id}/incoming',
  'GET /mcp',
  'POST /mcp',
  'DELETE /mcp',
  // The email channel's inbound route: raw MIME, with the inbox secret (test/email-channel.test.ts).
  'POST /api/v1/inboxes/{id}/email',
];

/**
 * Served but not in the OpenAPI document (the document itself, the operator endpoints, and the
 * dashboard's endless event stream, whose event type is a component; test/e2e covers who hears what).
 */
export const UNDOCUMENTED_ROUTES = [
  'GET /api/v1/events/stream',
  'GET /api/v1/openapi.json',
  'GET /api/v1/widget/stream',
  'OPTIONS /api/v1/widget/*',
  'GET /widget.js',
  'GET /healthz',
  'GET /metrics',
];

/** The kinds of object a path `{id}` can name, by the collection it follows. */
export type ObjectKind =
  | 'conversation'
  | 'contact'
  | 'inbox'
  | 'user'
  | 'user_token'
  | 'agent'
  | 'approval'
  | 'store'
  | 'order'
  | 'attachment';

const KIND_BY_COLLECTION: Record<string, ObjectKind> = {
  conversations: 'conversation',
  contacts: 'contact',
  inboxes: 'inbox',
  users: 'user',
  tokens: 'user_token',
  agents: 'agent',
  approvals: 'approval',
  stores: 'store',
  orders: 'order',
  attachments: 'attachment',
};

/** Which kind of object `{param}` names in this path (the collection just before it). */
export function kindOfParam(path: string, param: string): ObjectKind {
  const segments = path.split('/');
  const at = segments.indexOf(`{${param}}`);
  const kind = KIND_BY_COLLECTION[segments[at - 1] ?? ''];
  if (!kind) throw new Error(`No object kind known for {${param}} in ${path}: add it to KIND_BY_COLLECTION`);
  return kind;
}

/** One real id of each kind, all of one account. */
export type Ids = Record<ObjectKind, string>;

/**
 * A workspace to test against, an outsider workspace (another account), and objects that the
 * tests may change without breaking the others: a spare teammate, a spare admin token, a spare
 * agent; and a supervised agent whose drafts wait for approval in each inbox.
 */
export interface World {
  services: Harness['services'];
  ws: Workspace;
  outsider: Workspace;
  spareUserId: string;
  spareTokenId: string;
  spareAgentId: string;
  /** The drafting agent's bot token: a real credential that opens /mcp and nothing else. */
  botToken: string;
  /** Drafts a reply in a conversation; returns the approval's id. */
  draft(conversationId: string): Promise<string>;
  /** Objects the admin sees and the teammate sees too (inbox 0). */
  visible: Ids;
  /** Objects the teammate must not see: inbox 1's, and the admin's own token. */
  hidden: Ids;
}

export async function seedWorld(h: Harness): Promise<World> {
  const ws = await seedWorkspace(h.services, 'Acme');
  const outsider = await seedWorkspace(h.services, 'Globex');
  const spare = await perform(h.services, ws.system, createUser, {
    email: 'spare@acme.test',
    password: 'correct horse battery',
    role: 'teammate',
    name: 'Spare Mate',
  });
  const token = await perform(h.services, ws.system, createUserToken, {
    user_id: ws.admin.id,
    name: 'spare',
  });
  const spareAgent = await perform(h.services, ws.system, createAgent, { name: 'Spare agent' });
  const drafter = await perform(h.services, ws.system, createAgent, {
    name: 'Drafter',
    scopes: ['conversations:read', 'replies:write'],
    mode: 'supervised',
  });
  const draft = async (conversationId: string): Promise<string> => {
    const actor = await actorForBotToken(h.services.db.kysely, drafter.token);
    if (!actor) throw new Error('The drafting agent has no live token');
    const outcome = await performAsAgent(h.services, actor, replyToConversation, {
      conversation_id: conversationId,
      content: 'We are sending a replacement today.',
    });
    if (outcome.status !== 'pending_approval') throw new Error('A supervised reply should wait for approval');
    return outcome.approval_id;
  };
  const [c0, c1] = ws.conversations;
  const [i0, i1] = ws.inboxes;
  if (!c0 || !c1 || !i0 || !i1) throw new Error('seedWorkspace makes two inboxes and two conversations');
  const store = await connectSandboxStore(h.services, ws);
  const orders = await seedSandboxOrders(h.services, store, [c0.contactId, c1.contactId]);
  const shared = { user: spare.id, user_token: token.id, agent: spareAgent.id, store: store.id };
  /** A file on the customer's first message of a conversation, as an inbound email would leave it. */
  const attachment = async (conversationId: string): Promise<string> => {
    const db = h.services.db.kysely;
    const message = await db
      .selectFrom('messages')
      .selectAll()
      .where('conversation_id', '=', conversationId)
      .where('type', '=', 'incoming')
      .executeTakeFirstOrThrow();
    const file = {
      filename: 'receipt.txt',
      content_type: 'text/plain',
      size: 7,
      content: Buffer.from('receipt'),
    };
    await db.transaction().execute((trx) => insertAttachments(trx, message, [file], message.created_at));
    const row = await db
      .selectFrom('attachments')
      .select('id')
      .where('message_id', '=', message.id)
      .executeTakeFirstOrThrow();
    return row.id;
  };
  return {
    services: h.services,
    ws,
    outsider,
    spareUserId: spare.id,
    spareTokenId: token.id,
    spareAgentId: spareAgent.id,
    botToken: drafter.token,
    draft,
    visible: {
      ...shared,
      conversation: c0.id,
      contact: c0.contactId,
      inbox: i0.id,
      approval: await draft(c0.id),
      order: orders[0]!,
      attachment: await attachment(c0.id),
    },
    hidden: {
      ...shared,
      conversation: c1.id,
      contact: c1.contactId,
      inbox: i1.id,
      approval: await draft(c1.id),
      order: orders[1]!,
      attachment: await attachment(c1.id),
    },
  };
}

/** Every id of a workspace, to check that none of them reaches a caller that must not see it. */
export function idsOf(ws: Workspace): string[] {
  return [
    ws.accountId,
    ws.admin.id,
    ws.teammate.id,
    ...ws.inboxes.map((i) => i.id),
    ...ws.conversations.flatMap((c) => [c.id, c.contactId]),
  ];
}

/** `{ id: … }` for a route's path, from the ids of one account. */
export function pathValues(op: RouteOp, ids: Ids): Record<string, string> {
  return Object.fromEntries(op.pathParams.map((p) => [p, ids[kindOfParam(op.path, p)]]));
}

/** A well-formed id of the same kind that names nothing. */
export function madeUpId(realId: string): string {
  const store = /^(\w+:store_\w+):/.exec(realId);
  if (store) return `${store[1]}:pi_${'0'.repeat(24)}`;
  const prefix = realId.slice(0, realId.indexOf('_'));
  return `${prefix}_${'0'.repeat(26)}`;
}

export interface RouteFixture {
  /**
   * What a teammate (member of inbox 0 only) gets: `admin` → 403 (people, inbox and audit
   * management); `scoped` → 404 for objects outside its inboxes (or not its own); `member` →
   * allowed, limited to what it may see.
   */
  teammate: 'admin' | 'scoped' | 'member';
  /** A valid body, so a refusal is about who calls, not what is sent. */
  body?: (ids: Ids, w: World) => Record<string, unknown>;
  /** Query parameters naming objects, e.g. a list filtered by an inbox. */
  query?: (ids: Ids, w: World) => Record<string, string>;
  /** A write without ids in its path, with a body naming the tested account's objects: refused to outsiders. */
  crossAccountBody?: (ids: Ids, w: World) => Record<string, unknown>;
  /** Fresh objects for this route's test, e.g. approvals still pending (another route's test may have decided the shared ones). */
  prepare?: (w: World) => Promise<{ visible?: Partial<Ids>; hidden?: Partial<Ids> }>;
  /** What the right caller (the account's admin) gets for the same request. */
  ok: 200 | 201;
}

/** Two new drafts, one in each inbox, for a route that decides one. */
const freshApprovals = async (w: World) => ({
  visible: { approval: await w.draft(w.visible.conversation) },
  hidden: { approval: await w.draft(w.hidden.conversation) },
});

/**
 * One entry per documented route that needs a person's credentials. A route without an entry fails
 * the access-control test, so a new route cannot ship without its who-can-do-what check.
 */
export const ROUTE_FIXTURES: Record<string, RouteFixture> = {
  'POST /api/v1/auth/logout': { teammate: 'member', ok: 200 },
  'GET /api/v1/me': { teammate: 'member', ok: 200 },
  'GET /api/v1/me/tokens': { teammate: 'member', ok: 200 },
  'POST /api/v1/me/tokens': {
    teammate: 'member',
    body: () => ({ name: 'Laptop' }),
    crossAccountBody: (_ids, w) => ({ name: 'Laptop', user_id: w.ws.admin.id }),
    ok: 201,
  },
  'POST /api/v1/me/tokens/{id}/revoke': { teammate: 'scoped', ok: 200 },

  'GET /api/v1/conversations': {
    teammate: 'member',
    query: (ids) => ({ inbox_id: ids.inbox, limit: '10' }),
    ok: 200,
  },
  'GET /api/v1/conversations/{id}': { teammate: 'scoped', ok: 200 },
  'GET /api/v1/conversation-counts': { teammate: 'member', ok: 200 },
  'PATCH /api/v1/conversations/{id}': {
    teammate: 'scoped',
    body: () => ({ priority: 'high', labels: ['billing'] }),
    ok: 200,
  },
  'POST /api/v1/conversations/{id}/messages': {
    teammate: 'scoped',
    body: () => ({ content: 'Checking with the warehouse now.', private: true }),
    ok: 201,
  },

  'GET /api/v1/attachments/{id}': { teammate: 'scoped', ok: 200 },

  'GET /api/v1/contacts': { teammate: 'member', query: () => ({ query: 'casey' }), ok: 200 },
  'GET /api/v1/contacts/{id}': { teammate: 'scoped', ok: 200 },
  'PATCH /api/v1/contacts/{id}': {
    teammate: 'scoped',
    body: () => ({ name: 'Casey C.', custom_attributes: { plan: 'pro' } }),
    ok: 200,
  },

  'GET /api/v1/inboxes': { teammate: 'member', ok: 200 },
  'POST /api/v1/inboxes': { teammate: 'admin', body: () => ({ type: 'api', name: 'Partners' }), ok: 201 },
  'GET /api/v1/inboxes/{id}': { teammate: 'scoped', ok: 200 },
  'PATCH /api/v1/inboxes/{id}': {
    teammate: 'admin',
    body: () => ({ name: 'Support desk', webhook_url: 'https://hooks.example.com/deskwoot' }),
    ok: 200,
  },
  'POST /api/v1/inboxes/{id}/rotate-secret': { teammate: 'admin', ok: 200 },

  'GET /api/v1/users': { teammate: 'member', ok: 200 },
  'POST /api/v1/users': {
    teammate: 'admin',
    body: (ids) => ({
      email: 'new.mate@acme.test',
      password: 'a long enough password',
      role: 'teammate',
      name: 'New Mate',
      inbox_ids: [ids.inbox],
    }),
    crossAccountBody: (ids) => ({
      email: 'intruder@globex.test',
      password: 'a long enough password',
      role: 'teammate',
      inbox_ids: [ids.inbox],
    }),
    ok: 201,
  },
  'PATCH /api/v1/users/{id}': { teammate: 'admin', body: () => ({ name: 'Renamed Mate' }), ok: 200 },

  'GET /api/v1/audit': {
    teammate: 'admin',
    query: (_ids, w) => ({ actor: w.ws.admin.id, limit: '5' }),
    ok: 200,
  },
  'GET /api/v1/audit/verify': { teammate: 'admin', ok: 200 },
  'GET /api/v1/audit/export': { teammate: 'admin', query: () => ({ format: 'csv' }), ok: 200 },

  'GET /api/v1/agents': { teammate: 'admin', query: () => ({ limit: '10' }), ok: 200 },
  'POST /api/v1/agents': {
    teammate: 'admin',
    body: (ids) => ({ name: 'Returns bot', scopes: ['conversations:read'], inbox_ids: [ids.inbox] }),
    crossAccountBody: (ids) => ({ name: 'Intruder bot', inbox_ids: [ids.inbox] }),
    ok: 201,
  },
  'POST /api/v1/agents/pause': { teammate: 'admin', ok: 200 },
  'POST /api/v1/agents/resume': { teammate: 'admin', ok: 200 },
  'GET /api/v1/agents/{id}': { teammate: 'admin', ok: 200 },
  'PATCH /api/v1/agents/{id}': { teammate: 'admin', body: () => ({ name: 'Renamed agent' }), ok: 200 },
  'POST /api/v1/agents/{id}/revoke': { teammate: 'admin', ok: 200 },

  'GET /api/v1/stores': { teammate: 'admin', ok: 200 },
  'POST /api/v1/stores': {
    teammate: 'admin',
    body: () => ({
      kind: 'stripe',
      name: 'Second sandbox',
      api_base: 'sandbox',
      secret_key: 'sk_test_route',
    }),
    ok: 201,
  },
  'DELETE /api/v1/stores/{id}': {
    teammate: 'admin',
    // Its own store: the shared one must stay connected for the order routes.
    prepare: async (w) => {
      const store = await connectSandboxStore(w.services, w.ws, 'To disconnect');
      return { visible: { store: store.id }, hidden: { store: store.id } };
    },
    ok: 200,
  },
  'GET /api/v1/contacts/{id}/orders': { teammate: 'scoped', ok: 200 },
  'GET /api/v1/orders/{id}': { teammate: 'scoped', ok: 200 },

  'GET /api/v1/approvals': { teammate: 'member', query: () => ({ status: 'pending' }), ok: 200 },
  'POST /api/v1/approvals/{id}/approve': {
    teammate: 'scoped',
    body: () => ({ content: 'We are sending a replacement today, with tracking.' }),
    prepare: freshApprovals,
    ok: 200,
  },
  'POST /api/v1/approvals/{id}/reject': {
    teammate: 'scoped',
    body: () => ({ reason: 'Wrong tone' }),
    prepare: freshApprovals,
    ok: 200,
  },
};

export function fixtureFor(op: RouteOp): RouteFixture {
  const fixture = ROUTE_FIXTURES[op.key];
  if (!fixture) {
    throw new Error(
      `${op.key} has no entry in ROUTE_FIXTURES (test/support/route-fixtures.ts): say who may call it and give a valid body`,
    );
  }
  return fixture;
}

/** `?a=1&b=2`, or nothing. */
export function queryString(query: Record<string, string> | undefined): string {
  if (!query || !Object.keys(query).length) return '';
  return `?${new URLSearchParams(query).toString()}`;
}
