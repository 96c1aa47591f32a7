/**
 * csvCell's fast path (a cell with no formula character, quote, tab or CR is only wrapped in quotes) must
 * give exactly what the full path gives, for any text: the export's safety rests on the full path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, neutraliseFormulas } from '../../src/server/csv';

const fullPath = (text: string) => `"${neutraliseFormulas(text).replace(/"/g, '""')}"`;

describe('csvCell', () => {
  it('equals the full neutralise-and-quote path for any text', () => {
    const risky = fc.constantFrom('=', '+', '-', '@', '"', '\t', '\r', '\n', ';', ',', '|', ' ', 'a', '1');
    const text = fc.oneof(fc.string(), fc.string({ unit: risky }), fc.string({ unit: 'grapheme' }));
    fc.assert(
      fc.property(text, (value) => csvCell(value) === fullPath(value)),
      {
        numRuns: 5_000,
      },
    );
  });

  it('neutralises what the fast path must not skip', () => {
    expect(csvCell('=1+1')).toBe(`"'=1+1"`);
    expect(csvCell('Budi;-2')).toBe(`"Budi;'-2"`);
    expect(csvCell('\tx')).toBe(`"'\tx"`);
    expect(csvCell('Siti "Ani"')).toBe(`"Siti ""Ani"""`);
    expect(csvCell('Siti Aminah')).toBe(`"Siti Aminah"`);
    expect(csvCell(1_500_000)).toBe('1500000');
  });
});
