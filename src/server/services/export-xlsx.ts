/**
 * The export as an Excel workbook (XLSX), written by exceljs's streaming WorkbookWriter: rows are
 * committed a page at a time into the zip that goes out on the response, so a city-wide export is never
 * held whole in memory. Every column but the income is a TEXT column (number format '@') holding string
 * cells, so Excel never turns a 16-digit NIK into 3.57302E+15 nor drops a phone number's leading zero,
 * also when a cell is edited. Cell values are never formulas in XLSX, so nothing needs neutralising.
 */
import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { EXPORT_COLUMNS, exportPages, exportValues, type ExportFilter } from './export';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Characters wide, per column in EXPORT_COLUMNS order: the usual content fits without resizing. */
const WIDTHS: Record<(typeof EXPORT_COLUMNS)[number], number> = {
  NIK: 19,
  'Nama Lengkap': 28,
  'Tempat Lahir': 16,
  'Tanggal Lahir': 13,
  'Jenis Kelamin': 13,
  Alamat: 32,
  RT: 5,
  RW: 5,
  Kelurahan: 18,
  Kecamatan: 16,
  'No HP': 15,
  Pekerjaan: 26,
  'Penghasilan per Bulan': 14,
  Program: 14,
  'Sumber Dana': 12,
  'Nama Ahli Waris': 24,
  'Hubungan Ahli Waris': 12,
  'HP Ahli Waris': 15,
  'Tanggal Terdaftar': 13,
  Status: 14,
};

/** archiver's own default buffers 1 MiB each way (some 10 MB of rows) before it pushes back. */
const ZIP_OPTIONS = { highWaterMark: 64 * 1024 } as Partial<ExcelJS.stream.xlsx.ArchiverZipOptions>;

const TEXT = '@';
const RUPIAH = '#,##0';

interface Zip {
  append(source: Readable, entry: { name: string }): void;
  on(event: 'error', listener: (error: Error) => void): void;
}

/**
 * exceljs's own part streams pass every chunk on at once, ignoring back-pressure, so the zip's deflate
 * queue held the whole sheet (100,000 rows: +110 MB) before any of it went out. This writer gives each
 * zip part a Node stream that honours it, and `room()` waits until the parts have room again. It
 * overrides `_openStream`, internal to exceljs (pinned to 4.4.0 for that reason).
 */
class PacedWorkbookWriter extends ExcelJS.stream.xlsx.WorkbookWriter {
  // `declare`: both are set by the base constructor, which opens parts before class fields exist.
  declare readonly zip: Zip;
  declare private parts: Set<PassThrough> | undefined;

  _openStream(path: string): PassThrough {
    const part = new PassThrough();
    const write = part.write.bind(part) as (chunk: unknown, ...rest: unknown[]) => boolean;
    // exceljs also writes its StringBuf objects, which a Node stream does not take: their bytes then.
    part.write = ((chunk: unknown, ...rest: unknown[]) =>
      write(
        isBytes(chunk) ? chunk : (chunk as { toBuffer(): Buffer }).toBuffer(),
        ...rest,
      )) as typeof part.write;
    (this.parts ??= new Set()).add(part);
    part.on('finish', () => {
      this.parts?.delete(part);
      part.emit('zipped'); // what exceljs waits for before it finishes the workbook
    });
    this.zip.append(part, { name: path });
    return part;
  }

  /** Resolves once every open part has room for more, or `out` has closed (the client went away). */
  async room(out: PassThrough): Promise<void> {
    for (const part of this.parts ?? []) {
      if (out.destroyed || !part.writableNeedDrain) continue;
      await new Promise<void>((resolve) => {
        const done = () => {
          part.off('drain', done);
          out.off('close', done);
          resolve();
        };
        part.on('drain', done);
        out.on('close', done);
      });
    }
  }
}

const isBytes = (chunk: unknown): chunk is string | Buffer =>
  typeof chunk === 'string' || Buffer.isBuffer(chunk);

async function writeWorkbook(db: Kysely<Database>, filter: ExportFilter, out: PassThrough) {
  const workbook = new PacedWorkbookWriter({
    stream: out,
    useStyles: true,
    // Shared strings would keep every distinct name and NIK in memory until the end.
    useSharedStrings: false,
    zip: ZIP_OPTIONS,
  });
  workbook.zip.on('error', (error) => out.destroy(error));
  const sheet = workbook.addWorksheet('Peserta', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((header) => ({
    header,
    width: WIDTHS[header],
    style: { numFmt: header === 'Penghasilan per Bulan' ? RUPIAH : TEXT },
  }));
  const head = sheet.getRow(1);
  head.font = { bold: true, name: 'Calibri', size: 11 };
  head.commit();
  for await (const rows of exportPages(db, filter)) {
    for (const row of rows) sheet.addRow(exportValues(row)).commit();
    // The next page is read only once this one has gone on towards the client.
    await workbook.room(out);
    if (out.destroyed) return;
  }
  sheet.commit();
  await workbook.commit();
}

/** The workbook as a stream of bytes; a database error mid-way ends the stream with that error. */
export function exportXlsx(db: Kysely<Database>, filter: ExportFilter): Readable {
  const out = new PassThrough();
  writeWorkbook(db, filter, out).catch((error: unknown) => out.destroy(error as Error));
  return out;
}
