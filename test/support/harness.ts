import pino from 'pino';
import { createAccount } from '../../src/accounts/create-account.js';
import type { Actor } from '../../src/core/actor.js';
import { secretBox } from '../../src/core/crypto.js';
import { perform } from '../../src/core/perform.js';
import type { Services } from '../../src/core/services.js';
import { openDb } from '../../src/db/database.js';
import { SandboxStores } from '../../src/sandbox/sandbox-stores.js';
import { migrate } from '../../src/db/migrate.js';
import { createApp, type DeskwootApp } from '../../src/http/app.js';
import { createInbox } from '../../src/inboxes/create-inbox.js';
import { createUserToken } from '../../src/auth/user-tokens.js';
import { createUser } from '../../src/users/create-user.js';
import { receive } from '../../src/channels/api/receive-incoming.js';
import { createTestDatabase, type TestDialect } from './databases.js';

export const TEST_SECRET = 'test-secret-0123456789abcdef';

export interface Harness {
  dialect: TestDialect;
  url: string;
  services: Services;
  app: DeskwootApp;
  /** Moves the clock used by the services (e.g. past a snooze). */
  setNow(date: Date | null): void;
  close(): Promise<void>;
}

export async function startHarness(dialect: TestDialect): Promise<Harness> {
  const database = await createTestDatabase(dialect);
  let now: Date | null = null;
  const db = openDb(database.url);
  const box = secretBox(TEST_SECRET);
  const sandboxes = new SandboxStores(db, box);
  const services: Services = {
    db,
    box,
    logger: pino({ level: process.env.DESKWOOT_TEST_LOG ?? 'silent' }),
    now: () => now ?? new Date(),
    onDeliveryQueued: () => undefined,
    onLeashChanged: () => undefined,
    storeFetch: (store) => sandboxes.fetchFor(store),
    sandboxes,
  };
  await migrate(services.db);
  return {
    dialect,
    url: database.url,
    services,
    app: createApp(services),
    setNow: (date) => {
      now = date;
    },
    async close() {
      await services.db.close();
      await database.drop();
    },
  };
}

export interface Workspace {
  accountId: string;
  system: Actor;
  inboxes: { id: string; secret: string }[];
  admin: { id: string; token: string };
  teammate: { id: string; token: string };
  /** One conversation per inbox, each with one incoming message. */
  conversations: { id: string; inboxId: string; contactId: string }[];
}

/**
 * An account with two API inboxes, an admin, a teammate who belongs to the first inbox only,
 * and a conversation in each inbox. Built through the same actions the doors use.
 */
export async function seedWorkspace(
  services: Services,
  name = 'Acme',
  webhookUrl: string | null = null,
): Promise<Workspace> {
  const account = await createAccount(services, { name }, 'test');
  const system: Actor = { kind: 'system', accountId: account.id, reason: 'test' };
  const inboxes = [];
  for (const inboxName of ['Support', 'Sales']) {
    const inbox = await perform(services, system, createInbox, {
      type: 'api',
      name: inboxName,
      webhook_url: webhookUrl,
    });
    inboxes.push({ id: inbox.id, secret: inbox.secret });
  }
  const slug = name.toLowerCase().replace(/\W/g, '');
  const admin = await perform(services, system, createUser, {
    email: `admin@${slug}.test`,
    password: 'correct horse battery',
    role: 'admin',
    name: `${name} Admin`,
  });
  const teammate = await perform(services, system, createUser, {
    email: `mate@${slug}.test`,
    password: 'correct horse battery',
    role: 'teammate',
    name: `${name} Mate`,
    inbox_ids: [inboxes[0]!.id],
  });
  const token = async (userId: string) =>
    (await perform(services, system, createUserToken, { user_id: userId })).token;
  const conversations = [];
  for (const inbox of inboxes) {
    const channel: Actor = { kind: 'channel', accountId: account.id, inboxId: inbox.id };
    const received = await receive(services, channel, {
      contact: { email: `customer-${inbox.id.slice(-6).toLowerCase()}@example.com`, name: 'Casey Customer' },
      content: `Hello from ${name}: my order never arrived`,
    });
    conversations.push({ id: received.conversation_id, inboxId: inbox.id, contactId: received.contact_id });
  }
  return {
    accountId: account.id,
    system,
    inboxes,
    admin: { id: admin.id, token: await token(admin.id) },
    teammate: { id: teammate.id, token: await token(teammate.id) },
    conversations,
  };
}

/** A JSON request against the in-process app, as the holder of `token` (or nobody). */
export async function call(
  app: DeskwootApp,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await app.request(path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body: parsed, headers: response.headers };
}
