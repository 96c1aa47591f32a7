import { screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { getMeta } from '../../../src/client/db';
import { SyncBar } from '../../../src/client/sync/SyncBar';
import {
  enrollFixture,
  makeSyncFixture,
  MINUTE,
  NOW_MS,
  registryAccepting,
  renderWithSync,
  seedSaved,
} from './render-sync';

/** The real registry's answers, with its `Date` header `offsetMs` behind the phone's clock. */
function registryWithClock(offsetMs: number, pushBodies: unknown[]) {
  return async (url: string, init?: RequestInit) => {
    if (url.includes('/sync/push')) pushBodies.push(JSON.parse(String(init?.body)));
    const answer = await registryAccepting(url, init);
    answer.headers.set('date', new Date(NOW_MS - offsetMs).toUTCString());
    return answer;
  };
}

async function syncedPhone(offsetMs: number) {
  const pushBodies: unknown[] = [];
  const fixture = makeSyncFixture(registryWithClock(offsetMs, pushBodies));
  await enrollFixture(fixture);
  await seedSaved(fixture.db, 1);
  await fixture.engine.syncOnce();
  return { fixture, pushBodies };
}

const warningOf = () => document.querySelector('.sync-clock');

describe('a phone clock that is off', () => {
  it('is measured from the registry’s Date header, kept in meta, and warned about with both times', async () => {
    const { fixture } = await syncedPhone(2 * 60 * MINUTE); // the phone is 2 hours ahead
    expect(fixture.engine.status.get().clockOffsetS).toBe(7_200);
    expect(await getMeta(fixture.db, 'sync.clockOffset')).toMatchObject({ offsetS: 7_200 });
    renderWithSync(fixture, <SyncBar />);
    const warning = await screen.findByText(/Jam HP ini 2 jam lebih cepat dari server/);
    expect(warning.textContent).toContain('Jam HP: 23 Nov 2026');
    expect(warning.textContent).toMatch(/jam server: 23 Nov 2026,? 0?\d[.:]\d\d/);
    expect(warning.textContent).toContain('atur tanggal & jam HP ke otomatis');
  });

  it('says it in English too, and the other way round', async () => {
    const { fixture } = await syncedPhone(-45 * MINUTE);
    renderWithSync(fixture, <SyncBar />, 'en');
    expect(await screen.findByText(/This phone's clock is 45 minutes behind the server/)).toBeDefined();
  });

  it('stays after a reload, before any sync (a new engine on the same database)', async () => {
    const { fixture } = await syncedPhone(3 * 86_400_000);
    const again = makeSyncFixture(undefined, fixture.db); // offline now
    await again.engine.start();
    renderWithSync(again, <SyncBar />);
    expect(await screen.findByText(/Jam HP ini 3 hari lebih cepat dari server/)).toBeDefined();
    again.engine.stop();
  });

  it('within 10 minutes: no warning', async () => {
    const { fixture } = await syncedPhone(9 * MINUTE);
    await fixture.engine.start();
    renderWithSync(fixture, <SyncBar />);
    await waitFor(() => expect(fixture.engine.status.get().clockOffsetS).toBe(540));
    expect(screen.queryByText(/Jam HP ini/)).toBeNull();
    expect(warningOf()).toBeNull();
    fixture.engine.stop();
  });

  it('is sent with each push after it was measured', async () => {
    const { fixture, pushBodies } = await syncedPhone(20 * MINUTE);
    expect(pushBodies[0]).not.toHaveProperty('clockOffsetS'); // nothing measured before the first answer
    await seedSaved(fixture.db, 1);
    await fixture.engine.syncOnce();
    expect(pushBodies[1]).toMatchObject({ clockOffsetS: 1_200 });
  });
});
