/**
 * Where a record stands, as a small coloured label with text (colour is never the only signal).
 * 'active' (BPJS activated the person) is the registry's status on top of the phone's 'verified' state:
 * its own badge, so the volunteer can tell a person covered from one only checked.
 */
import type { ServerStatus } from '../../shared/sync-protocol';
import type { SyncState } from '../db';
import { useI18n } from '../i18n';

export type BadgeState = 'draft' | SyncState;

export const BADGE_STATES: readonly BadgeState[] = [
  'draft',
  'pending',
  'sent',
  'verified',
  'needs_fix',
  'duplicate',
  'needs_office',
];

export function SyncBadge({ state, serverStatus }: { state: BadgeState; serverStatus?: ServerStatus }) {
  const { t } = useI18n();
  if (state === 'verified' && serverStatus === 'active')
    return <span class="badge badge-active">{t('badge.active')}</span>;
  return <span class={`badge badge-${state.replaceAll('_', '-')}`}>{t(`badge.${state}`)}</span>;
}
