import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { isConstraintError, toStorageErrorCode, type StorageErrorCode } from '../../../src/client/db';

const dom = (name: string) => new DOMException('test', name);

describe('toStorageErrorCode', () => {
  it.each<[string, unknown, StorageErrorCode]>([
    ['QuotaExceededError', dom('QuotaExceededError'), 'quota'],
    ['Dexie.QuotaExceededError', new Dexie.QuotaExceededError('full'), 'quota'],
    [
      'AbortError wrapping a quota error',
      new Dexie.AbortError('aborted', dom('QuotaExceededError')),
      'quota',
    ],
    [
      'an error whose cause is a quota error',
      new Error('save failed', { cause: dom('QuotaExceededError') }),
      'quota',
    ],
    ['BulkError with a quota failure', new Dexie.BulkError('bulk', [dom('QuotaExceededError')]), 'quota'],
    ['DatabaseClosedError', new Dexie.DatabaseClosedError(), 'closed'],
    ['InvalidStateError', dom('InvalidStateError'), 'closed'],
    ['AbortError', dom('AbortError'), 'io'],
    ['UnknownError', dom('UnknownError'), 'io'],
    ['OpenFailedError', new Dexie.OpenFailedError('open'), 'io'],
    ['DataCloneError', dom('DataCloneError'), 'io'],
    ['ConstraintError (handled by the save, a bug elsewhere)', dom('ConstraintError'), 'unknown'],
    ['a TypeError', new TypeError('x'), 'unknown'],
    ['a string', 'oops', 'unknown'],
    ['undefined', undefined, 'unknown'],
  ])('%s → %s', (_label, error, code) => {
    expect(toStorageErrorCode(error)).toBe(code);
  });
});

describe('isConstraintError', () => {
  it.each<[string, unknown, boolean]>([
    ['ConstraintError', dom('ConstraintError'), true],
    ['Dexie.ConstraintError', new Dexie.ConstraintError('dup'), true],
    ['wrapped in an AbortError', new Dexie.AbortError('aborted', dom('ConstraintError')), true],
    ['QuotaExceededError', dom('QuotaExceededError'), false],
    ['null', null, false],
  ])('%s → %s', (_label, error, expected) => {
    expect(isConstraintError(error)).toBe(expected);
  });
});
