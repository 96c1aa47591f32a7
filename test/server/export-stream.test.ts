/**
 * Both exports stream on each engine: with 10,000 people (10 pages of 1,000), a download nobody reads yet
 * makes the registry read only the pages that fill the streams' buffers (some hundred KB; fewer than half,
 * one of them the page read ahead while the one before is turned into rows) while the rest wait for the
 * client, and reading it to the end gives every row. That bound does not grow with the export: it is what
 * keeps a city-wide export of 100,000 rows out of memory.
 */
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Kysely, KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/server/db/schema';
import {
  DEFAULT_EXPORT_STATUSES,
  EXPORT_PAGE_ROWS,
  exportCsv,
  exportPages,
} from '../../src/server/services/export';
import { exportXlsx } from '../../src/server/services/export-xlsx';
import { toRegistrationRow } from '../../src/server/services/registration-row';
import { makeRegistration, NOW, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const PEOPLE = 10_000;
const PAGES = PEOPLE / EXPORT_PAGE_ROWS + 1; // the last full page is followed by an empty one
const filter = { kelurahan: null, statuses: DEFAULT_EXPORT_STATUSES };

/** The database, counting the selects of registrations (one per page; the row count is not asked here). */
function counted(db: Kysely<Database>) {
  const seen = { pages: 0 };
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      if (args.node.kind === 'SelectQueryNode') seen.pages++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  return { db: db.withPlugin(plugin), seen };
}

/** Waits until the count has not moved for a while: whatever the stream reads ahead, it has read. */
async function settled(seen: { pages: number }): Promise<number> {
  for (let last = -1; last !== seen.pages;) {
    last = seen.pages;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return seen.pages;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer | string));
  return Buffer.concat(chunks);
}

describe.each(registryEngines())('the exports stream on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      const phone = await h.enroll();
      const received = {
        status: 'received' as const,
        status_reason: null,
        status_changed_at: NOW,
        received_at: NOW,
      };
      for (let first = 0; first < PEOPLE; first += 500) {
        const rows = Array.from({ length: 500 }, (_, i) => {
          const record = makeRegistration({ ...uniquePerson(first + i + 1), fullName: `Warga ${first + i}` });
          return { ...toRegistrationRow(record, phone.deviceId, NOW), ...received };
        });
        await h.app.registry.store.db.insertInto('registrations').values(rows).execute();
      }
    }, 60_000);
    afterAll(async () => h?.app.close());

    it('reads the XLSX a page at a time as the download takes it', async () => {
      const { db, seen } = counted(h.app.registry.store.db);
      const stream = exportXlsx(db, filter);
      expect(await settled(seen)).toBeLessThanOrEqual(10);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readAll(stream)) as unknown as ExcelJS.Buffer);
      expect(workbook.worksheets[0]!.rowCount).toBe(PEOPLE + 1);
      expect(seen.pages).toBe(PAGES);
    }, 60_000);

    it('reads the CSV a page at a time as the download takes it', async () => {
      const { db, seen } = counted(h.app.registry.store.db);
      const stream = exportCsv(db, filter);
      expect(await settled(seen)).toBeLessThanOrEqual(4);
      const lines = (await readAll(stream)).toString('utf8').split('\r\n');
      expect(lines).toHaveLength(PEOPLE + 2); // the header, the people, and the end of the last line
      expect(seen.pages).toBe(PAGES);
    }, 60_000);

    it('a reader that stops after the first page leaves no failing read behind', async () => {
      let selects = 0;
      const failingAfterFirst: KyselyPlugin = {
        transformQuery(args) {
          if (args.node.kind === 'SelectQueryNode' && ++selects > 1) throw new Error('the read ahead failed');
          return args.node;
        },
        transformResult: async (args) => args.result,
      };
      const db = h.app.registry.store.db.withPlugin(failingAfterFirst);
      for await (const rows of exportPages(db, filter)) {
        expect(rows).toHaveLength(EXPORT_PAGE_ROWS);
        break;
      }
      // The page read ahead was sent (and failed); an unhandled rejection would fail this run.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(selects).toBe(2);
    });
  });
});
