/**
 * Language of the UI. Stateful: the chosen language is kept in localStorage (read synchronously at
 * start so the first paint is already in the right language) and provided to components by context.
 * Indonesian is part of the first paint; English (about 5 KB gzip) is a chunk of its own, loaded
 * before the first render only on a phone set to English (main.tsx) or when it is chosen.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { issueMessage, type Lang } from '../../shared/messages';
import type { IssueCode } from '../../shared/issues';
import { id, type MessageKey } from './id';

export type { Lang } from '../../shared/messages';
export type { MessageKey } from './id';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

type Dictionary = Record<MessageKey, string>;

/** The dictionaries loaded so far; a language not loaded yet reads as Indonesian. */
const loaded: Partial<Record<Lang, Dictionary>> = { id };
const STORAGE_KEY = 'jaring.lang';
export const LANGUAGES: readonly Lang[] = ['id', 'en'];
export const LANGUAGE_NAMES: Record<Lang, string> = { id: 'Bahasa Indonesia', en: 'English' };

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = (loaded[lang] ?? id)[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

/** Loads `lang`'s dictionary (from the precache when offline); resolves at once when it is there. */
export async function loadDictionary(lang: Lang): Promise<void> {
  if (loaded[lang]) return;
  if (lang === 'en') loaded.en = (await import('./en')).en;
}

export function isLang(value: unknown): value is Lang {
  return value === 'id' || value === 'en';
}

/** The stored language, or Indonesian. Storage may be unavailable (private mode): then Indonesian. */
export function loadLanguage(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    return isLang(stored) ? stored : 'id';
  } catch {
    return 'id';
  }
}

export function storeLanguage(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Not fatal: the choice then lasts for this session only.
  }
}

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: Translate;
  /** The message for a validation issue code, from src/shared/messages.ts. */
  issue: (code: IssueCode) => string;
}

export function makeI18n(lang: Lang, setLang: (lang: Lang) => void): I18n {
  return {
    lang,
    setLang,
    t: (key, params) => translate(lang, key, params),
    issue: (code) => issueMessage(code, lang),
  };
}

export const I18nContext = createContext<I18n>(makeI18n('id', () => undefined));

export function useI18n(): I18n {
  return useContext(I18nContext);
}
