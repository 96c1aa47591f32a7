/**
 * What counts as text in a registration. Whatever a field holds is stored in PostgreSQL or SQLite,
 * written into the CSV for BPJS and shown on an officer's screen, so it must be characters a person typed:
 *
 * - no control characters (`\p{Cc}`: C0, DEL, C1). PostgreSQL refuses U+0000 in text (error 22021, so a
 *   NUL once failed a whole push batch) and the others break CSV rows, logs and terminals. Newline and tab
 *   are allowed in multi-line fields only.
 * - no bidi embedding, override or isolate controls (U+202A–U+202E, U+2066–U+2069): they make a name or a
 *   note display differently from what it holds.
 * - no lone surrogates: they are no Unicode character, and a UTF-8 encoder (the PostgreSQL driver's)
 *   silently turns them into U+FFFD, so the registry would store something other than what it validated.
 *
 * Pure; the same answer on the phone and on the registry.
 */

// With the `u` flag a regex reads code points, so `\p{Cs}` matches only a surrogate without its partner.
const NOT_TEXT = /[\p{Cc}\u202A-\u202E\u2066-\u2069\p{Cs}]/u;
const NOT_TEXT_MULTILINE = /(?![\n\t])[\p{Cc}\u202A-\u202E\u2066-\u2069\p{Cs}]/u;
/** A letter, digit, punctuation mark or symbol: something that shows. Spaces and format characters do not. */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

export interface TextKind {
  /** Newline and tab allowed (notes). */
  multiline?: boolean;
}

/** True when the text holds no control, bidi-control or lone-surrogate character. */
export function isPlainText(text: string, kind: TextKind = {}): boolean {
  return !(kind.multiline ? NOT_TEXT_MULTILINE : NOT_TEXT).test(text);
}

/** True when at least one character of the text shows (a zero-width space alone is not a name). */
export function hasVisibleCharacter(text: string): boolean {
  return VISIBLE.test(text);
}
