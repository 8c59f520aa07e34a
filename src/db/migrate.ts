import { type Migration, Migrator, sql } from 'kysely';
import type { Db } from './database.js';
import * as core from './migrations/0001_core.js';
import * as agents from './migrations/0002_agents.js';
import * as stores from './migrations/0003_stores.js';
import * as email from './migrations/0004_email_channel.js';
import * as webChat from './migrations/0005_web_chat.js';
import * as webChatFallback from './migrations/0006_web_chat_fallback.js';

const migrations: Record<string, Migration> = {
  '0001_core': core,
  '0002_agents': agents,
  '0003_stores': stores,
  '0004_email_channel': email,
  '0005_web_chat': webChat,
  '0006_web_chat_fallback': webChatFallback,
};

/** Brings the schema up to date; safe to run on every start and from several processes. */
export async function migrate(db: Db): Promise<string[]> {
  // Kysely looks for its migration tables in every schema it can see; name ours, or a Deskwoot (or a
  // test) in another schema of the same PostgreSQL database makes it skip creating them here.
  const schema =
    db.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db.kysely)).rows[0]?.schema
      : undefined;
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
