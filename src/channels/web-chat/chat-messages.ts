import type { Executor } from '../../db/database.js';
import type { Message } from '../../db/schema.js';
import { authorNames } from '../../messages/messages.repository.js';
import type { TChatMessage } from './web-chat.types.js';

/** How many messages a widget reads at once. */
export const CHAT_PAGE = 100;

/**
 * What a visitor may read of its chat: the customer's messages and the replies to them, never
 * private notes, activity, or who inside the team wrote what beyond a teammate's name.
 */
export async function chatMessages(
  db: Executor,
  conversationId: string,
  after?: string,
): Promise<TChatMessage[]> {
  let query = db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('type', 'in', ['incoming', 'outgoing']);
  if (after) query = query.where('id', '>', after);
  // From a cursor: the next page, oldest first; without one: the newest page, oldest first.
  const rows = after
    ? await query.orderBy('id').limit(CHAT_PAGE).execute()
    : (await query.orderBy('id', 'desc').limit(CHAT_PAGE).execute()).reverse();
  return toChatMessages(db, rows);
}

export async function toChatMessages(db: Executor, rows: readonly Message[]): Promise<TChatMessage[]> {
  const names = await authorNames(
    db,
    rows.filter((m) => m.author_kind === 'user'),
  );
  return rows.map((m) => ({
    id: m.id,
    from: m.type === 'incoming' ? 'visitor' : 'team',
    author_name: m.author_kind === 'user' && m.author_id ? (names.get(m.author_id) ?? null) : null,
    content: m.content,
    created_at: m.created_at,
  }));
}
