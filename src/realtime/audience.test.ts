import { describe, expect, it } from 'vitest';
import type { Actor } from '../core/actor.js';
import { mayHear } from './audience.js';

const admin: Actor = {
  kind: 'user',
  accountId: 'acct_1',
  userId: 'user_a',
  role: 'admin',
  inboxes: 'all',
  tokenId: null,
};
const mate: Actor = { ...admin, userId: 'user_m', role: 'teammate', inboxes: ['inbox_1'] };

describe('who hears of a change', () => {
  it('lets a teammate hear of its own inboxes only', () => {
    const audience = (ids: string[]) => ({ kind: 'inboxes' as const, inboxIds: ids, conversationId: null });
    expect(mayHear(mate, audience(['inbox_1']))).toBe(true);
    expect(mayHear(mate, audience(['inbox_2']))).toBe(false);
    expect(mayHear(mate, audience(['inbox_2', 'inbox_1']))).toBe(true);
    expect(mayHear(mate, audience([]))).toBe(false);
    expect(mayHear(admin, audience([]))).toBe(true);
  });

  it('keeps admin-only changes from teammates and tells everyone of account-wide ones', () => {
    expect(mayHear(admin, { kind: 'admins' })).toBe(true);
    expect(mayHear(mate, { kind: 'admins' })).toBe(false);
    expect(mayHear(mate, { kind: 'everyone' })).toBe(true);
  });

  it('tells nothing to anyone but a person', () => {
    const agent: Actor = {
      kind: 'agent',
      accountId: 'acct_1',
      agentId: 'agent_1',
      tokenId: 'tok_1',
      scopes: [],
      inboxes: 'all',
      mode: 'supervised',
      paused: false,
    };
    expect(mayHear(agent, { kind: 'everyone' })).toBe(false);
  });
});
