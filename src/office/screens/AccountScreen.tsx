/** The officer's own account: who they are and a password change (which ends their other sessions). */
import { ROLE_LABELS } from '../../shared/access';
import { useLang } from '../i18n';
import { PasswordForm } from '../PasswordForm';
import { useSession } from '../session';
import { HomeScreen } from './HomeScreen';

export function AccountScreen() {
  const { t, lang } = useLang();
  const { me } = useSession();
  return (
    <section>
      <HomeScreen />
      <h2>{t('accountTitle')}</h2>
      <dl class="k-facts">
        <dt>{t('displayName')}</dt>
        <dd>{me.displayName}</dd>
        <dt>{t('username')}</dt>
        <dd>{me.username ?? '—'}</dd>
        <dt>{t('role')}</dt>
        <dd>{ROLE_LABELS[me.role][lang]}</dd>
      </dl>
      <h2>{t('changePasswordTitle')}</h2>
      {me.via === 'session' && <PasswordForm onChanged={() => undefined} />}
    </section>
  );
}
