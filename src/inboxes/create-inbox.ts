import { defineAction } from '../core/action.js';
import { newSecret, sha256Hex } from '../core/crypto.js';
import { newId } from '../core/ids.js';
import { toInboxJson } from './inboxes.repository.js';
import { createSettings, refuseSettingsFor } from '../channels/web-chat/web-chat.repository.js';
import { type TInbox, ZCreateInboxInputSchema } from './inboxes.types.js';
import {
  checkEmailSettingsFor,
  insertEmailSettings,
  toEmailSettingsJson,
} from '../channels/email/email-settings.repository.js';

/** Inbox secrets authenticate inbound API calls and sign outbound webhooks. */
export const INBOX_SECRET_PREFIX = 'dwi_';

export const createInbox = defineAction({
  name: 'inbox.create',
  summary: 'Create an inbox; its secret is returned this once',
  input: ZCreateInboxInputSchema,
  kind: 'write',
  allow: { roles: ['admin'], system: true },
  async handler({ db: trx, actor, input, services }): Promise<TInbox & { secret: string }> {
    refuseSettingsFor(input.type, input.web_chat);
    checkEmailSettingsFor(input.type, input.email);
    const secret = newSecret(INBOX_SECRET_PREFIX);
    const inbox = {
      id: newId('inbox'),
      account_id: actor.accountId,
      type: input.type,
      name: input.name,
      webhook_url: input.webhook_url ?? null,
      secret_hash: sha256Hex(secret),
      secret_sealed: services.box.seal(secret),
      created_at: services.now().toISOString(),
    };
    await trx.insertInto('inboxes').values(inbox).execute();
    const webChat =
      inbox.type === 'web_chat' ? await createSettings(trx, inbox, input.web_chat, inbox.created_at) : null;
    const email = input.email
      ? toEmailSettingsJson(
          await insertEmailSettings(trx, services.box, inbox, input.email, inbox.created_at),
        )
      : null;
    return { ...toInboxJson(inbox, webChat, email), secret };
  },
  // The SMTP password is inside `email`: the event keeps the settings as answered, without it.
  redact: ['email'],
  target: (_input, output) => (output ? { type: 'inbox', id: output.id } : null),
  auditResult: (output) => ({ id: output.id, ...(output.email && { email: output.email }) }),
});
