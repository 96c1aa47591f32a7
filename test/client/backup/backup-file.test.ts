/**
 * The rescue backup file on its own: it round-trips, its header is authenticated, and every way a file
 * can be wrong is a reason, never an exception. Real WebCrypto (PBKDF2 at full strength).
 */
import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT,
  BACKUP_MAGIC,
  backupFileName,
  decodeBackup,
  encodeBackup,
  PBKDF2_ITERATIONS,
} from '../../../src/client/backup/backup-file';
import { makeRegistration, NOW, uniquePerson } from '../../fixtures/registrations';

const PASS = 'kunci rahasia 2026';
const META = { kelurahanKode: '3573011005', createdAt: NOW };
const contents = { records: [makeRegistration(uniquePerson(1)), makeRegistration(uniquePerson(2))] };
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytesOf = (value: string) => new TextEncoder().encode(value);

/** The file's three lines, to change one of them. */
async function fileLines() {
  const [magic, header, body] = text(await encodeBackup(contents, META, PASS)).split('\n');
  return { magic: magic!, header: header!, body: body! };
}

describe('the rescue backup file', () => {
  it('round-trips: the records, the kelurahan and the time come back with the right passphrase', async () => {
    const file = await encodeBackup(contents, META, PASS);
    const read = await decodeBackup(file, PASS);
    expect(read).toEqual({
      ok: true,
      header: expect.objectContaining({ format: BACKUP_FORMAT, ...META }),
      contents,
    });
  });

  it('names itself, keeps no personal data in the clear, and uses PBKDF2 at 600,000 iterations', async () => {
    const { magic, header, body } = await fileLines();
    expect(magic).toBe(BACKUP_MAGIC);
    const parsed = JSON.parse(header);
    expect(parsed.kdf).toMatchObject({ name: 'PBKDF2-SHA-256', iterations: PBKDF2_ITERATIONS });
    expect(parsed.kdf.iterations).toBeGreaterThanOrEqual(600_000);
    expect(parsed.cipher.name).toBe('AES-GCM-256');
    const all = `${header}\n${atob(body)}`;
    for (const record of contents.records) {
      expect(all).not.toContain(record.nik);
      expect(all).not.toContain(record.fullName);
    }
  });

  it('uses a fresh salt and IV for every file', async () => {
    const [a, b] = await Promise.all([fileLines(), fileLines()]);
    expect(JSON.parse(a.header).kdf.salt).not.toBe(JSON.parse(b.header).kdf.salt);
    expect(JSON.parse(a.header).cipher.iv).not.toBe(JSON.parse(b.header).cipher.iv);
    expect(a.body).not.toBe(b.body);
  });

  it('reads a format-1 file with a photos section (added later) and ignores what it does not know', async () => {
    const withPhotos = { ...contents, photos: [{ recordId: 'x', kind: 'ktp' }], extra: true };
    const read = await decodeBackup(await encodeBackup(withPhotos, META, PASS), PASS);
    expect(read.ok && read.contents.photos).toEqual([{ recordId: 'x', kind: 'ktp' }]);
  });

  type Case = [string, () => Promise<Uint8Array>, string, string?];
  // The title names the case and the reason; the builder and the passphrase are not printed.
  const cases: Case[] = [
    ['a wrong passphrase', async () => encodeBackup(contents, META, PASS), 'wrong_passphrase', 'salah'],
    ['a truncated file', async () => (await encodeBackup(contents, META, PASS)).slice(0, 400), 'damaged'],
    [
      'a file cut inside its header',
      async () => (await encodeBackup(contents, META, PASS)).slice(0, 40),
      'damaged',
    ],
    [
      'a flipped byte in the ciphertext',
      async () => {
        const { magic, header, body } = await fileLines();
        const i = Math.floor(body.length / 2);
        const flipped = body.slice(0, i) + (body[i] === 'A' ? 'B' : 'A') + body.slice(i + 1);
        return bytesOf(`${magic}\n${header}\n${flipped}\n`);
      },
      'wrong_passphrase',
    ],
    [
      'another kelurahan written into the header (authenticated data)',
      async () => {
        const { magic, header, body } = await fileLines();
        return bytesOf(`${magic}\n${header.replace('3573011005', '3573011006')}\n${body}\n`);
      },
      'wrong_passphrase',
    ],
    [
      'a newer format version',
      async () => {
        const { magic, header, body } = await fileLines();
        return bytesOf(`${magic}\n${header.replace('"format":1', '"format":2')}\n${body}\n`);
      },
      'newer_format',
    ],
    ['a JSON file', async () => bytesOf(JSON.stringify(contents)), 'not_backup'],
    [
      'a file from another app (a PNG)',
      async () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'not_backup',
    ],
    ['an empty file', async () => new Uint8Array(), 'not_backup'],
  ];

  it.each(cases.map(([name, make, reason, pass]) => ({ name, make, reason, pass })))(
    'refuses $name: $reason',
    async ({ make, reason, pass }) => {
      const read = await decodeBackup(await make(), pass ?? PASS);
      expect(read).toEqual({ ok: false, reason });
    },
  );

  it('names the file after the kelurahan and the local time', () => {
    const at = new Date(2026, 10, 23, 9, 5);
    expect(backupFileName('3573011005', at)).toBe('jaring-cadangan-3573011005-20261123-0905.jaring');
    expect(backupFileName(null, at)).toBe('jaring-cadangan-kota-20261123-0905.jaring');
  });
});
