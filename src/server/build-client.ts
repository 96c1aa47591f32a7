/**
 * Builds the PWA with Vite when the served folder has no index.html yet, so `npm start` on a fresh clone
 * gives a working app. Runs Vite in a child process (its own config and plugins, the same as
 * `npm run build`); a failed build leaves the server running with the API only.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function viteBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
}

/** Resolves true when `vite build` exited 0. */
export function buildClient(outDir: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [viteBin(), 'build', '--outDir', outDir], { stdio: 'inherit' });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
}
