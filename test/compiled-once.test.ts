import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledOnce } from '../src/db/compiled-once.js';
import { openDb } from '../src/db/database.js';
import { findVisibleConversation } from '../src/conversations/conversations.repository.js';
import { DIALECTS } from './support/databases.js';
import { type Harness, seedWorkspace, startHarness, type Workspace } from './support/harness.js';

describe.each(DIALECTS)('a query compiled once, on %s', (dialect) => {
  let h: Harness;
  let acme: Workspace;
  let globex: Workspace;

  beforeAll(async () => {
    h = await startHarness(dialect);
    acme = await seedWorkspace(h.services, 'Acme');
    globex = await seedWorkspace(h.services, 'Globex');
  });
  afterAll(async () => {
    await h?.close();
  });

  // A constant of the query ('open') sits between the two arguments, so their places are tested.
  const openConversations = compiledOnce((db, accountId: string, limit: number) =>
    db
      .selectFrom('conversations')
      .select(['id', 'account_id'])
      .where('account_id', '=', accountId)
      .where('status', '=', 'open')
      .orderBy('id')
      .limit(limit),
  );
  const plain = (accountId: string, limit: number) =>
    h.services.db.kysely
      .selectFrom('conversations')
      .select(['id', 'account_id'])
      .where('account_id', '=', accountId)
      .where('status', '=', 'open')
      .orderBy('id')
      .limit(limit)
      .execute();

  it('binds each call’s own arguments, in and out of transactions, as the built query would', async () => {
    const db = h.services.db.kysely;
    const inTransaction = await db.transaction().execute((trx) => openConversations(trx, acme.accountId, 2));
    expect(inTransaction).toEqual(await plain(acme.accountId, 2));
    expect(inTransaction).toHaveLength(2);
    for (const [accountId, limit] of [
      [acme.accountId, 1],
      [globex.accountId, 5],
      ['acct_unknown', 5],
    ] as const)
      expect(await openConversations(db, accountId, limit)).toEqual(await plain(accountId, limit));
    expect(
      (await openConversations(db, globex.accountId, 5)).every((r) => r.account_id === globex.accountId),
    ).toBe(true);
  });

  // SQLite keeps every statement prepared already (openDb's statement cache).
  if (dialect === 'postgres')
    it('is a named prepared statement on PostgreSQL, parsed once per connection; other queries are not kept', async () => {
      // One connection, so the statements it holds are the ones listed.
      const db = openDb(h.url, { poolSize: 1 });
      try {
        const held = async () =>
          (
            await sql<{
              name: string;
              statement: string;
              runs: number;
            }>`select name, statement, generic_plans + custom_plans as runs from pg_prepared_statements`.execute(
              db.kysely,
            )
          ).rows;
        for (const limit of [1, 2, 3, 4, 5, 6, 7])
          expect(await openConversations(db.kysely, acme.accountId, limit)).toEqual(
            await plain(acme.accountId, limit),
          );
        await plain(globex.accountId, 3);
        await db.kysely.selectFrom('accounts').select('id').where('id', '=', acme.accountId).execute();
        const statements = await held();
        expect(statements).toHaveLength(1);
        expect(statements[0]!.name).toMatch(/^deskwoot_\d+$/);
        expect(statements[0]!.statement).toContain('"status" = $2');
        // Parsed once, run seven times.
        expect(Number(statements[0]!.runs)).toBe(7);
        // Still bound anew on each call, in a transaction too.
        const inTransaction = await db.kysely
          .transaction()
          .execute((trx) => openConversations(trx, globex.accountId, 5));
        expect(inTransaction).toEqual(await plain(globex.accountId, 5));
        expect((await held()).map((s) => Number(s.runs))).toEqual([8]);
      } finally {
        await db.close();
      }
    });

  // SQLite has no named statements to lose.
  if (dialect === 'postgres')
    it('parses a statement its connection lost again: at once outside a transaction, on the next call inside one', async () => {
      const db = openDb(h.url, { poolSize: 1 });
      try {
        const names = async () =>
          (await sql<{ name: string }>`select name from pg_prepared_statements`.execute(db.kysely)).rows.map(
            (r) => r.name,
          );
        expect(await openConversations(db.kysely, acme.accountId, 2)).toEqual(await plain(acme.accountId, 2));
        const [first] = await names();
        await sql`deallocate all`.execute(db.kysely);
        expect(await openConversations(db.kysely, acme.accountId, 3)).toEqual(await plain(acme.accountId, 3));
        expect(await names()).toEqual([`${first}_1`]);

        await sql`deallocate all`.execute(db.kysely);
        await expect(
          db.kysely.transaction().execute((trx) => openConversations(trx, globex.accountId, 5)),
        ).rejects.toThrow(/does not exist/);
        expect(
          await db.kysely.transaction().execute((trx) => openConversations(trx, globex.accountId, 5)),
        ).toEqual(await plain(globex.accountId, 5));
        expect(await names()).toEqual([`${first}_2`]);
      } finally {
        await db.close();
      }
    });

  it('refuses a query that leaves one of its arguments out of the SQL', async () => {
    const careless = compiledOnce((db, _accountId: string) => db.selectFrom('accounts').select('id'));
    await expect(careless(h.services.db.kysely, acme.accountId)).rejects.toThrow(/argument 0/);
  });

  it('refuses a query that selects * rather than naming its columns', async () => {
    const whole = compiledOnce((db, accountId: string) =>
      db.selectFrom('accounts').selectAll().where('id', '=', accountId),
    );
    const joined = compiledOnce((db, accountId: string) =>
      db
        .selectFrom('agents')
        .innerJoin('accounts', 'accounts.id', 'agents.account_id')
        .selectAll('agents')
        .where('accounts.id', '=', accountId),
    );
    const returned = compiledOnce((db, accountId: string) =>
      db.updateTable('accounts').set({ name: 'Never' }).where('id', '=', accountId).returningAll(),
    );
    for (const query of [whole, joined, returned])
      await expect(query(h.services.db.kysely, acme.accountId)).rejects.toThrow(/name the columns/);
  });

  it('keeps answering, on a running connection, after a migration adds a column to its table', async () => {
    const db = openDb(h.url, { poolSize: 1 });
    const actor = { kind: 'system', accountId: acme.accountId, reason: 'test' } as const;
    const [id] = (await plain(acme.accountId, 1)).map((r) => r.id);
    try {
      const before = await findVisibleConversation(db.kysely, actor, id!);
      await sql`alter table conversations add column added_later text`.execute(h.services.db.kysely);
      expect(await findVisibleConversation(db.kysely, actor, id!)).toEqual(before);
    } finally {
      await sql`alter table conversations drop column added_later`.execute(h.services.db.kysely);
      await db.close();
    }
  });
});
