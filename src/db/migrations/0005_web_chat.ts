import { randomBytes } from 'node:crypto';
import { type Kysely, PostgresAdapter, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** The website live chat: each web_chat inbox's settings, and the visitors of its widget. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const text = 'text' as const;

  await db.schema
    .createTable('web_chat_settings')
    .addColumn('inbox_id', text, (c) => c.primaryKey().references('inboxes.id'))
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id'))
    .addColumn('public_key', text, (c) => c.notNull().unique())
    .addColumn('allowed_origins', text, (c) => c.notNull().defaultTo('[]'))
    .addColumn('require_email', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('identity', text, (c) =>
      c
        .notNull()
        .defaultTo('optional')
        .check(sql`identity in ('optional', 'required')`),
    )
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('web_chat_visitors')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id'))
    .addColumn('inbox_id', text, (c) => c.notNull().references('inboxes.id'))
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('contact_id', text, (c) => c.notNull().references('contacts.id'))
    .addColumn('conversation_id', text, (c) => c.references('conversations.id'))
    .addColumn('user_id', text)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('web_chat_visitors_conversation')
    .on('web_chat_visitors')
    .columns(['conversation_id'])
    .execute();

  // Web chat inboxes made before this migration get settings too: no origin is allowed until an
  // admin lists one, so nothing changes for them until then.
  const inboxes = await db
    .selectFrom('inboxes')
    .select(['id', 'account_id'])
    .where('type', '=', 'web_chat')
    .execute();
  const now = new Date().toISOString();
  for (const inbox of inboxes) {
    await db
      .insertInto('web_chat_settings')
      .values({
        inbox_id: inbox.id,
        account_id: inbox.account_id,
        public_key: `dwc_${randomBytes(18).toString('base64url')}`,
        allowed_origins: '[]',
        require_email: 0,
        identity: 'optional',
        updated_at: now,
      })
      .execute();
  }
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('web_chat_visitors').execute();
  await db.schema.dropTable('web_chat_settings').execute();
}
