/**
 * What a phone (or anything holding a device token) may send must never make the registry answer 5xx,
 * and never jam a sync queue: every case here ran into a 500 on PostgreSQL, or was stored on SQLite in
 * a form that later broke. Each runs on both engines; the rest of a batch is always kept.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registration } from '../../src/shared/registration';
import { PushResponseSchema, type PushResult } from '../../src/shared/sync-protocol';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { countRows, openHarness, type Harness } from './support';

afterAll(stopEngines);

const MAX_INT4 = 2 ** 31 - 1;

/** A text field of a record, and how to put `text` into it. */
const TEXT_FIELDS: [string, (r: Registration, text: string) => Registration][] = [
  ['fullName', (r, t) => ({ ...r, fullName: `Siti${t}Aminah` })],
  ['birthPlace', (r, t) => ({ ...r, birthPlace: `Malang${t}` })],
  ['address.street', (r, t) => ({ ...r, address: { ...r.address, street: `Jl. Ciliwung${t} 5` } })],
  ['heir.name', (r, t) => ({ ...r, heir: { ...r.heir, name: `Ahmad${t}` } })],
  ['occupationOther', (r, t) => ({ ...r, occupation: 'lainnya', occupationOther: `Tukang${t}` })],
  ['notes', (r, t) => ({ ...r, notes: `catatan${t}` })],
  ['consent.version', (r, t) => ({ ...r, consent: { ...r.consent, version: `pdp${t}` } })],
];

const NOT_TEXT: [string, string][] = [
  ['a NUL', '\u0000'],
  ['a bell', '\u0007'],
  ['a C1 control', '\u0085'],
  ['a right-to-left override', '\u202E'],
  ['a lone surrogate', '\uD800'],
];

const cursorOf = (seq: number | string) => Buffer.from(`s${seq}`, 'utf8').toString('base64url');

describe.each(registryEngines())('hostile input on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let phone: { deviceId: string; token: string };
    let n = 0;
    const person = (overrides: Partial<Registration> = {}) =>
      makeRegistration({ ...uniquePerson(++n), ...overrides });

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      phone = await h.enroll();
    });
    afterAll(async () => h?.app.close());

    /** Pushes and insists on a 200 whose answer a phone can parse. */
    async function push(records: unknown[], token = phone.token): Promise<PushResult[]> {
      const res = await h.pushRaw(token, { protocolVersion: 1, records });
      expect(res.statusCode, res.body).toBe(200);
      expect(PushResponseSchema.safeParse(res.json()).success).toBe(true);
      return res.json().results;
    }
    const outcomes = (results: PushResult[]) => results.map((r) => r.outcome);
    async function storedIds(ids: string[]): Promise<string[]> {
      const rows = await h.app.registry.store.db
        .selectFrom('registrations')
        .select('id')
        .where('id', 'in', ids)
        .execute();
      return rows.map((r) => r.id).sort();
    }

    describe('text that is not text is invalid, and the rest of the batch is kept', () => {
      it.each(TEXT_FIELDS)('a NUL in %s', async (field, put) => {
        const [before, after] = [person(), person()];
        const results = await push([before, put(person(), '\u0000'), after]);
        expect(outcomes(results)).toEqual(['accepted', 'invalid', 'accepted']);
        expect(results[1]?.errors).toContainEqual({ field, code: 'text_invalid' });
        expect(await storedIds([before.id, after.id])).toEqual([before.id, after.id].sort());
      });

      it.each(NOT_TEXT)('%s in a name', async (_label, char) => {
        const bad = person({ fullName: `Siti${char}Aminah` });
        const results = await push([bad, person()]);
        expect(outcomes(results)).toEqual(['invalid', 'accepted']);
        expect(results[0]?.errors).toContainEqual({ field: 'fullName', code: 'text_invalid' });
        expect(await storedIds([bad.id])).toEqual([]);
      });

      it('a name of invisible characters only', async () => {
        const results = await push([person({ fullName: '\u200B\u200B' })]);
        expect(results[0]?.errors).toContainEqual({ field: 'fullName', code: 'required' });
      });
    });

    describe('ids, versions and cursors are checked before they reach SQL', () => {
      it.each([
        ['a NUL in an invalid record’s id', { id: 'abc\u0000def', nik: '123' }],
        ['a NUL in a valid record’s id', { id: `${crypto.randomUUID()}\u0000` }],
        ['an id of 20,000 characters', { id: 'a'.repeat(20_000) }],
        ['a lone surrogate in the id', { id: '\uDC00' }],
      ])('answers %s as id_invalid', async (_label, override) => {
        const good = person();
        const results = await push([{ ...person(), ...override }, good]);
        expect(outcomes(results)).toEqual(['invalid', 'accepted']);
        expect(results[0]?.errors).toContainEqual({ field: 'id', code: 'id_invalid' });
      });

      it.each([
        ['2^31', 2 ** 31],
        ['2^53 − 1', Number.MAX_SAFE_INTEGER],
        ['2^53 + 2', 2 ** 53 + 2],
        ['1e300', 1e300],
        ['1.5', 1.5],
        ['-1', -1],
      ])('answers version %s as version_invalid', async (_label, version) => {
        const results = await push([person({ version }), person()]);
        expect(outcomes(results)).toEqual(['invalid', 'accepted']);
        expect(results[0]?.errors).toContainEqual({ field: 'version', code: 'version_invalid' });
      });

      it('accepts version 2^31 − 1, answers its resend unchanged and a higher one invalid', async () => {
        const top = person({ version: MAX_INT4 });
        expect(outcomes(await push([top]))).toEqual(['accepted']);
        expect(outcomes(await push([top]))).toEqual(['unchanged']);
        const beyond = await push([{ ...top, version: MAX_INT4 + 1 }]);
        expect(beyond[0]).toMatchObject({ outcome: 'invalid', errors: [{ field: 'version' }] });
      });

      it.each([
        ['2^31', 2 ** 31],
        ['10^15 − 1', '999999999999999'],
      ])('answers a pull cursor at sequence %s with 400, not 500', async (_label, seq) => {
        const res = await h.app.inject({
          method: 'GET',
          url: `/api/v1/sync/pull?cursor=${cursorOf(seq)}`,
          headers: { authorization: `Bearer ${phone.token}` },
        });
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({ code: 'bad_request' });
      });

      it('answers a pull cursor at sequence 2^31 − 1 with an empty page', async () => {
        const page = await h.pull(phone.token, cursorOf(MAX_INT4));
        expect(page).toMatchObject({ changes: [], hasMore: false, cursor: cursorOf(MAX_INT4) });
      });
    });
  });
});

