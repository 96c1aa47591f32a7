/**
 * A value that follows `value` once it has stopped changing for `delayMs`. The records list searches
 * with it, so typing a name runs one search when the volunteer pauses instead of one per keystroke
 * (at 100,000 records a search can take ~100 ms on a cheap phone). An empty value follows at once:
 * clearing the box shows the whole list without a wait.
 */
import { useEffect, useState } from 'preact/hooks';

export const SEARCH_DEBOUNCE_MS = 150;

export function useDebounced(value: string, delayMs = SEARCH_DEBOUNCE_MS): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (value === '') return setSettled('');
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}
