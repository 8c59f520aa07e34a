import { z } from 'zod';
import { defineAction } from '../core/action.js';
import { canSeeInbox } from '../core/actor.js';
import { notFound } from '../core/errors.js';
import { decodeCursor, type Page, toPage } from '../core/pagination.js';
import { ZIdSchema, ZIsoTimeSchema } from '../core/text.js';
import { listConversationRows, toConversationJson } from './conversations.repository.js';
import { type TConversation, ZListConversationsInputSchema } from './conversations.types.js';

/** The last row's `last_activity_at` and id; checked as such, so a forged cursor is a 400, not a database error. */
const ZCursorKeysSchema = z.tuple([ZIsoTimeSchema, ZIdSchema]);

export const listConversations = defineAction({
  name: 'conversation.list',
  summary: 'List conversations the caller can see, newest activity first',
  input: ZListConversationsInputSchema,
  kind: 'read',
  allow: { roles: ['admin', 'teammate'] },
  agent: { scope: 'conversations:read' },
  async handler({ db, actor, input, services }): Promise<Page<TConversation>> {
    if (input.inbox_id && !canSeeInbox(actor, input.inbox_id)) throw notFound('Inbox');
    const after = input.cursor ? decodeCursor(input.cursor, ZCursorKeysSchema) : undefined;
    const assigneeId =
      input.assignee === 'me'
        ? actor.kind === 'user'
          ? actor.userId
          : null
        : input.assignee === 'none'
          ? null
          : input.assignee;
    const rows = await listConversationRows(db, services.db.dialect, actor, {
      inboxId: input.inbox_id,
      status: input.status,
      assigneeId,
      label: input.label,
      query: input.query,
      after: after && { last_activity_at: after[0], id: after[1] },
      limit: input.limit,
    });
    const page = toPage(
      rows,
      input.limit,
      (r) => [r.last_activity_at, r.id],
      (r) => r,
    );
    return { items: await toConversationJson(db, page.items), next_cursor: page.next_cursor };
  },
});
