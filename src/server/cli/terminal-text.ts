/**
 * Text a phone or an officer typed, made safe to print on the admin's terminal. A device name or token
 * label is stored as given; printed raw, an escape sequence in it could recolour, clear or retitle the
 * terminal, move the cursor over other lines, or a bidi override could make one device read as another.
 * Control, format and line-separator characters and lone surrogates are shown as `\u{…}`, and a
 * backslash as `\\`, so what is printed is visible and unambiguous.
 */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\\]/gu;

export function forTerminal(text: string): string {
  return text.replace(UNPRINTABLE, (char) =>
    char === '\\' ? '\\\\' : `\\u{${char.codePointAt(0)!.toString(16)}}`,
  );
}
