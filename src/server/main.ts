/**
 * `npm start`: builds the PWA if it is missing, opens the database (migrating it), prints the first
 * admin token and enrollment code on the very first start, and serves the app and the API on one port.
 */
import { buildApp } from './app';
import { buildClient } from './build-client';
import { loadConfig } from './config';
import { ensureFirstStart, type FirstStartSecrets } from './services/admin-tokens';
import { hasBuiltApp } from './static';

function printFirstStart(secrets: FirstStartSecrets, url: string): void {
  const line = '='.repeat(72);
  console.log(
    [
      line,
      'Jaring registry: first start. These secrets are shown ONCE; only their hashes are stored.',
      '',
      `  Admin token (Authorization: Bearer …):  ${secrets.adminToken}`,
      `  Enrollment code for the first phone:     ${secrets.enrollment.code}`,
      '',
      `  Open ${url} on the phone and enter the enrollment code.`,
      '  More codes: npm run admin -- create-code --name "HP Bu Siti" --kelurahan 3573011005',
      line,
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.staticDir && !hasBuiltApp(config.staticDir)) {
    console.log(`No built app in ${config.staticDir}/: running vite build first…`);
    if (!(await buildClient(config.staticDir))) console.warn('vite build failed: serving the API only.');
  }
  const app = await buildApp(config);
  const secrets = await ensureFirstStart(app.registry.store.db, app.registry.nowIso());
  const address = await app.listen({ port: config.port, host: config.host });
  const shownUrl = config.host === '0.0.0.0' ? `http://localhost:${config.port}` : address;
  if (secrets) printFirstStart(secrets, shownUrl);
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
