import { create } from 'qrcode';
import { describe, expect, it } from 'vitest';
import { qrPath, qrRuns, QR_QUIET_ZONE } from '../../src/shared/qr-path';
import { idPrefixOfReceiptCode, maskNik, receiptCode } from '../../src/shared/receipt';

describe('receipt', () => {
  it('shows only the first and last four digits of a NIK', () => {
    expect(maskNik('3573015708750001')).toBe('3573 •••• •••• 0001');
    expect(maskNik('35730157087500')).toBe('•••• •••• •••• ••••');
    expect(maskNik('')).toBe('•••• •••• •••• ••••');
  });

  it('names a record by the first eight hex digits of its id, and reads the code back from a search', () => {
    const id = '8f3a21c0-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
    expect(receiptCode(id)).toBe('8F3A-21C0');
    expect(idPrefixOfReceiptCode('8F3A-21C0')).toBe('8f3a21c0');
    expect(idPrefixOfReceiptCode(' 8f3a21c0 ')).toBe('8f3a21c0');
    expect(idPrefixOfReceiptCode('3573-0157')).toBe('35730157');
    expect(idPrefixOfReceiptCode('Siti')).toBeUndefined();
    expect(idPrefixOfReceiptCode('8F3A-21C')).toBeUndefined();
  });
});

describe('QR path', () => {
  it('covers exactly the dark modules, inside the quiet zone', () => {
    const { modules } = create('8F3A-21C0', { errorCorrectionLevel: 'M' });
    const dark = new Set<string>();
    for (const [x, y, width] of qrRuns(modules)) {
      for (let i = 0; i < width; i++) dark.add(`${y - QR_QUIET_ZONE},${x + i - QR_QUIET_ZONE}`);
    }
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        expect(dark.has(`${row},${col}`)).toBe(Boolean(modules.get(row, col)));
      }
    }
    const { size, d } = qrPath(modules);
    expect(size).toBe(modules.size + 2 * QR_QUIET_ZONE);
    expect(d.match(/M/g)).toHaveLength(qrRuns(modules).length);
  });
});
