import { z } from 'zod';
import type { Executor } from '../db/database.js';
import { defineAction } from '../core/action.js';
import { toIso } from '../core/text.js';
import { ZAuditFilterSchema } from './audit.types.js';
import { verifyAudit } from './verify-audit.js';
import type { AuditEvent } from '../db/schema.js';
import { iterateChain } from './audit.repository.js';
import { toAuditJson } from './list-audit.js';

export type ExportFormat = 'jsonl' | 'csv';

const CSV_COLUMNS = [
  'seq',
  'id',
  'created_at',
  'actor_kind',
  'actor_id',
  'token_id',
  'action',
  'target_type',
  'target_id',
  'outcome',
  'reason',
  'input',
  'result',
  'prev_hash',
  'hash',
] as const satisfies readonly (keyof AuditEvent)[];

/** Quotes a CSV field, and defuses values a spreadsheet would run as a formula. */
export function csvField(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export interface ExportOptions {
  accountId: string;
  format: ExportFormat;
  since?: string | undefined;
  until?: string | undefined;
  /** A user's or agent's id. */
  actor?: string | undefined;
  action?: string | undefined;
  outcome?: string | undefined;
}

function wanted(event: AuditEvent, o: ExportOptions): boolean {
  return (
    (!o.since || event.created_at >= o.since) &&
    (!o.until || event.created_at <= o.until) &&
    (!o.actor || event.actor_id === o.actor) &&
    (!o.action || event.action === o.action) &&
    (!o.outcome || event.outcome === o.outcome)
  );
}

/**
 * The account's events in chain order as JSONL or CSV lines, streamed page by page; the filters of
 * `GET /audit` narrow it. Unfiltered, it is the whole chain, which `audit verify` can check.
 */
export async function* exportAudit(db: Executor, options: ExportOptions): AsyncGenerator<string> {
  if (options.format === 'csv') yield `${CSV_COLUMNS.join(',')}\n`;
  for await (const event of iterateChain(db, options.accountId)) {
    if (!wanted(event, options)) continue;
    yield options.format === 'csv'
      ? `${CSV_COLUMNS.map((column) => csvField(event[column])).join(',')}\n`
      : `${JSON.stringify(toAuditJson(event))}\n`;
  }
}

export const exportAuditAction = defineAction({
  name: 'audit.export',
  summary: 'Export the audit log as JSONL or CSV, oldest first',
  input: ZAuditFilterSchema.extend({ format: z.enum(['jsonl', 'csv']).default('jsonl') }).strict(),
  kind: 'read',
  allow: { roles: ['admin'], system: true },
  // The export streams after this action returns, so it reads outside the action's transaction.
  handler: async ({ actor, input, services }) =>
    exportAudit(services.db.kysely, {
      ...input,
      accountId: actor.accountId,
      since: input.since && toIso(input.since),
      until: input.until && toIso(input.until),
    }),
});

export const verifyAuditAction = defineAction({
  name: 'audit.verify',
  summary: "Check that the account's audit chain is intact",
  input: z.object({}).strict(),
  kind: 'read',
  allow: { roles: ['admin'], system: true },
  handler: async ({ db, actor }) => {
    const [report] = await verifyAudit(db, actor.accountId);
    return report ?? { account_id: actor.accountId, events: 0, ok: true, break: null };
  },
});
