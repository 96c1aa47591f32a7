/**
 * Saving and restoring a rescue backup against real (fake-indexeddb) databases: only what the registry
 * may not have goes into the file; a restore keeps ids and versions, queues every record as pending,
 * skips what the phone already holds, and on any refusal leaves the database exactly as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeBackup } from '../../../src/client/backup/backup-file';
import { makeBackup, restoreBackup } from '../../../src/client/backup/rescue-backup';
import {
  applyPushResults,
  applyStatusChanges,
  claimOutboxBatch,
  listRecordsNotAtRegistry,
  saveNewRegistration,
  updateRegistration,
  type JaringDb,
} from '../../../src/client/db';
import { storeCredentials } from '../../../src/client/sync/device-credentials';
import { makeFields, makeRegistration, NOW, uniquePerson } from '../../fixtures/registrations';
import { contextAt, freshDb } from '../db/helpers';

const PASS = 'kunci rahasia 2026';
const BLIMBING = '3573011005';
const NOW_MS = Date.parse(NOW);
const LATER = new Date(NOW_MS + 3_600_000);

let phoneA: JaringDb;
let phoneB: JaringDb;
beforeEach(() => {
  phoneA = freshDb();
  phoneB = freshDb();
});
afterEach(async () => {
  await Promise.all([phoneA.delete(), phoneB.delete()]);
});

const enroll = (db: JaringDb, kelurahanKode: string | null | undefined) =>
  storeCredentials(db, {
    deviceId: crypto.randomUUID(),
    token: 't'.repeat(43),
    enrolledAt: NOW,
    ...(kelurahanKode !== undefined && { kelurahanKode }),
  });

let n = 100;
async function save(db: JaringDb, fields = makeFields(uniquePerson(++n))) {
  const saved = await saveNewRegistration(db, fields, contextAt());
  if (!saved.ok) throw new Error(`save failed: ${saved.reason}`);
  return saved.record;
}

/** Claims everything pending and answers each record with `outcome`. */
async function answer(db: JaringDb, ids: string[], outcome: 'accepted' | 'duplicate_nik') {
  await claimOutboxBatch(db, { now: NOW_MS, leaseMs: 60_000, maxRecords: 100, maxBytes: 1e7 });
  const results = ids.map((id) =>
    outcome === 'accepted'
      ? { id, version: 1, outcome, serverStatus: 'received' as const }
      : { id, version: 1, outcome },
  );
  await applyPushResults(db, results, NOW);
}

/** Every row of the tables a restore writes, to compare before and after. */
async function snapshot(db: JaringDb) {
  const [registrations, outbox] = await Promise.all([db.registrations.toArray(), db.outbox.toArray()]);
  return { registrations, outbox };
}

async function backupOf(db: JaringDb) {
  const made = await makeBackup(db, PASS, new Date(NOW));
  return new Uint8Array(await made.file.arrayBuffer());
}

describe('what a backup carries', () => {
  it('every record the registry may not have, and nothing it has acknowledged or slimmed', async () => {
    const pending = await save(phoneA);
    const accepted = await save(phoneA);
    const verified = await save(phoneA);
    await answer(phoneA, [accepted.id, verified.id], 'accepted');
    const duplicate = await save(phoneA);
    await answer(phoneA, [duplicate.id], 'duplicate_nik');
    const inFlight = await save(phoneA);
    await claimOutboxBatch(phoneA, { now: NOW_MS, leaseMs: 60_000, maxRecords: 100, maxBytes: 1e7 });
    await applyStatusChanges(phoneA, [
      { id: verified.id, version: 1, serverStatus: 'verified', changedAt: NOW },
    ]);
    const edited = await save(phoneA);
    await answer(phoneA, [edited.id], 'accepted');
    await updateRegistration(phoneA, edited.id, { ...edited, street: 'Jl. Baru 1' }, contextAt());

    const listed = await listRecordsNotAtRegistry(phoneA);
    expect(listed.map((r) => r.id).sort()).toEqual([pending.id, duplicate.id, inFlight.id, edited.id].sort());
    expect(listed.find((r) => r.id === edited.id)?.version).toBe(2);
    // The registry's shape: no phone-only copies or sync state go into the file.
    expect(listed[0]).not.toHaveProperty('syncState');
    expect(listed[0]).not.toHaveProperty('nameWords');
  });

  it('writes the phone kelurahan into the file and names the file after it', async () => {
    await enroll(phoneA, BLIMBING);
    await save(phoneA);
    const made = await makeBackup(phoneA, PASS, new Date(NOW));
    expect(made.records).toBe(1);
    expect(made.file.name).toMatch(/^jaring-cadangan-3573011005-\d{8}-\d{4}\.jaring$/);
  });
});

