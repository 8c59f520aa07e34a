import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/db/database.js';

/** One table's rows, in primary-key order (all columns when a table has no primary key). */
export interface TableDump {
  columns: string[];
  rows: unknown[][];
}

/** Row count and a hash of every row, per table: equal snapshots mean nothing was written. */
export type DbSnapshot = Record<string, { rows: number; hash: string }>;

interface TableInfo {
  name: string;
  /** The primary key's columns in key order; empty when the table has none. */
  key: string[];
  columns: string[];
}

/** Table shapes per database, read once: tests do not change the schema (or call `forgetTables`). */
const shapes = new WeakMap<Db, Promise<TableInfo[]>>();

export function forgetTables(db: Db): void {
  shapes.delete(db);
}

function tablesOf(db: Db): Promise<TableInfo[]> {
  let tables = shapes.get(db);
  if (!tables) {
    tables = db.dialect === 'postgres' ? postgresTables(db) : sqliteTables(db);
    shapes.set(db, tables);
  }
  return tables;
}

async function sqliteTables(db: Db): Promise<TableInfo[]> {
  // Virtual (FTS) tables are left out: their shadow tables hold the same data and are dumped.
  const { rows } = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and sql not like 'CREATE VIRTUAL TABLE%'
    order by name`.execute(db.kysely);
  const tables: TableInfo[] = [];
  for (const { name } of rows) {
    const info = await sql<{
      name: string;
      pk: number;
    }>`select name, pk from pragma_table_info(${name})`.execute(db.kysely);
    const key = info.rows
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    tables.push({ name, key, columns: await columnNames(db, name) });
  }
  return tables;
}

async function postgresTables(db: Db): Promise<TableInfo[]> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by table_name`.execute(db.kysely);
  const tables: TableInfo[] = [];
  for (const { name } of rows) {
    const key = await sql<{ column: string }>`
      select a.attname as column
      from pg_index i
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = to_regclass(quote_ident(current_schema()) || '.' || quote_ident(${name})) and i.indisprimary
      order by array_position(i.indkey::int2[], a.attnum)`.execute(db.kysely);
    tables.push({ name, key: key.rows.map((r) => r.column), columns: await columnNames(db, name) });
  }
  return tables;
}

/** Every table of the database (the test's own schema on PostgreSQL), each ordered by primary key. */
export async function dumpTables(db: Db): Promise<Record<string, TableDump>> {
  const tables = await tablesOf(db);
  // On PostgreSQL the tables are read in parallel over the pool; SQLite answers in-process.
  const dumps = await Promise.all(
    tables.map(async ({ name, key, columns }) => {
      const order = (key.length ? key : columns).map((c) => sql.ref(c));
      const result = await sql<Record<string, unknown>>`
        select * from ${sql.table(name)} order by ${sql.join(order)}`.execute(db.kysely);
      const rows = result.rows.map((row) => columns.map((c) => normalize(row[c])));
      return [name, { columns, rows }] as const;
    }),
  );
  return Object.fromEntries(dumps);
}

async function columnNames(db: Db, table: string): Promise<string[]> {
  if (db.dialect === 'postgres') {
    const { rows } = await sql<{ column: string }>`
      select column_name as column from information_schema.columns
      where table_schema = current_schema() and table_name = ${table}
      order by ordinal_position`.execute(db.kysely);
    return rows.map((r) => r.column);
  }
  const { rows } = await sql<{
    name: string;
  }>`select name from pragma_table_info(${table}) order by cid`.execute(db.kysely);
  return rows.map((r) => r.name);
}

function normalize(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return `bytes:${value.toString('base64')}`;
  if (value instanceof Uint8Array) return `bytes:${Buffer.from(value).toString('base64')}`;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** Row count and content hash of every table; on PostgreSQL computed by the server in one round trip. */
export async function snapshotDb(db: Db): Promise<DbSnapshot> {
  if (db.dialect === 'postgres') return postgresSnapshot(db);
  const dump = await dumpTables(db);
  return Object.fromEntries(
    Object.entries(dump).map(([name, table]) => [
      name,
      {
        rows: table.rows.length,
        hash: createHash('sha256').update(JSON.stringify(table.rows)).digest('hex'),
      },
    ]),
  );
}

async function postgresSnapshot(db: Db): Promise<DbSnapshot> {
  const tables = await tablesOf(db);
  const parts = tables.map(({ name, key, columns }) => {
    const order = (key.length ? key : columns).map((c) => sql`x.${sql.ref(c)}`);
    return sql`select ${name}::text as name, count(*) as rows,
      coalesce(md5(string_agg(x::text, ${'\n'} order by ${sql.join(order)})), '') as hash
      from ${sql.table(name)} x`;
  });
  const { rows } = await sql<{
    name: string;
    rows: number;
    hash: string;
  }>`${sql.join(parts, sql` union all `)}`.execute(db.kysely);
  return Object.fromEntries(rows.map((r) => [r.name, { rows: Number(r.rows), hash: r.hash }]));
}
