import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export type TestDialect = 'sqlite' | 'postgres';

/** Every integration test runs on both databases. */
export const DIALECTS: readonly TestDialect[] = ['sqlite', 'postgres'];

export function postgresTestUrl(): string {
  const url = process.env.DESKWOOT_TEST_DATABASE_URL;
  if (!url) {
    throw new Error(
      'DESKWOOT_TEST_DATABASE_URL is not set: integration tests run on SQLite and PostgreSQL. Run `npm test`, which sets it up.',
    );
  }
  return url;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh, empty database: a temporary SQLite file, or a new PostgreSQL schema selected through
 * the connection's search_path, so test files can run in parallel on one server.
 */
export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'deskwoot-test-'));
    return { url: join(dir, 'test.sqlite'), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const base = postgresTestUrl();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    },
  };
}
