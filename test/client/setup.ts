// Every client test runs against a real IndexedDB implementation, in memory.
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/preact';
import { afterEach, beforeAll } from 'vitest';
import { loadDictionary } from '../../src/client/i18n';
import { lazyLoadsSettled } from '../../src/client/shell/lazy-screen';

// findBy…/waitFor give up after 1 s by default: the first visit to a lazily loaded screen transforms and
// imports its chunk, which a full parallel run on 2 cores can slow past that. Waiting longer only
// costs time when a test is failing anyway.
configure({ asyncUtilTimeout: 5_000 });

// English is loaded on demand in the app (main.tsx, the language switch); tests that render in English
// with the providers directly find it loaded (i18n-lazy-english.test.ts checks the loading itself).
beforeAll(() => loadDictionary('en'));

// A test may end while a lazily loaded chunk (the sync bar, a screen) is still arriving; its imports
// would then run after the environment is torn down. Wait for them first.
afterEach(async () => {
  await lazyLoadsSettled();
  cleanup();
});
