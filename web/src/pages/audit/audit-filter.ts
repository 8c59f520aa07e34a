import type { Outcome } from '../../api/types.js';
import type { Location } from '../../lib/router.js';

export const OUTCOMES: readonly Outcome[] = [
  'succeeded',
  'denied',
  'pending_approval',
  'approved',
  'rejected',
  'failed',
];

export interface AuditFilter {
  actor: string | null;
  action: string | null;
  outcome: Outcome | null;
  /** Days as typed (YYYY-MM-DD), local time. */
  since: string | null;
  until: string | null;
}

export function auditFilterOf(location: Location): AuditFilter {
  const q = location.query;
  const outcome = OUTCOMES.find((o) => o === q.get('outcome')) ?? null;
  return {
    actor: q.get('actor') || null,
    action: q.get('action') || null,
    outcome,
    since: q.get('since') || null,
    until: q.get('until') || null,
  };
}

/** A day's start (or end) in local time, as the ISO time the API takes. */
export function dayBound(day: string, end: boolean): string | undefined {
  const date = new Date(`${day}T${end ? '23:59:59.999' : '00:00:00'}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** The API's query for a filter. */
export function auditQuery(filter: AuditFilter, cursor?: string) {
  const since = filter.since ? dayBound(filter.since, false) : undefined;
  const until = filter.until ? dayBound(filter.until, true) : undefined;
  return {
    limit: 50,
    ...(filter.actor && { actor: filter.actor }),
    ...(filter.action && { action: filter.action }),
    ...(filter.outcome && { outcome: filter.outcome }),
    ...(since && { since }),
    ...(until && { until }),
    ...(cursor && { cursor }),
  };
}

/** The export link: the events the filter shows, oldest first. */
export function exportHref(format: 'jsonl' | 'csv', filter: AuditFilter): string {
  const { limit: _limit, ...filters } = auditQuery(filter);
  return `/api/v1/audit/export?${new URLSearchParams({ format, ...filters }).toString()}`;
}
