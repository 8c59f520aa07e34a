import { type Kysely, PostgresAdapter, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** AI agents, their bot tokens, and the approvals their proposals wait in. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const text = 'text' as const;

  await db.schema
    .createTable('agents')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id'))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('scopes', text, (c) => c.notNull())
    .addColumn('inbox_ids', text)
    .addColumn('mode', text, (c) => c.notNull().check(sql`mode in ('supervised', 'autonomous')`))
    .addColumn('limits', text, (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', text, (c) => c.notNull().check(sql`status in ('active', 'revoked')`))
    .addColumn('created_by', text)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .addColumn('last_active_at', ts)
    .execute();
  await db.schema.createIndex('agents_account').on('agents').columns(['account_id', 'id']).execute();

  await db.schema
    .createTable('agent_tokens')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('agent_id', text, (c) => c.notNull().references('agents.id'))
    .addColumn('account_id', text, (c) => c.notNull())
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .execute();
  await db.schema.createIndex('agent_tokens_agent').on('agent_tokens').column('agent_id').execute();

  await db.schema
    .createTable('approvals')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id'))
    .addColumn('agent_id', text, (c) => c.notNull().references('agents.id'))
    .addColumn('token_id', text, (c) => c.notNull())
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('input', text, (c) => c.notNull())
    .addColumn('inbox_id', text)
    .addColumn('conversation_id', text)
    .addColumn('reason', text, (c) => c.notNull())
    .addColumn('status', text, (c) =>
      c.notNull().check(sql`status in ('pending', 'approved', 'rejected', 'cancelled', 'failed')`),
    )
    .addColumn('decided_by', text)
    .addColumn('decided_at', ts)
    .addColumn('decision_note', text)
    .addColumn('edited_input', text)
    .addColumn('result', text)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('approvals_queue')
    .on('approvals')
    .columns(['account_id', 'status', 'id'])
    .execute();
  await db.schema.createIndex('approvals_agent').on('approvals').columns(['agent_id', 'status']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('approvals').execute();
  await db.schema.dropTable('agent_tokens').execute();
  await db.schema.dropTable('agents').execute();
}
