/**
 * Hash routes: #/daftar (new registration), #/data (list), #/data/<id> (detail),
 * #/data/<id>/ubah (edit), #/data/<id>/bukti (the receipt), #/pengaturan (settings). Hash routing keeps every URL served by index.html,
 * which is what the service worker's navigation fallback can answer offline.
 */
import { useEffect, useState } from 'preact/hooks';
import { takeEnrollLink } from './enroll-link';

export type Route =
  | { name: 'register' }
  | { name: 'records' }
  | { name: 'record'; id: string }
  | { name: 'edit'; id: string }
  | { name: 'receipt'; id: string }
  | { name: 'settings' }
  | { name: 'not_found' };

export const HREF = {
  register: '#/daftar',
  records: '#/data',
  settings: '#/pengaturan',
  record: (id: string) => `#/data/${encodeURIComponent(id)}`,
  edit: (id: string) => `#/data/${encodeURIComponent(id)}/ubah`,
  receipt: (id: string) => `#/data/${encodeURIComponent(id)}/bukti`,
} as const;

export function parseRoute(hash: string): Route {
  // A query in the hash (`#/pengaturan?kode=…`, the enrollment link) is not part of the route.
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/').filter(Boolean);
  const [first, id, action] = parts;
  if (parts.length === 0 || (first === 'daftar' && parts.length === 1)) return { name: 'register' };
  if (first === 'pengaturan' && parts.length === 1) return { name: 'settings' };
  if (first !== 'data') return { name: 'not_found' };
  if (id === undefined) return { name: 'records' };
  if (action === undefined) return { name: 'record', id: decodeURIComponent(id) };
  if (action === 'ubah' && parts.length === 3) return { name: 'edit', id: decodeURIComponent(id) };
  if (action === 'bukti' && parts.length === 3) return { name: 'receipt', id: decodeURIComponent(id) };
  return { name: 'not_found' };
}

export function navigate(href: string): void {
  window.location.hash = href;
}

/** The current route; re-renders on every hash change. An enrollment link is taken out first. */
export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => (takeEnrollLink(), parseRoute(window.location.hash)));
  useEffect(() => {
    const update = () => (takeEnrollLink(), setRoute(parseRoute(window.location.hash)));
    window.addEventListener('hashchange', update);
    update();
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return route;
}
