import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface BenchDatabase {
  dialect: 'sqlite' | 'postgres';
  url: string;
  drop(): Promise<void>;
}

/** A temporary SQLite file, removed at the end. */
export function sqliteBenchDatabase(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'deskwoot-bench-'));
  return {
    dialect: 'sqlite',
    url: join(dir, 'bench.sqlite'),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The PostgreSQL server to use, or null when none is configured (the run then skips it). */
export function postgresBenchUrl(env = process.env): string | null {
  return env.DESKWOOT_BENCH_DATABASE_URL || env.DESKWOOT_TEST_DATABASE_URL || null;
}

/** A fresh schema selected through the connection's search_path (as the tests do), dropped at the end. */
export async function postgresBenchDatabase(base: string): Promise<BenchDatabase> {
  const schema = `bench_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    dialect: 'postgres',
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}
