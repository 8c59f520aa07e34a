import { type Migration, Migrator } from 'kysely';
import type { Db } from './database.js';
import * as core from './migrations/0001_core.js';

const migrations: Record<string, Migration> = {
  '0001_core': core,
};

/** Brings the schema up to date; safe to run on every start and from several processes. */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: { getMigrations: () => Promise.resolve(migrations) },
    migrationTableName: 'kysely_migration',
    migrationLockTableName: 'kysely_migration_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
