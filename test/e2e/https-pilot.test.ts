/**
 * Scenario 10: the kelurahan pilot as deploy/README.md sets it up. Debian's Caddy runs the shipped
 * deploy/caddy/Caddyfile.pilot (`tls internal`, its own CA) in front of the registry; Chromium resolves
 * the pilot's name `jaring-pilot.test` to 127.0.0.1 and trusts Caddy's CA (as a phone does once the
 * root certificate is installed). Over that non-localhost HTTPS name the app is a secure context, the
 * service worker registers, and after the browser is closed it cold-starts with no network, registers
 * a person, and sends the record once the network is back. Plain HTTP gets the root certificate to
 * download and a redirect for everything else.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath, describeInBrowser, PHONE_VIEWPORT } from '../helpers/browser';
import { describeWithCaddy, runCaddy, type RunningCaddy } from '../helpers/caddy';
import { rawGet } from '../helpers/raw-http';
import { startRegistry, type TestRegistry } from '../helpers/registry';
import {
  enrollPhone,
  expectBadges,
  isControlledByServiceWorker,
  openApp,
  openRecords,
  person,
  readStore,
  registerPerson,
  waitForActiveServiceWorker,
} from './support/jaring';
import { eventually } from '../helpers/eventually';

const PILOT_NAME = 'jaring-pilot.test';
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/**
 * The shipped pilot Caddyfile with test-only global options in place of its own: no admin endpoint,
 * and high ports instead of 80/443 (which other programs on a test machine may hold).
 */
function pilotCaddyfile(httpPort: number, httpsPort: number): string {
  const shipped = readFileSync(join(REPO_ROOT, 'deploy/caddy/Caddyfile.pilot'), 'utf8');
  const globals = `{\n\tadmin off\n\tskip_install_trust\n\thttp_port ${httpPort}\n\thttps_port ${httpsPort}\n}\n`;
  const replaced = shipped.replace(/^\{\n[\s\S]*?^\}\n/m, globals);
  if (replaced === shipped) throw new Error('no global options block in Caddyfile.pilot');
  return replaced;
}

