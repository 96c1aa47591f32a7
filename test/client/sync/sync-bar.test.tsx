import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { getMeta, keepDraftPhoto, NEW_DRAFT_ID, saveNewRegistration } from '../../../src/client/db';
import { takenPhoto } from '../../fixtures/photos';
import { makeFields, uniquePerson } from '../../fixtures/registrations';
import { SyncBar } from '../../../src/client/sync/SyncBar';
import { EnrollSection } from '../../../src/client/sync/EnrollSection';
import {
  DAY,
  enrollFixture,
  jsonResponse,
  makeSyncFixture,
  MINUTE,
  NOW_MS,
  renderWithSync,
  seedSaved,
  registryAccepting,
  setLastSuccess,
  type SyncFixture,
} from './render-sync';

const ago = (ms: number) => new Date(NOW_MS - ms).toISOString();

/** After a failed run the engine waits to retry; only from then on does a press cut the wait short. */
const waitForRetryWait = (fixture: SyncFixture) =>
  waitFor(() => expect(fixture.engine.status.get().nextRetryAt).toBeDefined());

describe('SyncBar', () => {
  it.each([
    { lang: 'id' as const, lastSuccess: ago(5 * MINUTE), text: 'Terakhir sinkron 5 menit lalu' },
    { lang: 'id' as const, lastSuccess: ago(3 * 60 * MINUTE), text: 'Terakhir sinkron 3 jam lalu' },
    { lang: 'en' as const, lastSuccess: ago(5 * MINUTE), text: 'Last synced 5 minutes ago' },
    { lang: 'en' as const, lastSuccess: ago(1 * MINUTE), text: 'Last synced 1 minute ago' },
  ])(
    'shows waiting records and the last sync in words ($lang: "$text")',
    async ({ lang, lastSuccess, text }) => {
      const fixture = makeSyncFixture();
      await seedSaved(fixture.db, 2);
      await setLastSuccess(fixture.db, lastSuccess);
      await fixture.engine.start();
      renderWithSync(fixture, <SyncBar />, lang);
      expect(await screen.findByText(text)).toBeTruthy();
      expect(screen.getByText(lang === 'id' ? '2 menunggu' : '2 waiting')).toBeTruthy();
      fixture.engine.stop();
    },
  );

  it('counts the photos still to send, after their records were accepted too; a draft’s is not one', async () => {
    const fixture = makeSyncFixture();
    const ids: string[] = [];
    for (const seed of [1, 2]) {
      const ctx = { now: new Date(NOW_MS), newId: () => crypto.randomUUID() };
      const result = await saveNewRegistration(fixture.db, makeFields(uniquePerson()), ctx, takenPhoto(seed));
      if (result.ok) ids.push(result.record.id);
    }
    await keepDraftPhoto(fixture.db, NEW_DRAFT_ID, takenPhoto(3), new Date(NOW_MS));
    /** What a push answer does to a record the registry accepted: no outbox entry, version acknowledged. */
    const accept = async (id: string) => {
      await fixture.db.outbox.delete(id);
      await fixture.db.registrations.update(id, { sentVersion: 1, syncState: 'sent' });
    };
    await accept(ids[0]!);
    await enrollFixture(fixture);
    await setLastSuccess(fixture.db, ago(5 * MINUTE));
    await fixture.engine.start();
    const { container } = renderWithSync(fixture, <SyncBar />);
    // Two lines whatever they say: the row keeps its height (test/e2e/progress.test.ts).
    const lines = () =>
      [...container.querySelectorAll('.sync-row .sync-line')].map((l) => l.textContent?.split(' · ').at(-1));
    await waitFor(() => expect(lines()).toEqual(['1 menunggu', '2 foto menunggu dikirim']));
    await accept(ids[1]!);
    await waitFor(() => expect(lines()).toEqual(['0 menunggu', '2 foto menunggu dikirim']));
    await fixture.db.photos.where('state').equals('waiting').delete();
    await waitFor(() => expect(lines()).toEqual(['0 menunggu', 'Terakhir sinkron 5 menit lalu']));
    fixture.engine.stop();
  });

  it('asks to enroll in the row itself (no notice below it), and never calls the network before that', async () => {
    const fixture = makeSyncFixture();
    await seedSaved(fixture.db, 1);
    await fixture.engine.start();
    const { container } = renderWithSync(fixture, <SyncBar />);
    const link = await screen.findByRole('link', { name: 'HP belum didaftarkan — masukkan kode' });
    expect(link.getAttribute('href')).toBe('#/pengaturan');
    expect(link.closest('.sync-row')).toBeTruthy();
    expect(container.querySelector('.sync-notices')?.textContent).toBe('');
    expect(fixture.fetchCalls).toEqual([]);
    fixture.engine.stop();
  });

  it('says nothing about enrollment before the stored status is read', async () => {
    const fixture = makeSyncFixture();
    await enrollFixture(fixture);
    renderWithSync(fixture, <SyncBar />); // the engine has not read the stored status yet
    expect(screen.queryByText(/belum didaftarkan/)).toBeNull();
    expect(screen.getByText('Belum pernah sinkron')).toBeTruthy();
  });

  it('"Sinkronkan sekarang" runs a sync; a failure shows in plain Indonesian and the records stay', async () => {
    const fixture = makeSyncFixture();
    await seedSaved(fixture.db, 2);
    await enrollFixture(fixture);
    renderWithSync(fixture, <SyncBar />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sinkronkan sekarang' }));
    expect(await screen.findByText(/Tidak tersambung ke server\. Data aman di HP/)).toBeTruthy();
    expect(screen.getByText('Offline')).toBeTruthy();
    expect(fixture.fetchCalls.some((url) => url.endsWith('/api/v1/sync/push'))).toBe(true);
    expect(await fixture.db.outbox.count()).toBe(2);
  });

  it('shows a progress bar while a sync runs, and the button waits', async () => {
    let release: (response: Response) => void = () => undefined;
    const fixture = makeSyncFixture(() => new Promise((resolve) => (release = resolve)));
    await seedSaved(fixture.db, 3);
    await enrollFixture(fixture);
    renderWithSync(fixture, <SyncBar />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sinkronkan sekarang' }));
    const bar = await screen.findByRole('progressbar', { name: 'Mengirim… 0 dari 3' });
    expect(bar.getAttribute('max')).toBe('3');
    expect((screen.getByRole('button', { name: 'Sinkronkan sekarang' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    await waitFor(() => expect(fixture.fetchCalls).toHaveLength(1)); // the push is on the wire
    release(jsonResponse(503, { code: 'internal' }));
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
    expect(await screen.findByText('Server sedang bermasalah. Dicoba lagi otomatis.')).toBeTruthy();
    expect(await screen.findByText('3 menunggu')).toBeTruthy();
  });

  it.each([
    {
      lang: 'id' as const,
      never: 'HP belum didaftarkan — masukkan kode',
      after: 'Terakhir sinkron baru saja',
    },
    { lang: 'en' as const, never: 'Phone not enrolled — enter the code', after: 'Last synced just now' },
  ])('never claims records were sent when none were ($lang)', async ({ lang, never, after }) => {
    const fixture = makeSyncFixture(registryAccepting);
    await fixture.engine.start(); // not enrolled: no run
    renderWithSync(fixture, <SyncBar />, lang);
    expect(await screen.findByText(never)).toBeTruthy();
    await enrollFixture(fixture);
    fireEvent.click(screen.getByRole('button', { name: lang === 'id' ? 'Sinkronkan sekarang' : 'Sync now' }));
    expect(await screen.findByText(after)).toBeTruthy(); // a run with nothing to push still synced
    expect(document.body.textContent).not.toMatch(/terkirim|sent/i);
    fixture.engine.stop();
  });

  it('keeps the last error in place while a retry runs (nothing moves), and a successful sync clears it', async () => {
    let network: 'offline' | 'held' | 'up' = 'offline';
    let release: () => void = () => undefined;
    const fixture = makeSyncFixture((url, init) => {
      if (network === 'offline') return Promise.reject(new TypeError('offline'));
      if (network === 'up') return registryAccepting(url, init);
      return new Promise<void>((resolve) => (release = resolve)).then(() => registryAccepting(url, init));
    });
    await seedSaved(fixture.db, 2);
    await enrollFixture(fixture);
    renderWithSync(fixture, <SyncBar />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sinkronkan sekarang' }));
    expect(await screen.findByText(/Tidak tersambung ke server/)).toBeTruthy();
    await waitForRetryWait(fixture);

    network = 'held';
    fireEvent.click(screen.getByRole('button', { name: 'Sinkronkan sekarang' }));
    await screen.findByRole('progressbar');
    expect(screen.getByText(/Tidak tersambung ke server/)).toBeTruthy(); // steady while the retry goes
    network = 'up';
    release();
    expect(await screen.findByText('0 menunggu')).toBeTruthy();
    expect(screen.getByText('Terakhir sinkron baru saja')).toBeTruthy();
    expect(screen.queryByText(/Tidak tersambung ke server/)).toBeNull();
    expect(fixture.engine.status.get().lastError).toBeUndefined();
    fixture.engine.stop();
  });

  it('drops an error once another tab synced (the last success moved on)', async () => {
    const fixture = makeSyncFixture();
    await seedSaved(fixture.db, 1);
    await enrollFixture(fixture);
    renderWithSync(fixture, <SyncBar />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sinkronkan sekarang' }));
    expect(await screen.findByText(/Tidak tersambung ke server/)).toBeTruthy();
    await waitForRetryWait(fixture);
    await fixture.engine.start(); // watches the stored status, as the app's engine does
    await setLastSuccess(fixture.db, ago(0)); // what another tab's successful run stores
    await waitFor(() => expect(screen.queryByText(/Tidak tersambung ke server/)).toBeNull());
    expect(screen.getByText('Terakhir sinkron baru saja')).toBeTruthy();
    fixture.engine.stop();
  });

  it.each([
    { days: 4, isShown: true },
    { days: 2, isShown: false },
  ])(
    'warns when nothing was sent for 3+ days while records wait ($days days → $isShown)',
    async ({ days, isShown }) => {
      const fixture = makeSyncFixture();
      await seedSaved(fixture.db, 1);
      await setLastSuccess(fixture.db, ago(days * DAY));
      await fixture.engine.start();
      renderWithSync(fixture, <SyncBar />);
      await screen.findByText('1 menunggu');
      expect(screen.queryByText(/Browser bisa menghapus data situs/) !== null).toBe(isShown);
      fixture.engine.stop();
    },
  );
});

describe('EnrollSection', () => {
  it('says when the code is wrong, then enrolls with a good one and stores the device', async () => {
    let isCodeGood = false;
    const fixture = makeSyncFixture(async (url) => {
      if (!url.endsWith('/api/v1/enroll')) throw new TypeError('offline');
      return isCodeGood
        ? jsonResponse(201, { deviceId: 'dev-9', token: 'x'.repeat(43) })
        : jsonResponse(400, { code: 'enroll_code_invalid' });
    });
    renderWithSync(fixture, <EnrollSection />);
    fireEvent.input(screen.getByLabelText('Kode pendaftaran'), { target: { value: 'SALAH' } });
    fireEvent.click(screen.getByRole('button', { name: 'Daftarkan HP ini' }));
    expect(await screen.findByText(/Kode pendaftaran salah/)).toBeTruthy();
    isCodeGood = true;
    fireEvent.input(screen.getByLabelText('Kode pendaftaran'), { target: { value: 'BENAR-123' } });
    fireEvent.click(screen.getByRole('button', { name: 'Daftarkan HP ini' }));
    expect(await screen.findByText(/HP ini sudah terdaftar/)).toBeTruthy();
    expect(await getMeta(fixture.db, 'sync.device')).toMatchObject({ deviceId: 'dev-9' });
    fixture.engine.stop();
  });
});
