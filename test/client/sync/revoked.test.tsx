/**
 * A revoked phone tells the volunteer, on screen, what happened to the records: those the office has
 * are gone from the phone, the unsent ones are kept until a backup is saved or the phone is enrolled
 * again — and the phone holds exactly that.
 */
import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { makeI18n, type Lang } from '../../../src/client/i18n';
import { SyncBar } from '../../../src/client/sync/SyncBar';
import {
  enrollFixture,
  jsonResponse,
  makeSyncFixture,
  registryAccepting,
  renderWithSync,
  seedSaved,
} from './render-sync';

const revoked = () =>
  Promise.resolve(jsonResponse(401, { status: 401, code: 'device_revoked', title: 'Perangkat dicabut' }));

describe('a revoked phone', () => {
  it.each([
    {
      lang: 'id' as Lang,
      button: 'Sinkronkan sekarang',
      words: [/tetap tersimpan di HP ini/, /simpan cadangannya/, /daftarkan HP lagi/],
    },
    {
      lang: 'en' as Lang,
      button: 'Sync now',
      words: [/stay on this phone/, /save a backup/, /enroll the phone again/],
    },
  ])(
    'says ($lang) that unsent records stay on the phone, to be saved as a backup or sent after a new enrollment',
    async (c) => {
      let answer: typeof registryAccepting = registryAccepting;
      const fixture = makeSyncFixture((url, init) => answer(url, init));
      const sent = await seedSaved(fixture.db, 2);
      await enrollFixture(fixture);
      await fixture.engine.syncOnce();
      const states = (await fixture.db.registrations.bulkGet(sent)).map((r) => r?.syncState);
      expect(states).toEqual(['sent', 'sent']);
      const unsent = await seedSaved(fixture.db, 1);
      answer = revoked;
      renderWithSync(fixture, <SyncBar />, c.lang);
      fireEvent.click(await screen.findByRole('button', { name: c.button }));

      const { t } = makeI18n(c.lang, () => undefined);
      const text = t('sync.error.device_revoked');
      const notice = await screen.findByText(
        (_content, element) => element?.classList.contains('sync-enroll') ?? false,
      );
      expect(notice.textContent).toBe(`${text} ${t('sync.openSettings')}`);
      for (const words of c.words) expect(notice.textContent).toMatch(words);
      await waitFor(async () =>
        expect((await fixture.db.registrations.toArray()).map((r) => r.id)).toEqual(unsent),
      );
    },
  );
});
