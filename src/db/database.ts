import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, type SqliteDatabase, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

/** A database handle that knows its dialect, so the few dialect-specific queries can branch. */
export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  url: string;
  close(): Promise<void>;
}

export type Trx = Transaction<Database>;
export type Executor = Kysely<Database> | Trx;

const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;
pg.types.setTypeParser(TIMESTAMPTZ_OID, (value) => new Date(value).toISOString());
pg.types.setTypeParser(INT8_OID, (value) => Number(value));

export const DEFAULT_DATABASE_URL = './data/deskwoot.sqlite';

export function isPostgresUrl(url: string): boolean {
  return url.startsWith('postgres://') || url.startsWith('postgresql://');
}

export interface OpenOptions {
  poolSize?: number;
  /** SQLite: checkpoint the write-ahead log from a worker thread instead of inside commits (servers). */
  backgroundCheckpoints?: boolean;
  /** SQLite: page cache in MiB (SQLite's own default is 2). */
  cacheMb?: number;
}

export function openDb(url: string = DEFAULT_DATABASE_URL, options: OpenOptions = {}): Db {
  if (isPostgresUrl(url)) {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
    pool.on('connect', namePreparedStatements);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', url, close: () => kysely.destroy() };
  }
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : url;
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // More page cache than SQLite's default 2 MiB: with a million messages, searches and threads
  // otherwise read nearly every page from the OS again. It is resident memory, so it is a setting.
  sqlite.pragma(`cache_size = ${-Math.round((options.cacheMb ?? 16) * 1024)}`);
  const checkpointer =
    options.backgroundCheckpoints && file !== ':memory:' ? startCheckpointer(sqlite, file) : null;
  const kysely = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return {
    kysely,
    dialect: 'sqlite',
    url,
    async close() {
      await kysely.destroy();
      await checkpointer?.stop();
    },
  };
}

/** The SQL of fixed shape that runs on every request (see `keepPrepared`), with its statement name. */
const preparedNames = new Map<string, string>();

/**
 * Marks `sql` as a statement of fixed shape that runs often: on PostgreSQL each connection then
 * parses it once, as a named prepared statement, and afterwards only binds it; the server also
 * stops planning it anew once a generic plan proves as good. For the compiled-once queries only:
 * a connection keeps its prepared statements for life, so the set must stay small and fixed.
 */
export function keepPrepared(sql: string): void {
  if (!preparedNames.has(sql)) preparedNames.set(sql, `deskwoot_${preparedNames.size + 1}`);
}

/**
 * The connection's copy of a named statement is gone (a DEALLOCATE, a pooler that moved the
 * session) or can no longer run (a migration changed the type of a column it reads). Either way
 * the statement did not run.
 */
function isStaleStatement(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === '26000' || (code === '0A000' && String(message).includes('cached plan'));
}

/**
 * Kysely sends `query(sql, parameters)`; for a kept statement that becomes a named one. A stale
 * statement is parsed again under a new name, at once unless the error aborted a transaction
 * (that call fails, the next one works).
 */
function namePreparedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  const renamed = new Map<string, string>();
  let renames = 0;
  const named = (text: string, values: unknown[]) =>
    query({ name: renamed.get(text) ?? preparedNames.get(text), text, values }) as Promise<unknown>;
  client.query = ((text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof text !== 'string' || !preparedNames.has(text) || !Array.isArray(values) || rest.length)
      return query(text, values, ...rest);
    return named(text, values).catch((error: unknown) => {
      if (!isStaleStatement(error)) throw error;
      renamed.set(text, `${preparedNames.get(text)}_${++renames}`);
      if (client.getTransactionStatus() !== 'I') throw error;
      return named(text, values);
    });
  }) as typeof client.query;
}

/** Runs in the checkpointing worker thread (CommonJS, as an eval'd worker is). */
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

/**
 * SQLite folds its write-ahead log back into the database file (a checkpoint) after every ~4 MB
 * of writes, inside whichever commit crosses the mark, which then takes milliseconds (most of a
 * money action's p99 in bench:mcp). A worker thread with a connection of its own checkpoints
 * four times a second instead, in small batches, so no burst of writes stalls a commit; PASSIVE
 * never waits for, nor blocks, the server's reads and writes. Should the worker fail, SQLite's own
 * checkpoints come back.
 */
function startCheckpointer(sqlite: SQLite.Database, file: string, everyMs = 250): { stop(): Promise<void> } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(CHECKPOINT_WORKER, { eval: true, workerData: { driver, file, everyMs } });
  worker.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.once('error', () => sqlite.open && sqlite.pragma('wal_autocheckpoint = 1000'));
  return {
    async stop() {
      // Kept alive while it finishes, or a process awaiting it would find nothing left to run.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}

/**
 * Kysely asks better-sqlite3 to prepare every statement anew, and preparing costs as much as
 * running a short query (a third of a money action's database time in bench:mcp). Statements are
 * kept by their SQL, least recently used out first, and reused: safe, as Kysely runs one
 * statement at a time on its single connection and reads each to the end (nothing streams).
 */
function withStatementCache(sqlite: SQLite.Database, size = 1000): SqliteDatabase {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) statements.delete(sql);
      else statement = sqlite.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > size) statements.delete(statements.keys().next().value!);
      return statement;
    },
  };
}
