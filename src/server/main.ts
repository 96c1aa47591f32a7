/**
 * `npm start`: builds the PWA if it is missing, listens (readiness 503 while the database is migrated),
 * tells the first admin how to sign in (see services/first-start.ts), and serves the app, Kantor and
 * the API on one port: over HTTPS when TLS_CERT and TLS_KEY are set (SIGHUP reloads them), with plain
 * HTTP on PORT only redirecting when HTTPS_PORT is set too (see tls.ts).
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { buildApp, migrateRegistry } from './app';
import { buildClient } from './build-client';
import { loadConfig, type ServerConfig } from './config';
import { firstAdminToTell, markFirstAdminDelivered, type FirstAdmin } from './services/first-start';
import { hasBuiltApp } from './static';
import { createRedirectServer, listenOn, reloadCertificate } from './tls';

function firstStartText(admin: FirstAdmin, url: string): string {
  return [
    'Jaring registry: first start. Sign in to Kantor, the office console, as the first admin:',
    '',
    `  Address:   ${url}/kantor/`,
    `  Username:  ${admin.username}`,
    `  Password:  ${admin.password}   (one-time: you choose your own at the first sign-in)`,
    '',
    'Then create the officers (Pengguna) and enrollment codes for the phones:',
    '  npm run admin -- create-user --username siti --role operator --kelurahan 3573011005',
    '  npm run admin -- create-code --name "HP Bu Siti" --kelurahan 3573011005',
  ].join('\n');
}

/** Writes the one-time password where only this OS user can read it; returns the absolute path. */
function writeSecretFile(path: string, text: string): string {
  const absolute = resolve(path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, `${text}\n\nDelete this file once you have signed in.\n`, { mode: 0o600 });
  chmodSync(absolute, 0o600); // an existing file keeps its old mode on write
  return absolute;
}

/**
 * The address to print (Fastify's own says http:// even on the HTTPS server it was given), with the
 * port actually bound (PORT=0 picks a free one).
 */
function localUrl(config: ServerConfig, port: number): string {
  const scheme = config.tls ? 'https' : 'http';
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return `${scheme}://${host}:${port}`;
}

/** The port the app itself listens on: HTTPS_PORT when plain HTTP only redirects, else PORT. */
function appPort(config: ServerConfig): number {
  return config.tls?.httpsPort ?? config.port;
}

/** SIGHUP reloads the certificate; without TLS it is only logged (systemd's reload must not kill us). */
function handleReloads(app: Awaited<ReturnType<typeof buildApp>>, config: ServerConfig): void {
  process.on('SIGHUP', () => {
    if (config.tls) reloadCertificate(app.server, config.tls, app.log);
    else app.log.info('SIGHUP: nothing to reload (no TLS_CERT)');
  });
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.staticDir && !hasBuiltApp(config.staticDir)) {
    console.log(`No built app in ${config.staticDir}/: running vite build first…`);
    if (!(await buildClient(config.staticDir))) console.warn('vite build failed: serving the API only.');
  }
  const app = await buildApp(config, { isMigratedAfterListen: true });
  // Listening first lets a load balancer see /readyz answer 503 while migrations run (on PostgreSQL
  // they may wait for another instance's); every API request answers 503 until they are done.
  const port = appPort(config);
  await app.listen({ port, host: config.host });
  handleReloads(app, config);
  const redirect = config.tls?.httpsPort !== undefined ? createRedirectServer(port) : undefined;
  if (redirect) {
    await listenOn(redirect, config.port, config.host);
    app.log.info(`plain HTTP on port ${config.port} redirects to HTTPS on port ${port}`);
  }
  await migrateRegistry(app);
  const { db } = app.registry.store;
  const firstAdmin = await firstAdminToTell(db, app.registry.nowIso());
  const url = localUrl(config, (app.server.address() as AddressInfo).port);
  if (firstAdmin && !process.stdout.isTTY) {
    // Not a terminal (a service, a log file): the secret goes to a 0600 file, never to the log.
    const path = writeSecretFile(config.firstStartFile, firstStartText(firstAdmin, url));
    await markFirstAdminDelivered(db, app.registry.nowIso());
    console.log(
      `First start: the first admin's one-time password is in ${path} (readable by this user only).`,
    );
  }
  if (firstAdmin && process.stdout.isTTY) {
    const line = '='.repeat(72);
    console.log([line, firstStartText(firstAdmin, url), line].join('\n'));
    await markFirstAdminDelivered(db, app.registry.nowIso());
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal}: closing`);
      // Waits for in-flight requests, so a push being written is committed before the database closes.
      redirect?.close();
      void app.close().then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error('Jaring registry failed to start:', error);
  process.exit(1);
});
