// Every client test runs against a real IndexedDB implementation, in memory.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { afterEach } from 'vitest';
import { lazyLoadsSettled } from '../../src/client/shell/lazy-screen';

// A test may end while a lazily loaded chunk (the sync bar, a screen) is still arriving; its imports
// would then run after the environment is torn down. Wait for them first.
afterEach(async () => {
  await lazyLoadsSettled();
  cleanup();
});
