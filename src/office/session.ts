/**
 * What every Kantor screen knows about the signed-in officer, and how it reports that the session has
 * ended (any 401), so the console goes back to the sign-in page instead of showing a broken screen.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { canCall, type AccessKey } from '../shared/access';
import type { Me } from '../shared/accounts';
import { ApiError } from './api';

export interface SessionValue {
  me: Me;
  sessionEnded(): void;
}

export const SessionContext = createContext<SessionValue | undefined>(undefined);

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside a signed-in Kantor');
  return value;
}

/** Whether the signed-in officer may call a route: the same table the registry enforces. */
export function useCan(): (key: AccessKey) => boolean {
  const { me } = useSession();
  return (key) => canCall(me.role, key);
}

/** Runs an API call; a 401 ends the session in the UI, other errors come back as their message. */
export function useApiCall() {
  const { sessionEnded } = useSession();
  return async function call<T>(
    run: () => Promise<T>,
  ): Promise<{ ok: true; value: T } | { ok: false; message: string }> {
    try {
      return { ok: true, value: await run() };
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) sessionEnded();
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  };
}
