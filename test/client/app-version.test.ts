/** The version the phone reports to the registry is package.json's: bump both together. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, it } from 'vitest';
import { APP_VERSION } from '../../src/client/app-version';

it("reports package.json's version", () => {
  const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../package.json'), 'utf8'));
  expect(APP_VERSION).toBe(pkg.version);
});
