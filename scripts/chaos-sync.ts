/**
 * Chaos run of the sync queue: saves N records on a "phone" (fake-indexeddb, the app's repository save
 * path) while two sync engines on that database (two tabs, one with a clock 3 hours ahead) push them
 * to a real registry (Fastify + SQLite in a temp dir) through a network that drops 30% of requests
 * before the server and 30% of responses after it committed, with the server restarted mid-batch.
 * Every `--photos`-th record (10 by default; 0 for none) carries a KTP photo, uploaded after its record
 * through the same network. Then it prints what the phone saved, what the server holds, duplicates
 * (must be 0), photos stored and left on the phone, and the time.
 *
 *   npx tsx scripts/chaos-sync.ts --records 10000 [--seed 42] [--photos 10]
 *
 * Backoff is compressed (milliseconds, not minutes) so the run measures the queue, not the waiting.
 * Exits non-zero when anything is missing, duplicated or left in the outbox or the photo queue.
 */
import 'fake-indexeddb/auto';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openJaringDb, saveNewRegistration, type JaringDb } from '../src/client/db';
import { createSyncEngine, type SyncEngine } from '../src/client/sync/sync-engine';
import { buildApp } from '../src/server/app';
import { makeConfig } from '../src/server/config';
import { createEnrollmentCode } from '../src/server/services/devices';
import { CONSENT_VERSION } from '../src/shared/consent';
import type { RegistrationFields } from '../src/shared/registration';
import { seededRandom } from '../test/sync/harness';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const RECORDS = Number(args.get('records') ?? 10_000);
const SEED = Number(args.get('seed') ?? 42);
const PHOTO_EVERY = Number(args.get('photos') ?? 10);
const TODAY_ISO = new Date().toISOString();

/** A valid Kota Malang person per n: NIK 357301 + birth date (men born in January 1980) + serial. */
function person(n: number): RegistrationFields {
  const serial = String((n % 9999) + 1).padStart(4, '0');
  const day = String((Math.floor(n / 9999) % 28) + 1).padStart(2, '0');
  return {
    nik: `357301${day}0180${serial}`,
    fullName: `Warga Uji ${n}`,
    birthPlace: 'Malang',
    birthDate: `1980-01-${day}`,
    gender: 'L',
    address: { street: 'Jl. Ciliwung No. 5', rt: '003', rw: '005', kelurahanKode: '3573011005' },
    occupation: 'kader_posyandu',
    monthlyIncome: 1_000_000,
    programme: 'JKK_JKM',
    funding: 'APBD',
    heir: { name: 'Ahli Waris', relationship: 'istri' },
    consent: { version: CONSENT_VERSION, agreed: true, agreedAt: TODAY_ISO },
  };
}

/** A small photo for record n: JPEG's first bytes (what the registry sniffs), distinct per n. */
function photoOf(n: number) {
  const bytes = new Uint8Array(4096).map((_, i) => (i * 31 + n * 17) & 0xff);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { blob: new Blob([bytes], { type: 'image/jpeg' }), sha256, type: 'image/jpeg' as const };
}

async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'jaring-chaos-'));
  const config = makeConfig({
    databaseUrl: `sqlite:${join(dir, 'registry.sqlite')}`,
    host: '127.0.0.1',
    logLevel: 'silent',
  });
  let app = await buildApp(config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    db: () => app.registry.store.db,
    async restart() {
      await app.close();
      app = await buildApp(config);
      await app.listen({ host: '127.0.0.1', port });
    },
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
type Server = Awaited<ReturnType<typeof startServer>>;

function chaoticFetch(
  server: Server,
  random: () => number,
  stats: { requests: number; dropped: number; restarts: number },
) {
  let pushes = 0;
  let restarting: Promise<void> | undefined;
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    stats.requests += 1;
    await restarting;
    if (random() < 0.3) {
      stats.dropped += 1;
      throw new TypeError('fetch failed (request dropped)');
    }
    const answer = fetch(String(input), init);
    if (String(input).includes('/sync/push') && ++pushes % 7 === 0) {
      stats.restarts += 1;
      restarting = server.restart(); // while this push is on its way
    }
    const response = await answer;
    if (random() < 0.3) {
      await response.arrayBuffer(); // the server committed; the phone never hears back
      stats.dropped += 1;
      throw new TypeError('fetch failed (response dropped)');
    }
    return response;
  };
}

