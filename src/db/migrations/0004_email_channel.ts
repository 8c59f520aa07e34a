import { type Kysely, PostgresAdapter, sql } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** The email channel: each email inbox's address and SMTP server, threading facts, attachments. */
export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const bytes = pg ? sql`bytea` : sql`blob`;
  const text = 'text' as const;

  // One row per email inbox. The address routes mail from the built-in SMTP receiver to its inbox,
  // so it is unique across accounts. The SMTP password is sealed with DESKWOOT_SECRET.
  await db.schema
    .createTable('email_settings')
    .addColumn('inbox_id', text, (c) => c.primaryKey().references('inboxes.id'))
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id'))
    .addColumn('address', text, (c) => c.notNull().unique())
    .addColumn('smtp_host', text, (c) => c.notNull())
    .addColumn('smtp_port', 'integer', (c) => c.notNull())
    .addColumn('smtp_security', text, (c) =>
      c.notNull().check(sql`smtp_security in ('tls', 'starttls', 'none')`),
    )
    .addColumn('smtp_user', text)
    .addColumn('smtp_password_sealed', text)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();

  // A conversation of an email inbox: the token in its Reply-To address and the subject its mails carry.
  await db.schema
    .createTable('email_threads')
    .addColumn('conversation_id', text, (c) => c.primaryKey().references('conversations.id'))
    .addColumn('account_id', text, (c) => c.notNull())
    .addColumn('inbox_id', text, (c) => c.notNull())
    .addColumn('reply_token', text, (c) => c.notNull().unique())
    .addColumn('subject', text, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  // The RFC 5322 identity of each emailed message, in and out: what replies thread on.
  await db.schema
    .createTable('email_messages')
    .addColumn('message_id', text, (c) => c.primaryKey().references('messages.id'))
    .addColumn('account_id', text, (c) => c.notNull())
    .addColumn('inbox_id', text, (c) => c.notNull())
    .addColumn('conversation_id', text, (c) => c.notNull())
    .addColumn('rfc_message_id', text, (c) => c.notNull())
    .addColumn('in_reply_to', text)
    .addColumn('references', text, (c) => c.notNull())
    .addColumn('subject', text, (c) => c.notNull())
    .addColumn('full_text', text)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  // Unique per inbox: one mail sent to two inboxes of an account is a message in each.
  await db.schema
    .createIndex('email_messages_rfc_id')
    .on('email_messages')
    .columns(['inbox_id', 'rfc_message_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('email_messages_account_rfc_id')
    .on('email_messages')
    .columns(['account_id', 'rfc_message_id'])
    .execute();
  await db.schema
    .createIndex('email_messages_conversation')
    .on('email_messages')
    .columns(['conversation_id', 'message_id'])
    .execute();

  await db.schema
    .createTable('attachments')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull())
    .addColumn('inbox_id', text, (c) => c.notNull())
    .addColumn('conversation_id', text, (c) => c.notNull())
    .addColumn('message_id', text, (c) => c.notNull().references('messages.id'))
    .addColumn('filename', text, (c) => c.notNull())
    .addColumn('content_type', text, (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', bytes, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attachments_message')
    .on('attachments')
    .columns(['message_id', 'id'])
    .execute();

  // Why an outgoing message finally failed (an SMTP refusal, a bounce), shown with its status.
  await db.schema.alterTable('messages').addColumn('delivery_error', text).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('delivery_error').execute();
  await db.schema.dropTable('attachments').execute();
  await db.schema.dropTable('email_messages').execute();
  await db.schema.dropTable('email_threads').execute();
  await db.schema.dropTable('email_settings').execute();
}
