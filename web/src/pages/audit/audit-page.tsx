import { type FormEvent, useState } from 'react';
import { api, messageOf, unwrap } from '../../api/client.js';
import type { AuditEvent } from '../../api/types.js';
import { Badge, Button, Loading, Notice, PageHeader } from '../../components/ui.js';
import { formatDateTime } from '../../lib/format.js';
import { navigate, useLocation } from '../../lib/router.js';
import { useResource } from '../../lib/use-resource.js';
import { type AuditFilter, auditFilterOf, auditQuery, exportHref, OUTCOMES } from './audit-filter.js';

const KNOWN_ACTIONS = [
  'conversation.reply',
  'conversation.post_message',
  'conversation.add_note',
  'conversation.update',
  'conversation.list',
  'conversation.get',
  'approval.approve',
  'approval.reject',
  'agent.create',
  'agent.revoke',
  'agents.pause',
  'agents.resume',
  'message.receive',
  'message.delivery',
];

function Verified() {
  const verify = useResource('verify', () => unwrap(api.GET('/api/v1/audit/verify')));
  if (!verify.data)
    return (
      <span className="verify verify-unknown" role="status">
        {verify.error ? 'Could not check the chain' : 'Checking the chain…'}
      </span>
    );
  return verify.data.ok ? (
    <span className="verify verify-ok" role="status">
      ✓ Chain verified: {verify.data.events.toLocaleString()} events, none altered or missing
    </span>
  ) : (
    <span className="verify verify-broken" role="alert">
      ✗ The chain does not verify: an event was altered or removed. Run <code>deskwoot audit verify</code>.
    </span>
  );
}

function EventRow({ event, names }: { event: AuditEvent; names: Map<string, string> }) {
  const who =
    event.actor.kind === 'system'
      ? 'Deskwoot'
      : `${names.get(event.actor.id ?? '') ?? event.actor.id ?? event.actor.kind} (${event.actor.kind})`;
  return (
    <li className="audit-event">
      <details>
        <summary>
          <time dateTime={event.created_at}>{formatDateTime(event.created_at)}</time>
          <span className="audit-actor">{who}</span>
          <code className="audit-action">{event.action}</code>
          <Badge tone={event.outcome}>{event.outcome.replace('_', ' ')}</Badge>
          {event.reason && <span className="audit-reason">{event.reason}</span>}
        </summary>
        <dl className="facts">
          <dt>Event</dt>
          <dd>
            #{event.seq} · {event.id}
          </dd>
          {event.target && (
            <>
              <dt>Target</dt>
              <dd>
                {event.target.type} {event.target.id}
              </dd>
            </>
          )}
          {event.actor.token_id && (
            <>
              <dt>Token</dt>
              <dd>{event.actor.token_id}</dd>
            </>
          )}
          <dt>Hash</dt>
          <dd className="hash">{event.hash}</dd>
        </dl>
        <h3>Inputs</h3>
        <pre>{JSON.stringify(event.input, null, 2)}</pre>
        <h3>Result</h3>
        <pre>{JSON.stringify(event.result, null, 2)}</pre>
      </details>
    </li>
  );
}

