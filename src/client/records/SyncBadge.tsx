/** Where a record stands, as a small coloured label with text (colour is never the only signal). */
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

export function SyncBadge({ state }: { state: BadgeState }) {
  const { t } = useI18n();
  return <span class={`badge badge-${state.replaceAll('_', '-')}`}>{t(`badge.${state}`)}</span>;
}
