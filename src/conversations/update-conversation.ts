import type { Trx } from '../db/database.js';
import type { Conversation, ConversationUpdate } from '../db/schema.js';
import { defineAction } from '../core/action.js';
import { type Actor, messageAuthor } from '../core/actor.js';
import { AppError } from '../core/errors.js';
import { toIso } from '../core/text.js';
import { insertActivity } from '../messages/messages.repository.js';
import { findInbox } from '../inboxes/inboxes.repository.js';
import { findVisibleConversation, labelsOf, toConversationJson } from './conversations.repository.js';
import { type TConversation, ZUpdateConversationInputSchema } from './conversations.types.js';
import type { z } from 'zod';

type Input = z.infer<typeof ZUpdateConversationInputSchema>;

const invalid = (field: string, message: string) =>
  new AppError('unprocessable', message, { fields: [{ field, message }] });

/** Works out the new status and snooze time; snoozing needs a wake-up time in the future. */
export function nextStatus(
  current: Pick<Conversation, 'status' | 'snoozed_until'>,
  input: Pick<Input, 'status' | 'snoozed_until'>,
  now: Date,
): Pick<Conversation, 'status' | 'snoozed_until'> {
  const status = input.status ?? (input.snoozed_until ? 'snoozed' : current.status);
  if (status !== 'snoozed') {
    if (input.snoozed_until) throw invalid('snoozed_until', 'Only a snoozed conversation has a wake-up time');
    return { status, snoozed_until: null };
  }
  const until = input.snoozed_until === undefined ? current.snoozed_until : input.snoozed_until;
  if (!until) throw invalid('snoozed_until', 'Snoozing needs snoozed_until');
  if (new Date(until) <= now) throw invalid('snoozed_until', 'snoozed_until must be in the future');
  return { status, snoozed_until: toIso(until) };
}

/** The assignee must be a teammate of the account who can see the conversation's inbox. */
async function assigneeName(
  trx: Trx,
  actor: Actor,
  conversation: Conversation,
  userId: string,
): Promise<string> {
  const user = await trx
    .selectFrom('users')
    .select(['id', 'role', 'name'])
    .where('id', '=', userId)
    .where('account_id', '=', actor.accountId)
    .executeTakeFirst();
  if (!user) throw invalid('assignee_id', 'No such teammate');
  if (user.role === 'admin') return user.name;
  const member = await trx
    .selectFrom('inbox_members')
    .select('user_id')
    .where('user_id', '=', userId)
    .where('inbox_id', '=', conversation.inbox_id)
    .executeTakeFirst();
  if (!member) throw invalid('assignee_id', 'That teammate is not a member of this inbox');
  return user.name;
}

export const updateConversation = defineAction({
  name: 'conversation.update',
  summary: 'Change status (with snooze), assignee, labels or priority',
  input: ZUpdateConversationInputSchema,
  kind: 'write',
  allow: { roles: ['admin', 'teammate'] },
  agent: { scope: 'conversations:update', input: ZUpdateConversationInputSchema.omit({ assignee_id: true }) },
  async handler({ db: trx, actor, input, services }): Promise<TConversation> {
    const conversation = await findVisibleConversation(trx, actor, input.conversation_id);
    const now = services.now();
    const at = now.toISOString();
    const changes: ConversationUpdate = {};
    const activity: string[] = [];

    if (input.status !== undefined || input.snoozed_until !== undefined) {
      const next = nextStatus(conversation, input, now);
      if (next.status !== conversation.status || next.snoozed_until !== conversation.snoozed_until) {
        Object.assign(changes, next);
        activity.push(
          next.status === 'snoozed'
            ? `Snoozed until ${next.snoozed_until}`
            : `Status changed from ${conversation.status} to ${next.status}`,
        );
      }
    }
    if (input.assignee_id !== undefined && input.assignee_id !== conversation.assignee_user_id) {
      const name = input.assignee_id ? await assigneeName(trx, actor, conversation, input.assignee_id) : null;
      changes.assignee_user_id = input.assignee_id;
      activity.push(name ? `Assigned to ${name}` : 'Unassigned');
    }
    if (input.priority !== undefined && input.priority !== conversation.priority) {
      changes.priority = input.priority;
      activity.push(`Priority changed from ${conversation.priority} to ${input.priority}`);
    }
    if (input.labels !== undefined) {
      const before = (await labelsOf(trx, [conversation.id])).get(conversation.id) ?? [];
      const after = [...new Set(input.labels)];
      const added = after.filter((l) => !before.includes(l));
      const removed = before.filter((l) => !after.includes(l));
      if (removed.length) {
        await trx
          .deleteFrom('conversation_labels')
          .where('conversation_id', '=', conversation.id)
          .where('label', 'in', removed)
          .execute();
      }
      if (added.length) {
        await trx
          .insertInto('conversation_labels')
          .values(
            added.map((label) => ({ conversation_id: conversation.id, account_id: actor.accountId, label })),
          )
          .execute();
      }
      if (added.length) activity.push(`Labels added: ${added.join(', ')}`);
      if (removed.length) activity.push(`Labels removed: ${removed.join(', ')}`);
    }

    if (Object.keys(changes).length) {
      await trx
        .updateTable('conversations')
        .set({ ...changes, updated_at: at })
        .where('id', '=', conversation.id)
        .execute();
    }
    if (activity.length) {
      const inbox = await findInbox(trx, actor.accountId, conversation.inbox_id);
      for (const content of activity) {
        await insertActivity(trx, {
          inbox,
          conversationId: conversation.id,
          author: messageAuthor(actor),
          content,
          now: at,
        });
      }
    }
    const updated = await findVisibleConversation(trx, actor, conversation.id);
    const [json] = await toConversationJson(trx, [updated]);
    return json!;
  },
  target: (input) => ({ type: 'conversation', id: input.conversation_id }),
  auditResult: (output) => ({
    status: output.status,
    assignee_id: output.assignee_id,
    labels: output.labels,
  }),
});
