/**
 * Scenario 7: Chromium itself says the app is installable (manifest + service worker, DevTools protocol
 * `Page.getInstallabilityErrors`), and every icon the manifest names loads as a PNG of its stated size.
 */
import { expect, it } from 'vitest';
import { describeInBrowser } from '../helpers/browser';
import { openApp, waitForActiveServiceWorker } from './support/jaring';
import { useRegistryAndFreshPhone } from './support/phone-setup';

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(bytes: Buffer): { width: number; height: number } {
  const isPng = bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  if (!isPng) throw new Error('not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describeInBrowser('installability (scenario 7)', () => {
  const setup = useRegistryAndFreshPhone();

  it('has no installability errors once the service worker is active', async () => {
    const { registry, phone } = setup;
    const { page } = phone;
    await openApp(page, registry.url);
    await waitForActiveServiceWorker(page);
    const cdp = await phone.context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    expect(manifest.errors).toEqual([]);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    expect(phone.pageErrors).toEqual([]);
  });

  it('serves every manifest icon as a PNG of its stated size', async () => {
    const { phone } = setup;
    const { page } = phone;
    const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifestUrl = new URL(manifestHref ?? '', page.url());
    const manifest = (await (await page.request.get(manifestUrl.href)).json()) as { icons: ManifestIcon[] };
    expect(manifest.icons.map((icon) => icon.purpose ?? 'any').sort()).toEqual(['any', 'any', 'maskable']);
    for (const icon of manifest.icons) {
      const response = await page.request.get(new URL(icon.src, manifestUrl).href);
      expect(response.status(), icon.src).toBe(200);
      expect(response.headers()['content-type'], icon.src).toBe('image/png');
      const { width, height } = pngSize(await response.body());
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    }
  });
});
