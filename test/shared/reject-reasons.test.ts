import { describe, expect, it } from 'vitest';
import { fieldsOfReason, REJECT_REASON_FIELDS, REJECT_REASONS } from '../../src/shared/reject-reasons';
import { makeFields } from '../fixtures/registrations';

const valueAt = (path: string) =>
  path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown>)?.[key], makeFields());

describe('the office’s reasons and the fields they concern', () => {
  it('every preset names fields a registration has', () => {
    expect(REJECT_REASONS).toHaveLength(7);
    for (const reason of REJECT_REASONS) {
      expect(REJECT_REASON_FIELDS[reason].length).toBeGreaterThan(0);
      for (const field of REJECT_REASON_FIELDS[reason]) expect(valueAt(field), field).toBeDefined();
    }
  });

  it.each<[string, string[]]>([
    ['NIK tidak sesuai KTP', ['nik']],
    ['Nama tidak sesuai KTP', ['fullName']],
    ['  Tanggal lahir tidak sesuai KTP ', ['birthDate']],
    ['Data ahli waris belum lengkap', ['heir.name', 'heir.relationship', 'heir.phone']],
    ['Nama ahli waris salah ketik', ['heir.name']],
    ['Tempat lahir dan NIK salah', ['birthPlace', 'nik']],
    ['Tgl. lahir beda dengan KTP', ['birthDate']],
    ['Nama kurang lengkap, alamat tanpa RT', ['fullName', 'address.street', 'address.rt', 'address.rw']],
    ['Sudah meninggal dunia', []],
    ['Penikmat kopi', []],
  ])('%s → %j', (reason, fields) => {
    expect([...fieldsOfReason(reason)].sort()).toEqual([...fields].sort());
  });
});
