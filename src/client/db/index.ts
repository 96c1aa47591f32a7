/** The public API of the phone's storage. Import from here, never from dexie or the files inside. */
export {
  DEFAULT_DB_NAME,
  JaringDb,
  onDbBlocked,
  openJaringDb,
  type DbBlockedEvent,
  type DbBlockedListener,
} from './database';
export {
  discardDraft,
  dropDraftPhoto,
  keepDraftPhoto,
  listDrafts,
  loadDraft,
  loadDraftPhoto,
  NEW_DRAFT_ID,
  saveDraft,
  type DraftPhotoResult,
  type DraftWriteResult,
} from './drafts';
export { observe, type LiveQuery } from './live';
export { getMeta, setMeta } from './meta';
export { makeOutboxEntry, queueForSync } from './outbox';
export {
  claimOutboxBatch,
  releaseClaims,
  releaseExpiredLeases,
  toPushPayload,
  type ClaimedRecord,
  type ClaimOptions,
} from './outbox-claims';
export {
  applyPushResults,
  applyStatusChanges,
  holdForOffice,
  resolveStaleRecords,
  syncStateFor,
  type AppliedAnswers,
} from './outbox-queue';
export {
  acknowledgePhoto,
  countWaitingPhotos,
  getRecordPhoto,
  isPhotoRequired,
  listUploadablePhotos,
  notePhotoAttempt,
  rejectPhoto,
  storePhotoRequirement,
  type UploadablePhoto,
} from './photos';
export { dropRunnerLease, tryTakeRunnerLease } from './runner-lease';
export {
  countOutbox,
  discardDuplicateCopy,
  listNeedingAttention,
  oldestWaitingSince,
  retryHeldRecord,
  type OutboxCounts,
} from './sync-views';
export {
  findByNik,
  getRegistration,
  saveNewRegistration,
  updateRegistration,
  type DuplicateNikResult,
  type PhotoChange,
  type ExistingRecordPointer,
  type SaveContext,
  type SaveResult,
} from './registrations';
export { countRegistrations, type RegistrationCounts } from './counts';
export {
  forgetRecordsAtRegistry,
  REVOKED_WIPE_KEY,
  slimRecordsPastRetention,
  type RevokedWipe,
} from './retention';
export { listPhotosNamedBy, listRecordsNotAtRegistry, restoreRecords, type RestoreResult } from './rescue';
export { DEFAULT_SEARCH_LIMIT, searchRegistrations, type SearchFilters } from './search';
export { isConstraintError, toStorageErrorCode, type StorageErrorCode } from './storage-errors';
export {
  isSlim,
  type Draft,
  type MetaRow,
  type OutboxEntry,
  type PhoneRecord,
  type PhotoRejection,
  type PhotoRow,
  type SlimRegistration,
  type StoredRegistration,
  type SyncState,
  type TakenPhoto,
} from './types';
