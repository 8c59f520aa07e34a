import { type KeyboardEvent, useEffect, useRef } from 'react';
import type { Conversation, Inbox, User } from '../../api/types.js';
import { Button, Loading, Notice } from '../../components/ui.js';
import { formatRelative } from '../../lib/format.js';

const AUTHOR = { contact: 'Customer', user: 'Teammate', agent: 'AI agent', system: 'Activity' } as const;

function Row({
  conversation,
  selected,
  inboxName,
  assignee,
  onOpen,
}: {
  conversation: Conversation;
  selected: boolean;
  inboxName: string | null;
  assignee: string | null;
  onOpen(): void;
}) {
  const last = conversation.last_message;
  const who = conversation.contact.name ?? conversation.contact.email ?? 'Unknown customer';
  return (
    <li
      id={`conversation-${conversation.id}`}
      role="option"
      aria-selected={selected}
      className={`conversation-row${selected ? ' conversation-row-selected' : ''}`}
      onClick={onOpen}
    >
      <div className="row-top">
        <span className="row-contact">{who}</span>
        <time dateTime={conversation.last_activity_at}>{formatRelative(conversation.last_activity_at)}</time>
      </div>
      {last && (
        <p className={`row-preview row-preview-${last.type}`}>
          <span className="row-author">{last.type === 'note' ? 'Note' : AUTHOR[last.author.kind]}:</span>{' '}
          {last.content.slice(0, 160)}
        </p>
      )}
      <div className="row-meta">
        {inboxName && <span className="chip">{inboxName}</span>}
        {conversation.priority !== 'none' && (
          <span className={`chip chip-priority-${conversation.priority}`}>{conversation.priority}</span>
        )}
        {conversation.labels.map((label) => (
          <span key={label} className="chip chip-label">
            {label}
          </span>
        ))}
        {assignee && <span className="row-assignee">→ {assignee}</span>}
      </div>
    </li>
  );
}

/**
 * The conversations, newest activity first. One tab stop: arrow keys or j/k move and open, Home
 * and End jump, Enter goes to the reply box. More load as the end scrolls into view.
 */
export function ConversationList({
  items,
  selectedId,
  loading,
  loadingMore,
  error,
  hasMore,
  inboxes,
  users,
  onOpen,
  onEnter,
  onLoadMore,
  onPainted,
}: {
  items: Conversation[];
  selectedId: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  hasMore: boolean;
  inboxes: Inbox[];
  users: User[];
  onOpen(id: string, how: 'click' | 'key'): void;
  onEnter(): void;
  onLoadMore(): void;
  onPainted?(): void;
}) {
  const end = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const inboxName = new Map(inboxes.map((i) => [i.id, i.name]));
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const showInbox = inboxes.length > 1;

  useEffect(() => {
    if (!end.current || !hasMore || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver(
      (entries) => entries.some((e) => e.isIntersecting) && onLoadMore(),
    );
    observer.observe(end.current);
    return () => observer.disconnect();
  }, [hasMore, onLoadMore]);

  const painted = useRef(false);
  useEffect(() => {
    if (painted.current || loading) return;
    painted.current = true;
    onPainted?.();
  }, [loading, onPainted]);

  useEffect(() => {
    if (selectedId)
      document.getElementById(`conversation-${selectedId}`)?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const at = items.findIndex((c) => c.id === selectedId);
    const move = (index: number) => {
      const next = items[Math.max(0, Math.min(items.length - 1, index))];
      if (next) onOpen(next.id, 'key');
      if (index >= items.length - 5 && hasMore) onLoadMore();
    };
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(at + 1),
      j: () => move(at + 1),
      ArrowUp: () => move(at - 1),
      k: () => move(at - 1),
      Home: () => move(0),
      End: () => move(items.length - 1),
      Enter: () => (selectedId ? onEnter() : move(0)),
    };
    const action = keys[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    action();
  };

  if (loading && !items.length) return <Loading label="Loading conversations…" />;
  return (
    <div className="conversation-list">
      {error && <Notice tone="error">{error}</Notice>}
      {!items.length && !error ? (
        <p className="empty">No conversations here.</p>
      ) : (
        <ul
          ref={list}
          role="listbox"
          aria-label="Conversations"
          tabIndex={0}
          aria-activedescendant={selectedId ? `conversation-${selectedId}` : undefined}
          onKeyDown={onKeyDown}
        >
          {items.map((conversation) => (
            <Row
              key={conversation.id}
              conversation={conversation}
              selected={conversation.id === selectedId}
              inboxName={showInbox ? (inboxName.get(conversation.inbox_id) ?? null) : null}
              assignee={
                conversation.assignee_id ? (userName.get(conversation.assignee_id) ?? 'Someone') : null
              }
              onOpen={() => {
                onOpen(conversation.id, 'click');
                list.current?.focus({ preventScroll: true });
              }}
            />
          ))}
        </ul>
      )}
      <div ref={end} className="list-end">
        {hasMore && (
          <Button onClick={onLoadMore} busy={loadingMore}>
            {loadingMore ? 'Loading…' : 'Load more'}
          </Button>
        )}
      </div>
    </div>
  );
}
