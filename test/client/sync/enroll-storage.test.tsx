import { describe, expect, it } from 'vitest';
import { jsonResponse, makeSyncFixture } from './render-sync';

describe('enrolling never hangs', () => {
  it('a storage failure while keeping the token ends as a storage error, not a pending promise', async () => {
    const enrolled = { deviceId: 'dev-9', token: 't'.repeat(43) };
    const fixture = makeSyncFixture(async () => jsonResponse(201, enrolled));
    await fixture.db.open();
    fixture.db.close({ disableAutoOpen: true });
    expect(await fixture.engine.enroll('ABCD-EFGH-JKLM')).toEqual({ ok: false, code: 'storage' });
  });
});
