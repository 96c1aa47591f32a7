/**
 * English is not part of the first paint (src/client/i18n: a chunk of its own): until its dictionary
 * is loaded an English phone reads Indonesian rather than blank keys, and loading it switches every
 * text. A fresh copy of the module per test, since the client setup loads English for the other tests.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as I18nModule from '../../src/client/i18n';

let i18n: typeof I18nModule;

beforeEach(async () => {
  vi.resetModules();
  i18n = await import('../../src/client/i18n');
});

describe('the English dictionary, loaded on demand', () => {
  it('reads as Indonesian until it is loaded, then as English', async () => {
    expect(i18n.translate('en', 'form.fullName')).toBe(i18n.translate('id', 'form.fullName'));
    await i18n.loadDictionary('en');
    expect(i18n.translate('en', 'form.fullName')).toBe('Full name');
    expect(i18n.translate('id', 'form.fullName')).toBe('Nama lengkap');
  });

  it('ends in English however often it is asked for, at once or one after the other', async () => {
    await Promise.all([i18n.loadDictionary('en'), i18n.loadDictionary('en')]);
    await i18n.loadDictionary('en');
    expect(i18n.translate('en', 'form.fullName')).toBe('Full name');
  });
});