/** What --ignore-certificate-errors-spki-list takes: base64 of the SHA-256 of the SubjectPublicKeyInfo. */
function spkiHash(pemFile: string): string {
  const spki = new X509Certificate(readFileSync(pemFile)).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

describeWithCaddy('HTTPS through Caddy (tls internal) on a pilot name', () => {
  describeInBrowser('a phone on the pilot network (scenario 10)', () => {
    let registry: TestRegistry;
    let caddy: RunningCaddy;
    let httpPort: number;
    let origin: string;
    let chromiumSwitches: string[];
    const profileDir = mkdtempSync(join(tmpdir(), 'jaring-pilot-phone-'));

    /** Chromium on the phone's profile: a persistent context (ordinary contexts are incognito). */
    async function launchPilotPhone(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
      const context = await chromium.launchPersistentContext(profileDir, {
        executablePath: chromiumPath,
        headless: true,
        args: [...CHROMIUM_ARGS, ...chromiumSwitches],
        viewport: PHONE_VIEWPORT,
        locale: 'id-ID',
        timezoneId: 'Asia/Jakarta',
      });
      const page = context.pages()[0] ?? (await context.newPage());
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      return { context, page, errors };
    }

    beforeAll(async () => {
      registry = await startRegistry({ staticDir: inject('appBuildDir'), trustProxy: true });
      const [plainPort, tlsPort] = [await freePort(), await freePort()];
      httpPort = plainPort;
      origin = `https://${PILOT_NAME}:${tlsPort}`;
      caddy = runCaddy(pilotCaddyfile(plainPort, tlsPort), {
        JARING_PILOT_SITES: origin,
        JARING_PILOT_HTTP: `http://${PILOT_NAME}:${plainPort}`,
        JARING_REGISTRY: new URL(registry.url).host,
      });
      // Ready when Caddy's CA exists and its certificate for the pilot name verifies against the root.
      await eventually(async () => {
        if (!existsSync(caddy.intermediateCertFile)) throw new Error(`no CA yet:\n${caddy.output()}`);
        const res = await rawGet(`https://127.0.0.1:${tlsPort}/healthz`, {
          ca: readFileSync(caddy.rootCertFile, 'utf8'),
          servername: PILOT_NAME,
          headers: { host: `${PILOT_NAME}:${tlsPort}` },
        });
        if (res.status !== 200) throw new Error(`healthz ${res.status}`);
      }, 'Caddy did not come up');
      chromiumSwitches = [
        `--host-resolver-rules=MAP ${PILOT_NAME} 127.0.0.1`,
        // Caddy sends its leaf and intermediate; trusting the intermediate's key is trusting its CA.
        `--ignore-certificate-errors-spki-list=${spkiHash(caddy.intermediateCertFile)}`,
      ];
    });
    afterAll(async () => {
      await caddy?.stop();
      await registry?.close();
      rmSync(profileDir, { recursive: true, force: true });
    });

    it('offers the root certificate over plain HTTP and redirects everything else to HTTPS', async () => {
      const headers = { host: `${PILOT_NAME}:${httpPort}` };
      const root = await rawGet(`http://127.0.0.1:${httpPort}/jaring-root.crt`, { headers });
      expect(root.status).toBe(200);
      expect(root.headers['content-type']).toBe('application/x-x509-ca-cert');
      expect(root.body.toString()).toBe(readFileSync(caddy.rootCertFile, 'utf8'));
      const page = await rawGet(`http://127.0.0.1:${httpPort}/kantor/`, { headers });
      expect(page.status).toBe(301);
      expect(page.headers.location).toBe(`https://${PILOT_NAME}/kantor/`);
    });

    it('registers the service worker over HTTPS, then cold-starts offline and registers a person', async () => {
      const first = await launchPilotPhone();
      const response = await openApp(first.page, origin);
      expect(response?.status()).toBe(200);
      // The registry trusts Caddy's X-Forwarded-Proto: HTTPS as far as HSTS is concerned.
      expect(await response?.headerValue('strict-transport-security')).toBe('max-age=31536000');
      expect(
        await first.page.evaluate(() => ({
          isSecureContext: window.isSecureContext,
          randomUUID: typeof crypto.randomUUID,
          hasServiceWorker: 'serviceWorker' in navigator,
          origin: location.origin,
        })),
      ).toEqual({ isSecureContext: true, randomUUID: 'function', hasServiceWorker: true, origin });
      await enrollPhone(first.page, await registry.newEnrollmentCode());
      await waitForActiveServiceWorker(first.page);
      expect(await first.page.evaluate(async () => (await navigator.serviceWorker.ready).scope)).toBe(
        `${origin}/`,
      );
      expect(first.errors).toEqual([]);
      await first.context.close(); // the browser is gone; the profile (worker, caches, IndexedDB) stays

      const cold = await launchPilotPhone();
      try {
        await cold.context.setOffline(true);
        const offlineStart = await openApp(cold.page, origin);
        expect(offlineStart?.fromServiceWorker()).toBe(true);
        expect(await isControlledByServiceWorker(cold.page)).toBe(true);
        const fields = person(901, 'Siti Pilot');
        await registerPerson(cold.page, fields);
        expect(await readStore(cold.page, 'outbox')).toHaveLength(1);
        expect(await registry.countRegistrations()).toBe(0);

        await cold.context.setOffline(false);
        await openRecords(cold.page);
        await expectBadges(cold.page, [fields.fullName], 'Terkirim');
        const rows = await registry.query<{ nik: string }>('select nik from registrations');
        expect(rows.map((r) => r.nik)).toEqual([fields.nik]);
        expect(cold.errors).toEqual([]);
      } finally {
        await cold.context.close();
      }
    });
  });
});
