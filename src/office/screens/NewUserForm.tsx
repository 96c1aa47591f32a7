/** Create an officer: username, name, role, and the kelurahan an operator is limited to. */
import { useState } from 'preact/hooks';
import { isValidUsername, normalizeUsername } from '../../shared/accounts';
import { ROLE_LABELS, ROLES, type Role } from '../../shared/access';
import { post } from '../api';
import { useLang } from '../i18n';
import { KelurahanOptions } from '../kelurahan-choices';
import { useApiCall } from '../session';
import type { Secret } from './UsersScreen';

export function NewUserForm(props: { onCreated(secret: Secret): void }) {
  const { t, lang } = useLang();
  const call = useApiCall();
  const [role, setRole] = useState<Role>('verifikator');
  const [error, setError] = useState<string>();

  async function submit(event: Event): Promise<void> {
    event.preventDefault();
    const formElement = event.currentTarget as HTMLFormElement;
    const form = new FormData(formElement);
    const username = normalizeUsername(String(form.get('username') ?? ''));
    if (!isValidUsername(username)) {
      return setError('Nama pengguna 3–32 karakter: huruf kecil, angka, titik, garis bawah atau strip.');
    }
    const kelurahan = role === 'operator' ? [String(form.get('kelurahan') ?? '')] : [];
    const body = { username, displayName: form.get('displayName'), role, kelurahan };
    const result = await call(() => post<{ oneTimePassword: string }>('/admin/users', body));
    if (!result.ok) return setError(result.message);
    setError(undefined);
    formElement.reset();
    setRole('verifikator');
    props.onCreated({ username, password: result.value.oneTimePassword });
  }

  return (
    <form class="k-form k-inline" onSubmit={(e) => void submit(e)} aria-labelledby="new-user-title">
      <h2 id="new-user-title">{t('newUser')}</h2>
      <label>
        {t('username')}
        <input name="username" required maxLength={32} autocomplete="off" />
      </label>
      <label>
        {t('displayName')}
        <input name="displayName" maxLength={100} autocomplete="off" />
      </label>
      <label>
        {t('role')}
        <select name="role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r][lang]}
            </option>
          ))}
        </select>
      </label>
      {role === 'operator' && (
        <label>
          {t('kelurahan')}
          <select name="kelurahan" required>
            <option value="">{t('chooseKelurahan')}</option>
            <KelurahanOptions />
          </select>
        </label>
      )}
      {error && (
        <p class="k-error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="k-primary">
        {t('create')}
      </button>
    </form>
  );
}
