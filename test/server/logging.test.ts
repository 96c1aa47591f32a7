/**
 * The registry's log keeps personal data out: an officer's search by NIK or name is logged as the path
 * without its query, and a failed request's error is logged without the database's quoted detail or
 * the values its message quotes (a real PostgreSQL refusal, and the messages that quote one), while
 * the kind of error and the constraint's or column's name stay readable.
 */
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { loggableError, REDACTED } from '../../src/server/logging';
import { registryEngines, stopEngines } from '../helpers/engines';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const NIK = '3573015708750001';

describe.each(registryEngines())('the log on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let lines: string[];

    beforeAll(async () => {
      const stream = new PassThrough();
      lines = [];
      stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
      h = await openHarness(await engine.newDatabaseUrl(), { logLevel: 'debug', logStream: stream });
    });
    afterAll(async () => h?.app.close());

    it.runIf(engine.name === 'postgres').each([
      [`x${NIK}`, '22P02', `invalid input syntax for type integer: ${REDACTED}`],
      [NIK, '22003', `value ${REDACTED} is out of range for type integer`],
    ])('logs the refusal of %s as its kind of error (%s), not the value', async (value, code, message) => {
      const error = await sql`select cast(${value} as integer)`.execute(h.app.registry.store.db).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(String((error as Error).message)).toContain(value); // PostgreSQL does quote it
      const logged = loggableError(error);
      expect(JSON.stringify(logged)).not.toContain(NIK);
      expect(logged).toMatchObject({ code, message });
    });

    it('logs the route of a search, never its query', async () => {
      const res = await h.app.inject({
        url: `/api/v1/admin/registrations?q=${NIK}&kelurahan=3573011005`,
        headers: h.admin,
      });
      expect(res.statusCode).toBe(200);
      await new Promise((r) => setImmediate(r));
      const log = lines.join('\n');
      expect(log).toContain('/api/v1/admin/registrations');
      expect(log).not.toContain(NIK);
      expect(log).not.toContain('q=');
    });

    // Refusals and odd URLs take other paths through Fastify (no route, a bad escape, the guard's
    // 401, a query the route rejects); none of them may log the query either.
    it.each([
      `/api/v1/admin/no-such-route?q=${NIK}`,
      `/api/v1/admin/registrations/%ZZ?q=${NIK}`,
      `/api/v1/admin/registrations?q=${NIK}&limit=not-a-number`,
      `/api/v1/admin/audit?actor=${NIK}`,
      `/api/v1/admin/export.csv?from=${NIK}`,
      `/metrics?q=${NIK}`,
      `//api/v1/admin/registrations?q=${NIK}`,
    ])('never logs the query of %s, signed in or not', async (url) => {
      lines.length = 0;
      for (const headers of [{}, h.admin]) await h.app.inject({ url, headers });
      await new Promise((r) => setImmediate(r));
      expect(lines.filter((line) => line.includes(NIK))).toEqual([]);
    });
  });
});

describe('a logged error', () => {
  it("drops the database's detail (PostgreSQL quotes the offending key there)", () => {
    const error = Object.assign(
      new Error('duplicate key value violates unique constraint "registrations_nik_key"'),
      {
        code: '23505',
        detail: `Key (nik)=(${NIK}) already exists.`,
      },
    );
    const logged = loggableError(error);
    expect(logged).toMatchObject({
      code: '23505',
      message: 'duplicate key value violates unique constraint "registrations_nik_key"',
    });
    expect(JSON.stringify(logged)).not.toContain(NIK);
  });

  it.each([
    [`invalid input syntax for type integer: "${NIK}"`, `invalid input syntax for type integer: ${REDACTED}`],
    [`invalid input syntax for type uuid: "${NIK}-"`, `invalid input syntax for type uuid: ${REDACTED}`],
    [`value "${NIK}" is out of range for type integer`, `value ${REDACTED} is out of range for type integer`],
    [`date/time field value out of range: "${NIK}"`, `date/time field value out of range: ${REDACTED}`],
    [`invalid input value for enum gender: "a"b ${NIK}"`, `invalid input value for enum gender: ${REDACTED}`],
    [
      `invalid input syntax for type integer: "12\n${NIK}"`,
      `invalid input syntax for type integer: ${REDACTED}`,
    ],
    [`syntax error at or near "${NIK}"`, `syntax error at or near ${REDACTED}`],
    [
      'null value in column "full_name" of relation "registrations" violates not-null constraint',
      'null value in column "full_name" of relation "registrations" violates not-null constraint',
    ],
    ['invalid byte sequence for encoding "UTF8": 0x00', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['UNIQUE constraint failed: registrations.nik', 'UNIQUE constraint failed: registrations.nik'],
  ])('logs %j as %j, in the message and the stack', (message, shown) => {
    const error = new Error(message);
    const logged = loggableError(error);
    expect(logged.message).toBe(shown);
    expect(logged.stack.split('\n')[0]).toBe(`Error: ${shown}`);
  });
});
