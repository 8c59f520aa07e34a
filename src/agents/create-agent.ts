import { defineAction } from '../core/action.js';
import { newSecret, sha256Hex } from '../core/crypto.js';
import { newId } from '../core/ids.js';
import { checkInboxesExist } from '../inboxes/inboxes.repository.js';
import { BOT_TOKEN_PREFIX, toAgentJson } from './agents.repository.js';
import { type TAgent, ZCreateAgentInputSchema } from './agents.types.js';

/** Creates an AI agent and its bot token; the token is returned this once and stored as a hash. */
export const createAgent = defineAction({
  name: 'agent.create',
  summary: 'Create an AI agent with a scoped bot token (dwt_…), shown once',
  input: ZCreateAgentInputSchema,
  kind: 'write',
  allow: { roles: ['admin'], system: true },
  async handler({ db: trx, actor, input, services }): Promise<TAgent & { token: string }> {
    await checkInboxesExist(trx, actor.accountId, input.inbox_ids);
    const at = services.now().toISOString();
    const agent = {
      id: newId('agent'),
      account_id: actor.accountId,
      name: input.name,
      scopes: JSON.stringify([...new Set(input.scopes)]),
      inbox_ids: input.inbox_ids === null ? null : JSON.stringify([...new Set(input.inbox_ids)]),
      mode: input.mode,
      limits: JSON.stringify(input.limits),
      status: 'active' as const,
      created_by: actor.kind === 'user' ? actor.userId : null,
      created_at: at,
      updated_at: at,
      revoked_at: null,
      last_active_at: null,
    };
    await trx.insertInto('agents').values(agent).execute();
    const token = newSecret(BOT_TOKEN_PREFIX);
    await trx
      .insertInto('agent_tokens')
      .values({
        id: newId('agentToken'),
        agent_id: agent.id,
        account_id: actor.accountId,
        token_hash: sha256Hex(token),
        created_at: at,
        revoked_at: null,
      })
      .execute();
    return { ...toAgentJson(agent), token };
  },
  target: (_input, output) => (output ? { type: 'agent', id: output.id } : null),
  auditResult: (output) => ({ scopes: output.scopes, mode: output.mode, inbox_ids: output.inbox_ids }),
});
