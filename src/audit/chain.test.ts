import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../db/schema.js';
import { CHAIN_START, checkLink, GENESIS_HASH, hashEvent } from './chain.js';

function event(seq: number, prev_hash: string, overrides: Partial<AuditEvent> = {}): AuditEvent {
  const unhashed = {
    id: `evt_${seq}`,
    account_id: 'acct_1',
    seq,
    actor_kind: 'user' as const,
    actor_id: 'usr_1',
    token_id: null,
    action: 'conversation.update',
    target_type: 'conversation',
    target_id: 'conv_1',
    outcome: 'succeeded' as const,
    reason: null,
    input: '{"status":"resolved"}',
    result: '{}',
    created_at: '2026-11-24T09:00:00.000Z',
    prev_hash,
    ...overrides,
  };
  return { ...unhashed, hash: hashEvent(unhashed) };
}

describe('the audit chain', () => {
  it('accepts an event that follows its predecessor', () => {
    const first = event(1, GENESIS_HASH);
    const second = event(2, first.hash);
    expect(checkLink(CHAIN_START, first)).toBeNull();
    expect(checkLink({ seq: 1, hash: first.hash }, second)).toBeNull();
  });

  it('finds an event whose content was changed after it was hashed', () => {
    const first = { ...event(1, GENESIS_HASH), input: '{"status":"open"}' };
    expect(checkLink(CHAIN_START, first)?.problem).toBe('hash_mismatch');
  });

  it('finds an event that does not point at its predecessor', () => {
    const first = event(1, GENESIS_HASH);
    expect(checkLink({ seq: 1, hash: first.hash }, event(2, GENESIS_HASH))?.problem).toBe(
      'prev_hash_mismatch',
    );
  });

  it('finds a gap left by a removed event', () => {
    const first = event(1, GENESIS_HASH);
    expect(checkLink({ seq: 1, hash: first.hash }, event(3, first.hash))?.problem).toBe('seq_gap');
  });

  it('changes the hash when any field changes', () => {
    const base = event(1, GENESIS_HASH);
    expect(event(1, GENESIS_HASH, { outcome: 'denied' }).hash).not.toBe(base.hash);
    expect(event(1, GENESIS_HASH, { actor_id: 'usr_2' }).hash).not.toBe(base.hash);
  });
});
