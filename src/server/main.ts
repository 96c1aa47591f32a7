/**
 * `npm start`: builds the PWA if it is missing, listens (readiness 503 while the database is migrated),
 * tells the first admin how to sign in (see services/first-start.ts), and serves the app, Kantor and
 * the API on one port.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { buildApp, migrateRegistry } from './app';
import { buildClient } from './build-client';
import { loadConfig } from './config';
import { firstAdminToTell, markFirstAdminDelivered, type FirstAdmin } from './services/first-start';
import { hasBuiltApp } from './static';

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

function localUrl(host: string, port: number, address: string): string {
  return host === '0.0.0.0' || host === '::' ? `http://localhost:${port}` : address;
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
  const address = await app.listen({ port: config.port, host: config.host });
  await migrateRegistry(app);
  const { db } = app.registry.store;
  const firstAdmin = await firstAdminToTell(db, app.registry.nowIso());
  if (firstAdmin && !process.stdout.isTTY) {
    // Not a terminal (a service, a log file): the secret goes to a 0600 file, never to the log.
    const path = writeSecretFile(
      config.firstStartFile,
      firstStartText(firstAdmin, localUrl(config.host, config.port, address)),
    );
    await markFirstAdminDelivered(db, app.registry.nowIso());
    console.log(
      `First start: the first admin's one-time password is in ${path} (readable by this user only).`,
    );
  }
  if (firstAdmin && process.stdout.isTTY) {
    const line = '='.repeat(72);
    console.log(
      [line, firstStartText(firstAdmin, localUrl(config.host, config.port, address)), line].join('\n'),
    );
    await markFirstAdminDelivered(db, app.registry.nowIso());
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      app.log.info(`${signal}: closing`);
      // Waits for in-flight requests, so a push being written is committed before the database closes.
      void app.close().then(() => process.exit(0));
    });
  }
}

main().catch((error: unknown) => {
  console.error('Jaring registry failed to start:', error);
  process.exit(1);
});
