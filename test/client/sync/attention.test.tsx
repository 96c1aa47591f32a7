import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import {
  applyPushResults,
  applyStatusChanges,
  claimOutboxBatch,
  getRegistration,
  holdForOffice,
  listNeedingAttention,
  type JaringDb,
} from '../../../src/client/db';
import { I18nContext, makeI18n } from '../../../src/client/i18n';
import { SyncBadge } from '../../../src/client/records/SyncBadge';
import { AttentionList } from '../../../src/client/sync/AttentionList';
import type { PushResult } from '../../../src/shared/sync-protocol';
import { makeSyncFixture, NOW_MS, renderWithSync, seedSaved } from './render-sync';

type Answer<R = PushResult> = R extends unknown ? Omit<R, 'id' | 'version'> : never;

/** The registry's answer for one record, applied the way the engine does after a push. */
async function answer(db: JaringDb, id: string, result: Answer) {
  await claimOutboxBatch(db, { now: NOW_MS, leaseMs: 60_000, maxRecords: 100, maxBytes: 1e6 });
  await applyPushResults(db, [{ id, version: 1, ...result }], new Date(NOW_MS).toISOString());
}

const DUPLICATE = { kelurahanKode: '3573011005', registeredAt: '2026-10-01T03:00:00.000Z' };

describe('Perlu perhatian', () => {
  it('lists what needs the volunteer, with how to resolve each, and removes a duplicate copy', async () => {
    const { db, engine } = makeSyncFixture();
    const [dup, invalid, rejected, fine] = await seedSaved(db, 4);
    await answer(db, dup!, { outcome: 'duplicate_nik', duplicate: DUPLICATE });
    await answer(db, invalid!, {
      outcome: 'invalid',
      errors: [{ field: 'address.rt', code: 'rt_rw_invalid' }],
    });
    await answer(db, rejected!, { outcome: 'accepted', serverStatus: 'received' });
    await answer(db, fine!, { outcome: 'accepted', serverStatus: 'received' });
    await applyStatusChanges(db, [
      {
        id: rejected!,
        version: 1,
        serverStatus: 'rejected',
        reason: 'Foto KTP buram',
        changedAt: '2026-11-23T09:00:00Z',
      },
    ]);
    renderWithSync({ db, engine, fetchCalls: [] }, <AttentionList />);

    fireEvent.click(await screen.findByText('Perlu perhatian (3)'));
    expect(screen.getByText('NIK ini sudah terdaftar di Kel. Blimbing pada 1 Oktober 2026.')).toBeTruthy();
    expect(screen.getByText(/hapus salinan di HP ini/)).toBeTruthy();
    expect(screen.getByText('Catatan dari pusat: Foto KTP buram')).toBeTruthy();
    const fixLinks = screen.getAllByRole('link', { name: 'Perbaiki' }).map((a) => a.getAttribute('href'));
    expect(fixLinks).toEqual(expect.arrayContaining([`#/data/${dup}/ubah`, `#/data/${invalid}/ubah`]));

    fireEvent.click(screen.getByRole('button', { name: 'Hapus salinan di HP ini' }));
    fireEvent.click(screen.getByRole('button', { name: 'Ya, hapus dari HP ini' }));
    await screen.findByText('Perlu perhatian (2)');
    expect(await getRegistration(db, dup!)).toBeUndefined();
    expect(await db.outbox.get(dup!)).toBeUndefined();
    expect(await getRegistration(db, fine!)).toMatchObject({ syncState: 'sent' });
  });
});

describe('record badges follow the registry’s answers', () => {
  it.each<[string, Answer, string]>([
    ['accepted, received', { outcome: 'accepted', serverStatus: 'received' }, 'Terkirim'],
    ['unchanged, verified', { outcome: 'unchanged', serverStatus: 'verified' }, 'Terverifikasi'],
    ['accepted, active', { outcome: 'accepted', serverStatus: 'active' }, 'Aktif di BPJS'],
    ['duplicate NIK', { outcome: 'duplicate_nik', duplicate: DUPLICATE }, 'Duplikat'],
    ['invalid', { outcome: 'invalid', errors: [] }, 'Perlu diperbaiki'],
  ])('%s → "%s"', async (_label, result, text) => {
    const { db } = makeSyncFixture();
    const [id] = await seedSaved(db, 1);
    expect((await getRegistration(db, id!))?.syncState).toBe('pending');
    await answer(db, id!, result);
    const record = await getRegistration(db, id!);
    render(
      <I18nContext.Provider value={makeI18n('id', () => undefined)}>
        <SyncBadge state={record!.syncState} serverStatus={record!.serverStatus} />
      </I18nContext.Provider>,
    );
    await waitFor(() => expect(screen.getByText(text)).toBeTruthy());
  });
});

