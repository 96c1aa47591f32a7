/** Text folding shared by search on the phone and on the server. Pure; no locale data needed. */

/** Lower-case, strip accents, and drop everything that is not a letter or digit. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Folded words of a name, for word-prefix search ("amin" finds "Siti Aminah"). */
export function nameSearchWords(fullName: string): string[] {
  const words = fullName
    .split(/[\s.,-]+/)
    .map(foldForSearch)
    .filter(Boolean);
  return [...new Set(words)];
}

/** Collapse runs of white space and trim: how every free-text field is stored. */
export function tidyText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
