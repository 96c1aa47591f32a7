/**
 * Builds the production PWA once per test run for the browser project, into a temporary folder (never
 * `dist/`, which a developer may be serving), and hands its path to the test files through
 * `inject('appBuildDir')`. Vite runs in a child process with the test runner's variables removed:
 * vite.config.ts leaves the PWA plugin out when VITEST is set, and the scenarios need the real service worker.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Absolute path of the production build made for this run. */
    appBuildDir: string;
  }
}

function viteBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
}

/** The environment of a plain `npm run build`: no test-runner variables. */
function buildEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'NODE_ENV' || key === 'TEST' || key.startsWith('VITEST')) continue;
    env[key] = value;
  }
  return env;
}

function buildApp(outDir: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn(process.execPath, [viteBin(), 'build', '--outDir', outDir, '--emptyOutDir'], {
      env: buildEnvironment(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`vite build failed (exit ${code}):\n${output}`)),
    );
  });
}

export default async function setup(project: TestProject): Promise<() => void> {
  const outDir = mkdtempSync(join(tmpdir(), 'jaring-e2e-build-'));
  await buildApp(outDir);
  project.provide('appBuildDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
