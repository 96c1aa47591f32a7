// Every client test runs against a real IndexedDB implementation, in memory.
import 'fake-indexeddb/auto';
import { cleanup, configure } from '@testing-library/preact';
import { afterEach } from 'vitest';
import { lazyLoadsSettled } from '../../src/client/shell/lazy-screen';

// findBy…/waitFor give up after 1 s by default: the first visit to a lazily loaded screen transforms and
// imports its chunk, which a full parallel run on 2 cores can slow past that. Waiting longer only
// costs time when a test is failing anyway.
configure({ asyncUtilTimeout: 5_000 });

// A test may end while a lazily loaded chunk (the sync bar, a screen) is still arriving; its imports
// would then run after the environment is torn down. Wait for them first.
afterEach(async () => {
  await lazyLoadsSettled();
  cleanup();
});
