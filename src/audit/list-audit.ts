import { z } from 'zod';
import type { AuditEvent } from '../db/schema.js';
import { defineAction } from '../core/action.js';
import { decodeCursor, type Page, toPage } from '../core/pagination.js';
import { toIso } from '../core/text.js';
import { listAuditEvents } from './audit.repository.js';
import { type TAuditEvent, ZListAuditInputSchema } from './audit.types.js';

export function toAuditJson(event: AuditEvent): TAuditEvent {
  return {
    id: event.id,
    seq: event.seq,
    actor: { kind: event.actor_kind, id: event.actor_id, token_id: event.token_id },
    action: event.action,
    target: event.target_type && event.target_id ? { type: event.target_type, id: event.target_id } : null,
    outcome: event.outcome,
    reason: event.reason,
    input: JSON.parse(event.input) as unknown,
    result: JSON.parse(event.result) as unknown,
    created_at: event.created_at,
    prev_hash: event.prev_hash,
    hash: event.hash,
  };
}

export const listAudit = defineAction({
  name: 'audit.list',
  summary: 'Read the audit log, newest first',
  input: ZListAuditInputSchema,
  kind: 'read',
  allow: { roles: ['admin'] },
  async handler({ db, actor, input }): Promise<Page<TAuditEvent>> {
    const beforeSeq = input.cursor
      ? decodeCursor(input.cursor, z.tuple([z.number().int().min(0)]))[0]
      : undefined;
    const rows = await listAuditEvents(db, {
      accountId: actor.accountId,
      actor: input.actor,
      action: input.action,
      outcome: input.outcome,
      since: input.since && toIso(input.since),
      until: input.until && toIso(input.until),
      beforeSeq,
      limit: input.limit + 1,
    });
    return toPage(rows, input.limit, (r) => [r.seq], toAuditJson);
  },
});
