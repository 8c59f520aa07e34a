import { type Kysely, PostgresAdapter, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** Connected stores, the money ledger that bounds agents' refunds and cancellations, and what approvals show. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const text = 'text' as const;

  await db.schema
    .createTable('stores')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id'))
    .addColumn('kind', text, (c) => c.notNull().check(sql`kind in ('stripe', 'shopify', 'woocommerce')`))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('api_base', text)
    .addColumn('credentials_sealed', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull().check(sql`status in ('connected', 'disconnected')`))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stores_account').on('stores').columns(['account_id', 'id']).execute();

  // One row per money action, written (reserved) before the store is called and settled after:
  // what counts toward an agent's limits, and what is reconciled after a crash.
  await db.schema
    .createTable('money_actions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id'))
    .addColumn('store_id', text, (c) => c.notNull().references('stores.id'))
    .addColumn('kind', text, (c) =>
      c.notNull().check(sql`kind in ('refund', 'cancel_order', 'cancel_subscription')`),
    )
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('target_id', text, (c) => c.notNull())
    .addColumn('contact_id', text)
    .addColumn('currency', text, (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('status', text, (c) =>
      c.notNull().check(sql`status in ('reserved', 'pending', 'succeeded', 'failed', 'unknown')`),
    )
    .addColumn('actor_kind', text, (c) => c.notNull())
    .addColumn('actor_id', text)
    .addColumn('token_id', text)
    .addColumn('agent_id', text)
    .addColumn('approval_id', text)
    .addColumn('approved_by', text)
    .addColumn('client_key', text)
    .addColumn('input', text, (c) => c.notNull())
    .addColumn('vendor_ref', text)
    .addColumn('error', text)
    .addColumn('result', text)
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_check_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('settled_at', ts)
    .execute();
  // What each agent put at stake, per currency, in five-minute buckets: its rolling 24 h sum reads
  // at most 289 rows however busy it is. Kept with the ledger in the same transactions.
  await db.schema
    .createTable('money_usage')
    .addColumn('account_id', text, (c) => c.notNull())
    .addColumn('agent_id', text, (c) => c.notNull())
    .addColumn('currency', text, (c) => c.notNull())
    .addColumn('bucket', ts, (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('money_usage_key', ['account_id', 'agent_id', 'currency', 'bucket'])
    .execute();
  await db.schema
    .createIndex('money_actions_contact_window')
    .on('money_actions')
    .columns(['account_id', 'contact_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('money_actions_target')
    .on('money_actions')
    .columns(['account_id', 'target_id', 'kind', 'status', 'amount'])
    .execute();
  await db.schema
    .createIndex('money_actions_unsettled')
    .on('money_actions')
    .columns(['status', 'next_check_at'])
    .execute();
  await db.schema
    .createIndex('money_actions_client_key')
    .on('money_actions')
    .columns(['account_id', 'agent_id', 'client_key'])
    .unique()
    .execute();

  // Taken (bumped) first by every money reservation of an account, so concurrent ones queue and
  // limits are checked against every earlier reservation.
  await db.schema
    .createTable('money_locks')
    .addColumn('account_id', text, (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('approvals').addColumn('details', text).execute();

  // The demo's sandbox stores keep their state here, so refunds made in the demo survive restarts.
  await db.schema
    .createTable('sandbox_states')
    .addColumn('store_id', text, (c) => c.primaryKey())
    .addColumn('state', text, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('money_usage').execute();
  await db.schema.dropTable('sandbox_states').execute();
  await db.schema.alterTable('approvals').dropColumn('details').execute();
  await db.schema.dropTable('money_locks').execute();
  await db.schema.dropTable('money_actions').execute();
  await db.schema.dropTable('stores').execute();
}
