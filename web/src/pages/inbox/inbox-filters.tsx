import { type FormEvent, type RefObject, useState } from 'react';
import type { User } from '../../api/types.js';
import { type Location, navigate, withQuery } from '../../lib/router.js';
import type { InboxFilter } from './inbox-filter.js';

/** Search the messages, and narrow by assignee and label; all of it kept in the URL. */
export function InboxFilters({
  filter,
  location,
  users,
  knownLabels,
  search,
}: {
  filter: InboxFilter;
  location: Location;
  users: User[];
  knownLabels: string[];
  search: RefObject<HTMLInputElement | null>;
}) {
  const [query, setQuery] = useState(filter.query ?? '');
  const [label, setLabel] = useState(filter.label ?? '');
  const go = (changes: Record<string, string | null>) =>
    navigate(withQuery(location, { ...changes, c: null }));

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    go({ q: query.trim() || null });
  };
  const submitLabel = (event: FormEvent) => {
    event.preventDefault();
    go({ label: label.trim() || null });
  };

  return (
    <div className="inbox-filters">
      <form role="search" onSubmit={submitSearch} className="filter-search">
        <label htmlFor="inbox-search" className="visually-hidden">
          Search messages
        </label>
        <input
          id="inbox-search"
          ref={search}
          type="search"
          placeholder="Search messages ( / )"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && e.currentTarget.blur()}
        />
        <button type="submit" className="button button-secondary button-small">
          Search
        </button>
      </form>
      <div className="filter-field">
        <label htmlFor="filter-assignee">Assignee</label>
        <select
          id="filter-assignee"
          value={filter.assignee ?? ''}
          onChange={(e) => go({ assignee: e.target.value || null })}
        >
          <option value="">Anyone</option>
          <option value="me">Me</option>
          <option value="none">Unassigned</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </div>
      <form className="filter-field" onSubmit={submitLabel}>
        <label htmlFor="filter-label">Label</label>
        <input
          id="filter-label"
          list="known-labels"
          value={label}
          placeholder="Any label"
          onChange={(e) => setLabel(e.target.value)}
          onBlur={() => label.trim() !== (filter.label ?? '') && go({ label: label.trim() || null })}
        />
        <datalist id="known-labels">
          {knownLabels.map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
      </form>
    </div>
  );
}
