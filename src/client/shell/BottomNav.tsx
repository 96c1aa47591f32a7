/** The bottom navigation: three big targets within thumb reach. */
import { useI18n, type MessageKey } from '../i18n';
import { HREF, type Route } from './routes';

const ITEMS: { href: string; label: MessageKey; icon: string; isActive: (r: Route) => boolean }[] = [
  { href: HREF.register, label: 'nav.register', icon: '✚', isActive: (r) => r.name === 'register' },
  {
    href: HREF.records,
    label: 'nav.records',
    icon: '☰',
    isActive: (r) => r.name === 'records' || r.name === 'record' || r.name === 'edit',
  },
  { href: HREF.settings, label: 'nav.settings', icon: '⚙', isActive: (r) => r.name === 'settings' },
];

export function BottomNav({ route }: { route: Route }) {
  const { t } = useI18n();
  return (
    <nav class="bottom-nav" aria-label={t('nav.label')}>
      {ITEMS.map((item) => (
        <a key={item.href} href={item.href} aria-current={item.isActive(route) ? 'page' : undefined}>
          <span class="nav-icon" aria-hidden="true">
            {item.icon}
          </span>
          <span>{t(item.label)}</span>
        </a>
      ))}
    </nav>
  );
}
