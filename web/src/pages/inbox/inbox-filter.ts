import type { ConversationStatus } from '../../api/types.js';

export const STATUSES: readonly { value: ConversationStatus; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'pending', label: 'Pending' },
  { value: 'snoozed', label: 'Snoozed' },
  { value: 'resolved', label: 'Resolved' },
];

/** What the inbox shows, as it stands in the URL: `?inbox=…&status=…&assignee=…&label=…&q=…&c=…`. */
export interface InboxFilter {
  inboxId: string | null;
  status: ConversationStatus;
  /** `me`, `none`, a user id, or null for anyone. */
  assignee: string | null;
  label: string | null;
  query: string | null;
}

export function isStatus(value: string | null): value is ConversationStatus {
  return STATUSES.some((s) => s.value === value);
}

export function filterOf(query: URLSearchParams): InboxFilter {
  const status = query.get('status');
  return {
    inboxId: query.get('inbox') || null,
    status: isStatus(status) ? status : 'open',
    assignee: query.get('assignee') || null,
    label: query.get('label') || null,
    query: query.get('q') || null,
  };
}

/** The list request's query for a filter (the API's own parameter names). */
export function listQuery(filter: InboxFilter, cursor?: string) {
  return {
    status: filter.status,
    limit: PAGE_SIZE,
    ...(filter.inboxId && { inbox_id: filter.inboxId }),
    ...(filter.assignee && { assignee: filter.assignee }),
    ...(filter.label && { label: filter.label }),
    ...(filter.query && { query: filter.query }),
    ...(cursor && { cursor }),
  };
}

export const PAGE_SIZE = 50;

/** Newest activity first, then id: the API's order, so pages can be merged. */
export function sortsBefore(
  a: { last_activity_at: string; id: string },
  b: { last_activity_at: string; id: string },
): boolean {
  return (
    a.last_activity_at > b.last_activity_at || (a.last_activity_at === b.last_activity_at && a.id > b.id)
  );
}
