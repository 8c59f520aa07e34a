import { z } from 'zod';
import type { Services } from '../core/services.js';
import { defineAction } from '../core/action.js';
import { newId } from '../core/ids.js';
import { perform } from '../core/perform.js';
import { zText } from '../core/text.js';

export const ZCreateAccountInputSchema = z.object({ name: zText(200).min(1) }).strict();

/** The account's id is chosen by the caller (as the acting system's account) so its first audit event is its own. */
export const createAccountAction = defineAction({
  name: 'account.create',
  summary: 'Create an account (a workspace)',
  input: ZCreateAccountInputSchema,
  kind: 'write',
  allow: { system: true },
  async handler({ db: trx, actor, input, services }): Promise<{ id: string; name: string }> {
    const account = {
      id: actor.accountId,
      name: input.name,
      agents_paused: 0,
      created_at: services.now().toISOString(),
    };
    await trx.insertInto('accounts').values(account).execute();
    return { id: account.id, name: account.name };
  },
  target: (_input, output) => (output ? { type: 'account', id: output.id } : null),
});

export function createAccount(services: Services, input: unknown, reason = 'operator') {
  return perform(
    services,
    { kind: 'system', accountId: newId('account'), reason },
    createAccountAction,
    input,
  );
}
