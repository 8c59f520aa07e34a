import { createAccount } from '../../src/accounts/create-account.js';
import { createUserToken } from '../../src/auth/user-tokens.js';
import type { Actor } from '../../src/core/actor.js';
import { perform } from '../../src/core/perform.js';
import type { Services } from '../../src/core/services.js';
import { createInbox } from '../../src/inboxes/create-inbox.js';
import { createUser } from '../../src/users/create-user.js';
import type { SeedTargets } from './rows.js';

export interface BenchWorkspace extends SeedTargets {
  adminToken: string;
  /** A teammate who sees only the first two inboxes. */
  teammateToken: string;
  teammateInboxIds: readonly string[];
}

const INBOXES = [
  { type: 'api', name: 'Support' },
  { type: 'email', name: 'Billing' },
  { type: 'web_chat', name: 'Website chat' },
  { type: 'api', name: 'Partners' },
] as const;

/** Share of conversations per inbox, in the order above. */
export const INBOX_WEIGHTS = [45, 30, 15, 10] as const;

/**
 * The account, its inboxes, people and API tokens, made through the same actions the doors use
 * (so their audit events and hashes are real); only the bulk of conversations is inserted directly.
 */
export async function createBenchWorkspace(services: Services): Promise<BenchWorkspace> {
  const account = await createAccount(services, { name: 'Bench Co' }, 'benchmark');
  const system: Actor = { kind: 'system', accountId: account.id, reason: 'benchmark' };
  const inboxes = [];
  for (const inbox of INBOXES) {
    const created = await perform(services, system, createInbox, { ...inbox, webhook_url: null });
    inboxes.push({ id: created.id, type: inbox.type });
  }
  const teammateInboxIds = [inboxes[0]!.id, inboxes[1]!.id];
  const people = [
    { email: 'admin@bench.test', role: 'admin', name: 'Alex Admin' },
    { email: 'sam@bench.test', role: 'teammate', name: 'Sam Support', inbox_ids: teammateInboxIds },
    { email: 'kim@bench.test', role: 'teammate', name: 'Kim Billing', inbox_ids: teammateInboxIds },
    { email: 'lee@bench.test', role: 'admin', name: 'Lee Lead' },
  ] as const;
  const userIds: string[] = [];
  for (const person of people) {
    const user = await perform(services, system, createUser, {
      ...person,
      password: 'correct horse battery',
    });
    userIds.push(user.id);
  }
  const token = async (userId: string) =>
    (await perform(services, system, createUserToken, { user_id: userId, name: 'benchmark' })).token;
  return {
    accountId: account.id,
    inboxes,
    userIds,
    adminToken: await token(userIds[0]!),
    teammateToken: await token(userIds[1]!),
    teammateInboxIds,
  };
}
