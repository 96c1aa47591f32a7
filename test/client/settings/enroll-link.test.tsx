/**
 * The coordinator's enrollment link (the QR code in Kantor's Perangkat screen): `/?kode=…` or
 * `#/pengaturan?kode=…` opens Pengaturan with the code filled in and nothing sent until the volunteer
 * presses "Daftarkan HP ini"; the code is taken out of the address by replacing the history entry,
 * not adding one. Also a link opened while the app is already open (a hash change), and a link whose
 * code is not a code.
 */
import { fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../../src/client/app';
import { forgetEnrollLink } from '../../../src/client/shell/enroll-link';
import { SyncEngineContext } from '../../../src/client/sync/use-sync';
import { makeServices } from '../helpers/render-app';
import { jsonResponse, makeSyncFixture, type SyncFixture } from '../sync/render-sync';

const CODE = '58YT-A90J-177M';

/** A registry that enrolls any code, and remembers which. */
function enrollingRegistry() {
  const codes: string[] = [];
  const fixture = makeSyncFixture(async (url, init) => {
    if (!url.endsWith('/api/v1/enroll')) throw new TypeError('offline');
    codes.push((JSON.parse(String(init?.body)) as { code: string }).code);
    return jsonResponse(201, { deviceId: 'dev-link', token: 'k'.repeat(43) });
  });
  return { fixture, codes };
}

function openAppAt(url: string, fixture: SyncFixture) {
  window.history.replaceState(null, '', url);
  return render(
    <SyncEngineContext.Provider value={fixture.engine}>
      <App services={makeServices(fixture.db)} />
    </SyncEngineContext.Provider>,
  );
}

const codeInput = async () => (await screen.findByLabelText('Kode pendaftaran')) as HTMLInputElement;

afterEach(() => {
  forgetEnrollLink();
  window.history.replaceState(null, '', '/');
});

describe('the enrollment link', () => {
  it.each([
    ['/?kode=58yt-a90j-177m', 'the query string'],
    [`/#/pengaturan?kode=${CODE}`, "the hash's query"],
  ])('%s (%s) fills the code in under Pengaturan and leaves the address clean', async (url) => {
    const { fixture, codes } = enrollingRegistry();
    const historyLength = window.history.length;
    openAppAt(url, fixture);
    expect((await codeInput()).value).toBe(CODE);
    expect(screen.getByText(/Kode dari tautan koordinator sudah diisi/)).toBeTruthy();
    expect(window.location.search).toBe('');
    expect(window.location.hash).toBe('#/pengaturan');
    expect(window.location.href).not.toContain(CODE);
    expect(window.history.length).toBe(historyLength);
    expect(fixture.fetchCalls).toEqual([]); // nothing happens until the volunteer presses the button

    fireEvent.click(screen.getByRole('button', { name: 'Daftarkan HP ini' }));
    expect(await screen.findByText(/HP ini sudah terdaftar/)).toBeTruthy();
    expect(codes).toEqual([CODE]);
    fixture.engine.stop();
  });

  it('fills the code in when the link is opened while the app is open', async () => {
    const { fixture } = enrollingRegistry();
    openAppAt('/#/daftar', fixture);
    await screen.findByRole('heading', { name: 'Pendaftaran baru' });
    window.location.hash = `#/pengaturan?kode=${CODE}`;
    expect((await codeInput()).value).toBe(CODE);
    expect(window.location.hash).toBe('#/pengaturan');
    fixture.engine.stop();
  });

  it('takes a link whose code is not a code out of the address, and fills nothing in', async () => {
    const { fixture } = enrollingRegistry();
    openAppAt(`/?kode=${encodeURIComponent('<script>')}`, fixture);
    expect((await codeInput()).value).toBe('');
    expect(window.location.search).toBe('');
    expect(screen.queryByText(/Kode dari tautan/)).toBeNull();
    fixture.engine.stop();
  });
});
