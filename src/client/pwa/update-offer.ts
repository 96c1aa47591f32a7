/**
 * A waiting new version of the app, offered to the volunteer. Stateful (module level): the service
 * worker registration (loaded after first paint) offers it; the UpdatePrompt shows it. The app never
 * reloads on its own: only `applyUpdate`, called from the prompt's button, does — and only after every
 * draft write is on disk.
 */
import { useEffect, useState } from 'preact/hooks';
import { flushDrafts } from '../drafts/draft-autosave';

type Activate = () => void;

let waiting: Activate | null = null;
// Listeners get a boolean, never the activate function: a state setter called with a function runs it
// as an updater, which would apply the update without the volunteer's go-ahead.
const listeners = new Set<(isOffered: boolean) => void>();

/** Called by the registration when a new service worker is installed and waiting. */
export function offerUpdate(activate: Activate): void {
  waiting = activate;
  for (const listener of listeners) listener(true);
}

/** Whether an update waits for the volunteer's go-ahead. */
export function useUpdateOffer(): boolean {
  const [isOffered, setOffered] = useState(waiting !== null);
  useEffect(() => {
    listeners.add(setOffered);
    setOffered(waiting !== null);
    return () => void listeners.delete(setOffered);
  }, []);
  return isOffered;
}

/** Saves any unsaved draft first, then activates the new version (which reloads the page). */
export async function applyUpdate(): Promise<void> {
  if (!waiting) return;
  await flushDrafts();
  waiting();
}
