/** The signed-in console: a header (who, language, sign out), the menu the role allows, one screen. */
import { useEffect, useState } from 'preact/hooks';
import { ROLE_LABELS } from '../shared/access';
import { useLang } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { SCREENS, screenPathOf } from './routes';
import { useCan, useSession } from './session';

function useHashPath(): string {
  const [path, setPath] = useState(() => screenPathOf(location.hash));
  useEffect(() => {
    const onChange = () => setPath(screenPathOf(location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return path;
}

export function Shell(props: { onSignOut(): void }) {
  const { t, lang } = useLang();
  const { me } = useSession();
  const can = useCan();
  const path = useHashPath();
  const screens = SCREENS.filter((s) => can(s.needs));
  const current = screens.find((s) => s.path === path) ?? screens[0]!;
  const Current = current.component;

  useEffect(() => {
    document.title = `${t(current.label)} — Kantor Jaring`;
  }, [current, lang]);

  return (
    <div class="k-shell">
      <header class="k-header">
        <a class="k-brand" href="#/">
          {t('appName')}
        </a>
        <div class="k-who">
          <span class="k-who-name">{me.displayName}</span>
          <span class="k-badge">{ROLE_LABELS[me.role][lang]}</span>
        </div>
        <LanguageSwitch />
        <button type="button" onClick={props.onSignOut}>
          {t('signOut')}
        </button>
      </header>
      <nav class="k-nav" aria-label={t('mainNav')}>
        <ul>
          {screens.map((s) => (
            <li key={s.path}>
              <a href={`#/${s.path}`} aria-current={s === current ? 'page' : undefined}>
                {t(s.label)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main class="k-main" id="main">
        <Current />
      </main>
    </div>
  );
}
