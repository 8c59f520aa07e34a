import pg from 'pg';
import type { SeedPlan } from './plan.js';
import { contactRow, conversationRow, messageRows, type SeedTargets } from './rows.js';

const BATCH = 10_000;

/** Column name → PostgreSQL array type used to pass a whole batch as one `unnest(...)` insert. */
const COLUMN_TYPES: Record<string, Record<string, string>> = {
  contacts: {
    id: 'text',
    account_id: 'text',
    name: 'text',
    email: 'text',
    phone: 'text',
    custom_attributes: 'text',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  conversations: {
    id: 'text',
    account_id: 'text',
    inbox_id: 'text',
    contact_id: 'text',
    status: 'text',
    snoozed_until: 'timestamptz',
    assignee_user_id: 'text',
    priority: 'text',
    subject: 'text',
    last_message_id: 'text',
    last_activity_at: 'timestamptz',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  messages: {
    id: 'text',
    account_id: 'text',
    inbox_id: 'text',
    conversation_id: 'text',
    type: 'text',
    author_kind: 'text',
    author_id: 'text',
    content: 'text',
    source_id: 'text',
    delivery_status: 'text',
    created_at: 'timestamptz',
  },
};

function* range<T>(count: number, row: (i: number) => T): Generator<T> {
  for (let i = 0; i < count; i++) yield row(i);
}

/** Two loading connections, one per core: Node makes the rows, both backends insert them. */
const CONNECTIONS = 2;

/**
 * Bulk load with one `insert … select * from unnest($1::text[], …)` per batch of 10,000 rows (one
 * round trip, no parameter limit), spread over two connections, each in one transaction per table.
 * Secondary indexes are set aside during the load and built again afterwards (one CREATE INDEX is
 * far cheaper than a million index insertions, above all for the GIN index); then VACUUM ANALYZE,
 * as autovacuum would after a load of this size. Constraints and foreign keys stay checked.
 */
export async function loadPostgres(
  url: string,
  plan: SeedPlan,
  t: SeedTargets,
  log: (line: string) => void,
): Promise<void> {
  const clients = Array.from({ length: CONNECTIONS }, () => new pg.Client({ connectionString: url }));
  await Promise.all(clients.map((c) => c.connect()));
  try {
    for (const client of clients) await client.query('set synchronous_commit = off');
    const indexes = await setIndexesAside(clients[0]!, ['contacts', 'conversations', 'messages']);
    await insertAll(
      clients,
      'contacts',
      range(plan.contacts.count, (i) => contactRow(plan, t, i)),
    );
    log('contacts');
    const conversations = range(plan.conversations.count, (i) => conversationRow(plan, t, i));
    await insertAll(clients, 'conversations', conversations);
    log('conversations');
    await insertAll(clients, 'messages', messageRows(plan, t));
    log('messages');
    await buildIndexes(clients, indexes);
    log('indexes');
    await clients[0]!.query('vacuum analyze contacts, conversations, messages');
    log('vacuum analyze');
  } finally {
    await Promise.all(clients.map((c) => c.end()));
  }
}

/**
 * Drops the tables' secondary indexes (not those behind a primary key or unique constraint) and
 * returns their definitions, exactly as PostgreSQL prints them, to build the same ones again.
 */
async function setIndexesAside(client: pg.Client, tables: readonly string[]): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
       from pg_index x join pg_class i on i.oid = x.indexrelid
      where x.indrelid = any($1::regclass[])
        and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`,
    [tables],
  );
  for (const row of rows) await client.query(`drop index ${row.name}`);
  return rows.map((r) => r.definition);
}

/** Builds the indexes on both connections at once, the GIN index first as it takes longest. */
async function buildIndexes(clients: readonly pg.Client[], definitions: readonly string[]): Promise<void> {
  const gin = (definition: string) => Number(/ using gin /i.test(definition));
  const queue = [...definitions].sort((a, b) => gin(b) - gin(a));
  await Promise.all(
    clients.map(async (client) => {
      await client.query("set maintenance_work_mem = '512MB'");
      for (let next = queue.shift(); next; next = queue.shift()) await client.query(next);
    }),
  );
}

async function insertAll(
  clients: readonly pg.Client[],
  table: string,
  rows: Iterator<object>,
): Promise<void> {
  const types = COLUMN_TYPES[table]!;
  const columns = Object.keys(types);
  const statement = `insert into ${table} (${columns.join(', ')}) select * from unnest(${columns
    .map((c, i) => `$${i + 1}::${types[c]}[]`)
    .join(', ')})`;
  const batch = (): unknown[][] | null => {
    const arrays: unknown[][] = columns.map(() => []);
    for (let n = 0; n < BATCH; n++) {
      const next = rows.next();
      if (next.done) return n ? arrays : null;
      const row = next.value as Record<string, unknown>;
      for (let c = 0; c < columns.length; c++) arrays[c]!.push(row[columns[c]!]);
    }
    return arrays;
  };
  // Each connection takes the next batch as soon as its previous one is in; the rows are made
  // while the other connection's insert runs.
  await Promise.all(
    clients.map(async (client) => {
      await client.query('begin');
      for (let arrays = batch(); arrays; arrays = batch()) await client.query(statement, arrays);
      await client.query('commit');
    }),
  );
}
