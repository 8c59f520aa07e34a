import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, messageOf, unwrap } from '../../api/client.js';
import type { Conversation } from '../../api/types.js';
import { type InboxFilter, listQuery, sortsBefore } from './inbox-filter.js';

interface ListState {
  key: string;
  items: Conversation[];
  cursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
}

const fetchPage = (filter: InboxFilter, cursor?: string) =>
  unwrap(api.GET('/api/v1/conversations', { params: { query: listQuery(filter, cursor) } }));

/**
 * The conversations of a filter, a page at a time. `refresh()` (after a realtime change) reloads
 * the first page and merges it with what was already scrolled through, so the list keeps its place.
 * `filter` should keep its identity while its contents stay the same (memoize it).
 */
export function useConversationList(filter: InboxFilter) {
  const key = JSON.stringify(filter);
  const [state, setState] = useState<ListState>({
    key,
    items: [],
    cursor: null,
    loading: true,
    loadingMore: false,
    error: null,
  });
  const current = useRef(state);
  current.current = state;

  useEffect(() => {
    let live = true;
    setState({ key, items: [], cursor: null, loading: true, loadingMore: false, error: null });
    fetchPage(filter)
      .then(
        (page) =>
          live &&
          setState((s) => ({ ...s, items: page.conversations, cursor: page.next_cursor, loading: false })),
      )
      .catch((error: unknown) => live && setState((s) => ({ ...s, loading: false, error: failure(error) })));
    return () => {
      live = false;
    };
  }, [filter, key]);

  const loadMore = useCallback(async () => {
    const { cursor, loadingMore, key: at } = current.current;
    if (!cursor || loadingMore || at !== key) return;
    setState((s) => ({ ...s, loadingMore: true }));
    try {
      const page = await fetchPage(filter, cursor);
      setState((s) => {
        if (s.key !== at) return s;
        const seen = new Set(s.items.map((c) => c.id));
        return {
          ...s,
          items: [...s.items, ...page.conversations.filter((c) => !seen.has(c.id))],
          cursor: page.next_cursor,
          loadingMore: false,
        };
      });
    } catch (error) {
      setState((s) => (s.key === at ? { ...s, loadingMore: false, error: failure(error) } : s));
    }
  }, [filter, key]);

  const refresh = useCallback(async () => {
    const at = key;
    try {
      const head = await fetchPage(filter);
      setState((s) =>
        s.key === at ? { ...s, ...mergeHead(s, head.conversations, head.next_cursor), error: null } : s,
      );
    } catch (error) {
      setState((s) => (s.key === at ? { ...s, error: failure(error) } : s));
    }
  }, [filter, key]);

  return { ...state, loadMore, refresh };
}

/** The new first page, then whatever was loaded beyond it that still sorts after it. */
export function mergeHead(
  state: { items: Conversation[]; cursor: string | null },
  head: Conversation[],
  headCursor: string | null,
): { items: Conversation[]; cursor: string | null } {
  const last = head[head.length - 1];
  if (!headCursor || !last) return { items: head, cursor: headCursor };
  const ids = new Set(head.map((c) => c.id));
  const beyond = state.items.filter((c) => !ids.has(c.id) && sortsBefore(last, c));
  return { items: [...head, ...beyond], cursor: beyond.length ? state.cursor : headCursor };
}

function failure(error: unknown): string | null {
  return error instanceof ApiError && error.status === 401 ? null : messageOf(error);
}
