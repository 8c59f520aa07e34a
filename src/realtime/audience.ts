import type { Actor } from '../core/actor.js';
import type { CommittedChange } from '../core/services.js';
import type { Executor } from '../db/database.js';

/** Who may hear of a change: people who see one of these inboxes, admins, everyone, or nobody. */
export type Audience =
  | { kind: 'inboxes'; inboxIds: readonly string[]; conversationId: string | null }
  | { kind: 'admins' }
  | { kind: 'everyone' };

/** Changes of no interest to a dashboard (or private to one person's credentials). */
const UNHEARD_TARGETS = new Set(['user_token']);
const UNHEARD_ACTIONS = new Set(['session.create', 'session.end']);

/** Account-wide state every signed-in person sees (the "agents are paused" banner). */
const EVERYONE_ACTIONS = new Set(['agents.pause', 'agents.resume']);

/**
 * Works out who may hear of a change, from the database as it is after the commit. An object that
 * belongs to inboxes is heard by whoever sees one of them; a conversation or approval outside every
 * inbox (none today) only by those who see all inboxes.
 */
export async function audienceOf(db: Executor, change: CommittedChange): Promise<Audience | null> {
  if (UNHEARD_ACTIONS.has(change.action)) return null;
  if (EVERYONE_ACTIONS.has(change.action)) return { kind: 'everyone' };
  const { targetType: type, targetId: id, accountId } = change;
  if (!type || !id) return { kind: 'admins' };
  if (UNHEARD_TARGETS.has(type)) return null;
  switch (type) {
    case 'conversation': {
      const row = await db
        .selectFrom('conversations')
        .select('inbox_id')
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      return row ? { kind: 'inboxes', inboxIds: [row.inbox_id], conversationId: id } : null;
    }
    case 'message': {
      const row = await db
        .selectFrom('messages as m')
        .innerJoin('conversations as c', 'c.id', 'm.conversation_id')
        .select(['c.inbox_id', 'c.id'])
        .where('m.id', '=', id)
        .where('m.account_id', '=', accountId)
        .executeTakeFirst();
      return row ? { kind: 'inboxes', inboxIds: [row.inbox_id], conversationId: row.id } : null;
    }
    case 'approval': {
      const row = await db
        .selectFrom('approvals')
        .select(['inbox_id', 'conversation_id'])
        .where('id', '=', id)
        .where('account_id', '=', accountId)
        .executeTakeFirst();
      if (!row) return null;
      return {
        kind: 'inboxes',
        inboxIds: row.inbox_id ? [row.inbox_id] : [],
        conversationId: row.conversation_id,
      };
    }
    case 'contact': {
      const rows = await db
        .selectFrom('conversations')
        .select('inbox_id')
        .distinct()
        .where('contact_id', '=', id)
        .where('account_id', '=', accountId)
        .execute();
      return { kind: 'inboxes', inboxIds: rows.map((r) => r.inbox_id), conversationId: null };
    }
    case 'inbox':
      return { kind: 'inboxes', inboxIds: [id], conversationId: null };
    default:
      return { kind: 'admins' };
  }
}

/** Whether this person may hear of a change with this audience (pure; the hub asks it per listener). */
export function mayHear(actor: Actor, audience: Audience): boolean {
  if (actor.kind !== 'user') return false;
  switch (audience.kind) {
    case 'everyone':
      return true;
    case 'admins':
      return actor.role === 'admin';
    case 'inboxes': {
      const { inboxes } = actor;
      return inboxes === 'all' || audience.inboxIds.some((id) => inboxes.includes(id));
    }
  }
}
