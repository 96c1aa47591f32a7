/**
 * Debian's Caddy for the deployment tests: finds it (CADDY_PATH, /usr/bin/caddy), runs `caddy validate`
 * and `caddy adapt` on a Caddyfile, and starts it in front of a test registry with its own data folder
 * (its internal CA, certificates and autosave never touch the machine's). Like Chromium: without it the
 * suites skip with a message, except with CI=true, where they fail.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'vitest';

const run = promisify(execFile);

export function findCaddy(): string | undefined {
  return [process.env.CADDY_PATH, '/usr/bin/caddy'].find((path): path is string => {
    if (!path) return false;
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export const caddyPath = findCaddy();

const MISSING = 'Caddy not found (looked at CADDY_PATH, /usr/bin/caddy). Install it: apt-get install caddy.';

export function describeWithCaddy(name: string, body: () => void): void {
  if (caddyPath) describe(name, body);
  else if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Caddy', () => {
        throw new Error(`${MISSING} CI=true, so the Caddy tests fail instead of skipping.`);
      });
    });
  } else {
    console.warn(`[Caddy tests skipped] ${MISSING}`);
    describe.skip(name, body);
  }
}

/** Caddy's folders (data: its CA and certificates; config: autosave) in a temp dir of their own. */
function caddyEnvironment(home: string, vars: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    XDG_DATA_HOME: join(home, 'data'),
    XDG_CONFIG_HOME: join(home, 'config'),
    ...vars,
  };
}

export interface CaddyCheck {
  /** `caddy adapt` output: the JSON configuration Caddy runs. */
  json: CaddyJson;
  /** What `caddy validate` printed (it exits non-zero on an invalid configuration). */
  validateOutput: string;
}

export type CaddyJson = unknown;

/** Every value stored under `key` anywhere in Caddy's JSON (it is deep and open-ended). */
export function valuesOf(json: CaddyJson, key: string): unknown[] {
  if (Array.isArray(json)) return json.flatMap((item) => valuesOf(item, key));
  if (json === null || typeof json !== 'object') return [];
  return Object.entries(json).flatMap(([k, v]) => (k === key ? [v, ...valuesOf(v, key)] : valuesOf(v, key)));
}

/** Validates and adapts a Caddyfile with these environment variables; throws with Caddy's words if invalid. */
export async function checkCaddyfile(file: string, vars: Record<string, string>): Promise<CaddyCheck> {
  const home = mkdtempSync(join(tmpdir(), 'jaring-caddy-check-'));
  try {
    const env = caddyEnvironment(home, vars);
    const args = ['--config', file, '--adapter', 'caddyfile'];
    const validated = await run(caddyPath!, ['validate', ...args], { env });
    const adapted = await run(caddyPath!, ['adapt', ...args], { env });
    return {
      json: JSON.parse(adapted.stdout) as unknown,
      validateOutput: validated.stdout + validated.stderr,
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

export interface RunningCaddy {
  /** Caddy's internal CA (`tls internal`): its root and intermediate certificates, PEM files. */
  rootCertFile: string;
  intermediateCertFile: string;
  output(): string;
  stop(): Promise<void>;
}

/**
 * `caddy run` on this Caddyfile text with these environment variables, plus JARING_CADDY_PKI: the
 * folder of its internal CA, inside its own temporary data folder.
 */
export function runCaddy(caddyfile: string, vars: Record<string, string> = {}): RunningCaddy {
  const home = mkdtempSync(join(tmpdir(), 'jaring-caddy-'));
  const file = join(home, 'Caddyfile');
  writeFileSync(file, caddyfile);
  const authority = join(home, 'data', 'caddy', 'pki', 'authorities', 'local');
  let output = '';
  const child: ChildProcess = spawn(caddyPath!, ['run', '--config', file, '--adapter', 'caddyfile'], {
    env: caddyEnvironment(home, { ...vars, JARING_CADDY_PKI: authority }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return {
    rootCertFile: join(authority, 'root.crt'),
    intermediateCertFile: join(authority, 'intermediate.crt'),
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}