/** A rule the test database enforces and the schema does not: stands for any value a database refuses. */
async function poisonName(h: Harness, engine: string, name: string): Promise<void> {
  const db = h.app.registry.store.db;
  if (engine === 'sqlite') {
    await sql
      .raw(
        `create trigger poison before insert on registrations when new.full_name = '${name}'
         begin select raise(abort, 'poison'); end`,
      )
      .execute(db);
    return;
  }
  // 22021 is what a NUL in text raised: the error this path was built for.
  await sql
    .raw(
      `create function poison() returns trigger language plpgsql as $$
       begin
         if new.full_name = '${name}' then raise exception 'poison' using errcode = '22021'; end if;
         return new;
       end $$;
       create trigger poison before insert or update on registrations
         for each row execute function poison()`,
    )
    .execute(db);
}

describe.each(registryEngines())('a value the database refuses, on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let phone: { deviceId: string; token: string };
    let n = 0;
    const person = (overrides: Partial<Registration> = {}) =>
      makeRegistration({ ...uniquePerson(++n), ...overrides });

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      phone = await h.enroll();
      await poisonName(h, engine.name, 'Racun Basis Data');
    });
    afterAll(async () => h?.app.close());

    it('is that record’s answer; the records around it are judged and stored as one by one would', async () => {
      const before = person();
      const poisoned = person({ fullName: 'Racun Basis Data' });
      // The same NIK after the refused record: it is free, as if the refused one had never come.
      const sameNik = person({ nik: poisoned.nik, birthDate: poisoned.birthDate });
      const res = await h.pushRaw(phone.token, { protocolVersion: 1, records: [before, poisoned, sameNik] });
      expect(res.statusCode).toBe(200);
      const { results } = res.json() as { results: PushResult[] };
      expect(results).toEqual([
        { id: before.id, version: 1, outcome: 'accepted', serverStatus: 'received' },
        {
          id: poisoned.id,
          version: 1,
          outcome: 'invalid',
          errors: [{ field: '', code: 'record_unstorable' }],
        },
        { id: sameNik.id, version: 1, outcome: 'accepted', serverStatus: 'received' },
      ]);
      expect(await countRows(h.app, 'registrations')).toBe(2);
      // Resent: the refused record now meets the NIK the one after it took, as one by one would answer.
      const again = await h.push(phone.token, [before, poisoned, sameNik]);
      expect(again.results.map((r) => r.outcome)).toEqual(['unchanged', 'duplicate_nik', 'unchanged']);
    });
  });
});