function makeEngine(
  db: JaringDb,
  server: Server,
  seed: number,
  skewMs: number,
  stats: Parameters<typeof chaoticFetch>[2],
) {
  return createSyncEngine({
    db,
    baseUrl: server.url,
    fetch: chaoticFetch(server, seededRandom(seed), stats),
    now: () => Date.now() + skewMs,
    random: seededRandom(seed + 1),
    locks: null, // the meta-lease fallback, as in a browser without Web Locks
    backoff: { baseMs: 5, capMs: 200 },
  });
}

async function settle(engines: SyncEngine[], db: JaringDb): Promise<void> {
  for (;;) {
    await Promise.all(engines.map((engine) => engine.whenIdle()));
    if ((await db.outbox.count()) === 0 && (await db.photos.count()) === 0) return;
    engines[0]!.requestSync('manual'); // a tab's lease may still hold the tail: try again
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const server = await startServer();
  const stats = { requests: 0, dropped: 0, restarts: 0 };
  const db = openJaringDb(`jaring-chaos-${SEED}`);
  const tabs = [
    makeEngine(db, server, SEED, 0, stats),
    makeEngine(db, server, SEED + 10, 3 * 3_600_000, stats),
  ];
  const { code } = await createEnrollmentCode(server.db(), new Date().toISOString(), 'chaos', {
    name: 'HP chaos',
  });
  const enrolled = await tabs[0]!.enroll(code);
  if (!enrolled.ok) throw new Error(`enroll failed: ${enrolled.code}`);

  let saved = 0;
  let photos = 0;
  for (let n = 1; n <= RECORDS; n++) {
    const photo = PHOTO_EVERY > 0 && n % PHOTO_EVERY === 0 ? photoOf(n) : undefined;
    const ctx = { now: new Date(), newId: () => crypto.randomUUID() };
    const result = await saveNewRegistration(db, person(n), ctx, photo);
    if (result.ok) saved += 1;
    if (result.ok && result.record.ktpPhoto) photos += 1;
    tabs[n % 2]!.requestSync('save'); // what the form does after every save
  }
  const savedAt = performance.now();
  await settle(tabs, db);

  const onPhone = await db.registrations.count();
  const left = await db.outbox.count();
  const { rows } = await sql<{ rows: number; ids: number; niks: number }>`
    select count(*) as rows, count(distinct id) as ids, count(distinct nik) as niks from registrations
  `.execute(server.db());
  const counts = rows[0]!;
  const stored = await sql<{ n: number }>`select count(*) as n from registration_photos`.execute(server.db());
  const storedPhotos = Number(stored.rows[0]!.n);
  const photosLeft = await db.photos.count();
  const duplicates = Number(counts.rows) - Math.min(Number(counts.ids), Number(counts.niks));
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`records saved on the phone: ${saved} (rows on the phone: ${onPhone})`);
  console.log(`rows on the server:         ${Number(counts.rows)}`);
  console.log(`duplicates:                 ${duplicates}`);
  console.log(`outbox entries left:        ${left}`);
  console.log(`photos saved / stored:      ${photos} / ${storedPhotos} (left on the phone: ${photosLeft})`);
  console.log(`requests: ${stats.requests}, dropped: ${stats.dropped}, server restarts: ${stats.restarts}`);
  console.log(`time: ${seconds(performance.now() - started)} (saving ${seconds(savedAt - started)})`);
  tabs.forEach((tab) => tab.stop());
  db.close();
  await server.close();
  process.exitCode =
    saved === RECORDS &&
    Number(counts.rows) === saved &&
    duplicates === 0 &&
    left === 0 &&
    storedPhotos === photos &&
    photosLeft === 0
      ? 0
      : 1;
}

await main();