describe("the office's verdict on a parked duplicate (Data ganda)", () => {
  const change = (id: string, serverStatus: 'received' | 'rejected', reason?: string) => ({
    id,
    version: 1,
    serverStatus,
    ...(reason ? { reason } : {}),
    changedAt: '2026-11-23T09:00:00Z',
  });

  it('settles the parked entry: accepted in place of a voided record, or sent back with the reason', async () => {
    const { db } = makeSyncFixture();
    const [accepted, sentBack, stillParked] = await seedSaved(db, 3);
    for (const id of [accepted!, sentBack!, stillParked!]) {
      await answer(db, id, { outcome: 'duplicate_nik', duplicate: DUPLICATE });
    }
    const applied = await applyStatusChanges(db, [
      change(accepted!, 'received'),
      change(sentBack!, 'rejected', 'Cocokkan NIK dengan KTP.'),
      { ...change(stillParked!, 'received'), version: 2 }, // about another version: not this entry
    ]);
    expect(applied).toBe(2);
    expect(await getRegistration(db, accepted!)).toMatchObject({
      syncState: 'sent',
      serverStatus: 'received',
    });
    expect(await getRegistration(db, accepted!)).not.toHaveProperty('duplicate');
    expect(await getRegistration(db, sentBack!)).toMatchObject({
      syncState: 'needs_fix',
      serverReason: 'Cocokkan NIK dengan KTP.',
    });
    expect(await db.outbox.get(accepted!)).toBeUndefined();
    expect(await db.outbox.get(sentBack!)).toBeUndefined();
    expect(await db.outbox.get(stillParked!)).toMatchObject({ state: 'parked' });
  });
});

describe('a NIK already covered at BPJS', () => {
  it('says so instead of where it was registered', async () => {
    const { db, engine } = makeSyncFixture();
    const [covered] = await seedSaved(db, 1);
    await answer(db, covered!, {
      outcome: 'duplicate_nik',
      duplicate: { ...DUPLICATE, alreadyCovered: true },
    });
    renderWithSync({ db, engine, fetchCalls: [] }, <AttentionList />);
    fireEvent.click(await screen.findByText('Perlu perhatian (1)'));
    expect(
      screen.getByText(
        'Sudah terdaftar sebagai peserta BPJS Ketenagakerjaan (Kel. Blimbing). Tidak perlu didaftarkan lagi.',
      ),
    ).toBeTruthy();
  });
});

describe('the list of what needs the volunteer', () => {
  it('holds every such record, newest first, past 100 (a limit before sorting hid needs_fix ones)', async () => {
    const { db } = makeSyncFixture();
    const ids = await seedSaved(db, 130);
    // 120 duplicates saved first, then 10 needing a fix saved later (newer): all 130 listed, fixes on top.
    await Promise.all(
      ids.map((id, i) =>
        db.registrations.update(id!, {
          syncState: i < 120 ? 'duplicate' : 'needs_fix',
          updatedAt: new Date(NOW_MS + i * 1000).toISOString(),
        }),
      ),
    );
    const listed = await listNeedingAttention(db);
    expect(listed).toHaveLength(130);
    expect(listed.slice(0, 10).every((r) => r.syncState === 'needs_fix')).toBe(true);
  });
});

describe('a record the registry keeps failing on (held for the office)', () => {
  it('says the office must look at it, keeps it on the phone, and "Kirim lagi" queues it again', async () => {
    const { db, engine } = makeSyncFixture();
    const [held, other] = await seedSaved(db, 2);
    expect(await holdForOffice(db, { recordId: held!, version: 1 })).toBe(true);
    expect(await holdForOffice(db, { recordId: other!, version: 2 })).toBe(false); // not the queued version
    renderWithSync({ db, engine, fetchCalls: [] }, <AttentionList />);
    fireEvent.click(await screen.findByText('Perlu perhatian (1)'));
    const item = screen.getByRole('listitem');
    expect(item.textContent).toContain('kantor perlu memeriksanya');
    expect(screen.getByRole('link', { name: 'Perbaiki' }).getAttribute('href')).toBe(`#/data/${held}/ubah`);
    expect(await getRegistration(db, held!)).toMatchObject({ syncState: 'needs_office' });
    expect(await db.outbox.get(held!)).toMatchObject({ state: 'parked' });

    fireEvent.click(screen.getByRole('button', { name: 'Kirim lagi' }));
    await waitFor(async () => expect(await db.outbox.get(held!)).toMatchObject({ state: 'pending' }));
    expect(await getRegistration(db, held!)).toMatchObject({ syncState: 'pending' });
    await waitFor(() => expect(screen.queryByText(/Perlu perhatian/)).toBeNull());
  });

  it('shows its own badge', () => {
    render(
      <I18nContext.Provider value={makeI18n('id', () => undefined)}>
        <SyncBadge state="needs_office" />
      </I18nContext.Provider>,
    );
    const badge = screen.getByText('Perlu dicek kantor');
    expect(badge.className).toBe('badge badge-needs-office');
  });
});

describe('a NIK registered in another kelurahan', () => {
  it('says only that it is registered elsewhere and the office will check', async () => {
    const { db, engine } = makeSyncFixture();
    const [elsewhere] = await seedSaved(db, 1);
    await answer(db, elsewhere!, { outcome: 'duplicate_nik' });
    renderWithSync({ db, engine, fetchCalls: [] }, <AttentionList />);
    fireEvent.click(await screen.findByText('Perlu perhatian (1)'));
    const advice = screen.getByText(
      'NIK ini sudah terdaftar di tempat lain. Kantor akan memeriksanya; data lain tidak diberitahukan.',
    );
    expect(advice.textContent).not.toMatch(/Kel\.|\?/);
  });
});
