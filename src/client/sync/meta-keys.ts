/**
 * The `meta` keys the sync keeps (device-credentials.ts reads and writes them). A module of its own,
 * importing nothing, so code on the first paint's path (the form's save notice) can name them without
 * loading the storage code.
 */
export const SYNC_META_KEYS = {
  device: 'sync.device',
  authProblem: 'sync.authProblem',
  cursor: 'sync.cursor',
  lastSuccessAt: 'sync.lastSuccessAt',
  clockOffset: 'sync.clockOffset',
  kelurahanProgress: 'sync.kelurahanProgress',
} as const;
