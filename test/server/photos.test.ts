/**
 * KTP photos at the registry, on each engine: a phone's PUT is stored once (a retry is 200 and one
 * row), only for its own record whose current version names that hash; wrong hashes, non-images, big
 * bodies and odd ids are clear 4xx answers that store nothing; the office reads a photo only where it
 * may read the record, and every read is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES } from '../../src/shared/photo';
import type { Registration } from '../../src/shared/registration';
import { ktpPhotoOf, photoBytes, sha256Of } from '../fixtures/photos';
import { makeRegistration, uniquePerson } from '../fixtures/registrations';
import { registryEngines, stopEngines } from '../helpers/engines';
import { signInAs, type Officer } from './officers';
import { countRows, openHarness, type Harness } from './support';

afterAll(stopEngines);

const OWN = '3573011005';
const OTHER = '3573041001';
let people = 0;

function recordWithPhoto(bytes: Uint8Array, kelurahanKode = OWN): Registration {
  const address = { street: 'Jl. Raya', rt: '001', rw: '002', kelurahanKode };
  return makeRegistration({ ...uniquePerson(300 + ++people), address, ktpPhoto: ktpPhotoOf(bytes) });
}

describe.each(registryEngines())('KTP photos on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let phone: { token: string; deviceId: string };
    let other: { token: string };

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      phone = await h.enroll();
      other = await h.enroll();
    });
    afterAll(async () => h?.app.close());

    const photoRows = async (recordId: string) =>
      h.app.registry.store.db
        .selectFrom('registration_photos')
        .select(['sha256', 'bytes', 'content_type', 'data'])
        .where('registration_id', '=', recordId)
        .execute();

    it('stores a photo once: the same bytes again are 200 and leave one row', async () => {
      const bytes = photoBytes(1);
      const record = recordWithPhoto(bytes);
      await h.push(phone.token, [record]);
      const first = await h.putPhoto(phone.token, record.id, bytes);
      expect([first.statusCode, first.json().outcome]).toEqual([201, 'stored']);
      const again = await h.putPhoto(phone.token, record.id, bytes);
      expect([again.statusCode, again.json().outcome]).toEqual([200, 'already_stored']);
      const rows = await photoRows(record.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ sha256: sha256Of(bytes), content_type: 'image/jpeg' });
      expect(Number(rows[0]!.bytes)).toBe(bytes.byteLength);
      expect(Buffer.from(rows[0]!.data).equals(Buffer.from(bytes))).toBe(true);
    });

    it.each(['image/png', 'image/webp'] as const)('stores a %s with its sniffed type', async (type) => {
      const bytes = photoBytes(2, type);
      const record = makeRegistration({ ...uniquePerson(350 + ++people), ktpPhoto: ktpPhotoOf(bytes, type) });
      await h.push(phone.token, [record]);
      // The header says JPEG (as support.ts sends); the bytes decide.
      expect((await h.putPhoto(phone.token, record.id, bytes)).statusCode).toBe(201);
      expect((await photoRows(record.id))[0]!.content_type).toBe(type);
    });

    it('refuses bytes whose SHA-256 is not the one in the address (422), storing nothing', async () => {
      const bytes = photoBytes(3);
      const record = recordWithPhoto(bytes);
      await h.push(phone.token, [record]);
      const damaged = Uint8Array.from(bytes);
      damaged[100] = damaged[100]! ^ 0xff;
      const res = await h.putPhoto(phone.token, record.id, damaged, sha256Of(bytes));
      expect([res.statusCode, res.json().code]).toEqual([422, 'validation_failed']);
      expect(await photoRows(record.id)).toEqual([]);
    });

    it("refuses another phone's record as not found, and a hash the record does not name (409)", async () => {
      const bytes = photoBytes(4);
      const record = recordWithPhoto(bytes);
      await h.push(phone.token, [record]);
      const theirs = await h.putPhoto(other.token, record.id, bytes);
      expect([theirs.statusCode, theirs.json().code]).toEqual([404, 'not_found']);
      const unnamed = await h.putPhoto(phone.token, record.id, photoBytes(5));
      expect([unnamed.statusCode, unnamed.json().code]).toEqual([409, 'conflict']);
      const unknownRecord = await h.putPhoto(phone.token, crypto.randomUUID(), bytes);
      expect(unknownRecord.statusCode).toBe(404);
      expect(await photoRows(record.id)).toEqual([]);
    });

    it('takes the new photo of a newer version and no longer the old one', async () => {
      const oldBytes = photoBytes(6);
      const record = recordWithPhoto(oldBytes);
      await h.push(phone.token, [record]);
      const newBytes = photoBytes(7);
      await h.push(phone.token, [{ ...record, version: 2, ktpPhoto: ktpPhotoOf(newBytes) }]);
      expect((await h.putPhoto(phone.token, record.id, oldBytes)).statusCode).toBe(409);
      expect((await h.putPhoto(phone.token, record.id, newBytes)).statusCode).toBe(201);
    });

    it('answers a 10 MB non-image 413 and a small one 415, storing nothing', async () => {
      const before = await countRows(h.app, 'registration_photos');
      const big = Buffer.alloc(10 * 1024 * 1024, 0x41);
      const record = makeRegistration({
        ...uniquePerson(380 + ++people),
        ktpPhoto: { sha256: sha256Of(big), bytes: MAX_PHOTO_BYTES, type: 'image/jpeg' },
      });
      await h.push(phone.token, [record]);
      const tooBig = await h.putPhoto(phone.token, record.id, big);
      expect([tooBig.statusCode, tooBig.json().code]).toEqual([413, 'payload_too_large']);
      const text = new TextEncoder().encode('<html>bukan foto</html>');
      const named = makeRegistration({ ...uniquePerson(390 + ++people), ktpPhoto: ktpPhotoOf(text) });
      await h.push(phone.token, [named]);
      const notImage = await h.putPhoto(phone.token, named.id, text);
      expect([notImage.statusCode, notImage.json().code]).toEqual([415, 'unsupported_media_type']);
      expect(notImage.json().detail).toMatch(/bukan foto JPEG, PNG atau WebP/);
      expect(await countRows(h.app, 'registration_photos')).toBe(before);
    });

    it('answers a photo over the limit 413 on a real socket, so the phone reads it', async () => {
      const address = await h.app.listen({ host: '127.0.0.1', port: 0 });
      const bytes = photoBytes(8, 'image/jpeg', MAX_PHOTO_BYTES + 1);
      const record = recordWithPhoto(photoBytes(8));
      await h.push(phone.token, [record]);
      const res = await fetch(`${address}/api/v1/photos/${record.id}/${sha256Of(bytes)}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${phone.token}`, 'content-type': 'image/jpeg' },
        body: Buffer.from(bytes),
      });
      expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([413, 'payload_too_large']);
      expect(await photoRows(record.id)).toEqual([]);
    });

    const odd = [
      ['a NUL in the id', `abc%00def/${'a'.repeat(64)}`],
      ['a short hash', `${crypto.randomUUID()}/abc`],
      ['an upper-case hash', `${crypto.randomUUID()}/${'A'.repeat(64)}`],
      ['a NUL in the hash', `${crypto.randomUUID()}/${'a'.repeat(63)}%00`],
    ];
    it.each(odd)('answers %s 400, never 5xx', async (_label, path) => {
      const res = await h.app.inject({
        method: 'PUT',
        url: `/api/v1/photos/${path}`,
        headers: { authorization: `Bearer ${phone.token}`, 'content-type': 'image/jpeg' },
        payload: Buffer.from(photoBytes(9)),
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('bad_request');
    });

    it('answers a very long id 414, never 5xx', async () => {
      const res = await h.app.inject({
        method: 'PUT',
        url: `/api/v1/photos/${'x'.repeat(5000)}/${'a'.repeat(64)}`,
        headers: { authorization: `Bearer ${phone.token}` },
        payload: Buffer.from(photoBytes(9)),
      });
      // Fastify's router answers this before any route runs (as for every route with a parameter).
      expect(res.statusCode).toBe(414);
    });

    it('answers no token 401 and an empty body 400', async () => {
      const id = crypto.randomUUID();
      const url = `/api/v1/photos/${id}/${'a'.repeat(64)}`;
      expect((await h.app.inject({ method: 'PUT', url, payload: Buffer.from('x') })).statusCode).toBe(401);
      const empty = await h.app.inject({
        method: 'PUT',
        url,
        headers: { authorization: `Bearer ${phone.token}` },
      });
      expect(empty.statusCode).toBe(400);
    });

    it('tells phones at every pull whether the office requires a photo; only the admin sets it, audited', async () => {
      const admin = await signInAs(h.app, 'admin');
      const verifikator = await signInAs(h.app, 'verifikator');
      expect((await h.pull(phone.token)).requireKtpPhoto).toBe(false);
      const refused = await verifikator.call('PUT', '/admin/settings', { requireKtpPhoto: true });
      expect(refused.statusCode).toBe(403);
      for (const bad of [{}, { requireKtpPhoto: 'ya' }, { requireKtpPhoto: null }]) {
        const res = await admin.call('PUT', '/admin/settings', bad);
        expect([res.statusCode, res.json().code]).toEqual([400, 'bad_request']);
      }
      const set = await admin.call('PUT', '/admin/settings', { requireKtpPhoto: true });
      expect([set.statusCode, set.json()]).toEqual([200, { phoneRetentionDays: 30, requireKtpPhoto: true }]);
      expect((await h.pull(phone.token)).requireKtpPhoto).toBe(true);
      const audit = (await admin.call('GET', '/admin/audit?action=settings')).json().items;
      expect(audit[0]).toMatchObject({ action: 'settings.ktp_photo', detail: { from: false, to: true } });
      await admin.call('PUT', '/admin/settings', { requireKtpPhoto: false });
    });

    describe('read by the office', () => {
      let record: Registration;
      let bytes: Uint8Array;
      let operator: Officer;
      let stranger: Officer;
      let verifikator: Officer;

      beforeAll(async () => {
        bytes = photoBytes(10);
        record = recordWithPhoto(bytes);
        await h.push(phone.token, [record]);
        await h.putPhoto(phone.token, record.id, bytes);
        operator = await signInAs(h.app, 'operator', [OWN]);
        stranger = await signInAs(h.app, 'operator', [OTHER]);
        verifikator = await signInAs(h.app, 'verifikator');
      });

      const photoReads = async (actor: string) =>
        h.app.registry.store.db
          .selectFrom('audit_log')
          .select(['target', 'detail'])
          .where('action', '=', 'registration.read_photo')
          .where('actor', '=', actor)
          .execute();

      it.each(['verifikator', 'operator'] as const)(
        'serves it to a %s, audited and never cached',
        async (who) => {
          const officer = who === 'operator' ? operator : verifikator;
          const res = await officer.call('GET', `/admin/registrations/${record.id}/photo`);
          expect(res.statusCode).toBe(200);
          expect(res.headers['content-type']).toBe('image/jpeg');
          expect(res.headers['cache-control']).toBe('private, no-store');
          expect(res.headers['x-content-type-options']).toBe('nosniff');
          expect(res.rawPayload.equals(Buffer.from(bytes))).toBe(true);
          const reads = await photoReads(`user:${officer.userId}`);
          expect(reads).toEqual([{ target: record.id, detail: JSON.stringify({ sha256: sha256Of(bytes) }) }]);
        },
      );

      it("hides it from another kelurahan's operator (404), unaudited", async () => {
        const res = await stranger.call('GET', `/admin/registrations/${record.id}/photo`);
        expect([res.statusCode, res.json().code]).toEqual([404, 'not_found']);
        expect(await photoReads(`user:${stranger.userId}`)).toEqual([]);
      });

      it('answers 404 for a record without a photo and for a photo not uploaded yet', async () => {
        const plain = makeRegistration({ ...uniquePerson(400 + ++people) });
        const waiting = recordWithPhoto(photoBytes(11));
        await h.push(phone.token, [plain, waiting]);
        for (const id of [plain.id, waiting.id]) {
          const res = await verifikator.call('GET', `/admin/registrations/${id}/photo`);
          expect([res.statusCode, res.json().detail]).toEqual([
            404,
            'Foto KTP untuk data ini belum ada di server.',
          ]);
        }
        const odd = await verifikator.call('GET', `/admin/registrations/${record.id}/photo?sha256=%00`);
        expect(odd.statusCode).toBe(404);
      });

      it('is erased with its record', async () => {
        const res = await h.app.inject({
          method: 'POST',
          url: `/api/v1/admin/registrations/${record.id}/erase`,
          headers: h.admin,
          payload: { confirmation: record.nik, reason: 'Permintaan tertulis' },
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(await photoRows(record.id)).toEqual([]);
      });
    });
  });
});
