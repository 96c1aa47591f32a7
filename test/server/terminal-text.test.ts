/** What the admin CLI prints of typed names: every control, format or separator character visible. */
import { describe, expect, it } from 'vitest';
import { forTerminal } from '../../src/server/cli/terminal-text';

describe('forTerminal', () => {
  it.each([
    ['HP Bu Siti', 'HP Bu Siti'],
    ['HP \u001b[2J\u001b]0;root\u0007', 'HP \\u{1b}[2J\\u{1b}]0;root\\u{7}'],
    ['HP A\u202Eetis', 'HP A\\u{202e}etis'],
    ['baris\nbaru\r', 'baris\\u{a}baru\\u{d}'],
    ['HP\u2028X', 'HP\\u{2028}X'],
    ['lone \uD800', 'lone \\u{d800}'],
    ['C1 \u009b31m', 'C1 \\u{9b}31m'],
    ['a\\u{1b}', 'a\\\\u{1b}'],
    // A zero-width joiner (a format character) shows too: it can hide inside a look-alike name.
    ['Ibu Ṣiti 👩🏽\u200d⚕', 'Ibu Ṣiti 👩🏽\\u{200d}⚕'],
  ])('prints %j as %j', (name, printed) => {
    expect(forTerminal(name)).toBe(printed);
  });
});
