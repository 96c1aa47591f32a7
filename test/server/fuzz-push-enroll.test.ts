/**
 * Fuzz of what a phone can send, on each engine: push bodies that are arbitrary JSON, batches of
 * near-valid records with one field mutated (NUL, lone surrogates, bidi controls, huge numbers, 2^31,
 * negatives, wrong types, long strings), and arbitrary enrollment bodies. The registry may refuse any of
 * it, but never with a 5xx (a phone's queue would retry that batch forever), and whatever it stores —
 * the registration, its version history, a duplicate attempt — passes the shared validation, with the
 * columns equal to the stored JSON. 1,500 cases per engine, so it stays in `npm test`.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wibDate } from '../../src/server/clock';
import type { Registration } from '../../src/shared/registration';
import { validateRegistration } from '../../src/shared/validation';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { FIXED_NOW, openHarness, type Harness } from './support';

afterAll(stopEngines);

const SEED = 20261202;

/** Where a mutation goes: a path into a record (one level or two). */
const PATHS = [
  'id',
  'nik',
  'fullName',
  'birthPlace',
  'birthDate',
  'gender',
  'address.street',
  'address.rt',
  'address.rw',
  'address.kelurahanKode',
  'phone',
  'occupation',
  'occupationOther',
  'monthlyIncome',
  'programme',
  'funding',
  'heir.name',
  'heir.relationship',
  'heir.phone',
  'consent.version',
  'consent.agreed',
  'consent.agreedAt',
  'location',
  'location.lat',
  'location.accuracyM',
  'notes',
  'createdAt',
  'updatedAt',
  'version',
] as const;

const hostileString = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'Siti\u0000Aminah',
    '\uD800',
    'Siti\uDC00',
    '\u202EhanimA itiS',
    'Siti\u2066Aminah\u2069',
    '\u200B',
    '\u0085',
    '\u001b[2J',
    '\n\t',
    '',
    ' ',
    '0'.repeat(16),
    '3573015708750001',
    '2026-02-30',
    '9999-12-31T23:59:59.999Z',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.nat(20_000).map((n) => 'x'.repeat(n)),
);

const hostileValue = fc.oneof(
  hostileString,
  fc.constantFrom(
    2 ** 31,
    2 ** 31 - 1,
    2 ** 53,
    -1,
    -0,
    0,
    1.5,
    1e308,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    false,
    null,
  ),
  fc.double(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 2 }),
);

function withMutation(record: Registration, path: string, value: unknown): unknown {
  const copy = structuredClone(record) as unknown as Record<string, unknown>;
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) copy[head] = value;
  else {
    const inner = copy[head];
    copy[head] = { ...(typeof inner === 'object' && inner !== null ? inner : {}), [tail]: value };
  }
  return copy;
}

let counter = 300_000;
const validRecord = () =>
  makeRegistration({
    ...uniquePerson(++counter),
    location: { lat: -7.98, lon: 112.63, accuracyM: 12 },
    notes: 'catatan\nbaris dua',
  });

/** A batch of 1–4 records, each valid or with one field mutated (and, now and then, a repeated NIK). */
const nearValidBatch = fc.array(
  fc.record({
    mutate: fc.boolean(),
    path: fc.constantFrom(...PATHS),
    value: hostileValue,
    reuseNik: fc.boolean(),
  }),
  { minLength: 1, maxLength: 4 },
);

const CASES = { arbitraryPush: 400, nearValid: 800, enroll: 300 };

describe.each(registryEngines())('fuzzed phone input on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let token: string;

    async function push(body: unknown, raw = false) {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: raw ? (body as string) : JSON.stringify(body),
      });
      expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
      return res;
    }

    beforeAll(async () => {
      // The fuzzer changes NIKs far faster than a person: past the NIK-probe limit every new NIK would
      // be held (tested in nik-oracle.test.ts), and the rows this test checks would never be stored.
      h = await openHarness(await engine.newDatabaseUrl(), { probesPerHour: 1_000_000 });
      token = (await h.enroll()).token;
    });
    afterAll(async () => h?.app.close());

    it(`answers ${CASES.arbitraryPush} arbitrary push bodies without a 5xx`, async () => {
      const body = fc.oneof(
        fc.jsonValue({ stringUnit: 'binary', maxDepth: 4 }),
        fc.record({ protocolVersion: fc.constant(1), records: fc.array(fc.jsonValue({ maxDepth: 3 })) }),
        fc.record({ protocolVersion: hostileValue, records: fc.constant([]), device: hostileValue }),
      );
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          await push(b);
        }),
        { numRuns: CASES.arbitraryPush / 2, seed: SEED },
      );
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
          await push(`{"protocolVersion":1,"records":[${text}`, true);
        }),
        { numRuns: CASES.arbitraryPush / 2, seed: SEED },
      );
    });

    it(`answers ${CASES.nearValid} batches of near-valid records, one answer per record, without a 5xx`, async () => {
      await fc.assert(
        fc.asyncProperty(nearValidBatch, async (specs) => {
          const records: unknown[] = [];
          let lastNik: string | undefined;
          for (const spec of specs) {
            let record = validRecord();
            if (spec.reuseNik && lastNik) record = { ...record, nik: lastNik };
            lastNik = record.nik;
            records.push(spec.mutate ? withMutation(record, spec.path, spec.value) : record);
          }
          const res = await push({ protocolVersion: 1, records });
          if (res.statusCode === 200) expect(res.json().results).toHaveLength(records.length);
        }),
        { numRuns: CASES.nearValid, seed: SEED },
      );
    });

    it(`answers ${CASES.enroll} arbitrary enrollment bodies without a 5xx`, async () => {
      const body = fc.oneof(
        fc.jsonValue({ stringUnit: 'binary', maxDepth: 3 }),
        fc.record({ code: hostileValue }),
        fc.string({ unit: 'binary', maxLength: 100 }).map((code) => ({ code })),
      );
      await fc.assert(
        fc.asyncProperty(body, async (b) => {
          const res = await h.app.inject({
            method: 'POST',
            url: '/api/v1/enroll',
            headers: { 'content-type': 'application/json' },
            payload: JSON.stringify(b),
          });
          expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
          expect(res.statusCode).not.toBe(201);
        }),
        { numRuns: CASES.enroll, seed: SEED },
      );
    });

    it('stored only what the shared validation accepts, columns equal to the JSON', async () => {
      const ctx = { today: wibDate(FIXED_NOW), serviceAreaKode: h.app.registry.config.serviceAreaKode };
      const { db } = h.app.registry.store;
      const rows = await db.selectFrom('registrations').selectAll().execute();
      expect(rows.length).toBeGreaterThan(CASES.nearValid / 2); // the fuzz reached the database
      for (const row of rows) {
        const checked = validateRegistration(JSON.parse(row.data), ctx);
        expect(checked.ok, `${row.id}: ${JSON.stringify(checked.ok ? [] : checked.errors)}`).toBe(true);
        if (!checked.ok) continue;
        const r = checked.value;
        expect([row.id, row.nik, row.version, row.full_name, row.heir_name, row.street]).toEqual([
          r.id,
          r.nik,
          r.version,
          r.fullName,
          r.heir.name,
          r.address.street,
        ]);
      }
      const stored = [
        ...(await db.selectFrom('registration_versions').select('data').execute()),
        ...(await db.selectFrom('duplicate_attempts').select('data').execute()),
      ];
      for (const { data } of stored) expect(validateRegistration(JSON.parse(data), ctx).ok).toBe(true);
    });
  });
});
