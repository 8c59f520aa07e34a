import { describe, expect, it } from 'vitest';
import { planDemo } from './demo-plan.js';

const NOW = new Date('2026-03-10T15:30:00Z');

describe('the demo plan', () => {
  it('is the same on every run for the same clock', () => {
    expect(planDemo(NOW)).toEqual(planDemo(NOW));
  });

  it('tells a history that has already happened, oldest first, with every snooze ending in the future', () => {
    const { steps, startedAt } = planDemo(NOW);
    const times = steps.map((s) => s.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(startedAt.getTime()).toBeLessThan(times[0] ?? 0);
    expect(Math.max(...times)).toBeLessThan(NOW.getTime());
    for (const step of steps) {
      if (step.kind === 'update' && step.changes.snoozed_until) {
        expect(new Date(step.changes.snoozed_until).getTime()).toBeGreaterThan(NOW.getTime());
      }
    }
  });

  it('opens each conversation with a customer message and fills in every placeholder', () => {
    const { steps, conversations } = planDemo(NOW);
    const seen = new Set<number>();
    for (const step of steps) {
      if (step.kind === 'enrich') continue;
      if (!seen.has(step.conversation)) expect(step.kind).toBe('incoming');
      seen.add(step.conversation);
      if ('content' in step) expect(step.content).not.toMatch(/\{\w+\}/);
    }
    expect(seen.size).toBe(conversations.length);
  });

  it('gives each customer at most one conversation per inbox, so replies land in the right thread', () => {
    const { conversations } = planDemo(NOW);
    const pairs = conversations.map((c) => `${c.inbox}:${c.contact}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(conversations.length).toBe(50);
    expect(new Set(conversations.map((c) => c.status))).toEqual(
      new Set(['open', 'pending', 'resolved', 'snoozed']),
    );
  });

  it('keeps the teammate to the inboxes they belong to', () => {
    const { steps, conversations } = planDemo(NOW);
    for (const step of steps) {
      if (step.kind === 'enrich' || step.kind === 'incoming') continue;
      if (step.by === 'teammate') expect(conversations[step.conversation]?.inbox).not.toBe('api');
    }
    expect(conversations.filter((c) => c.inbox === 'api').every((c) => c.assignee !== 'teammate')).toBe(true);
  });
});
