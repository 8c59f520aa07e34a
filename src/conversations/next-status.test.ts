import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { nextStatus } from './update-conversation.js';

const now = new Date('2026-11-24T09:00:00Z');
const open = { status: 'open' as const, snoozed_until: null };

describe('nextStatus', () => {
  it('snoozes when given only a wake-up time', () => {
    expect(nextStatus(open, { snoozed_until: '2026-11-25T09:00:00Z' }, now)).toEqual({
      status: 'snoozed',
      snoozed_until: '2026-11-25T09:00:00.000Z',
    });
  });

  it('refuses to snooze without a time, or with a time in the past', () => {
    expect(() => nextStatus(open, { status: 'snoozed' }, now)).toThrow(AppError);
    expect(() => nextStatus(open, { snoozed_until: '2026-11-24T08:59:59Z' }, now)).toThrow(/future/);
  });

  it('clears the wake-up time when leaving snoozed', () => {
    const snoozed = { status: 'snoozed' as const, snoozed_until: '2026-11-25T09:00:00.000Z' };
    expect(nextStatus(snoozed, { status: 'resolved' }, now)).toEqual({
      status: 'resolved',
      snoozed_until: null,
    });
  });

  it('refuses a wake-up time on a status that is not snoozed', () => {
    expect(() => nextStatus(open, { status: 'open', snoozed_until: '2026-11-25T09:00:00Z' }, now)).toThrow(
      AppError,
    );
  });
});
