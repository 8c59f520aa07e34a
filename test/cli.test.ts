import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretBox } from '../src/core/crypto.js';
import { type Db, openDb } from '../src/db/database.js';
import { createApp } from '../src/http/app.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from './support/databases.js';
import { call, TEST_SECRET } from './support/harness.js';
import { connectAgent } from './support/mcp.js';
import { stripeFixture } from './support/vendor-fixtures.js';

const BIN = fileURLToPath(new URL('../bin/deskwoot.js', import.meta.url));
const BUILT = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The child's environment: ours without any Deskwoot settings, plus the test secret. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DESKWOOT_')));
  return { ...env, DESKWOOT_SECRET: TEST_SECRET, DESKWOOT_LOG_LEVEL: 'warn', ...extra };
}

function spawnDeskwoot(args: string[], env?: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { env: childEnv(env) });
}

async function deskwoot(args: string[], env?: Record<string, string>): Promise<Run> {
  const child = spawnDeskwoot(args, env);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

/** The one JSON document a successful `--json` command prints. */
function output<T>(run: Run): T {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as T;
}

function lines(text: string): string[] {
  return text.split('\n').filter(Boolean);
}

async function count(db: Db, table: string, where = sql`1 = 1`): Promise<number> {
  const { rows } = await sql<{
    n: number | string;
  }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(db.kysely);
  return Number(rows[0]?.n ?? 0);
}

/** Rows of every table a refused command could have touched. */
async function snapshot(db: Db): Promise<Record<string, number>> {
  const tables = ['accounts', 'users', 'inboxes', 'user_tokens', 'audit_events'];
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await count(db, t)] as const)));
}

interface Served {
  json: Record<string, unknown>;
  stop(): Promise<number | null>;
}

/** Runs `start --json`, waits for its one JSON document, and stops it with SIGTERM. */
async function serve(args: string[]): Promise<Served> {
  const child = spawnDeskwoot(['start', '--port', '0', '--json', ...args]);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = once(child, 'close');
  const json = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      try {
        resolve(JSON.parse(stdout) as Record<string, unknown>);
      } catch {
        // not complete yet
      }
    });
    void closed.then(() => reject(new Error(`start exited early: ${stderr}`)));
  });
  return {
    json,
    async stop() {
      child.kill('SIGTERM');
      const [code] = (await closed) as [number | null];
      return code;
    },
  };
}

beforeAll(() => {
  if (!existsSync(BUILT)) throw new Error('The CLI is not built: run `npm run build` (npm test does).');
});

it('explains every command with --help', async () => {
  const run = await deskwoot(['users', 'create', '--help']);
  expect(run.code).toBe(0);
  for (const flag of [
    '--email',
    '--password',
    '--role',
    '--inboxes',
    '--account',
    '--json',
    '--database-url',
  ]) {
    expect(run.stdout).toContain(flag);
  }
});

