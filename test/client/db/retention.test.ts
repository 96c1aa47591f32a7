/**
 * What the phone keeps of a record the office has (db/retention.ts, db/slim.ts): slimmed at once when
 * verified, or `retentionDays` after the registry accepted it with nothing queued, and never while an
 * edit or answer is pending; a slimmed record keeps name, kelurahan, status and the NIK's last four
 * digits, still blocks its NIK on the phone, is still found by name and by its whole NIK, and cannot be
 * edited; a revoked phone drops it with the other records the registry has.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyPushResults,
  applyStatusChanges,
  claimOutboxBatch,
  findByNik,
  forgetRecordsAtRegistry,
  getRegistration,
  saveNewRegistration,
  searchRegistrations,
  slimRecordsPastRetention,
  updateRegistration,
  type JaringDb,
} from '../../../src/client/db';
import { makeFields, NOW, uniquePerson } from '../../fixtures/registrations';
import { contextAt, freshDb } from './helpers';

const DAY = 86_400_000;
const NOW_MS = Date.parse(NOW);
const KEPT = ['id', 'fullName', 'nameWords', 'kelurahanKode', 'createdDay', 'createdAt', 'updatedAt'];

let db: JaringDb;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.delete());

let n = 500;
/** A record saved and accepted by the registry (`at` on the phone's clock), nothing queued. */
async function accepted(fullName: string, at = NOW) {
  const fields = makeFields({ ...uniquePerson(++n), fullName, phone: '+6281311122233' });
  const saved = await saveNewRegistration(db, fields, contextAt(at));
  if (!saved.ok) throw new Error('save failed');
  await claimOutboxBatch(db, { now: NOW_MS, leaseMs: 60_000, maxRecords: 10, maxBytes: 1e6 });
  const answer = {
    id: saved.record.id,
    version: 1,
    outcome: 'accepted' as const,
    serverStatus: 'received' as const,
  };
  await applyPushResults(db, [answer], at);
  return { id: saved.record.id, fields };
}

const verified = (id: string) => ({
  id,
  version: 1,
  serverStatus: 'verified' as const,
  changedAt: '2026-11-24T01:00:00.000Z',
});

describe('slimming', () => {
  it('keeps only what the list needs once the office verifies a record', async () => {
    const { id, fields } = await accepted('Sukarti Wulandari');
    await applyStatusChanges(db, [verified(id)]);
    const slim = await getRegistration(db, id);
    expect(Object.keys(slim!).sort()).toEqual(
      [
        ...KEPT,
        'version',
        'syncState',
        'serverStatus',
        'sentVersion',
        'lastSyncedAt',
        'nikLast4',
        'nikHash',
        'searchKeys',
        'slimmedAt',
      ].sort(),
    );
    // Its search keys are the name's alone: no part of the NIK is left in the index either.
    expect(await searchRegistrations(db, { query: fields.nik.slice(0, 10) })).toEqual([]);
    expect(await searchRegistrations(db, { query: 'sukar' })).toHaveLength(1);
    expect(slim).toMatchObject({
      fullName: 'Sukarti Wulandari',
      syncState: 'verified',
      nikLast4: fields.nik.slice(-4),
      slimmedAt: '2026-11-24T01:00:00.000Z',
    });
    expect(JSON.stringify(slim)).not.toContain(fields.nik);
    expect(JSON.stringify(slim)).not.toContain('81311122233');
  });

  it('slims what was accepted longer ago than the office allows, and nothing queued or newer', async () => {
    const old = await accepted('Lama Sekali', new Date(NOW_MS - 31 * DAY).toISOString());
    const recent = await accepted('Baru Saja', new Date(NOW_MS - 29 * DAY).toISOString());
    const edited = await accepted('Sedang Diubah', new Date(NOW_MS - 40 * DAY).toISOString());
    await updateRegistration(
      db,
      edited.id,
      { ...edited.fields, fullName: 'Sedang Diubah Lagi' },
      contextAt(),
    );
    expect(await slimRecordsPastRetention(db, 30, NOW_MS)).toBe(1);
    expect(await getRegistration(db, old.id)).toHaveProperty('slimmedAt');
    expect(await getRegistration(db, recent.id)).not.toHaveProperty('slimmedAt');
    expect(await getRegistration(db, edited.id)).toMatchObject({
      syncState: 'pending',
      fullName: 'Sedang Diubah Lagi',
    });
    expect(await slimRecordsPastRetention(db, 7, NOW_MS)).toBe(1); // the office shortened it
    expect(await getRegistration(db, recent.id)).toHaveProperty('slimmedAt');
  });

  it('does not slim a verified record while an edit of it waits', async () => {
    const { id, fields } = await accepted('Masih Diedit');
    await updateRegistration(db, id, { ...fields, fullName: 'Masih Diedit Juga' }, contextAt());
    await applyStatusChanges(db, [verified(id)]);
    expect(await getRegistration(db, id)).toMatchObject({ fullName: 'Masih Diedit Juga', nik: fields.nik });
  });
});

describe('a slimmed record', () => {
  it('still holds its NIK, is found by name and whole NIK, and cannot be edited', async () => {
    const { id, fields } = await accepted('Rukmini Handayani');
    await applyStatusChanges(db, [verified(id)]);

    const again = await saveNewRegistration(db, { ...fields, fullName: 'Orang Sama' }, contextAt());
    expect(again).toMatchObject({
      ok: false,
      reason: 'duplicate_nik',
      existing: { id, fullName: 'Rukmini Handayani' },
    });
    expect((await findByNik(db, fields.nik))?.id).toBe(id);
    const byName = await searchRegistrations(db, { query: 'rukmini' });
    const byNik = await searchRegistrations(db, { query: fields.nik });
    expect([byName.map((r) => r.id), byNik.map((r) => r.id)]).toEqual([[id], [id]]);
    expect(await updateRegistration(db, id, fields, contextAt())).toMatchObject({
      ok: false,
      reason: 'not_found',
    });
  });

  it('goes with the other records the registry has when the phone is revoked', async () => {
    const slim = await accepted('Sudah Ramping');
    await applyStatusChanges(db, [verified(slim.id)]);
    await saveNewRegistration(db, makeFields({ ...uniquePerson(++n) }), contextAt());
    expect(await forgetRecordsAtRegistry(db, NOW)).toMatchObject({ wiped: 1, kept: 1 });
    expect(await getRegistration(db, slim.id)).toBeUndefined();
  });
});
