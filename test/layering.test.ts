/**
 * Guards the architecture: src/shared is pure, the phone app never reaches the server, and only
 * src/client/db talks to IndexedDB. Reads import statements, so it fails the moment a line crosses.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [
    ...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]/g),
  ].map((m) => m[1] ?? m[2] ?? '');
}

function violations(dir: string, isForbidden: (spec: string, file: string) => boolean): string[] {
  return sourceFiles(join(root, dir)).flatMap((file) =>
    importsOf(file)
      .filter((spec) => isForbidden(spec, file))
      .map((spec) => `${relative(root, file)} imports ${spec}`),
  );
}

const platformLibs = /^(node:|fs$|path$|dexie|preact|workbox-|fastify|@fastify\/|kysely|better-sqlite3|pg$)/;

describe('layering', () => {
  it('src/shared imports no platform library and nothing outside src/shared', () => {
    const found = violations(
      'src/shared',
      (spec) => platformLibs.test(spec) || /\/(client|server|sw|office)\//.test(spec),
    );
    expect(found).toEqual([]);
  });

  it('src/client never imports the server', () => {
    const found = violations(
      'src/client',
      (spec) => /(^|\/)server(\/|$)/.test(spec) || /^(fastify|kysely|pg$|better-sqlite3|node:)/.test(spec),
    );
    expect(found).toEqual([]);
  });

  it('only src/client/db imports dexie', () => {
    const found = violations(
      'src/client',
      (spec, file) => /^dexie/.test(spec) && !file.includes(join('src', 'client', 'db')),
    );
    expect(found).toEqual([]);
  });

  it('the server imports no browser code', () => {
    const found = violations(
      'src/server',
      (spec) => /^(dexie|preact|workbox-)/.test(spec) || /\/(client|sw|office)\//.test(spec),
    );
    expect(found).toEqual([]);
  });

  it('Kantor (src/office) shares only src/shared: no server, phone app, Dexie or service worker', () => {
    const found = violations(
      'src/office',
      (spec) =>
        /(^|\/)(server|client|sw)(\/|$)/.test(spec) ||
        /^(dexie|workbox-|fastify|kysely|pg$|better-sqlite3|node:)/.test(spec),
    );
    expect(found).toEqual([]);
  });

  it('the detector sees imports at all (a guard that cannot pass vacuously)', () => {
    expect(importsOf(join(root, 'src/shared/validation.ts'))).toContain('./nik');
  });
});
