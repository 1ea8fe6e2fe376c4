import { afterEach, describe, expect, it } from 'vitest';
import { AuditRateLimiter, RATE_LIMITED_ACTION } from '../src/audit/limiter.js';
import { type AuditEntry, fenceDetails } from '../src/audit/service.js';

describe('audit rate limit per caller', () => {
  let clock = 0;
  let written: AuditEntry[] = [];
  let limiter: AuditRateLimiter;
  const make = (maxCallers = 1000) => {
    clock = Date.parse('2026-05-01T08:00:00Z');
    written = [];
    limiter = new AuditRateLimiter(
      async (e) => void written.push(e),
      { burst: 5, perSecond: 1, flushMs: 3_600_000, maxCallers },
      () => clock,
    );
  };
  afterEach(() => limiter.close());
  const entry = (action: string, actor = 'duty'): AuditEntry => ({
    actor,
    actorRole: 'duty_officer',
    action,
  });

  it('writes a burst, then one per second, and counts the rest into one summary', async () => {
    make();
    const outcomes: boolean[] = [];
    for (let i = 0; i < 8; i++) outcomes.push(await limiter.append('user:duty', entry('registry.export')));
    expect(outcomes).toEqual([true, true, true, true, true, false, false, false]);
    clock += 2000; // two records' worth regained
    expect(await limiter.append('user:duty', entry('registry.export'))).toBe(true);
    expect(await limiter.append('user:duty', entry('registry.export'))).toBe(true);
    expect(await limiter.append('user:duty', entry('registry.export'))).toBe(false);
    expect(written).toHaveLength(7);
    await limiter.flush();
    expect(written).toHaveLength(8);
    expect(written[7]).toMatchObject({
      actor: 'duty',
      actorRole: 'duty_officer',
      action: RATE_LIMITED_ACTION,
      details: { caller: 'user:duty', suppressed: 4, actions: { 'registry.export': 4 } },
    });
    // Nothing more to say: the next flush writes nothing.
    await limiter.flush();
    expect(written).toHaveLength(8);
  });

  it('keeps actions and callers apart: a flood of one holds back no other', async () => {
    make();
    for (let i = 0; i < 20; i++) await limiter.append('user:duty', entry('wall.layout.change'));
    expect(await limiter.append('user:duty', entry('users.create'))).toBe(true);
    expect(await limiter.append('user:leader', entry('wall.layout.change', 'leader'))).toBe(true);
    await limiter.flush();
    const summaries = written.filter((e) => e.action === RATE_LIMITED_ACTION);
    expect(summaries.map((s) => s.details)).toEqual([
      expect.objectContaining({ caller: 'user:duty', suppressed: 15 }),
    ]);
  });

  it('shares one summary among callers past maxCallers, so many addresses cannot grow it without end', async () => {
    make(2);
    for (const caller of ['address:10.0.0.1', 'address:10.0.0.2', 'address:10.0.0.3', 'address:10.0.0.4']) {
      for (let i = 0; i < 6; i++) await limiter.append(caller, { actor: 'x', action: 'auth.login_failed' });
    }
    await limiter.flush();
    const summaries = written.filter((e) => e.action === RATE_LIMITED_ACTION);
    expect(summaries.map((s) => [s.details?.caller, s.details?.suppressed, s.actor])).toEqual([
      ['address:10.0.0.1', 1, 'x'],
      ['address:10.0.0.2', 1, 'x'],
      ['many callers', 2, null],
    ]);
  });
});

describe('audit details', () => {
  it("never carry a record's own field names at the top level", () => {
    expect(fenceDetails({ at: '2000-01-01', actor: 'admin', seq: 1, layout: 4 })).toEqual({
      client_at: '2000-01-01',
      client_actor: 'admin',
      client_seq: 1,
      layout: 4,
    });
    const plain = { stream: 'sub', from: 'a' };
    expect(fenceDetails(plain)).toBe(plain);
  });
});
