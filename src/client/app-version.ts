/**
 * The app's version, as in package.json, reported to the registry with every sync so the office sees
 * which phones still run an old build. A constant rather than a build-time define, so the Vite config
 * stays as it is and tests see the same value; test/client/app-version.test.ts keeps it equal to
 * package.json's version.
 */
export const APP_VERSION = '0.1.0';