// The two databases run side by side; within each, the steps share one database and run in order.
describe.concurrent.each(DIALECTS)('the command line on %s', (dialect) => {
  describe.sequential('in a new installation', () => {
    let database: TestDatabase;
    let db: Db;
    const cli = (...args: string[]) => deskwoot([...args, '--database-url', database.url]);
    let accountId = '';
    let inboxId = '';

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      db = openDb(database.url);
    });
    afterAll(async () => {
      await db?.close();
      await database?.drop();
    });

    it('creates the first account along with the first user, reading the database from the environment', async () => {
      const run = await deskwoot(
        [
          'users',
          'create',
          '--email',
          'Ada@Acme.test',
          '--password',
          'correct horse',
          '--role',
          'admin',
          '--json',
        ],
        { DESKWOOT_DATABASE_URL: database.url },
      );
      const user = output<{ id: string; account_id: string; email: string }>(run);
      expect(user).toMatchObject({ id: expect.stringMatching(/^usr_/), email: 'ada@acme.test' });
      const accounts = await db.kysely.selectFrom('accounts').select(['id', 'name']).execute();
      expect(accounts).toEqual([{ id: user.account_id, name: 'acme.test' }]);
      accountId = user.account_id;
    });

    it('refuses bad input with a message naming each bad flag, and changes nothing', async () => {
      const before = await snapshot(db);
      const bad = await cli(
        'users',
        'create',
        '--email',
        'nope',
        '--password',
        'short',
        '--role',
        'boss',
        '--json',
      );
      expect(bad.code).not.toBe(0);
      expect(lines(bad.stderr)).toHaveLength(1);
      expect(bad.stderr).toMatch(/--email.*--password.*--role/);
      expect(JSON.parse(bad.stdout)).toMatchObject({ error: { code: 'bad_request' } });

      const type = await cli('inboxes', 'create', '--type', 'fax', '--name', 'Fax');
      expect(type.code).not.toBe(0);
      expect(type.stderr).toContain('--type');
      const url = await cli(
        'inboxes',
        'create',
        '--type',
        'api',
        '--name',
        'Hooks',
        '--webhook-url',
        'ftp://x',
      );
      expect(url.stderr).toContain('--webhook-url');
      const missing = await cli('inboxes', 'create', '--type', 'api');
      expect(missing.code).not.toBe(0);
      expect(missing.stderr).toContain('--name');
      const since = await cli('audit', 'export', '--since', 'last tuesday');
      expect(since.code).not.toBe(0);
      expect(since.stderr).toContain('--since');
      expect(await snapshot(db)).toEqual(before);
    });

    it('creates an inbox and shows its secret only at creation', async () => {
      const run = await cli('inboxes', 'create', '--type', 'api', '--name', 'Support', '--json');
      const inbox = output<{ id: string; type: string; secret: string }>(run);
      expect(inbox).toMatchObject({ id: expect.stringMatching(/^inbox_/), type: 'api' });
      expect(inbox.secret).toMatch(/^dwi_/);
      inboxId = inbox.id;
      const exported = await cli('audit', 'export');
      expect(exported.stdout).toContain(inbox.id);
      expect(exported.stdout).not.toContain(inbox.secret);
    });

    it('creates a teammate in the inboxes given', async () => {
      const run = await cli(
        ...[
          'users',
          'create',
          '--email',
          'sam@acme.test',
          '--password',
          'correct horse',
          '--role',
          'teammate',
        ],
        ...['--name', 'Sam', '--inboxes', inboxId, '--json'],
      );
      const user = output<{ id: string; role: string }>(run);
      expect(user.role).toBe('teammate');
      const members = await db.kysely
        .selectFrom('inbox_members')
        .select('inbox_id')
        .where('user_id', '=', user.id)
        .execute();
      expect(members).toEqual([{ inbox_id: inboxId }]);
    });

    it('creates a personal API token that signs in to the REST API', async () => {
      const { token } = output<{ token: string }>(
        await cli('users', 'token', '--email', 'sam@acme.test', '--json'),
      );
      expect(token).toMatch(/^dwu_/);
      const services = {
        db,
        box: secretBox(TEST_SECRET),
        logger: pino({ level: 'silent' }),
        now: () => new Date(),
        onDeliveryQueued: () => undefined,
      };
      const me = await call(createApp(services), 'GET', '/api/v1/me', { token });
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ user: { email: 'sam@acme.test' } });
      const unknown = await cli('users', 'token', '--email', 'nobody@acme.test');
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('nobody@acme.test');
    });

    it('connects a store after checking its credentials with the store, and never shows them', async () => {
      const stripe = await stripeFixture();
      try {
        const base = stripe.apiBase;
        const refused = await cli(
          'stores',
          'add',
          'stripe',
          '--secret-key',
          'sk_test_wrong',
          '--api-base',
          base,
        );
        expect(refused.code).not.toBe(0);
        expect(refused.stderr).toMatch(/Could not connect the store/);
        const missing = await cli('stores', 'add', 'shopify', '--shop', 'acme.myshopify.com');
        expect(missing.code).not.toBe(0);
        expect(missing.stderr).toContain('--access-token');
        const added = output<{ id: string; kind: string }>(
          await cli(
            'stores',
            'add',
            'stripe',
            '--secret-key',
            stripe.secretKey,
            '--api-base',
            base,
            '--name',
            'Shop',
            '--json',
          ),
        );
        expect(added).toMatchObject({ id: expect.stringMatching(/^store_/), kind: 'stripe' });
        const listed = await cli('stores', 'list', '--json');
        expect(output(listed)).toEqual({
          stores: [
            expect.objectContaining({ id: added.id, name: 'Shop', status: 'connected', api_base: base }),
          ],
        });
        const everything = `${listed.stdout}${(await cli('audit', 'export')).stdout}`;
        expect(everything).not.toContain(stripe.secretKey);
      } finally {
        await stripe.close();
      }
    });

    it('asks which account to use once there are two, and takes --account', async () => {
      const other = output<{ id: string }>(await cli('accounts', 'create', '--name', 'Globex', '--json'));
      const before = await snapshot(db);
      const ambiguous = await cli('inboxes', 'create', '--type', 'email', '--name', 'Mail');
      expect(ambiguous.code).not.toBe(0);
      expect(ambiguous.stderr).toContain('--account');
      const unknown = await cli(
        'inboxes',
        'create',
        '--type',
        'email',
        '--name',
        'Mail',
        '--account',
        'acct_nope',
      );
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toContain('acct_nope');
      expect(await snapshot(db)).toEqual(before);
      const run = await cli(
        'inboxes',
        'create',
        '--type',
        'email',
        '--name',
        'Mail',
        '--account',
        other.id,
        '--json',
      );
      const inbox = output<{ id: string }>(run);
      const row = await db.kysely
        .selectFrom('inboxes')
        .select('account_id')
        .where('id', '=', inbox.id)
        .executeTakeFirst();
      expect(row?.account_id).toBe(other.id);
    });

    it('creates, lists, pauses and revokes an AI agent, showing its token and MCP configs once', async () => {
      const bad = await cli(
        'agents',
        'create',
        '--name',
        'Bot',
        '--scopes',
        'refunds:write',
        '--account',
        accountId,
      );
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('limits');
      const created = output<{ id: string; token: string; claude_code: string; mcp_config: object }>(
        await cli(
          'agents',
          'create',
          '--name',
          'Bot',
          '--scopes',
          'conversations:read,notes:write',
          '--account',
          accountId,
          '--json',
        ),
      );
      expect(created.token).toMatch(/^dwt_/);
      expect(created.claude_code).toContain(`Authorization: Bearer ${created.token}`);
      const listed = await cli('agents', 'list', '--account', accountId, '--json');
      expect(listed.stdout).not.toContain(created.token);
      expect(output<{ agents: { id: string; mode: string }[] }>(listed).agents).toEqual([
        expect.objectContaining({ id: created.id, mode: 'supervised' }),
      ]);
      expect(
        output<{ agents_paused: boolean }>(
          await cli('agents', 'pause-all', '--account', accountId, '--json'),
        ),
      ).toEqual({ agents_paused: true });
      expect(
        output<{ agents_paused: boolean }>(
          await cli('agents', 'resume-all', '--account', accountId, '--json'),
        ),
      ).toEqual({ agents_paused: false });
      expect(
        output<{ status: string }>(
          await cli('agents', 'revoke', created.id, '--account', accountId, '--json'),
        ),
      ).toEqual({ id: created.id, status: 'revoked' });
      const unknown = await cli('agents', 'revoke', 'agt_nope', '--account', accountId);
      expect(unknown.code).not.toBe(0);
      expect(unknown.stderr).toMatch(/not found/i);
    });

    it('exports the audit log as JSONL and CSV with one line per event', async () => {
      const events = await count(db, 'audit_events', sql`account_id = ${accountId}`);
      const jsonl = await cli('audit', 'export', '--account', accountId);
      expect(jsonl.code).toBe(0);
      expect(lines(jsonl.stdout)).toHaveLength(events);
      expect(JSON.parse(lines(jsonl.stdout)[0] ?? '')).toMatchObject({ seq: 1, action: 'account.create' });
      const csv = await cli('audit', 'export', '--account', accountId, '--format', 'csv');
      expect(lines(csv.stdout)).toHaveLength(events + 1);
      expect(lines(csv.stdout)[0]).toMatch(/^seq,id,created_at,/);
      const json = output<{ events: unknown[] }>(
        await cli('audit', 'export', '--account', accountId, '--json'),
      );
      expect(json.events).toHaveLength(events);
      const later = await cli('audit', 'export', '--account', accountId, '--since', '2999-01-01T00:00:00Z');
      expect(later.stdout).toBe('');
    });

    it('verifies every audit chain, and exits non-zero when one has been tampered with', async () => {
      const intact = output<{ ok: boolean; accounts: { ok: boolean }[] }>(
        await cli('audit', 'verify', '--json'),
      );
      expect(intact.ok).toBe(true);
      expect(intact.accounts).toHaveLength(2);
      // Events themselves are append-only in the database, so the forgery here is to the chain's head.
      const head = sql`account_id = ${accountId}`;
      const { rows } = await sql<{
        last_hash: string;
      }>`select last_hash from audit_heads where ${head}`.execute(db.kysely);
      await sql`update audit_heads set last_hash = ${'0'.repeat(64)} where ${head}`.execute(db.kysely);
      try {
        const broken = await cli('audit', 'verify');
        expect(broken.code).toBe(1);
        expect(broken.stdout).toMatch(/BROKEN\s+acct_\w+: head_mismatch/);
      } finally {
        await sql`update audit_heads set last_hash = ${rows[0]?.last_hash} where ${head}`.execute(db.kysely);
      }
    });

    it('serves /healthz on the port it was given, 0 meaning any free one, and stops on SIGTERM', async () => {
      const server = await serve(['--database-url', database.url]);
      try {
        expect(server.json.url).toMatch(/^http:\/\/127\.0\.0\.1:(?!0\b)\d+$/);
        const health = await fetch(`${String(server.json.url)}/healthz`);
        expect(health.status).toBe(200);
        expect(await health.json()).toEqual({ ok: true });
      } finally {
        expect(await server.stop()).toBe(0);
      }
    });

    it('exits with a clear error, rather than hanging, when the port is taken', async () => {
      const taken = createServer().listen(0, '127.0.0.1');
      await once(taken, 'listening');
      try {
        const { port } = taken.address() as AddressInfo;
        const run = await cli('start', '--port', String(port));
        expect(run.code).toBe(1);
        expect(run.stderr).toContain('EADDRINUSE');
      } finally {
        taken.close();
      }
    });
  });

  describe.sequential('with the demo workspace', () => {
    let demoDatabase: TestDatabase;
    let demoDb: Db;
    const demo = (...args: string[]) => deskwoot([...args, '--database-url', demoDatabase.url]);

    beforeAll(async () => {
      demoDatabase = await createTestDatabase(dialect);
      demoDb = openDb(demoDatabase.url);
    });
    afterAll(async () => {
      await demoDb?.close();
      await demoDatabase?.drop();
    });

    it('builds a lived-in workspace in an empty database and prints the admin login', async () => {
      const result = output<Record<string, unknown>>(await demo('demo', '--json'));
      expect(result).toEqual({
        url: 'http://127.0.0.1:3000',
        admin: { email: 'admin@demo.test', password: expect.stringMatching(/^\S{12,}$/) },
        agent: { id: expect.stringMatching(/^agt_/), token: expect.stringMatching(/^dwt_/) },
        mcp_config: {
          mcpServers: {
            deskwoot: {
              url: 'http://127.0.0.1:3000/mcp',
              headers: { Authorization: `Bearer ${(result.agent as { token: string }).token}` },
            },
          },
        },
      });
      expect(await count(demoDb, 'contacts')).toBeGreaterThanOrEqual(18);
      expect(await count(demoDb, 'contacts')).toBeLessThanOrEqual(25);
      expect(await count(demoDb, 'conversations')).toBeGreaterThanOrEqual(45);
      expect(await count(demoDb, 'conversations')).toBeLessThanOrEqual(55);
      const statuses = await demoDb.kysely.selectFrom('conversations').select('status').distinct().execute();
      expect(statuses.map((s) => s.status).sort()).toEqual(['open', 'pending', 'resolved', 'snoozed']);
      const types = await demoDb.kysely.selectFrom('inboxes').select('type').orderBy('type').execute();
      expect(types.map((t) => t.type)).toEqual(['api', 'email', 'web_chat']);
      expect(await count(demoDb, 'messages', sql`type = 'note'`)).toBeGreaterThan(0);
      expect(await count(demoDb, 'messages', sql`type = 'outgoing'`)).toBeGreaterThan(0);
      expect(await count(demoDb, 'conversation_labels')).toBeGreaterThan(0);
      expect(await count(demoDb, 'conversations', sql`assignee_user_id is not null`)).toBeGreaterThan(0);
      expect(await count(demoDb, 'conversations', sql`priority <> 'none'`)).toBeGreaterThan(0);
    });

    it('refuses to build the demo in a database that is not empty', async () => {
      const before = await snapshot(demoDb);
      const again = await demo('demo');
      expect(again.code).not.toBe(0);
      expect(again.stderr).toContain('empty database');
      expect(await snapshot(demoDb)).toEqual(before);
    });

    it("verifies the demo's audit chain and exports one line per event", async () => {
      const verify = await demo('audit', 'verify');
      expect(verify.code).toBe(0);
      expect(verify.stdout).toMatch(/chain intact/);
      const events = await count(demoDb, 'audit_events');
      expect(events).toBeGreaterThan(100);
      expect(lines((await demo('audit', 'export')).stdout)).toHaveLength(events);
      expect(lines((await demo('audit', 'export', '--format', 'csv')).stdout)).toHaveLength(events + 1);
    });

    it('starts with --demo over an existing demo without creating another', async () => {
      const before = await snapshot(demoDb);
      const server = await serve(['--demo', '--database-url', demoDatabase.url]);
      try {
        expect(server.json).toMatchObject({ demo: 'exists', admin: null, agent: null, mcp_config: null });
      } finally {
        expect(await server.stop()).toBe(0);
      }
      expect(await snapshot(demoDb)).toEqual(before);
    });

    it('starts with --demo on an empty database, and the printed admin can sign in', async () => {
      const fresh = await createTestDatabase(dialect);
      try {
        const server = await serve(['--demo', '--database-url', fresh.url]);
        try {
          const { url, admin, demo, agent } = server.json as {
            url: string;
            admin: object;
            demo: string;
            agent: { token: string };
          };
          expect(demo).toBe('created');
          const client = await connectAgent(url, agent.token);
          const listed = await client.callTool({ name: 'list_conversations', arguments: { limit: 5 } });
          expect((listed.structuredContent as { conversations: unknown[] }).conversations).toHaveLength(5);
          // The demo's sandbox store answers with the customer's orders; a refund waits for a person.
          const { contacts } = (
            await client.callTool({ name: 'search_contacts', arguments: { query: 'maya' } })
          ).structuredContent as { contacts: { id: string }[] };
          const orders = (
            await client.callTool({ name: 'list_orders', arguments: { contact_id: contacts[0]!.id } })
          ).structuredContent as { orders: { id: string; refundable_amount: number; currency: string }[] };
          expect(orders.orders.length).toBeGreaterThan(0);
          const order = orders.orders.find((o) => o.refundable_amount > 0 && o.currency === 'USD')!;
          const proposed = await client.callTool({
            name: 'refund_order',
            arguments: { order_id: order.id, amount: 500, reason: 'Scratched on arrival' },
          });
          expect(proposed.structuredContent).toMatchObject({ status: 'pending_approval' });
          await client.close();
          const login = await fetch(`${url}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(admin),
          });
          expect(login.status).toBe(200);
          expect(await login.json()).toMatchObject({ account: { name: 'Demo Co' } });
        } finally {
          expect(await server.stop()).toBe(0);
        }
      } finally {
        await fresh.drop();
      }
    });
  });
});
