/**
 * Shapes of the registry's officer API that Kantor reads, defined once for both sides: the registry
 * builds them, Kantor types its fetches with them.
 */

export type DeviceState = 'pending' | 'expired' | 'enrolled' | 'revoked';

export interface DeviceSummary {
  id: string;
  name: string;
  kelurahanKode: string | null;
  state: DeviceState;
  createdAt: string;
  enrolledAt: string | null;
  revokedAt: string | null;
  /** Unused codes only: when the code stops working. */
  codeExpiresAt: string | null;
  /** The latest of the phone's pulls, pushes and its enrollment; null if it never called. */
  lastContactAt: string | null;
  /** The last push (or, for a phone that pushed before pushes were noted, its last stored record). */
  lastPushAt: string | null;
  /** From the phone's last health report; null until it sends one (older app versions never do). */
  appVersion: string | null;
  pending: number | null;
  oldestPendingAt: string | null;
  storagePersisted: boolean | null;
  /** The phone's clock minus the registry's, in ms. */
  clockOffsetMs: number | null;
  registrations: number;
  /**
   * What the phone learned about NIKs in the last 24 hours (src/shared/nik-probing.ts): duplicate-NIK
   * answers, NIK changes on edits, and records held because it passed the hourly limit. Kantor warns
   * when the first two together pass PROBE_WARNING_PER_DAY.
   */
  nikProbes24h: { duplicateAnswers: number; nikChanges: number; held: number };
}
