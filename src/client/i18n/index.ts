/**
 * Language of the UI. Stateful: the chosen language is kept in localStorage (read synchronously at
 * start so the first paint is already in the right language) and provided to components by context.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { issueMessage, type Lang } from '../../shared/messages';
import type { IssueCode } from '../../shared/issues';
import { en } from './en';
import { id, type MessageKey } from './id';

export type { Lang } from '../../shared/messages';
export type { MessageKey } from './id';
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { id, en };
const STORAGE_KEY = 'jaring.lang';
export const LANGUAGES: readonly Lang[] = ['id', 'en'];
export const LANGUAGE_NAMES: Record<Lang, string> = { id: 'Bahasa Indonesia', en: 'English' };

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const text = DICTIONARIES[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
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