describe('restoring a backup', () => {
  it('queues every record as pending with its id and version, once', async () => {
    await enroll(phoneA, BLIMBING);
    await enroll(phoneB, BLIMBING);
    const records = [await save(phoneA), await save(phoneA), await save(phoneA)];
    const file = await backupOf(phoneA);

    expect(await restoreBackup(phoneB, file, PASS, LATER)).toEqual({ ok: true, restored: 3, alreadyHere: 0 });
    const { registrations, outbox } = await snapshot(phoneB);
    expect(registrations.map((r) => [r.id, r.version, r.syncState]).sort()).toEqual(
      records.map((r) => [r.id, 1, 'pending']).sort(),
    );
    expect(outbox.map((e) => [e.recordId, e.version, e.state]).sort()).toEqual(
      records.map((r) => [r.id, 1, 'pending']).sort(),
    );
    // The same file again restores nothing new.
    expect(await restoreBackup(phoneB, file, PASS, LATER)).toEqual({ ok: true, restored: 0, alreadyHere: 3 });
  });

  it('skips a NIK the phone already holds and takes a newer version of the same record', async () => {
    await enroll(phoneB, BLIMBING);
    const shared = await save(phoneA);
    const newer = await save(phoneA);
    const fresh = await save(phoneA);
    const before = { ...shared, id: crypto.randomUUID() };
    await save(phoneB, makeFields({ ...before, nik: shared.nik })); // the same person, registered on B
    await phoneB.registrations.put({ ...newer, syncState: 'sent', sentVersion: 1 }); // B has version 1
    await updateRegistration(phoneA, newer.id, { ...newer, fullName: 'Nama Baru' }, contextAt());

    const result = await restoreBackup(phoneB, await backupOf(phoneA), PASS, LATER);
    expect(result).toEqual({ ok: true, restored: 2, alreadyHere: 1 });
    expect(await phoneB.registrations.get(newer.id)).toMatchObject({ version: 2, fullName: 'Nama Baru' });
    expect(await phoneB.registrations.get(fresh.id)).toMatchObject({ syncState: 'pending' });
    expect(await phoneB.registrations.get(shared.id)).toBeUndefined();
  });

  it('takes a city-wide phone backup on a kelurahan phone, and any backup on a city-wide phone', async () => {
    await save(phoneA); // phone A not enrolled: the file names no kelurahan
    await enroll(phoneB, BLIMBING);
    expect(await restoreBackup(phoneB, await backupOf(phoneA), PASS, LATER)).toMatchObject({ ok: true });
    const cityWide = freshDb();
    await enroll(cityWide, null);
    await enroll(phoneA, BLIMBING);
    expect(await restoreBackup(cityWide, await backupOf(phoneA), PASS, LATER)).toMatchObject({ ok: true });
    await cityWide.delete();
  });
});

describe('a refused backup changes nothing', () => {
  /** A file with these records as phone A of Blimbing would write it. */
  const fileWith = (records: unknown[], kelurahanKode: string | null = BLIMBING) =>
    encodeBackup({ records }, { kelurahanKode, createdAt: NOW }, PASS);
  const valid = () => makeRegistration(uniquePerson(++n));
  const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

  type Case = { name: string; reason: string; make: () => Promise<Uint8Array>; pass?: string };
  const cases: Case[] = [
    {
      name: 'a wrong passphrase',
      reason: 'wrong_passphrase',
      make: () => fileWith([valid()]),
      pass: 'salah sandi',
    },
    {
      name: 'a truncated file',
      reason: 'damaged',
      make: async () => (await fileWith([valid(), valid()])).slice(0, -200),
    },
    {
      name: 'a flipped byte',
      reason: 'wrong_passphrase',
      make: async () => {
        const bytes = await fileWith([valid()]);
        const at = bytes.length - 30;
        bytes[at] = bytes[at] === 65 ? 66 : 65; // another base64 letter: same length, other bytes
        return bytes;
      },
    },
    {
      name: 'a JSON file',
      reason: 'not_backup',
      make: async () => new TextEncoder().encode('{"records":[]}'),
    },
    {
      name: 'a file from another app',
      reason: 'not_backup',
      make: async () => new TextEncoder().encode('PK\u0003\u0004 a zip'),
    },
    {
      name: 'a newer format version',
      reason: 'newer_format',
      make: async () =>
        new TextEncoder().encode(text(await fileWith([valid()])).replace('"format":1', '"format":7')),
    },
    { name: 'another kelurahan', reason: 'other_kelurahan', make: () => fileWith([valid()], '3573011006') },
    {
      name: 'a corrupted record (the third of three)',
      reason: 'invalid_record',
      make: () => fileWith([valid(), valid(), { ...valid(), nik: '12' }]),
    },
    {
      name: 'one NIK twice',
      reason: 'conflicting_records',
      make: async () => {
        const first = valid();
        return fileWith([
          first,
          { ...valid(), nik: first.nik, birthDate: first.birthDate, gender: first.gender },
        ]);
      },
    },
  ];

  it.each(cases)('$name: $reason', async ({ make, reason, pass }) => {
    await enroll(phoneB, BLIMBING);
    await save(phoneB);
    const before = await snapshot(phoneB);
    const result = await restoreBackup(phoneB, await make(), pass ?? PASS, LATER);
    expect(result).toMatchObject({ ok: false, reason });
    expect(await snapshot(phoneB)).toEqual(before);
  });

  it('a phone not enrolled yet is told to enroll for the backup kelurahan first', async () => {
    const result = await restoreBackup(phoneB, await fileWith([valid()]), PASS, LATER);
    expect(result).toEqual({
      ok: false,
      reason: 'not_enrolled',
      backupKelurahan: BLIMBING,
      phoneKelurahan: null,
    });
    expect(await phoneB.registrations.count()).toBe(0);
  });
});
