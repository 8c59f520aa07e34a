import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledOnce } from '../src/db/compiled-once.js';
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

  it('refuses a query that leaves one of its arguments out of the SQL', async () => {
    const careless = compiledOnce((db, _accountId: string) => db.selectFrom('accounts').select('id'));
    await expect(careless(h.services.db.kysely, acme.accountId)).rejects.toThrow(/argument 0/);
  });
});
