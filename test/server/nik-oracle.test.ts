/**
 * The NIK oracle (src/shared/nik-probing.ts) on each engine: a duplicate answer says where and when only
 * inside the phone's own kelurahan; every duplicate answer and NIK change is audited as the phone's
 * (without the NIK); past the hourly limit every record with a new NIK is held with the same answer
 * whether the NIK is taken or not, while edits that keep the NIK and other phones go on; an honest
 * volunteer re-typing a wrong NIK twice gets through; the office sees the counts in the device list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registration } from '../../src/shared/registration';
import { makeRegistration, NOW, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const OWN = '3573011005';
const ELSEWHERE = '3573021001';
const LIMIT = 4;

describe.each(registryEngines())('NIK oracle on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let clock = new Date(NOW);
    let n = 8000;
    const person = (overrides: Partial<Registration> = {}) =>
      makeRegistration({ ...uniquePerson(++n), ...overrides });
    /** A record held elsewhere and one in the phone's own kelurahan. */
    const holders: Record<'own' | 'elsewhere', Registration> = {} as never;

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl(), { now: () => clock, probesPerHour: LIMIT });
      const office = await h.enroll();
      holders.own = person({ address: { ...person().address, kelurahanKode: OWN } });
      holders.elsewhere = person({ address: { ...person().address, kelurahanKode: ELSEWHERE } });
      await h.push(office.token, [holders.own, holders.elsewhere]);
    });
    afterAll(async () => h?.app.close());

    const copyOf = (holder: Registration) =>
      person({ nik: holder.nik, birthDate: holder.birthDate, gender: holder.gender });
    const auditOf = async (deviceId: string) =>
      h.app.registry.store.db
        .selectFrom('audit_log')
        .select(['action', 'target', 'detail'])
        .where('actor', '=', `device:${deviceId}`)
        .where('action', '!=', 'device.enroll')
        .orderBy('id')
        .execute();

    it('says where and when only inside the phone’s kelurahan, and audits each answer', async () => {
      const phone = await h.enroll(OWN);
      const [own, elsewhere] = (await h.push(phone.token, [copyOf(holders.own), copyOf(holders.elsewhere)]))
        .results;
      expect(own).toMatchObject({ outcome: 'duplicate_nik', duplicate: { kelurahanKode: OWN } });
      expect(elsewhere?.outcome).toBe('duplicate_nik');
      expect(elsewhere).not.toHaveProperty('duplicate');
      const cityWide = await h.enroll();
      const [unknown] = (await h.push(cityWide.token, [copyOf(holders.own)])).results;
      expect(unknown).not.toHaveProperty('duplicate');
      const audit = await auditOf(phone.deviceId);
      expect(audit.map((a) => a.action)).toEqual(['sync.duplicate_answer', 'sync.duplicate_answer']);
      expect(audit.map((a) => a.detail).join()).not.toContain(holders.own.nik);
    });

    it('lets an honest volunteer re-type a wrong NIK twice, and audits the NIK change of an edit', async () => {
      const phone = await h.enroll(OWN);
      const right = person();
      const typo1 = { ...right, nik: holders.own.nik };
      const typo2 = { ...right, version: 2, nik: holders.elsewhere.nik };
      expect((await h.push(phone.token, [typo1])).results[0]?.outcome).toBe('duplicate_nik');
      expect((await h.push(phone.token, [typo2])).results[0]?.outcome).toBe('duplicate_nik');
      expect((await h.push(phone.token, [{ ...right, version: 3 }])).results[0]?.outcome).toBe('accepted');
      const fixed = { ...right, ...uniquePerson(++n), version: 4 };
      expect((await h.push(phone.token, [fixed])).results[0]?.outcome).toBe('accepted');
      const actions = (await auditOf(phone.deviceId)).map((a) => a.action);
      expect(actions).toEqual(['sync.duplicate_answer', 'sync.duplicate_answer', 'registration.nik_change']);
    });

    it('answers a duplicate pushed again the same, and counts it once: lost answers do not hold an honest phone', async () => {
      const phone = await h.enroll(OWN);
      const copies = Array.from({ length: LIMIT - 1 }, () => copyOf(holders.own));
      // The same batch again and again (its answers lost, or the phone's note of them lost in a crash).
      for (let round = 0; round < 3; round++) {
        const answers = (await h.push(phone.token, copies)).results;
        expect(answers.map((a) => a.outcome)).toEqual(copies.map(() => 'duplicate_nik'));
      }
      const probes = (await auditOf(phone.deviceId)).filter((a) => a.action === 'sync.duplicate_answer');
      expect(probes).toHaveLength(LIMIT - 1);
      // Within the hour's limit, then: a new record with a new NIK still goes through.
      expect((await h.push(phone.token, [person()])).results[0]?.outcome).toBe('accepted');
    });

    it('holds every new NIK past the hourly limit, taken or free alike, and lets the rest go on', async () => {
      const prober = await h.enroll(OWN);
      const probe = person();
      await h.push(prober.token, [probe]);
      // One record pushed again and again with a new NIK: a free one is a NIK change, a taken one a duplicate.
      for (let v = 2; v <= LIMIT + 1; v++) {
        const nik = v % 2 ? holders.elsewhere : person();
        await h.push(prober.token, [{ ...probe, version: v, nik: nik.nik, birthDate: nik.birthDate }]);
      }
      const taken = {
        ...probe,
        version: 20,
        nik: holders.elsewhere.nik,
        birthDate: holders.elsewhere.birthDate,
      };
      const free = { ...probe, ...uniquePerson(++n), version: 21 };
      const fresh = person();
      const answers = (await h.push(prober.token, [taken])).results.concat(
        (await h.push(prober.token, [free, fresh])).results,
      );
      const held = [{ field: 'nik', code: 'nik_held' }];
      expect(answers.map((a) => [a.outcome, a.errors])).toEqual([
        ['invalid', held],
        ['invalid', held],
        ['invalid', held],
      ]);
      expect(answers.some((a) => a.duplicate)).toBe(false);
      // An edit that keeps the NIK is no probe; another phone is not limited.
      const stored = await h.app.registry.store.db
        .selectFrom('registrations')
        .select(['version', 'nik'])
        .where('id', '=', probe.id)
        .executeTakeFirstOrThrow();
      const keepsNik = { ...probe, nik: stored.nik, version: 22, birthPlace: 'Batu' };
      expect((await h.push(prober.token, [keepsNik])).results[0]?.outcome).toBe('accepted');
      expect((await h.push((await h.enroll(OWN)).token, [person()])).results[0]?.outcome).toBe('accepted');

      const devices = (
        await h.app.inject({ method: 'GET', url: '/api/v1/admin/devices', headers: h.admin })
      ).json().items as { id: string; nikProbes24h: object }[];
      expect(devices.find((d) => d.id === prober.deviceId)?.nikProbes24h).toEqual({
        duplicateAnswers: 2,
        nikChanges: 2,
        held: 3,
      });

      // An hour later the phone is answered again.
      clock = new Date(Date.parse(NOW) + 3_600_000 + 1);
      const later = { ...free, version: 23 };
      expect((await h.push(prober.token, [later])).results[0]?.outcome).toBe('accepted');
    });
  });
});
