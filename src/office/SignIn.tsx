/** The sign-in page: username and password; the registry's answer never says which one was wrong. */
import { useState } from 'preact/hooks';
import { post } from './api';
import { useLang } from './i18n';
import { LanguageSwitch } from './LanguageSwitch';

export function SignIn(props: { note?: 'signedOutNote' | 'sessionEnded'; onSignedIn(): void }) {
  const { t } = useLang();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    setBusy(true);
    setError(undefined);
    try {
      await post('/auth/login', { username: form.get('username'), password: form.get('password') });
      props.onSignedIn();
    } catch (failure) {
      setError((failure as Error).message);
      setBusy(false);
    }
  }

  return (
    <main class="k-auth">
      <LanguageSwitch />
      <p class="k-brand">{t('appName')}</p>
      <h1>{t('signInTitle')}</h1>
      <p class="k-muted">{t('appTagline')}</p>
      {props.note && !error && (
        <p class="k-note" role="status">
          {t(props.note)}
        </p>
      )}
      <form onSubmit={(e) => void submit(e)} class="k-form">
        <label>
          {t('username')}
          <input name="username" autocomplete="username" required maxLength={64} autoFocus />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autocomplete="current-password" required maxLength={200} />
        </label>
        {error && (
          <p class="k-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="k-primary" disabled={busy}>
          {busy ? t('signingIn') : t('signIn')}
        </button>
      </form>
    </main>
  );
}
