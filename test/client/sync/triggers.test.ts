import { afterEach, describe, expect, it } from 'vitest';
import { requestSync } from '../../../src/client/sync/request-sync';
import type { SyncTrigger } from '../../../src/client/sync/sync-engine';
import { attachSyncTriggers } from '../../../src/client/sync/sync-triggers';
import { INITIAL_STATUS, createStatusStore } from '../../../src/client/sync/status-store';
import { daysBetween, formatTimeAgo } from '../../../src/client/sync/relative-time';

/** Records what the triggers ask of the engine; the triggers are the subject here, not the engine. */
function recordingEngine() {
  const requests: SyncTrigger[] = [];
  const hints: boolean[] = [];
  const store = createStatusStore({ ...INITIAL_STATUS, waiting: 2 });
  const engine = {
    status: store,
    requestSync: (trigger: SyncTrigger = 'save') => void requests.push(trigger),
    noteOnlineHint: (isOnline: boolean) => void hints.push(isOnline),
  } satisfies Parameters<typeof attachSyncTriggers>[0];
  return { engine, requests, hints, store };
}

let detach: () => void = () => undefined;
afterEach(() => detach());

describe('sync triggers', () => {
  it('asks for a sync on save, on coming online and on becoming visible; offline is only a hint', () => {
    const { engine, requests, hints } = recordingEngine();
    detach = attachSyncTriggers(engine, { window, document, timerMs: 60_000 });
    requestSync('save');
    window.dispatchEvent(new Event('offline'));
    window.dispatchEvent(new Event('online'));
    Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(requests).toEqual(['save', 'online', 'visible']);
    expect(hints.slice(1)).toEqual([false, true]);
  });

  it('stops listening when detached', () => {
    const { engine, requests } = recordingEngine();
    attachSyncTriggers(engine, { window, document, timerMs: 60_000 })();
    requestSync('save');
    window.dispatchEvent(new Event('online'));
    expect(requests).toEqual([]);
  });
});

describe('relative time', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  it.each([
    { then: '2026-11-23T11:59:30Z', id: 'baru saja', en: 'just now' },
    { then: '2026-11-23T11:55:00Z', id: '5 menit lalu', en: '5 minutes ago' },
    { then: '2026-11-23T10:00:00Z', id: '2 jam lalu', en: '2 hours ago' },
    { then: '2026-11-20T12:00:00Z', id: '3 hari lalu', en: '3 days ago' },
    { then: '2026-11-23T15:00:00Z', id: 'baru saja', en: 'just now' }, // a clock that ran ahead
  ])('$then → "$id" / "$en"', ({ then, id, en }) => {
    expect(formatTimeAgo(then, now, 'id')).toBe(id);
    expect(formatTimeAgo(then, now, 'en')).toBe(en);
  });

  it('counts whole days', () => {
    expect(daysBetween('2026-11-20T12:00:01Z', now)).toBe(2);
    expect(daysBetween('2026-11-20T12:00:00Z', now)).toBe(3);
  });
});
