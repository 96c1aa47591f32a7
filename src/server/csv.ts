/**
 * CSV writing per RFC 4180: comma-separated, CRLF line ends, quotes inside doubled. Every text cell is
 * quoted (numbers are not), and formulas are neutralised for spreadsheets that split the file other than
 * on commas: an Indonesian Excel opened by double-click splits on ';' and ignores a quote that does not
 * open its own field, so `Budi;=cmd|' /C calc'!A0` would put `=cmd…` in a cell of its own and run it.
 * Hence a `'` goes before every = + - @ that starts the cell or follows a separator (; , | tab, line
 * break, then optional spaces), and before a leading tab or CR that some apps skip. The apostrophe is
 * how spreadsheets mark "this is text"; the value reads the same to a person.
 */
export const UTF8_BOM = '\uFEFF';

const FORMULA_AFTER_SEPARATOR = /(^|[;,|\t\r\n])( *)(?=[=+\-@])/g;
const SKIPPED_START = /^[\t\r]/;

/** The text with every place a spreadsheet could start a formula made literal. */
export function neutraliseFormulas(text: string): string {
  const safe = text.replace(FORMULA_AFTER_SEPARATOR, "$1$2'");
  return SKIPPED_START.test(safe) ? `'${safe}` : safe;
}

/**
 * Exactly the places neutraliseFormulas or quote-doubling acts on: a quote, a leading tab or CR, or a
 * formula character at the start or after a separator. Most cells (names, codes, dates) have none.
 */
const NEEDS_CARE = /"|^[\t\r]|(?:^|[;,|\t\r\n]) *[=+\-@]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  // The fast path is exact (test/server/csv-cell.test.ts): without these characters neither step below
  // changes the text. A dash inside a date or a street ("1975-08-17", "Gg. 3-A") takes it too.
  if (!NEEDS_CARE.test(value)) return `"${value}"`;
  return `"${neutraliseFormulas(value).replace(/"/g, '""')}"`;
}

/** One line: the cells joined by commas, CRLF at the end (a loop: no array of cells per row). */
export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  let line = values.length > 0 ? csvCell(values[0]) : '';
  for (let i = 1; i < values.length; i++) line += `,${csvCell(values[i])}`;
  return `${line}\r\n`;
}
