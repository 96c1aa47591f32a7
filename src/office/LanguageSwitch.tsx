/** Bahasa Indonesia / English, remembered in this browser. */
import { useLang, type Lang } from './i18n';

const NAMES: Record<Lang, string> = { id: 'Bahasa Indonesia', en: 'English' };

export function LanguageSwitch() {
  const { lang, setLang, t } = useLang();
  return (
    <label class="k-lang">
      <span class="k-sr">{t('language')}</span>
      <select value={lang} onChange={(e) => setLang((e.currentTarget.value as Lang) ?? 'id')}>
        {(Object.keys(NAMES) as Lang[]).map((code) => (
          <option key={code} value={code}>
            {NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
