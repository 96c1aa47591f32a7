/**
 * Erasure on the person's request (UU PDP 27/2022, promised by the consent text): what the office must
 * type to confirm it, and what the phones are told. Pure; used by the registry and Kantor alike, so the
 * console's button and the registry's check accept the same confirmation.
 */
import { foldForSearch, nameSearchWords } from './text';

/** A reason is required (the audit keeps it) and bounded. */
export const MAX_ERASURE_REASON_LENGTH = 300;

/**
 * The rejection reason an erased record carries in the pull feed. A phone that knows `erased` deletes the
 * record and never shows it; an older phone shows the record as rejected with this sentence.
 */
export const ERASED_REASON =
  'Data orang ini dihapus dari registri atas permintaannya (UU PDP). Hapus juga dari HP ini; jangan kirim lagi.';

/**
 * True when what the officer typed is the person's NIK or full name (case, accents, spaces and
 * punctuation aside): a deliberate act on this very person, not a slip of the mouse.
 */
export function confirmsErasure(typed: string, person: { nik: string; fullName: string }): boolean {
  const digits = typed.replace(/\D/g, '');
  if (digits.length === 16 && digits === person.nik) return true;
  const words = nameSearchWords(typed);
  return (
    words.length > 0 &&
    words.join(' ') === nameSearchWords(person.fullName).join(' ') &&
    foldForSearch(typed).length >= 2
  );
}
