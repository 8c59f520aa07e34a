import SQLite from 'better-sqlite3';
import type { SeedPlan } from './plan.js';
import { contactRow, conversationRow, messageRows, type SeedTargets } from './rows.js';

const BATCH = 50_000;

function* range<T>(count: number, row: (i: number) => T): Generator<T> {
  for (let i = 0; i < count; i++) yield row(i);
}

/** Bulk load through a separate connection in large transactions. */
export function loadSqlite(file: string, plan: SeedPlan, t: SeedTargets, log: (line: string) => void): void {
  const db = new SQLite(file);
  try {
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -262144');
    db.pragma('temp_store = MEMORY');
    insertAll(
      db,
      'contacts',
      range(plan.contacts.count, (i) => contactRow(plan, t, i)),
    );
    log('contacts');
    insertAll(
      db,
      'conversations',
      range(plan.conversations.count, (i) => conversationRow(plan, t, i)),
    );
    log('conversations');
    insertAll(db, 'messages', messageRows(plan, t));
    log('messages');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

function insertAll(db: SQLite.Database, table: string, rows: Iterator<object>): void {
  let next = rows.next();
  if (next.done) return;
  const columns = Object.keys(next.value);
  const insert = db.prepare(
    `insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
  );
  const batch = db.transaction(() => {
    for (let n = 0; n < BATCH && !next.done; n++) {
      insert.run(next.value);
      next = rows.next();
    }
  });
  while (!next.done) batch();
}
