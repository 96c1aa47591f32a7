/**
 * The coordinator's enrollment link, the one Kantor's QR code holds: `/?kode=XXXX-XXXX-XXXX` (or
 * `#/pengaturan?kode=…`). Opening it shows Pengaturan with the code filled in; the volunteer still
 * presses "Daftarkan HP ini". The code is taken out of the address at once (history.replaceState), so
 * it stays neither in the history nor in a bookmark or a shared screenshot of the address bar.
 *
 * Works offline-first: the service worker answers the navigation with index.html and the address keeps
 * its query string, which is all this reads. The code waits here, in memory, until the phone enrolls.
 */
const PARAM = 'kode';
/** HREF.settings; routes.ts imports this module, so it is not imported back. */
const SETTINGS_HASH = '#/pengaturan';
/** A code is 14 characters; anything far longer or with other characters is not one. */
const CODE_SHAPE = /^[0-9A-Za-z-]{4,64}$/;

let linkedCode: string | undefined;
const listeners = new Set<(code: string) => void>();

/** The link's code (from the query string or the hash's own query) and the address without it. */
export function readEnrollLink(href: string): { code: string | undefined; cleanUrl: string } | undefined {
  const url = new URL(href);
  const hashQuery = new URLSearchParams(url.hash.split('?', 2)[1] ?? '');
  const raw = url.searchParams.get(PARAM) ?? hashQuery.get(PARAM);
  if (raw === null) return undefined;
  url.searchParams.delete(PARAM);
  // The link is for enrolling: whatever else its hash said, the phone opens at Pengaturan.
  url.hash = SETTINGS_HASH;
  const code = raw.trim().toUpperCase();
  return { code: CODE_SHAPE.test(code) ? code : undefined, cleanUrl: url.toString() };
}

/**
 * Takes a code from the current address, if there is one: keeps it for the enroll form, removes it
 * from the address, and leaves the address at Pengaturan. Call before the route is read.
 */
export function takeEnrollLink(): void {
  const link = readEnrollLink(window.location.href);
  if (!link) return;
  window.history.replaceState(window.history.state, '', link.cleanUrl);
  if (link.code === undefined) return;
  linkedCode = link.code;
  for (const listener of listeners) listener(link.code);
}

/** The code from a link opened on this page and not yet used. */
export function linkedEnrollCode(): string | undefined {
  return linkedCode;
}

/** Called with each code from a link opened while the page is open (a hash change). */
export function onEnrollLink(listener: (code: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The phone enrolled: the code is used up. */
export function forgetEnrollLink(): void {
  linkedCode = undefined;
}
