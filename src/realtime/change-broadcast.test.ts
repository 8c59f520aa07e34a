import { describe, expect, it } from 'vitest';
import type { CommittedChange } from '../core/services.js';
import { notifyPayloads } from './change-broadcast.js';

const change = (n: number): CommittedChange => ({
  accountId: 'acct_01J0000000000000000000000',
  action: 'conversation.update',
  outcome: 'succeeded',
  targetType: 'conversation',
  targetId: `conv_${String(n).padStart(26, '0')}`,
});

describe('change notifications', () => {
  it('sends every change once, in order, in payloads PostgreSQL accepts', () => {
    const changes = Array.from({ length: 500 }, (_, i) => change(i));
    const payloads = notifyPayloads(changes);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8000);
    expect(payloads.flatMap((p) => JSON.parse(p) as CommittedChange[])).toEqual(changes);
  });

  it('sends nothing for no changes', () => {
    expect(notifyPayloads([])).toEqual([]);
  });
});
