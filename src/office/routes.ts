/**
 * Kantor's screens, each with the route it reads first: a screen is in the menu only when the access
 * table lets the officer's role call that route, and the registry refuses the call anyway if not.
 */
import type { ComponentType } from 'preact';
import type { AccessKey } from '../shared/access';
import type { MessageKey } from './i18n';
import { AccountScreen } from './screens/AccountScreen';
import { AuditScreen } from './screens/AuditScreen';
import { CoveredScreen } from './screens/covered/CoveredScreen';
import { DevicesScreen } from './screens/DevicesScreen';
import { DuplicatesScreen } from './screens/DuplicatesScreen';
import { ExportScreen } from './screens/ExportScreen';
import { OverviewScreen } from './screens/OverviewScreen';
import { ReviewScreen } from './screens/review/ReviewScreen';
import { TargetsScreen } from './screens/TargetsScreen';
import { UsersScreen } from './screens/UsersScreen';

export interface Screen {
  path: string;
  label: MessageKey;
  needs: AccessKey;
  component: ComponentType;
}

export const SCREENS: readonly Screen[] = [
  { path: 'ringkasan', label: 'navOverview', needs: 'GET /admin/overview', component: OverviewScreen },
  {
    path: 'verifikasi',
    label: 'navReview',
    needs: 'POST /admin/registrations/:id/status',
    component: ReviewScreen,
  },
  { path: 'data-ganda', label: 'navDuplicates', needs: 'GET /admin/duplicates', component: DuplicatesScreen },
  { path: 'perangkat', label: 'navDevices', needs: 'GET /admin/devices', component: DevicesScreen },
  {
    path: 'peserta-lama',
    label: 'navCovered',
    needs: 'POST /admin/covered/import',
    component: CoveredScreen,
  },
  { path: 'ekspor', label: 'navExport', needs: 'GET /admin/export.csv', component: ExportScreen },
  {
    path: 'target',
    label: 'navTargets',
    needs: 'PUT /admin/coverage/targets/:kelurahanKode',
    component: TargetsScreen,
  },
  { path: 'pengguna', label: 'navUsers', needs: 'GET /admin/users', component: UsersScreen },
  { path: 'audit', label: 'navAudit', needs: 'GET /admin/audit', component: AuditScreen },
  { path: 'akun', label: 'navAccount', needs: 'GET /auth/me', component: AccountScreen },
];

export function screenPathOf(hash: string): string {
  return hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
}
