import { createContext, type ReactNode, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { RealtimeEvent } from '../api/types.js';

/** What a page hears: a change it may see, or `resync` when some may have been missed. */
export type Heard = RealtimeEvent | 'resync';
type Handler = (heard: Heard) => void;

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

interface Realtime {
  subscribe(handler: Handler): () => void;
  status: LiveStatus;
}

const RealtimeContext = createContext<Realtime | null>(null);

function isRealtimeEvent(value: unknown): value is RealtimeEvent {
  if (typeof value !== 'object' || value === null) return false;
  const v: Record<string, unknown> = { ...value };
  const nullableString = (x: unknown) => x === null || typeof x === 'string';
  return (
    typeof v.action === 'string' &&
    typeof v.outcome === 'string' &&
    nullableString(v.inbox_id) &&
    nullableString(v.conversation_id)
  );
}

/**
 * One EventSource per tab on `/api/v1/events/stream`, shared by every page. The server sends only
 * what this person may see; a reconnection asks every page to refetch. `onExpired` is told when the
 * server ends the stream because the session ended.
 */
export function RealtimeProvider({
  children,
  enabled,
  onExpired,
}: {
  children: ReactNode;
  /** Off while the session is expired; on again once signed in. */
  enabled: boolean;
  onExpired(): void;
}) {
  const handlers = useRef(new Set<Handler>());
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const connectedBefore = useRef(false);
  const expired = useRef(onExpired);
  expired.current = onExpired;

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return undefined;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    const tell = (heard: Heard) => handlers.current.forEach((handler) => handler(heard));
    const open = () => {
      source = new EventSource('/api/v1/events/stream');
      source.addEventListener('ready', () => {
        setStatus('live');
        if (connectedBefore.current) tell('resync');
        connectedBefore.current = true;
      });
      source.addEventListener('change', (message) => {
        const data: unknown = JSON.parse(String(message.data));
        if (isRealtimeEvent(data)) tell(data);
      });
      source.addEventListener('resync', () => tell('resync'));
      source.addEventListener('expired', () => {
        source?.close();
        expired.current();
      });
      source.onerror = () => {
        setStatus('reconnecting');
        // A refused stream (e.g. 401) is not retried by the browser: retry here, and let the
        // session find out whether it has ended.
        if (source?.readyState === EventSource.CLOSED) {
          expired.current();
          retry = setTimeout(open, 5000);
        }
      };
    };
    open();
    return () => {
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, [enabled]);

  const value = useMemo<Realtime>(
    () => ({
      status,
      subscribe(handler) {
        handlers.current.add(handler);
        return () => handlers.current.delete(handler);
      },
    }),
    [status],
  );
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

/** Calls `handler` for every change heard (the latest handler: no need to memoize it). */
export function useRealtime(handler: Handler): void {
  const realtime = useContext(RealtimeContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => realtime?.subscribe((heard) => latest.current(heard)), [realtime]);
}

export function useLiveStatus(): LiveStatus {
  return useContext(RealtimeContext)?.status ?? 'connecting';
}
