/**
 * Numbers in query strings, parsed strictly. `z.coerce.number()` takes whatever `Number()` takes —
 * " 1", "0x10", "1e3", "10.0", "" (0) — so a typo or a probe reads as some other number instead of
 * an error. A paging number here is decimal digits only, then checked against its bounds; anything
 * else is the route's 400 `bad_request`, never a 500 and never "everything".
 */
import * as z from 'zod/mini';

const DIGITS = /^\d{1,10}$/;

/** True for a whole number written as plain decimal digits. */
export function isDigits(text: string): boolean {
  return DIGITS.test(text);
}

/** A query parameter holding a whole number from `min` to `max`, written in decimal digits only. */
export function queryInt(min: number, max: number) {
  return z.pipe(
    z.pipe(z.string().check(z.regex(DIGITS)), z.transform(Number)),
    z.number().check(z.int(), z.gte(min), z.lte(max)),
  );
}
