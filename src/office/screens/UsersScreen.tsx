/**
 * Pengguna (city admin only): every officer with role, area and state; create one (the registry hands
 * back a one-time password, shown once), give a new one, deactivate or activate, unlock.
 */
import { useEffect, useState } from 'preact/hooks';
import { ROLE_LABELS } from '../../shared/access';
import { findKelurahan } from '../../shared/reference';
import { get, post } from '../api';
import { useLang } from '../i18n';
import { useApiCall, useSession } from '../session';
import { NewUserForm } from './NewUserForm';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  role: keyof typeof ROLE_LABELS;
  kelurahan: string[];
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  lockedUntil: string | null;
}

export interface Secret {
  username: string;
  password: string;
}

function OneTimePassword(props: { secret: Secret; onClose(): void }) {
  const { t } = useLang();
  return (
    <div class="k-secret" role="dialog" aria-labelledby="secret-title">
      <p id="secret-title">{t('oneTimeFor', { user: props.secret.username })}</p>
      <p>
        <code class="k-code">{props.secret.password}</code>
      </p>
      <p class="k-muted">{t('oneTimeNote')}</p>
      <button type="button" onClick={props.onClose}>
        {t('close')}
      </button>
    </div>
  );
}

export function UsersScreen() {
  const { t, lang } = useLang();
  const { me } = useSession();
  const call = useApiCall();
  const [users, setUsers] = useState<UserRow[]>();
  const [error, setError] = useState<string>();
  const [secret, setSecret] = useState<Secret>();

  async function load(): Promise<void> {
    const result = await call(() => get<{ items: UserRow[] }>('/admin/users'));
    if (result.ok) setUsers(result.value.items);
    else setError(result.message);
  }
  useEffect(() => void load(), []);

  async function act(user: UserRow, action: 'reset-password' | 'deactivate' | 'activate' | 'unlock') {
    const result = await call(() => post<{ oneTimePassword?: string }>(`/admin/users/${user.id}/${action}`));
    if (!result.ok) return setError(result.message);
    setError(undefined);
    if (result.value.oneTimePassword)
      setSecret({ username: user.username, password: result.value.oneTimePassword });
    await load();
  }

  const stateOf = (u: UserRow) =>
    [
      u.active ? t('active') : t('inactive'),
      u.lockedUntil ? t('locked') : '',
      u.mustChangePassword ? t('mustChange') : '',
    ]
      .filter(Boolean)
      .join(', ');

  return (
    <section>
      <h1>{t('usersTitle')}</h1>
      <p class="k-muted">{t('usersIntro')}</p>
      {secret && <OneTimePassword secret={secret} onClose={() => setSecret(undefined)} />}
      {error && (
        <p class="k-error" role="alert">
          {error}
        </p>
      )}
      <NewUserForm
        onCreated={(made) => {
          setSecret(made);
          void load();
        }}
      />
      {!users ? (
        <p>{t('loading')}</p>
      ) : (
        <table class="k-table">
          <thead>
            <tr>
              <th scope="col">{t('username')}</th>
              <th scope="col">{t('displayName')}</th>
              <th scope="col">{t('role')}</th>
              <th scope="col">{t('kelurahan')}</th>
              <th scope="col">{t('status')}</th>
              <th scope="col">{t('lastSignIn')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.username}</td>
                <td>{u.displayName}</td>
                <td>{ROLE_LABELS[u.role][lang]}</td>
                <td>{u.kelurahan.map((k) => findKelurahan(k)?.nama ?? k).join(', ') || '—'}</td>
                <td>{stateOf(u)}</td>
                <td>{u.lastLoginAt ? new Date(u.lastLoginAt).toLocaleString(lang) : t('never')}</td>
                <td>
                  <div class="k-actions">
                    <button type="button" onClick={() => void act(u, 'reset-password')}>
                      {t('resetPassword')}
                    </button>
                    {u.lockedUntil && (
                      <button type="button" onClick={() => void act(u, 'unlock')}>
                        {t('unlock')}
                      </button>
                    )}
                    {u.id !== me.id && (
                      <button type="button" onClick={() => void act(u, u.active ? 'deactivate' : 'activate')}>
                        {u.active ? t('deactivate') : t('activate')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
