import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Migrations work on the untyped schema on purpose: they describe how it came to be, not what it is now.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const text = 'text' as const;

  await db.schema
    .createTable('accounts')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('agents_paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id'))
    .addColumn('email', text, (c) => c.notNull().unique())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('role', text, (c) => c.notNull().check(sql`role in ('admin', 'teammate')`))
    .addColumn('password_hash', text, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_account').on('users').columns(['account_id', 'email']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('account_id', text, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_tokens')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('token_hash', text, (c) => c.notNull().unique())
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('account_id', text, (c) => c.notNull())
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('revoked_at', ts)
    .execute();

  await db.schema
    .createTable('inboxes')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id'))
    .addColumn('type', text, (c) => c.notNull().check(sql`type in ('api', 'email', 'web_chat')`))
    .addColumn('name', text, (c) => c.notNull())
    .addColumn('webhook_url', text)
    .addColumn('secret_hash', text, (c) => c.notNull())
    .addColumn('secret_sealed', text, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('inboxes_account').on('inboxes').column('account_id').execute();

  await db.schema
    .createTable('inbox_members')
    .addColumn('inbox_id', text, (c) => c.notNull().references('inboxes.id'))
    .addColumn('user_id', text, (c) => c.notNull().references('users.id'))
    .addColumn('account_id', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('inbox_members_pk', ['user_id', 'inbox_id'])
    .execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id'))
    .addColumn('name', text)
    .addColumn('email', text)
    .addColumn('phone', text)
    .addColumn('custom_attributes', text, (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('contacts_account_email')
    .on('contacts')
    .columns(['account_id', 'email'])
    .execute();
  await db.schema.createIndex('contacts_account_id').on('contacts').columns(['account_id', 'id']).execute();

  await db.schema
    .createTable('contact_external_ids')
    .addColumn('account_id', text, (c) => c.notNull())
    .addColumn('namespace', text, (c) => c.notNull())
    .addColumn('value', text, (c) => c.notNull())
    .addColumn('contact_id', text, (c) => c.notNull().references('contacts.id'))
    .addPrimaryKeyConstraint('contact_external_ids_pk', ['account_id', 'namespace', 'value'])
    .execute();

  await db.schema
    .createTable('conversations')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull().references('accounts.id'))
    .addColumn('inbox_id', text, (c) => c.notNull().references('inboxes.id'))
    .addColumn('contact_id', text, (c) => c.notNull().references('contacts.id'))
    .addColumn('status', text, (c) =>
      c.notNull().check(sql`status in ('open', 'pending', 'resolved', 'snoozed')`),
    )
    .addColumn('snoozed_until', ts)
    .addColumn('assignee_user_id', text, (c) => c.references('users.id'))
    .addColumn('priority', text, (c) =>
      c
        .notNull()
        .defaultTo('none')
        .check(sql`priority in ('none', 'low', 'medium', 'high', 'urgent')`),
    )
    .addColumn('subject', text)
    .addColumn('last_message_id', text)
    .addColumn('last_activity_at', ts, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  // Inbox pages: newest activity first, by inbox and status, and the same across all inboxes.
  // Every list query also names the account, so the inbox index leads with it too: otherwise
  // SQLite prefers the account index (two equalities beat one) and filters a big account's whole
  // backlog for one small inbox.
  await db.schema
    .createIndex('conversations_inbox_page')
    .on('conversations')
    .columns(['account_id', 'inbox_id', 'status', 'last_activity_at', 'id'])
    .execute();
  // inbox_id comes last in the account-wide indexes, so a list limited to some inboxes (a
  // teammate's, or one inbox past a cursor, where SQLite prefers these) filters inside the index.
  await db.schema
    .createIndex('conversations_account_page')
    .on('conversations')
    .columns(['account_id', 'status', 'last_activity_at', 'id', 'inbox_id'])
    .execute();
  await db.schema
    .createIndex('conversations_account_recent')
    .on('conversations')
    .columns(['account_id', 'last_activity_at', 'id', 'inbox_id'])
    .execute();
  await db.schema
    .createIndex('conversations_contact')
    .on('conversations')
    .columns(['contact_id', 'inbox_id', 'status'])
    .execute();
  await db.schema
    .createIndex('conversations_snoozed')
    .on('conversations')
    .columns(['status', 'snoozed_until'])
    .execute();

  await db.schema
    .createTable('conversation_labels')
    .addColumn('conversation_id', text, (c) => c.notNull().references('conversations.id'))
    .addColumn('account_id', text, (c) => c.notNull())
    .addColumn('label', text, (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_labels_pk', ['conversation_id', 'label'])
    .execute();
  await db.schema
    .createIndex('conversation_labels_label')
    .on('conversation_labels')
    .columns(['account_id', 'label'])
    .execute();

  await db.schema
    .createTable('messages')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull())
    .addColumn('inbox_id', text, (c) => c.notNull())
    .addColumn('conversation_id', text, (c) => c.notNull().references('conversations.id'))
    .addColumn('type', text, (c) =>
      c.notNull().check(sql`type in ('incoming', 'outgoing', 'note', 'activity')`),
    )
    .addColumn('author_kind', text, (c) =>
      c.notNull().check(sql`author_kind in ('contact', 'user', 'agent', 'system')`),
    )
    .addColumn('author_id', text)
    .addColumn('content', text, (c) => c.notNull())
    .addColumn('source_id', text)
    .addColumn('delivery_status', text)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('messages_conversation')
    .on('messages')
    .columns(['conversation_id', 'id'])
    .execute();
  await db.schema
    .createIndex('messages_source')
    .on('messages')
    .columns(['inbox_id', 'source_id'])
    .unique()
    .execute();

  if (pg) {
    await sql`create index messages_fts on messages using gin (to_tsvector('simple', content))`.execute(db);
  } else {
    await sql`create virtual table messages_fts using fts5(content, content='messages', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')`.execute(
      db,
    );
    await sql`create trigger messages_fts_insert after insert on messages begin
      insert into messages_fts(rowid, content) values (new.rowid, new.content); end`.execute(db);
    await sql`create trigger messages_fts_delete after delete on messages begin
      insert into messages_fts(messages_fts, rowid, content) values ('delete', old.rowid, old.content); end`.execute(
      db,
    );
    await sql`create trigger messages_fts_update after update of content on messages begin
      insert into messages_fts(messages_fts, rowid, content) values ('delete', old.rowid, old.content);
      insert into messages_fts(rowid, content) values (new.rowid, new.content); end`.execute(db);
  }

  await db.schema
    .createTable('deliveries')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull())
    .addColumn('message_id', text, (c) => c.notNull().unique().references('messages.id'))
    .addColumn('inbox_id', text, (c) => c.notNull())
    .addColumn('status', text, (c) => c.notNull().check(sql`status in ('pending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', ts, (c) => c.notNull())
    .addColumn('locked_until', ts)
    .addColumn('last_error', text)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('sent_at', ts)
    .execute();
  await db.schema
    .createIndex('deliveries_due')
    .on('deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('audit_heads')
    .addColumn('account_id', text, (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('last_hash', text, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', text, (c) => c.primaryKey())
    .addColumn('account_id', text, (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('actor_kind', text, (c) => c.notNull())
    .addColumn('actor_id', text)
    .addColumn('token_id', text)
    .addColumn('action', text, (c) => c.notNull())
    .addColumn('target_type', text)
    .addColumn('target_id', text)
    .addColumn('outcome', text, (c) => c.notNull())
    .addColumn('reason', text)
    .addColumn('input', text, (c) => c.notNull())
    .addColumn('result', text, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('prev_hash', text, (c) => c.notNull())
    .addColumn('hash', text, (c) => c.notNull())
    .addUniqueConstraint('audit_events_chain', ['account_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('audit_events_account_time')
    .on('audit_events')
    .columns(['account_id', 'created_at'])
    .execute();

  // The audit log is append-only: the database itself refuses to change or remove an event.
  if (pg) {
    await sql`create function audit_events_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_events is append-only'; end $$`.execute(db);
    await sql`create trigger audit_events_no_update before update or delete on audit_events
      for each row execute function audit_events_append_only()`.execute(db);
    await sql`create trigger audit_events_no_truncate before truncate on audit_events
      for each statement execute function audit_events_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_events_no_update before update on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
    await sql`create trigger audit_events_no_delete before delete on audit_events
      begin select raise(abort, 'audit_events is append-only'); end`.execute(db);
  }
}

export async function down(): Promise<void> {
  throw new Error('The core schema cannot be rolled back: it holds the audit log.');
}
