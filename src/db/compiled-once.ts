import { type Compilable, type CompiledQuery, PostgresAdapter } from 'kysely';
import { type Executor, keepPrepared } from './database.js';
import type { Database } from './schema.js';

/** Stands in for argument `index` while the query is built the one time. */
class Slot {
  constructor(readonly index: number) {}
}

interface Compiled<R> {
  query: CompiledQuery<R>;
  /** For each parameter of the SQL: the argument it takes, or null for a constant of the query. */
  slots: readonly (number | null)[];
}

/**
 * A query of fixed shape, built and compiled by Kysely once per dialect; each call after that only
 * binds its arguments. Kept for the fixed queries that MCP calls run every time (the bot token,
 * the conversation and its thread, the audit chain's head, the money path's reads and locks):
 * building and compiling them cost more than SQLite took to run them (bench:mcp). On PostgreSQL
 * each is also a named prepared statement (`keepPrepared`), so the server parses and plans it once
 * per connection: that halved PostgreSQL's CPU per get_conversation. `getExecutor()` is marked
 * internal in Kysely 0.28, but it is the one way to tell which dialect a transaction speaks.
 * `build` is called with stand-ins for its arguments, so it must hand each one to the query as a
 * single value (a `where`, a `limit`; never an `in` list) and never look at it. A stand-in that
 * does not reach the SQL is refused at the first call, and so is a `*`: a prepared statement's
 * columns are fixed when it is parsed, and PostgreSQL refuses every later run of a `select *` once
 * a migration adds a column ("cached plan must not change result type"), until the server process
 * restarts. Named columns (`columnsOf`) keep a running server working across an added column.
 */
export function compiledOnce<A extends readonly unknown[], R>(
  build: (db: Executor, ...args: A) => Compilable<R>,
): (db: Executor, ...args: A) => Promise<R[]> {
  // The SQL depends on the dialect alone; a database and its transactions share one adapter.
  const byAdapter = new WeakMap<object, Compiled<R>>();
  return async (db, ...args) => {
    const adapter = db.getExecutor().adapter;
    let compiled = byAdapter.get(adapter);
    if (!compiled) {
      const query = build(db, ...(args.map((_, i) => new Slot(i)) as unknown as A)).compile();
      const slots = query.parameters.map((p) => (p instanceof Slot ? p.index : null));
      const missing = args.findIndex((_, i) => !slots.includes(i));
      if (missing >= 0) throw new Error(`compiledOnce: argument ${missing} does not reach the SQL`);
      if (/\b(select|select distinct|returning) \*|\.\*/i.test(query.sql))
        throw new Error('compiledOnce: name the columns (columnsOf) instead of selecting *');
      if (adapter instanceof PostgresAdapter) keepPrepared(query.sql);
      compiled = { query, slots };
      byAdapter.set(adapter, compiled);
    }
    const { query, slots } = compiled;
    const parameters = slots.map((slot, i) => (slot === null ? query.parameters[i] : args[slot]));
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}

/**
 * Every column of `table`, named, for a compiled-once query that reads whole rows: the compiler
 * refuses the list as soon as the table gains a column the list lacks, or the list names one the
 * table has not.
 */
export function columnsOf<T extends keyof Database>(
  _table: T,
  columns: Record<keyof Database[T] & string, true>,
): (keyof Database[T] & string)[] {
  return Object.keys(columns) as (keyof Database[T] & string)[];
}
