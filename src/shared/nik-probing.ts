/**
 * The NIK oracle and its limits. A duplicate-NIK answer tells whether a NIK is registered, so a phone
 * pushing one record again and again with a new NIK each time could test any NIK it likes. The registry
 * therefore (1) says where and when only when the other record is in the phone's own kelurahan, (2)
 * counts each phone's "probes" — duplicate answers and NIK changes on edits — and past
 * PROBES_PER_HOUR in the last hour holds every record with a new NIK for the office instead of
 * answering (the same answer whether the NIK is taken or not: `invalid`, code `nik_held`), and (3)
 * shows the office each phone's probes of the last 24 hours, with a warning past PROBE_WARNING_PER_DAY.
 *
 * An honest volunteer re-typing a wrong NIK a few times, or meeting a few people registered already,
 * stays far below the limit; new records with free NIKs are no probe at all.
 */

/** Duplicate answers plus NIK changes per phone within a rolling hour before new NIKs are held. */
export const PROBES_PER_HOUR = 20;

/** Probes in 24 hours past which Kantor's device list flags the phone. */
export const PROBE_WARNING_PER_DAY = 20;

/** The audit actions that count as probes (actor `device:<id>`), and the hold itself. */
export const PROBE_ACTIONS = ['sync.duplicate_answer', 'registration.nik_change'] as const;
export const HELD_ACTION = 'sync.nik_held';
