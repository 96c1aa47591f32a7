/**
 * The pull's kelurahan figures on each engine: the phone's kelurahan counted as Kantor's coverage counts
 * it (registrations that count plus peserta lama), against the target (40% of the estimate, rounded up),
 * on the last page only; none for a phone enrolled without a kelurahan; and an answer an old phone
 * reads as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledQuery } from 'kysely';
import * as z from 'zod/mini';
import {
  kelurahanProgressQuery,
  readCoverage,
  setCoverageTarget,
} from '../../src/server/services/coverage-data';
import { PullResponseSchema } from '../../src/shared/sync-protocol';
import { makeRegistration, NOW, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs, type Officer } from './officers';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const BLIMBING = '3573011005';
const ADDRESS = { street: 'Jl. Kawi 2', rt: '001', rw: '002', kelurahanKode: BLIMBING };

describe.each(registryEngines())('kelurahan figures in the pull on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let admin: Officer;
    let token: string;
    let person = 70_000;

    const pushPerson = async (overrides = {}) => {
      const record = makeRegistration({ ...uniquePerson(++person), address: ADDRESS, ...overrides });
      const [answer] = (await h.push(token, [record])).results;
      expect(answer?.outcome).toBe('accepted');
      return record;
    };

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      admin = await signInAs(h.app, 'admin');
      token = (await h.enroll(BLIMBING)).token;
      await setCoverageTarget(h.app.registry.store.db, NOW, 'test', BLIMBING, {
        estimatedWorkers: 1_201,
        targetPercent: 40,
      });
    });
    afterAll(async () => h?.app.close());

    it('starts at 0 of 1,201 with 481 (40%, rounded up) to go', async () => {
      expect((await h.pull(token)).kelurahan).toEqual({
        kelurahanKode: BLIMBING,
        registered: 0,
        estimatedWorkers: 1_201,
        targetPercent: 40,
        targetPeople: 481,
        toTarget: 481,
        asOf: NOW,
      });
    });

    it('moves when a record is accepted, and not for a rejected one or another kelurahan', async () => {
      await pushPerson();
      const rejected = await pushPerson();
      await admin.call('POST', `/admin/registrations/${rejected.id}/status`, {
        status: 'rejected',
        reason: 'NIK tidak sesuai KTP',
      });
      await pushPerson({ address: { ...ADDRESS, kelurahanKode: '3573051001' } });
      expect((await h.pull(token)).kelurahan).toMatchObject({ registered: 1, toTarget: 480 });
    });

    it('counts a person already covered at BPJS, the same as Kantor’s coverage', async () => {
      const res = await admin.call('POST', '/admin/covered/import', {
        fileName: 'bpjs.xlsx',
        rows: [{ nik: uniquePerson(++person).nik, fullName: 'Peserta Lama', kelurahan: 'Blimbing' }],
        dryRun: false,
      });
      expect(res.json().imported).toBe(1);
      const figures = (await h.pull(token)).kelurahan;
      const office = (await readCoverage(h.app.registry.store.db)).kelurahan.find((k) => k.kode === BLIMBING);
      expect(figures).toMatchObject({ registered: 2, toTarget: 479 });
      expect(office).toMatchObject({
        registered: figures?.registered,
        toTarget: figures?.toTarget,
        targetPeople: figures?.targetPeople,
      });
    });

    it('says 0 to go once the target is reached', async () => {
      await setCoverageTarget(h.app.registry.store.db, NOW, 'test', BLIMBING, {
        estimatedWorkers: 4,
        targetPercent: 40,
      });
      expect((await h.pull(token)).kelurahan).toMatchObject({ registered: 2, targetPeople: 2, toTarget: 0 });
    });

    it('sends none to a phone enrolled without a kelurahan', async () => {
      const anywhere = (await h.enroll()).token;
      const answer = await h.pull(anywhere);
      expect(answer.changes).toEqual([]);
      expect(answer).not.toHaveProperty('kelurahan');
    });

    it.runIf(engine.name === 'sqlite')('reads by key only: no table is scanned', async () => {
      const db = h.app.registry.store.db;
      const { sql: text, parameters } = kelurahanProgressQuery(db, BLIMBING).compile();
      const plan = await db.executeQuery<{ detail: string }>(
        CompiledQuery.raw(`explain query plan ${text}`, [...parameters]),
      );
      const steps = plan.rows.map((r) => r.detail);
      expect(steps.filter((s) => s.startsWith('SEARCH'))).toHaveLength(4);
      // The outer select has no table: SQLite calls that a scan of one constant row.
      expect(steps.filter((s) => s.startsWith('SCAN') && s !== 'SCAN CONSTANT ROW')).toEqual([]);
    });

    it('an old phone reads the answer as before; a phone drops figures it cannot read', async () => {
      const answer = await h.pull(token);
      const before = z.object({
        protocolVersion: z.int(),
        changes: z.array(z.unknown()),
        cursor: z.string(),
        hasMore: z.boolean(),
        referenceVersion: z.string(),
      });
      expect(before.safeParse(answer).success).toBe(true);
      const garbled = PullResponseSchema.safeParse({ ...answer, kelurahan: { registered: 'banyak' } });
      expect(garbled.success).toBe(true);
      expect(garbled.data?.kelurahan).toBeUndefined();
      expect(PullResponseSchema.parse(answer).kelurahan?.registered).toBe(2);
    });
  });
});
