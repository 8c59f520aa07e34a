import { describe, expect, it } from 'vitest';
import type { TLimits } from '../agents/agents.types.js';
import { decideMoney, type MoneyRequest, type MoneyUsage } from './limits.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();

const LIMITS: TLimits = {
  max_amount: { USD: 5000 },
  daily_amount: { USD: 20000 },
  max_order_age_days: 30,
  allowed_order_statuses: ['paid', 'fulfilled', 'partially_refunded'],
  cooldown_minutes: 15,
  on_exceed: 'deny',
};

const refund = (over: Partial<MoneyRequest> = {}): MoneyRequest => ({
  kind: 'refund',
  amount: 5000,
  currency: 'USD',
  order: { status: 'paid', created_at: daysAgo(30) },
  refundableLeft: 10_000,
  ...over,
});
const idle: MoneyUsage = { movedInWindow: 0, lastContactActionAt: null };

const decide = (request: MoneyRequest, usage = idle, limits = LIMITS) =>
  decideMoney(limits, 'autonomous', request, usage, NOW);

describe('the money leash', () => {
  it('allows an autonomous agent just inside every limit', () => {
    expect(decide(refund(), { movedInWindow: 15_000, lastContactActionAt: minutesAgo(15) })).toEqual({
      kind: 'allowed',
    });
  });

  it.each([
    ['cap_exceeded', refund({ amount: 5001 }), idle],
    ['order_too_old', refund({ order: { status: 'paid', created_at: daysAgo(30.01) } }), idle],
    ['order_status_not_allowed', refund({ order: { status: 'pending', created_at: daysAgo(1) } }), idle],
    ['cooldown_active', refund(), { movedInWindow: 0, lastContactActionAt: minutesAgo(14.9) }],
    ['daily_limit_reached', refund(), { movedInWindow: 15_001, lastContactActionAt: null }],
  ])('refuses just beyond a limit with %s, saying by how much', (code, request, usage) => {
    const decision = decide(request, usage);
    expect(decision).toMatchObject({ kind: 'denied', code });
    expect(decision.kind === 'denied' && decision.message.length).toBeGreaterThan(20);
  });

  it('reports the amount over the cap and the daily limit', () => {
    expect(decide(refund({ amount: 7000 }))).toMatchObject({ details: { over_by: 2000, allowed: 5000 } });
    expect(
      decide(refund({ amount: 3000 }), { movedInWindow: 18_000, lastContactActionAt: null }),
    ).toMatchObject({
      code: 'daily_limit_reached',
      details: { over_by: 1000, used: 18_000 },
    });
  });

  it('asks a person instead of refusing when on_exceed is approval', () => {
    const decision = decide(refund({ amount: 9000 }), idle, { ...LIMITS, on_exceed: 'approval' });
    expect(decision).toMatchObject({ kind: 'needs_approval', code: 'cap_exceeded' });
  });

  it('refuses a currency without both caps, whatever on_exceed says', () => {
    const eur = refund({ currency: 'EUR' });
    expect(decide(eur, idle, { ...LIMITS, on_exceed: 'approval' })).toMatchObject({
      kind: 'denied',
      code: 'currency_not_allowed',
    });
    expect(decide(refund(), idle, { ...LIMITS, daily_amount: { EUR: 1 } })).toMatchObject({
      code: 'currency_not_allowed',
    });
  });

  it('never refunds more than is left, even for a person approving', () => {
    expect(decide(refund({ refundableLeft: 0 }))).toMatchObject({ code: 'nothing_left_to_refund' });
    expect(decide(refund({ amount: 4000, refundableLeft: 3999 }))).toMatchObject({
      code: 'amount_exceeds_refundable',
      details: { refundable_amount: 3999 },
    });
    const approved = decideMoney(
      LIMITS,
      'autonomous',
      refund({ amount: 4000, refundableLeft: 3999 }),
      idle,
      NOW,
      true,
    );
    expect(approved).toMatchObject({ kind: 'denied', code: 'amount_exceeds_refundable' });
  });

  it('lets a teammate’s approval waive the limits', () => {
    const over = refund({ amount: 9000 });
    expect(decideMoney(LIMITS, 'autonomous', over, idle, NOW, true)).toEqual({ kind: 'allowed' });
  });

  it('sends every money action of a supervised agent to a person, but still refuses what a limit denies', () => {
    expect(decideMoney(LIMITS, 'supervised', refund(), idle, NOW)).toMatchObject({
      kind: 'needs_approval',
      code: 'supervised',
    });
    expect(decideMoney(LIMITS, 'supervised', refund({ amount: 5001 }), idle, NOW)).toMatchObject({
      kind: 'denied',
      code: 'cap_exceeded',
    });
  });

  it('applies amount caps but not order age or status to subscriptions', () => {
    const sub: MoneyRequest = { kind: 'cancel_subscription', amount: 2000, currency: 'USD', order: null };
    expect(decide(sub)).toEqual({ kind: 'allowed' });
    expect(decide({ ...sub, amount: 6000 })).toMatchObject({ code: 'cap_exceeded' });
    expect(
      decide({ ...sub, impossible: { code: 'already_cancelled', message: 'Already cancelled' } }),
    ).toMatchObject({
      kind: 'denied',
      code: 'already_cancelled',
    });
  });
});
