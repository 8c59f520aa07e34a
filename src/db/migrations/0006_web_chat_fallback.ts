import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** A web chat inbox may name an email inbox that mails replies to visitors who left the page. */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .alterTable('web_chat_settings')
    .addColumn('fallback_email_inbox_id', 'text', (c) => c.references('inboxes.id'))
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.alterTable('web_chat_settings').dropColumn('fallback_email_inbox_id').execute();
}
