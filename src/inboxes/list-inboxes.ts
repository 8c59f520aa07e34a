import { z } from 'zod';
import { defineAction } from '../core/action.js';
import { inboxFilter } from '../core/actor.js';
import { findVisibleInbox, toInboxJson } from './inboxes.repository.js';
import { emailSettingsJsonOf } from '../channels/email/email-settings.repository.js';
import { settingsOf } from '../channels/web-chat/web-chat.repository.js';
import { type TInbox, ZInboxIdInputSchema } from './inboxes.types.js';

export const listInboxes = defineAction({
  name: 'inbox.list',
  summary: 'List the inboxes the caller can see, with open conversation counts',
  input: z.object({}).strict(),
  kind: 'read',
  allow: { roles: ['admin', 'teammate'] },
  async handler({ db, actor }): Promise<{ items: (TInbox & { open_count: number })[] }> {
    const visible = inboxFilter(actor);
    if (visible && visible.length === 0) return { items: [] };
    let query = db.selectFrom('inboxes').selectAll().where('account_id', '=', actor.accountId);
    if (visible) query = query.where('id', 'in', visible);
    const inboxes = await query.orderBy('name').execute();
    if (!inboxes.length) return { items: [] };
    const counts = await db
      .selectFrom('conversations')
      .select(['inbox_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('account_id', '=', actor.accountId)
      .where(
        'inbox_id',
        'in',
        inboxes.map((i) => i.id),
      )
      .where('status', '=', 'open')
      .groupBy('inbox_id')
      .execute();
    const open = new Map(counts.map((c) => [c.inbox_id, Number(c.n)]));
    const chats = inboxes.filter((i) => i.type === 'web_chat').map((i) => i.id);
    const webChat = await settingsOf(db, actor.accountId, chats);
    const email = await emailSettingsJsonOf(
      db,
      inboxes.filter((i) => i.type === 'email').map((i) => i.id),
    );
    return {
      items: inboxes.map((inbox) => ({
        ...toInboxJson(inbox, webChat.get(inbox.id) ?? null, email.get(inbox.id) ?? null),
        open_count: open.get(inbox.id) ?? 0,
      })),
    };
  },
});

export const getInbox = defineAction({
  name: 'inbox.get',
  summary: 'Read one inbox',
  input: ZInboxIdInputSchema,
  kind: 'read',
  allow: { roles: ['admin', 'teammate'] },
  async handler({ db, actor, input }): Promise<TInbox> {
    const inbox = await findVisibleInbox(db, actor, input.inbox_id);
    return toInboxJson(
      inbox,
      (await settingsOf(db, actor.accountId, [inbox.id])).get(inbox.id) ?? null,
      (await emailSettingsJsonOf(db, [inbox.id])).get(inbox.id) ?? null,
    );
  },
});
