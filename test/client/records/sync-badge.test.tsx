import { render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { I18nContext, makeI18n, type Lang } from '../../../src/client/i18n';
import { SyncBadge, type BadgeState } from '../../../src/client/records/SyncBadge';

function renderBadge(state: BadgeState, lang: Lang) {
  render(
    <I18nContext.Provider value={makeI18n(lang, () => undefined)}>
      <SyncBadge state={state} />
    </I18nContext.Provider>,
  );
}

describe('SyncBadge', () => {
  it.each<[BadgeState, string, string]>([
    ['draft', 'Draf', 'Draft'],
    ['pending', 'Menunggu', 'Waiting'],
    ['sent', 'Terkirim', 'Sent'],
    ['verified', 'Terverifikasi', 'Verified'],
    ['needs_fix', 'Perlu diperbaiki', 'Needs fixing'],
    ['duplicate', 'Duplikat', 'Duplicate'],
  ])('%s reads "%s" (en "%s")', (state, id, en) => {
    renderBadge(state, 'id');
    expect(screen.getByText(id).className).toContain(`badge-${state.replace('_', '-')}`);
    renderBadge(state, 'en');
    expect(screen.getByText(en)).toBeTruthy();
  });
});

describe('an active member (BPJS activated the person)', () => {
  it('has its own badge, not "Terverifikasi"', () => {
    render(
      <I18nContext.Provider value={makeI18n('id', () => undefined)}>
        <SyncBadge state="verified" serverStatus="active" />
        <SyncBadge state="verified" serverStatus="verified" />
      </I18nContext.Provider>,
    );
    expect(screen.getByText('Aktif di BPJS').className).toContain('badge-active');
    expect(screen.getByText('Terverifikasi').className).toContain('badge-verified');
  });
});
