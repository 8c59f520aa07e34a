import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, unwrap } from '../../api/client.js';
import { navigate, useLocation, withQuery } from '../../lib/router.js';
import { type Heard, useRealtime } from '../../lib/realtime.js';
import { useResource } from '../../lib/use-resource.js';
import { ConversationList } from './conversation-list.js';
import { ConversationView } from './conversation-view.js';
import { filterOf } from './inbox-filter.js';
import { InboxFilters } from './inbox-filters.js';
import { InboxSidebar, StatusTabs } from './inbox-sidebar.js';
import { useConversationList } from './use-conversation-list.js';

/** Realtime changes arrive in bursts (a reply is a message and a status change): refetch once per burst. */
const SETTLE_MS = 150;

/** Changes the inbox shows: anything about a conversation or message, and inbox renames. */
function touchesInbox(heard: Heard): boolean {
  if (heard === 'resync') return true;
  return heard.conversation_id !== null || heard.target?.type === 'inbox' || heard.target?.type === 'contact';
}

/** Marks when the first page of conversations is on screen, for the paint benchmark (bench/web.bench.ts). */
const markPainted = () => requestAnimationFrame(() => performance.mark('inbox-list-painted'));

export function InboxPage() {
  const location = useLocation();
  const search = location.query.toString();
  const filter = useMemo(() => filterOf(new URLSearchParams(search)), [search]);
  const openId = location.query.get('c');
  const list = useConversationList(filter);
  const inboxes = useResource('inboxes', () => unwrap(api.GET('/api/v1/inboxes')));
  const users = useResource('users', () => unwrap(api.GET('/api/v1/users')));
  const counts = useResource('counts', () => unwrap(api.GET('/api/v1/conversation-counts')));
  const [version, setVersion] = useState(0);
  const searchBox = useRef<HTMLInputElement>(null);
  const composer = useRef<HTMLTextAreaElement>(null);

  const pending = useRef<{ timer: ReturnType<typeof setTimeout> | null; open: boolean; inboxes: boolean }>({
    timer: null,
    open: false,
    inboxes: false,
  });
  const refreshAll = useCallback(() => {
    const { open, inboxes: renamed } = pending.current;
    pending.current = { timer: null, open: false, inboxes: false };
    void list.refresh();
    counts.reload();
    if (renamed) inboxes.reload();
    if (open) setVersion((v) => v + 1);
  }, [list, counts, inboxes]);
  const refreshLatest = useRef(refreshAll);
  refreshLatest.current = refreshAll;

  useRealtime((heard) => {
    if (!touchesInbox(heard)) return;
    const p = pending.current;
    if (heard === 'resync' || heard.conversation_id === openId) p.open = true;
    if (heard === 'resync' || heard.target?.type === 'inbox') p.inboxes = true;
    p.timer ??= setTimeout(() => refreshLatest.current(), SETTLE_MS);
  });
  useEffect(() => () => clearTimeout(pending.current.timer ?? undefined), []);

  // "/" goes to the search box from anywhere on the page but a text field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target instanceof HTMLElement ? event.target : null;
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
      if (event.key === '/' && !typing) {
        event.preventDefault();
        searchBox.current?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const open = (id: string, how: 'click' | 'key') =>
    navigate(withQuery(location, { c: id }), { replace: how === 'key' });
  const knownLabels = [...new Set(list.items.flatMap((c) => c.labels))].sort();
  const inboxList = inboxes.data?.inboxes ?? [];
  const userList = users.data?.users ?? [];
  const countList = counts.data?.counts ?? [];

  return (
    <div className={`inbox${openId ? ' inbox-has-open' : ''}`}>
      <h1 className="visually-hidden">Inbox</h1>
      <InboxSidebar inboxes={inboxList} counts={countList} filter={filter} location={location} />
      <section className="inbox-list-pane" aria-label="Conversation list">
        <StatusTabs counts={countList} filter={filter} location={location} />
        <InboxFilters
          key={search}
          filter={filter}
          location={location}
          users={userList}
          knownLabels={knownLabels}
          search={searchBox}
        />
        <ConversationList
          items={list.items}
          selectedId={openId}
          loading={list.loading}
          loadingMore={list.loadingMore}
          error={list.error}
          hasMore={list.cursor !== null}
          inboxes={inboxList}
          users={userList}
          onOpen={open}
          onEnter={() => composer.current?.focus()}
          onLoadMore={() => void list.loadMore()}
          onPainted={markPainted}
        />
      </section>
      <div className="inbox-conversation-pane">
        {openId ? (
          <ConversationView
            key={openId}
            id={openId}
            version={version}
            inboxes={inboxList}
            users={userList}
            composer={composer}
            onBack={() => navigate(withQuery(location, { c: null }))}
            onChanged={() => {
              void list.refresh();
              counts.reload();
            }}
          />
        ) : (
          <p className="empty empty-conversation">
            Pick a conversation to read it. Use ↑ ↓ or j k to move, Enter to reply.
          </p>
        )}
      </div>
    </div>
  );
}
