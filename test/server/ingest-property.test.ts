/**
 * "Batched ingest == one-by-one ingest" as a property: for random sequences of push batches — ids and
 * NIKs drawn from small pools so they repeat inside and across batches, older and newer versions,
 * invalid records, a second device, admin rejections in between — a whole batch answers and stores
 * exactly what the same records pushed one at a time do, on each engine.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { DEVICES, openTwin, type Twin } from './ingest-support';

afterAll(stopEngines);

const POOL = 3;
const KELURAHAN = ['3573011005', '3573021001'];
const CREATED = ['2026-11-20T01:00:00.000Z', '2026-11-22T03:30:00.000Z'];
const NAMES = ['Siti Aminah', 'Sri Wahyuni', 'Moch. Rizal'];

const recordArb = fc.record({
  idIndex: fc.nat(POOL - 1),
  nikIndex: fc.nat(POOL - 1),
  version: fc.integer({ min: 1, max: 3 }),
  name: fc.nat(NAMES.length - 1),
  kelurahan: fc.nat(KELURAHAN.length - 1),
  created: fc.nat(CREATED.length - 1),
  broken: fc.constantFrom('no', 'no', 'no', 'no', 'bad_nik', 'not_object'),
});
type RecordSpec = typeof recordArb extends fc.Arbitrary<infer T> ? T : never;

const stepArb = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('push' as const),
      device: fc.constantFrom(DEVICES[0], DEVICES[0], DEVICES[0], DEVICES[1]),
      records: fc.array(recordArb, { minLength: 1, maxLength: 8 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reject' as const), idIndex: fc.nat(POOL - 1) }) },
);

/** Fresh ids and NIKs per run, so runs sharing a database never meet. */
function poolsFor(run: number) {
  const ids = Array.from({ length: POOL }, () => crypto.randomUUID());
  const people = Array.from({ length: POOL }, (_, k) => uniquePerson(20_000 + run * POOL + k));
  return { ids, people };
}

function recordOf(spec: RecordSpec, pools: ReturnType<typeof poolsFor>): unknown {
  if (spec.broken === 'not_object') return `record ${spec.idIndex}`;
  const record = makeRegistration({
    ...pools.people[spec.nikIndex]!,
    id: pools.ids[spec.idIndex]!,
    version: spec.version,
    fullName: NAMES[spec.name]!,
    createdAt: CREATED[spec.created]!,
  });
  record.address = { ...record.address, kelurahanKode: KELURAHAN[spec.kelurahan]! };
  return spec.broken === 'bad_nik' ? { ...record, nik: '123' } : record;
}

describe.each(registryEngines())('batched ingest as a property on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let twin: Twin;
    let run = 0;
    beforeAll(async () => {
      twin = await openTwin(() => engine.newDatabaseUrl());
    });
    afterAll(async () => twin?.close());

    it('answers and stores every batch exactly as the same records pushed one at a time', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 5 }), async (steps) => {
          const pools = poolsFor(++run);
          for (const step of steps) {
            if (step.kind === 'reject') {
              await twin.reject(pools.ids[step.idIndex]!);
              continue;
            }
            const records = step.records.map((spec) => recordOf(spec, pools));
            const { batched, oneByOne } = await twin.push(step.device, records);
            expect(batched).toEqual(oneByOne);
            const rows = await twin.rows(pools.ids);
            expect(rows.batched).toEqual(rows.oneByOne);
          }
        }),
        { numRuns: engine.name === 'postgres' ? 25 : 60 },
      );
    }, 120_000);
  });
});
