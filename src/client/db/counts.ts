/** The list screen's counters. Each is an index count (no rows read), all from one snapshot. */
import type { JaringDb } from './database';
import type { SyncState } from './types';

export interface RegistrationCounts {
  /** Created today (the phone's local day). */
  today: number;
  total: number;
  /** Saved but not yet accepted by the registry (syncState 'pending'). */
  waiting: number;
  /** The registry asked for a fix, found the NIK elsewhere, or fails on it ('needs_fix', 'duplicate', 'needs_office'). */
  needsAttention: number;
}

/** `today` is the local ISO date (`isoDateOf(now)` from src/shared/dates). */
export function countRegistrations(db: JaringDb, today: string): Promise<RegistrationCounts> {
  const rows = db.registrations;
  const inState = (state: SyncState) => rows.where('syncState').equals(state).count();
  return db.transaction('r', rows, async () => {
    const [todayCount, total, waiting, needsFix, duplicate, needsOffice] = await Promise.all([
      rows.where('createdDay').equals(today).count(),
      rows.count(),
      inState('pending'),
      inState('needs_fix'),
      inState('duplicate'),
      inState('needs_office'),
    ]);
    return { today: todayCount, total, waiting, needsAttention: needsFix + duplicate + needsOffice };
  });
}
