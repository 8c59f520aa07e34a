import type { ConversationCount, ConversationStatus, Inbox } from '../../api/types.js';
import { Link, type Location, withQuery } from '../../lib/router.js';
import { type InboxFilter, STATUSES } from './inbox-filter.js';

export function countOf(
  counts: ConversationCount[],
  inboxId: string | null,
  status: ConversationStatus,
): number {
  return counts
    .filter((c) => c.status === status && (inboxId === null || c.inbox_id === inboxId))
    .reduce((sum, c) => sum + c.count, 0);
}

/** Every inbox the person sees, with how many conversations are open in each. */
export function InboxSidebar({
  inboxes,
  counts,
  filter,
  location,
}: {
  inboxes: Inbox[];
  counts: ConversationCount[];
  filter: InboxFilter;
  location: Location;
}) {
  const entries = [{ id: null, name: 'All inboxes' }, ...inboxes];
  return (
    <nav className="inbox-sidebar" aria-label="Inboxes">
      <h2 className="sidebar-title">Inboxes</h2>
      <ul>
        {entries.map((inbox) => (
          <li key={inbox.id ?? 'all'}>
            <Link
              to={withQuery(location, { inbox: inbox.id, c: null })}
              aria-current={filter.inboxId === inbox.id ? 'page' : undefined}
            >
              <span>{inbox.name}</span>
              <span className="count" aria-label={`${countOf(counts, inbox.id, 'open')} open`}>
                {countOf(counts, inbox.id, 'open')}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Open, Pending, Snoozed, Resolved, with counts for the chosen inbox. */
export function StatusTabs({
  counts,
  filter,
  location,
}: {
  counts: ConversationCount[];
  filter: InboxFilter;
  location: Location;
}) {
  return (
    <nav className="status-tabs" aria-label="Status">
      <ul>
        {STATUSES.map((s) => (
          <li key={s.value}>
            <Link
              to={withQuery(location, { status: s.value === 'open' ? null : s.value, c: null })}
              aria-current={filter.status === s.value ? 'page' : undefined}
            >
              {s.label} <span className="count">{countOf(counts, filter.inboxId, s.value)}</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
