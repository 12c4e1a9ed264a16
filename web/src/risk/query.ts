/**
 * A small request cache for the risk view: one entry per key ("area:140882", "ledger:all"…), shared by every
 * component that asks for it, kept while the view lives (going back up the drill-down is instant), dropped by
 * prefix after a change (a ledger move changes grades, so "area" and "areas" go with "ledger"). Loading and errors
 * are state, shown in words by the panels; a new request aborts nothing that another component still waits for.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { ApiRequestError } from '../api/client.ts';

export interface QueryState<T> {
  data?: T;
  error?: { message: string; network: boolean; status?: number };
  loading: boolean;
}

interface Entry {
  state: QueryState<unknown>;
  promise?: Promise<void>;
  fetcher: (signal: AbortSignal) => Promise<unknown>;
}

const IDLE: QueryState<never> = { loading: false };

export function describeError(error: unknown): { message: string; network: boolean; status?: number } {
  if (error instanceof ApiRequestError) return { message: error.message, network: false, status: error.status };
  if (error instanceof TypeError) return { message: error.message, network: true };
  return { message: error instanceof Error ? error.message : String(error), network: false };
}

export class QueryCache {
  private entries = new Map<string, Entry>();
  private listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  get<T>(key: string): QueryState<T> {
    return (this.entries.get(key)?.state as QueryState<T>) ?? IDLE;
  }

  private emit() {
    for (const l of this.listeners) l();
  }

  /** Starts the request unless it is cached or in flight. */
  ensure(key: string, fetcher: (signal: AbortSignal) => Promise<unknown>): void {
    const entry = this.entries.get(key);
    if (entry && (entry.promise || entry.state.data !== undefined || entry.state.error)) return;
    this.load(key, fetcher);
  }

  private load(key: string, fetcher: (signal: AbortSignal) => Promise<unknown>) {
    const previous = this.entries.get(key)?.state.data;
    const controller = new AbortController();
    const entry: Entry = { state: { data: previous, loading: true }, fetcher };
    this.entries.set(key, entry);
    entry.promise = fetcher(controller.signal).then(
      (data) => {
        if (this.entries.get(key) !== entry) return;
        entry.state = { data, loading: false };
        entry.promise = undefined;
        this.emit();
      },
      (error: unknown) => {
        if (this.entries.get(key) !== entry) return;
        entry.state = { data: previous, error: describeError(error), loading: false };
        entry.promise = undefined;
        this.emit();
      },
    );
    this.emit();
  }

  /** Asks again (the retry button). */
  reload(key: string) {
    const entry = this.entries.get(key);
    if (entry) this.load(key, entry.fetcher);
  }

  /** Forgets every entry whose key starts with one of the prefixes; mounted hooks ask again (stale data stays shown meanwhile). */
  invalidate(...prefixes: string[]) {
    for (const [key, entry] of this.entries) {
      if (prefixes.some((p) => key.startsWith(p))) this.load(key, entry.fetcher);
    }
  }
}

/** The state of one cached request; `key` null asks for nothing. */
export function useQuery<T>(cache: QueryCache, key: string | null, fetcher: (signal: AbortSignal) => Promise<T>): QueryState<T> & { reload(): void } {
  const state = useSyncExternalStore(cache.subscribe, () => (key ? cache.get<T>(key) : (IDLE as QueryState<T>)));
  useEffect(() => {
    if (key) cache.ensure(key, fetcher);
    // The fetcher is a fresh closure each render; the key names the request.
  }, [cache, key]);
  const reload = useCallback(() => key && cache.reload(key), [cache, key]);
  return { ...state, loading: state.loading || (key !== null && state.data === undefined && !state.error), reload };
}
