/**
 * CSV writing per RFC 4180: comma-separated, CRLF line ends, a field is quoted when it holds a comma,
 * a quote, CR or LF, and quotes inside are doubled. Cells that a spreadsheet would run as a formula
 * (starting with = + - @, or a tab / CR that some apps skip) get a leading apostrophe, so a name typed as
 * "=HYPERLINK(…)" in the field shows as text in the city's spreadsheet instead of running.
 */
export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
