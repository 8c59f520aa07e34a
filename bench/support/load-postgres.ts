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

/**
 * Drops a table's secondary indexes (not those behind a primary key or unique constraint) and
 * returns their definitions, exactly as PostgreSQL prints them, to build again after the load:
 * one CREATE INDEX is far cheaper than a million index insertions, above all for the GIN index.
 */
async function setIndexesAside(client: pg.Client, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
       from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
      where t.oid = $1::regclass and not exists (select 1 from pg_constraint c where c.conindid = x.indexrelid)`,
    [table],
  );
  for (const row of rows) await client.query(`drop index ${row.name}`);
  return rows.map((r) => r.definition);
}

/** Builds the indexes again, two at a time (one per core), the GIN index first as it takes longest. */
async function restoreIndexes(url: string, definitions: readonly string[]): Promise<void> {
  const queue = [...definitions].sort(
    (a, b) => Number(/ using gin /i.test(b)) - Number(/ using gin /i.test(a)),
  );
  const worker = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query("set maintenance_work_mem = '512MB'");
      for (let next = queue.shift(); next; next = queue.shift()) await client.query(next);
    } finally {
      await client.end();
    }
  };
  await Promise.all([worker(), worker()]);
}

/**
 * Bulk load with one `insert … select * from unnest($1::text[], …)` per batch of 10,000 rows (one
 * round trip, no parameter limit), in one transaction per table, the message indexes set aside and
 * built again afterwards; then VACUUM ANALYZE, as autovacuum would after a load of this size.
 */
export async function loadPostgres(
  url: string,
  plan: SeedPlan,
  t: SeedTargets,
  log: (line: string) => void,
): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('set synchronous_commit = off');
    await client.query("set maintenance_work_mem = '256MB'");
    await insertAll(
      client,
      'contacts',
      range(plan.contacts.count, (i) => contactRow(plan, t, i)),
    );
    log('contacts');
    await insertAll(
      client,
      'conversations',
      range(plan.conversations.count, (i) => conversationRow(plan, t, i)),
    );
    log('conversations');
    const indexes = await setIndexesAside(client, 'messages');
    await insertAll(client, 'messages', messageRows(plan, t));
    log('messages');
    await restoreIndexes(url, indexes);
    log('message indexes');
    await client.query('vacuum analyze contacts, conversations, messages');
    log('vacuum analyze');
  } finally {
    await client.end();
  }
}

async function insertAll(client: pg.Client, table: string, rows: Iterator<object>): Promise<void> {
  const types = COLUMN_TYPES[table]!;
  const columns = Object.keys(types);
  const statement = `insert into ${table} (${columns.join(', ')}) select * from unnest(${columns
    .map((c, i) => `$${i + 1}::${types[c]}[]`)
    .join(', ')})`;
  await client.query('begin');
  let next = rows.next();
  while (!next.done) {
    const arrays: unknown[][] = columns.map(() => []);
    for (let n = 0; n < BATCH && !next.done; n++) {
      const row = next.value as Record<string, unknown>;
      for (let c = 0; c < columns.length; c++) arrays[c]!.push(row[columns[c]!]);
      next = rows.next();
    }
    await client.query(statement, arrays);
  }
  await client.query('commit');
}
