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
const listeners = new Set<(activate: Activate | null) => void>();

/** Called by the registration when a new service worker is installed and waiting. */
export function offerUpdate(activate: Activate): void {
  waiting = activate;
  for (const listener of listeners) listener(waiting);
}

/** Whether an update waits for the volunteer's go-ahead. */
export function useUpdateOffer(): boolean {
  const [offer, setOffer] = useState(waiting);
  useEffect(() => {
    listeners.add(setOffer);
    setOffer(waiting);
    return () => void listeners.delete(setOffer);
  }, []);
  return offer !== null;
}

/** Saves any unsaved draft first, then activates the new version (which reloads the page). */
export async function applyUpdate(): Promise<void> {
  if (!waiting) return;
  await flushDrafts();
  waiting();
}
