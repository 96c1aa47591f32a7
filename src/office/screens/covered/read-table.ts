/**
 * Reads a BPJS list into rows of text cells, in the browser: XLSX with read-excel-file, CSV with
 * papaparse (the separator — comma or the semicolon Indonesian Excel writes — is detected). Both are
 * loaded only when a file is chosen. A NIK stored as a number in Excel is exact (16 digits < 2^53).
 */
export type Table = string[][];

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

export async function readTable(file: File): Promise<Table> {
  if (/\.xlsx$/i.test(file.name)) {
    const { readSheet } = await import('read-excel-file/browser');
    const rows = await readSheet(file);
    return rows.map((row) => row.map(cellText));
  }
  const { default: Papa } = await import('papaparse');
  const parsed = Papa.parse<string[]>(await file.text(), { skipEmptyLines: 'greedy' });
  return parsed.data.map((row) => row.map(cellText));
}

export interface ColumnMap {
  nik: number;
  fullName: number;
  kelurahan: number;
}

const GUESSES: Record<keyof ColumnMap, RegExp> = {
  nik: /\bnik\b|no\.?\s*ktp|nomor induk/i,
  fullName: /nama/i,
  kelurahan: /kelurahan|\bkel\b|desa/i,
};

/** The columns whose header names say NIK, name and kelurahan; -1 where none does. */
export function guessColumns(header: readonly string[]): ColumnMap {
  const find = (pattern: RegExp) => header.findIndex((h) => pattern.test(h));
  return { nik: find(GUESSES.nik), fullName: find(GUESSES.fullName), kelurahan: find(GUESSES.kelurahan) };
}

export function rowsFor(table: Table, map: ColumnMap) {
  return table.slice(1).map((row) => ({
    nik: row[map.nik] ?? '',
    fullName: row[map.fullName] ?? '',
    kelurahan: row[map.kelurahan] ?? '',
  }));
}
