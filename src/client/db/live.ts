/**
 * Live queries for the UI without importing dexie: `observe(() => countRegistrations(db, today))`
 * re-runs the query whenever a table it read changes (in this tab or another) and pushes the result.
 */
import { liveQuery } from 'dexie';

export interface LiveQuery<T> {
  /** Calls `onValue` with the first result and again after every relevant change. Returns unsubscribe. */
  subscribe(onValue: (value: T) => void, onError?: (error: unknown) => void): () => void;
}

export function observe<T>(query: () => Promise<T>): LiveQuery<T> {
  return {
    subscribe(onValue, onError) {
      const subscription = liveQuery(query).subscribe({
        next: onValue,
        error: (error: unknown) => onError?.(error),
      });
      return () => subscription.unsubscribe();
    },
  };
}
