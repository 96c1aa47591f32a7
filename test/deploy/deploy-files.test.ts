/**
 * The files in deploy/ that a city's IT person copies onto a server, checked by the tools that will
 * read them: `systemd-analyze verify` on the registry's unit (skipped only where systemd-analyze is
 * absent), `caddy validate` and `caddy adapt` on both Caddyfiles (Debian's caddy; CI=true fails without
 * it), and the environment template against every variable src/server/config.ts reads.
 */
import { execFile, execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config';
import { checkCaddyfile, describeWithCaddy, valuesOf } from '../helpers/caddy';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DEPLOY = join(REPO_ROOT, 'deploy');
const read = (path: string) => readFileSync(join(DEPLOY, path), 'utf8');
const run = promisify(execFile);

function hasSystemdAnalyze(): boolean {
  try {
    execFileSync('systemd-analyze', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** `Key=value` lines of a unit's [Service] section (comments left out). */
function serviceSettings(unit: string): Map<string, string[]> {
  const section = unit.split(/^\[Service\]$/m)[1]?.split(/^\[/m)[0] ?? '';
  const settings = new Map<string, string[]>();
  for (const line of section.split('\n')) {
    const match = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (match) settings.set(match[1]!, [...(settings.get(match[1]!) ?? []), match[2]!]);
  }
  return settings;
}

describe('the systemd unit (deploy/systemd/jaring.service)', () => {
  const unit = read('systemd/jaring.service');
  const settings = serviceSettings(unit);

  it.skipIf(!hasSystemdAnalyze())('passes systemd-analyze verify without a warning', async () => {
    const { stdout, stderr } = await run('systemd-analyze', [
      'verify',
      join(DEPLOY, 'systemd/jaring.service'),
    ]);
    expect(stderr + stdout).toBe('');
  });

  it.each([
    ['Restart', 'on-failure'],
    ['User', 'jaring'],
    ['StateDirectory', 'jaring'],
    ['StateDirectoryMode', '0700'],
    ['UMask', '0077'],
    ['NoNewPrivileges', 'yes'],
    ['ProtectSystem', 'strict'],
    ['ProtectHome', 'yes'],
    ['PrivateTmp', 'yes'],
    ['ExecReload', '/bin/kill -HUP $MAINPID'],
    ['EnvironmentFile', '/etc/jaring/jaring.env'],
  ])('sets %s=%s', (key, value) => {
    expect(settings.get(key)).toEqual([value]);
  });

  it('runs node on the registry directly, so signals reach it (not through npm)', () => {
    expect(settings.get('ExecStart')).toEqual(['/usr/bin/env node --import tsx src/server/main.ts']);
  });
});

describe('the environment template (deploy/jaring.env.example)', () => {
  const template = read('jaring.env.example');
  const configSource = readFileSync(join(REPO_ROOT, 'src/server/config.ts'), 'utf8');
  const variablesRead = [
    ...new Set([...configSource.matchAll(/\benv\.([A-Z][A-Z0-9_]+)/g)].map((m) => m[1]!)),
  ];
  /** Every assignment, commented out or not, as systemd's EnvironmentFile would read it once uncommented. */
  const assignments = (includeCommented: boolean) =>
    Object.fromEntries(
      template
        .split('\n')
        .map((line) => (includeCommented ? line.replace(/^#(?=[A-Z])/, '') : line))
        .map((line) => /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line))
        .filter((m): m is RegExpExecArray => m !== null)
        .map((m) => [m[1]!, m[2]!.replace(/^"(.*)"$/, '$1')]),
    );

  it('documents every variable the registry reads', () => {
    expect(variablesRead.length).toBeGreaterThan(15);
    const documented = Object.keys(assignments(true));
    expect(variablesRead.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it('is a configuration the registry accepts, as shipped and with every line uncommented', () => {
    const shipped = loadConfig(assignments(false));
    expect(shipped).toMatchObject({
      host: '127.0.0.1',
      port: 8080,
      trustProxy: ['127.0.0.1'],
      tls: undefined,
    });
    expect(shipped.databaseUrl).toBe('sqlite:/var/lib/jaring/jaring.sqlite');
    const everything = loadConfig(assignments(true));
    expect(everything.tls).toEqual({
      certFile: '/etc/jaring/tls/fullchain.pem',
      keyFile: '/etc/jaring/tls/privkey.pem',
      httpsPort: 8443,
    });
  });
});

describeWithCaddy('the Caddy configurations (deploy/caddy/)', () => {
  it('city server with a domain: automatic certificates, the registry behind it, no secrets in the log', async () => {
    const { json } = await checkCaddyfile(join(DEPLOY, 'caddy/Caddyfile'), {
      JARING_DOMAIN: 'jaring.example.go.id',
      JARING_ACME_EMAIL: 'it@example.go.id',
    });
    expect(valuesOf(json, 'host')).toEqual([['jaring.example.go.id']]);
    expect(valuesOf(json, 'dial')).toEqual(['127.0.0.1:8080']);
    expect(valuesOf(json, 'listen')).toEqual([[':443']]);
    // No `tls internal` and no certificate files: Caddy's automatic HTTPS (ACME) applies.
    expect(valuesOf(json, 'issuers').flat()).not.toContainEqual(
      expect.objectContaining({ module: 'internal' }),
    );
    expect(valuesOf(json, 'email')).toContain('it@example.go.id');
    const fields = valuesOf(json, 'fields')[0] as Record<string, { filter: string }>;
    expect(fields['request>headers>Cookie']?.filter).toBe('delete');
    expect(fields['request>headers>Authorization']?.filter).toBe('delete');
    expect(fields['request>uri']?.filter).toBe('regexp');
  });

  it('pilot without a domain: tls internal for the listed addresses, the root certificate over plain HTTP', async () => {
    const { json } = await checkCaddyfile(join(DEPLOY, 'caddy/Caddyfile.pilot'), {
      JARING_PILOT_SITES: 'https://192.168.1.10, https://jaring.lan',
      JARING_PILOT_HTTP: 'http://192.168.1.10',
    });
    const policies = valuesOf(json, 'policies')[0] as { subjects: string[]; issuers: { module: string }[] }[];
    expect(policies).toContainEqual(
      expect.objectContaining({
        subjects: expect.arrayContaining(['192.168.1.10', 'jaring.lan']),
        issuers: [expect.objectContaining({ module: 'internal' })],
      }),
    );
    expect(valuesOf(json, 'install_trust')).toEqual([false]); // skip_install_trust
    expect(valuesOf(json, 'dial')).toEqual(['127.0.0.1:8080']);
    expect(JSON.stringify(json)).toContain('/jaring-root.crt');
  });

  it('rejects a Caddyfile with the domain left unset (what an IT person would see)', async () => {
    await expect(checkCaddyfile(join(DEPLOY, 'caddy/Caddyfile.pilot'), {})).rejects.toThrow();
  });
});
