/** Subscribes a component to a live database query (through db `observe`, so no dexie here). */
import { useEffect, useState } from 'preact/hooks';
import { observe } from '../db';

/**
 * The latest result of `query`, or undefined until the first one arrives. `deps` are the query's
 * inputs: the subscription is renewed when one of them changes.
 */
export function useLive<T>(query: () => Promise<T>, deps: readonly unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => observe(query).subscribe(setValue), deps);
  return value;
}