function Filters({ filter, actors }: { filter: AuditFilter; actors: { id: string; name: string }[] }) {
  const [draft, setDraft] = useState(filter);
  const set = (change: Partial<AuditFilter>) => setDraft((d) => ({ ...d, ...change }));
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(draft)) if (value) query.set(key, value);
    navigate(`/audit${query.size ? `?${query.toString()}` : ''}`);
  };
  return (
    <form className="audit-filters" onSubmit={apply} aria-label="Filter the audit log">
      <div className="field">
        <label htmlFor="audit-actor">Actor</label>
        <select
          id="audit-actor"
          value={draft.actor ?? ''}
          onChange={(e) => set({ actor: e.target.value || null })}
        >
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-action">Action</label>
        <input
          id="audit-action"
          list="audit-actions"
          value={draft.action ?? ''}
          placeholder="Any action"
          onChange={(e) => set({ action: e.target.value || null })}
        />
        <datalist id="audit-actions">
          {KNOWN_ACTIONS.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="audit-outcome">Outcome</label>
        <select
          id="audit-outcome"
          value={draft.outcome ?? ''}
          onChange={(e) => set({ outcome: OUTCOMES.find((o) => o === e.target.value) ?? null })}
        >
          <option value="">Any outcome</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {o.replace('_', ' ')}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="audit-since">From</label>
        <input
          id="audit-since"
          type="date"
          value={draft.since ?? ''}
          onChange={(e) => set({ since: e.target.value || null })}
        />
      </div>
      <div className="field">
        <label htmlFor="audit-until">To</label>
        <input
          id="audit-until"
          type="date"
          value={draft.until ?? ''}
          onChange={(e) => set({ until: e.target.value || null })}
        />
      </div>
      <Button type="submit" tone="primary">
        Apply
      </Button>
    </form>
  );
}

export default function AuditPage() {
  const location = useLocation();
  const filter = auditFilterOf(location);
  const key = location.query.toString();
  const users = useResource('users', () => unwrap(api.GET('/api/v1/users')));
  const agents = useResource('agents', () =>
    unwrap(api.GET('/api/v1/agents', { params: { query: { limit: 100 } } })),
  );
  const inboxes = useResource('inboxes', () => unwrap(api.GET('/api/v1/inboxes')));
  const first = useResource(`audit:${key}`, () =>
    unwrap(api.GET('/api/v1/audit', { params: { query: auditQuery(filter) } })),
  );
  const [more, setMore] = useState<{ key: string; events: AuditEvent[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const extra = more?.key === key ? more : null;
  const events = [...(first.data?.events ?? []), ...(extra?.events ?? [])];
  const cursor = extra ? extra.cursor : (first.data?.next_cursor ?? null);
  const actors = [
    ...(users.data?.users ?? []).map((u) => ({ id: u.id, name: `${u.name} (person)` })),
    ...(agents.data?.agents ?? []).map((a) => ({ id: a.id, name: `${a.name} (agent)` })),
  ];
  // Who each actor id is; an inbox id acts when a customer writes in through it.
  const names = new Map([
    ...actors.map((a): [string, string] => [a.id, a.name.replace(/ \((person|agent)\)$/, '')]),
    ...(inboxes.data?.inboxes ?? []).map((i): [string, string] => [i.id, `${i.name} inbox`]),
  ]);

  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await unwrap(api.GET('/api/v1/audit', { params: { query: auditQuery(filter, cursor) } }));
      setMore({ key, events: [...(extra?.events ?? []), ...page.events], cursor: page.next_cursor });
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <div className="page audit-page">
      <PageHeader title="Audit log">
        <Button onClick={first.reload}>Refresh</Button>
        <a className="button button-secondary" href={exportHref('jsonl', filter)} download>
          Export JSONL
        </a>
        <a className="button button-secondary" href={exportHref('csv', filter)} download>
          Export CSV
        </a>
      </PageHeader>
      <Verified />
      <Filters key={key} filter={filter} actors={actors} />
      <p className="field-hint">
        Exports hold the events these filters show, oldest first; with no filter, the whole chain, which can
        be verified.
      </p>
      {(first.error ?? error) && <Notice tone="error">{first.error ?? error}</Notice>}
      {!first.data && !first.error && <Loading />}
      {first.data && events.length === 0 && <p className="empty">No events match.</p>}
      <ol className="audit-list" aria-label="Audit events, newest first">
        {events.map((event) => (
          <EventRow key={event.id} event={event} names={names} />
        ))}
      </ol>
      {cursor && (
        <Button onClick={() => void loadMore()} busy={loadingMore}>
          Load more
        </Button>
      )}
    </div>
  );
}
