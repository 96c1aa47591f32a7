/** Pure parts of the registry: CSV cells, coverage maths, cursors, config, cache headers, secrets. */
import { describe, expect, it } from 'vitest';
import { wibDate } from '../../src/server/clock';
import { loadConfig } from '../../src/server/config';
import { computeCoverage, DEFAULT_CITY_ESTIMATE, defaultTargets } from '../../src/server/coverage';
import { csvCell, csvRow } from '../../src/server/csv';
import { engineOf } from '../../src/server/db/connect';
import { decodeCursor, encodeCursor } from '../../src/server/services/changes';
import {
  hashSecret,
  isSameHash,
  newEnrollmentCode,
  normalizeEnrollmentCode,
} from '../../src/server/services/secrets';
import { cacheControlFor } from '../../src/server/static';
import { KELURAHAN } from '../../src/shared/reference';

describe('csvCell', () => {
  // Every text cell is quoted (numbers are not), so an empty text is "" and a plain name is "Siti Aminah".
  it.each([
    ['Siti Aminah', '"Siti Aminah"'],
    ['Jl. Mawar, Gg. 3', '"Jl. Mawar, Gg. 3"'],
    ['Sri "Yanti"', '"Sri ""Yanti"""'],
    ['baris\nkedua', '"baris\nkedua"'],
    ['baris\r\nkedua', '"baris\r\nkedua"'],
    ['=1+1', `"'=1+1"`],
    ['+62812', `"'+62812"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['=HYPERLINK("x","y")', `"'=HYPERLINK(""x"",""y"")"`],
    ['', '""'],
    ['3573015708750001', '"3573015708750001"'],
    ['Siti - Aminah', '"Siti - Aminah"'], // a dash inside a name is no formula
    ['1+1', '"1+1"'],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  // A spreadsheet splitting on ; (Indonesian Excel), tab or | starts a new cell after each of them.
  it.each([
    [`Budi;=cmd|' /C calc'!A0`, `"Budi;'=cmd|' /C calc'!A0"`],
    ['Budi; =1+1', `"Budi; '=1+1"`],
    ['Budi|=1+1', `"Budi|'=1+1"`],
    ['Budi\t@SUM(A1)', `"Budi\t'@SUM(A1)"`],
    ['Budi,-2+3', `"Budi,'-2+3"`],
    ['Budi\n+1', `"Budi\n'+1"`],
    ['\t=1', `"'\t'=1"`],
    ['Budi;Siti', '"Budi;Siti"'],
  ])('neutralises a formula after a separator: %j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });

  it('writes numbers and empty values as they are and ends rows with CRLF', () => {
    expect(csvRow([1_000_000, null, undefined, 'a'])).toBe('1000000,,,"a"\r\n');
  });
});

describe('coverage maths', () => {
  it('spreads the default city estimate over every kelurahan, summing exactly', () => {
    const targets = defaultTargets();
    expect(targets.size).toBe(KELURAHAN.length);
    const sum = [...targets.values()].reduce((a, t) => a + t.estimatedWorkers, 0);
    expect(sum).toBe(DEFAULT_CITY_ESTIMATE);
    expect(Math.round((26_400 / DEFAULT_CITY_ESTIMATE) * 100)).toBe(32);
  });

  it('adds kelurahan up to kecamatan and city, with APBD cost at Rp16,800 a month', () => {
    const [a, b] = KELURAHAN.filter((k) => k.kecamatanKode === '357301');
    const counts = new Map([
      [a!.kode, { registered: 30, registeredApbd: 25 }],
      [b!.kode, { registered: 10, registeredApbd: 10 }],
    ]);
    const targets = new Map([
      [a!.kode, { estimatedWorkers: 100, targetPercent: 40 }],
      [b!.kode, { estimatedWorkers: 100, targetPercent: 40 }],
    ]);
    const report = computeCoverage(counts, targets);
    expect(report.kelurahan.find((k) => k.kode === a!.kode)).toMatchObject({ percent: 30, targetPeople: 40 });
    expect(report.kecamatan.find((k) => k.kode === '357301')).toMatchObject({
      registered: 40,
      estimatedWorkers: 200,
      percent: 20,
      targetPercent: 40,
      apbd: { monthly: 35 * 16_800, yearly: 35 * 16_800 * 12 },
      apbdAtTarget: { monthly: 80 * 16_800, yearly: 80 * 16_800 * 12 },
    });
    expect(report.city.registered).toBe(40);
    expect(report.kelurahan.find((k) => k.kode === KELURAHAN[56]!.kode)?.percent).toBeNull();
  });
});

describe('pull cursors', () => {
  it.each([0, 1, 500, 2 ** 31 - 1])('round-trips %i', (seq) => {
    expect(decodeCursor(encodeCursor(seq))).toBe(seq);
  });
  it.each(['', undefined])('starts from the beginning without a cursor (%j)', (cursor) => {
    expect(decodeCursor(cursor)).toBe(0);
  });
  it.each(['12', 'czEyYQ', '!!'])('rejects %j', (cursor) => {
    expect(decodeCursor(cursor)).toBeUndefined();
  });
});

describe('config', () => {
  it('has defaults for a kelurahan pilot', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, serviceAreaKode: '3573', staticDir: 'dist', corsOrigins: [] });
    expect(engineOf(config.databaseUrl)).toBe('sqlite');
    expect(config.databaseUrl).toMatch(/^sqlite:\.\/data\//);
  });
  it('reads the environment', () => {
    const config = loadConfig({
      PORT: '9000',
      SERVICE_AREA: '35.07',
      DATABASE_URL: 'postgres://u@h/db',
      CORS_ORIGINS: 'https://a.id, https://b.id',
    });
    expect(config).toMatchObject({
      port: 9000,
      serviceAreaKode: '3507',
      corsOrigins: ['https://a.id', 'https://b.id'],
    });
    expect(engineOf(config.databaseUrl)).toBe('postgres');
  });
  it.each([{ PORT: 'eighty' }, { SERVICE_AREA: 'Malang' }])('refuses %j', (env) => {
    expect(() => loadConfig(env)).toThrow();
  });
});

describe('the registry calendar', () => {
  it.each([
    ['2026-11-23T16:59:59Z', '2026-11-23'],
    ['2026-11-23T17:00:00Z', '2026-11-24'],
  ])('%s is %s in WIB', (iso, date) => {
    expect(wibDate(new Date(iso))).toBe(date);
  });
});

describe('cache headers', () => {
  it.each([
    ['dist/assets/index-B7xQ2kLp.js', 'public, max-age=31536000, immutable'],
    ['dist/assets/index-DiwrgTda.css', 'public, max-age=31536000, immutable'],
    ['dist/index.html', 'no-cache'],
    ['dist/sw.js', 'no-cache'],
    ['dist/manifest.webmanifest', 'no-cache'],
    ['dist/icons/icon-192.png', 'no-cache'],
  ])('%s → %s', (path, expected) => {
    expect(cacheControlFor(path)).toBe(expected);
  });
});

describe('secrets', () => {
  it('makes readable enrollment codes and accepts how people type them', () => {
    const code = newEnrollmentCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/);
    expect(normalizeEnrollmentCode(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(
      code.replace(/-/g, ''),
    );
    expect(normalizeEnrollmentCode('ol0i')).toBe('0101');
  });
  it('compares hashes in constant time and tells different ones apart', () => {
    expect(isSameHash(hashSecret('a'), hashSecret('a'))).toBe(true);
    expect(isSameHash(hashSecret('a'), hashSecret('b'))).toBe(false);
    expect(isSameHash(hashSecret('a'), 'abcd')).toBe(false);
  });
});
