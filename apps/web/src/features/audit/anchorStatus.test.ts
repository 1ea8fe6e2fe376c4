import type { AuditVerification } from '@onpatrol/contracts';
import { describe, expect, it } from 'vitest';
import { anchorStatus } from './anchorStatus';

const base: AuditVerification = {
  intact: true,
  records: 120,
  checkpoints: 3,
  lastCheckpoint: {
    seq: 120,
    hash: 'a'.repeat(64),
    at: '2026-05-01T08:00:00.000Z',
    count: 7,
    verified: true,
  },
  problems: [],
  notes: [],
  checkedAt: '2026-05-01T08:00:01.000Z',
};

describe('audit anchor status', () => {
  it('names the newest checkpoint and whether it holds', () => {
    expect(anchorStatus(base)).toEqual({ state: 'verified', seq: '120', at: '2026-05-01T08:00:00.000Z' });
    const unsigned = { ...base, lastCheckpoint: { ...base.lastCheckpoint!, verified: false } };
    expect(anchorStatus(unsigned).state).toBe('unverified');
    expect(anchorStatus({ ...base, lastCheckpoint: null })).toEqual({ state: 'none', seq: '—', at: null });
  });

  it('is broken as soon as anything is wrong, even with a verified newest checkpoint', () => {
    const cut = {
      ...base,
      intact: false,
      problems: [{ kind: 'truncated' as const, seq: 118, message: 'records 101–118 were deleted' }],
    };
    expect(anchorStatus(cut)).toMatchObject({ state: 'broken', seq: '120' });
  });
});
