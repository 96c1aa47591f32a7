import { describe, expect, it } from 'vitest';
import { HREF, parseRoute, type Route } from '../../../src/client/shell/routes';

describe('parseRoute', () => {
  it.each<[string, Route]>([
    ['', { name: 'register' }],
    ['#/', { name: 'register' }],
    ['#/daftar', { name: 'register' }],
    ['#/data', { name: 'records' }],
    ['#/data/abc-1', { name: 'record', id: 'abc-1' }],
    ['#/data/abc-1/ubah', { name: 'edit', id: 'abc-1' }],
    ['#/pengaturan', { name: 'settings' }],
    ['#/pengaturan?kode=58YT-A90J-177M', { name: 'settings' }],
    ['#/lain', { name: 'not_found' }],
    ['#/data/abc-1/hapus', { name: 'not_found' }],
  ])('%j → %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('reads back the links it makes', () => {
    expect(parseRoute(HREF.record('a b'))).toEqual({ name: 'record', id: 'a b' });
    expect(parseRoute(HREF.edit('x'))).toEqual({ name: 'edit', id: 'x' });
  });
});
