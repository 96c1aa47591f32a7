/** Who is signed in, for which area, and what this role can do here (from the access table). */
import { ROLE_LABELS, type AccessKey } from '../../shared/access';
import { findKelurahan } from '../../shared/reference';
import { useLang, type MessageKey } from '../i18n';
import { useCan, useSession } from '../session';

const CAPABILITIES: ReadonlyArray<[MessageKey, AccessKey]> = [
  ['capRead', 'GET /admin/registrations'],
  ['capReview', 'POST /admin/registrations/:id/status'],
  ['capCodes', 'POST /admin/enrollment-codes'],
  ['capExport', 'GET /admin/export.csv'],
  ['capTargets', 'PUT /admin/coverage/targets/:kelurahanKode'],
  ['capUsers', 'GET /admin/users'],
];

export function HomeScreen() {
  const { t, lang } = useLang();
  const { me } = useSession();
  const can = useCan();
  const area = me.kelurahan
    ? t('scopeKelurahan', { list: me.kelurahan.map((k) => findKelurahan(k)?.nama ?? k).join(', ') })
    : t('scopeCity');
  return (
    <section>
      <h1>{t('welcome', { name: me.displayName })}</h1>
      <p>
        {t('youAre', { role: ROLE_LABELS[me.role][lang] })} {area}
      </p>
      <h2>{t('youCan')}</h2>
      <ul class="k-list">
        {CAPABILITIES.filter(([, key]) => can(key)).map(([label]) => (
          <li key={label}>{t(label)}</li>
        ))}
      </ul>
    </section>
  );
}
