/**
 * Change one's own password. The length and the repeat are checked here as typed; what makes a
 * password too common is the registry's call, and its sentence is shown as it comes.
 */
import { useState } from 'preact/hooks';
import { post } from './api';
import { useLang } from './i18n';

const MIN_LENGTH = 10;

export function PasswordForm(props: { onChanged(): void }) {
  const { t } = useLang();
  const [error, setError] = useState<string>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const newPassword = String(form.get('newPassword') ?? '');
    setDone(false);
    if (newPassword.length < MIN_LENGTH) return setError(t('passwordTooShort'));
    if (newPassword !== form.get('repeat')) return setError(t('passwordsDiffer'));
    setBusy(true);
    try {
      await post('/auth/password', { currentPassword: form.get('currentPassword'), newPassword });
      setError(undefined);
      setDone(true);
      formElement.reset();
      props.onChanged();
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="k-form" onSubmit={(e) => void submit(e)}>
      <label>
        {t('currentPassword')}
        <input name="currentPassword" type="password" autocomplete="current-password" required />
      </label>
      <label>
        {t('newPassword')}
        <input
          name="newPassword"
          type="password"
          autocomplete="new-password"
          required
          aria-describedby="pw-hint"
        />
      </label>
      <p id="pw-hint" class="k-muted">
        {t('newPasswordHint')}
      </p>
      <label>
        {t('repeatPassword')}
        <input name="repeat" type="password" autocomplete="new-password" required />
      </label>
      {error && (
        <p class="k-error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p class="k-note" role="status">
          {t('passwordChanged')}
        </p>
      )}
      <button type="submit" class="k-primary" disabled={busy}>
        {t('savePassword')}
      </button>
    </form>
  );
}
