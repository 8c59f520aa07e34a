import { defineAction } from '../core/action.js';
import { newSecret, sha256Hex } from '../core/crypto.js';
import { INBOX_SECRET_PREFIX } from './create-inbox.js';
import { findInbox, toInboxJson } from './inboxes.repository.js';
import { refuseSettingsFor, settingsOf, updateSettings } from '../channels/web-chat/web-chat.repository.js';
import { type TInbox, ZInboxIdInputSchema, ZUpdateInboxInputSchema } from './inboxes.types.js';
import {
  checkEmailSettingsFor,
  emailSettingsJsonOf,
  setEmailSettings,
} from '../channels/email/email-settings.repository.js';

export const updateInbox = defineAction({
  name: 'inbox.update',
  summary: 'Rename an inbox, change its webhook URL, or its web chat settings',
  input: ZUpdateInboxInputSchema,
  kind: 'write',
  allow: { roles: ['admin'] },
  async handler({ db: trx, actor, input, services }): Promise<TInbox> {
    const inbox = await findInbox(trx, actor.accountId, input.inbox_id);
    refuseSettingsFor(inbox.type, input.web_chat);
    if (input.web_chat) await updateSettings(trx, inbox.id, input.web_chat, services.now().toISOString());
    checkEmailSettingsFor(inbox.type, input.email);
    if (input.email) await setEmailSettings(trx, services, inbox, input.email);
    const changes = {
      ...(input.name !== undefined && { name: input.name }),
      ...(input.webhook_url !== undefined && { webhook_url: input.webhook_url }),
    };
    if (Object.keys(changes).length) {
      await trx.updateTable('inboxes').set(changes).where('id', '=', inbox.id).execute();
    }
    const webChat = (await settingsOf(trx, actor.accountId, [inbox.id])).get(inbox.id) ?? null;
    const email = (await emailSettingsJsonOf(trx, [inbox.id])).get(inbox.id) ?? null;
    return toInboxJson({ ...inbox, ...changes }, webChat, email);
  },
  // The SMTP password is inside `email`: the event keeps the settings as answered, without it.
  redact: ['email'],
  target: (input) => ({ type: 'inbox', id: input.inbox_id }),
  auditResult: (output) => (output.email ? { email: output.email } : {}),
});

/** Issues a new secret; the old one stops working at once. Returned this once. */
export const rotateInboxSecret = defineAction({
  name: 'inbox.rotate_secret',
  summary: 'Replace an inbox secret; the new one is returned this once',
  input: ZInboxIdInputSchema,
  kind: 'write',
  allow: { roles: ['admin'] },
  async handler({ db: trx, actor, input, services }): Promise<TInbox & { secret: string }> {
    const inbox = await findInbox(trx, actor.accountId, input.inbox_id);
    const secret = newSecret(INBOX_SECRET_PREFIX);
    await trx
      .updateTable('inboxes')
      .set({ secret_hash: sha256Hex(secret), secret_sealed: services.box.seal(secret) })
      .where('id', '=', inbox.id)
      .execute();
    const webChat = (await settingsOf(trx, actor.accountId, [inbox.id])).get(inbox.id) ?? null;
    const email = (await emailSettingsJsonOf(trx, [inbox.id])).get(inbox.id) ?? null;
    return { ...toInboxJson(inbox, webChat, email), secret };
  },
  target: (input) => ({ type: 'inbox', id: input.inbox_id }),
});
