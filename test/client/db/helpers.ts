/** Shared set-up for the db tests: a fresh database per test, a fixed clock, stored-row builders. */
import { isoDateOf } from '../../../src/shared/dates';
import { nameSearchWords } from '../../../src/shared/text';
import {
  openJaringDb,
  type JaringDb,
  type SaveContext,
  type StoredRegistration,
} from '../../../src/client/db';
import { makeRegistration, NOW, uniquePerson } from '../../fixtures/registrations';

/** Every test gets its own database, so tests never see each other's rows. */
export function freshDbName(): string {
  return `jaring-test-${crypto.randomUUID()}`;
}

export function freshDb(): JaringDb {
  return openJaringDb(freshDbName());
}

export function contextAt(iso: string = NOW): SaveContext {
  return { now: new Date(iso), newId: () => crypto.randomUUID() };
}

export async function rowCounts(db: JaringDb) {
  const [registrations, outbox, drafts] = await Promise.all([
    db.registrations.count(),
    db.outbox.count(),
    db.drafts.count(),
  ]);
  return { registrations, outbox, drafts };
}

/** A stored row written straight to the table (for seeding many rows fast; no outbox entry). */
export function storedRow(n: number, overrides: Partial<StoredRegistration> = {}): StoredRegistration {
  const base = makeRegistration({ ...uniquePerson(n), ...overrides });
  return {
    ...base,
    kelurahanKode: base.address.kelurahanKode,
    nameWords: nameSearchWords(base.fullName),
    createdDay: isoDateOf(new Date(base.createdAt)),
    syncState: 'pending',
    ...overrides,
  };
}

/** Minutes after NOW, as an ISO timestamp: lets tests order records in time. */
export function minutesAfterNow(minutes: number): string {
  return new Date(Date.parse(NOW) + minutes * 60_000).toISOString();
}
