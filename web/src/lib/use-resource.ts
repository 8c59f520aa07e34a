import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, messageOf } from '../api/client.js';

export interface Resource<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  /** Loads again, keeping the current data on screen meanwhile. */
  reload(): void;
}

/**
 * Loads `load()` when `key` changes, and again on `reload()`. A late answer to an older key never
 * replaces a newer one. A 401 is left to the session (it shows the sign-in dialog).
 */
export function useResource<T>(key: string, load: () => Promise<T>): Resource<T> {
  const [state, setState] = useState<{ key: string; data?: T; error: string | null }>({
    key,
    error: null,
  });
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  useEffect(() => {
    let current = true;
    setLoading(true);
    loader
      .current()
      .then((data) => current && setState({ key, data, error: null }))
      .catch((error: unknown) => {
        if (!current) return;
        const message = error instanceof ApiError && error.status === 401 ? null : messageOf(error);
        setState((s) => ({ key, data: s.key === key ? s.data : undefined, error: message }));
      })
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data: state.key === key ? state.data : undefined, error: state.error, loading, reload };
}
