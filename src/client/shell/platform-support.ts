/**
 * What the browser offers this page that Jaring's promises rest on. A service worker (the app opens
 * with no signal), Web Locks (one sync runner) and persistent storage exist only in a secure context:
 * HTTPS, or localhost. Opened as `http://<office PC>:8080` the page still saves into IndexedDB and
 * syncs, but an offline reload shows the browser's error page, so the volunteer must be told why.
 * Read once at start-up, synchronously, so the explanation is part of the first paint.
 */

export interface PlatformSupport {
  /** window.isSecureContext: HTTPS or localhost. */
  isSecureContext: boolean;
  /** navigator.serviceWorker exists (absent outside a secure context, or turned off by the browser). */
  hasServiceWorker: boolean;
}

interface WindowLike {
  isSecureContext?: boolean;
  navigator?: { serviceWorker?: unknown };
}

export function readPlatformSupport(win: WindowLike): PlatformSupport {
  return {
    isSecureContext: win.isSecureContext === true,
    hasServiceWorker: win.navigator?.serviceWorker !== undefined,
  };
}

/** Why the app cannot work offline here, or undefined when nothing is missing. */
export type PlatformProblem = 'insecure_context' | 'no_service_worker';

export function platformProblem(support: PlatformSupport): PlatformProblem | undefined {
  if (!support.isSecureContext) return 'insecure_context';
  return support.hasServiceWorker ? undefined : 'no_service_worker';
}
