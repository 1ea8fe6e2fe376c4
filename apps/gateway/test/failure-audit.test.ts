import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../src/audit/service.js';
import { FailedSignInAudit } from '../src/auth/failureAudit.js';

describe('failed sign-in audit records', () => {
  function setup() {
    let now = 1_000_000;
    const written: AuditEntry[] = [];
    const audit = new FailedSignInAudit(
      async (e) => {
        written.push(e);
      },
      () => now,
      60_000,
    );
    return { audit, written, advance: (ms: number) => (now += ms) };
  }

  it('writes the first failure at once and the rest of the window as one summary', async () => {
    const { audit, written, advance } = setup();
    await audit.record('10.0.0.1', 'duty', 'wrong');
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({
      actor: null,
      address: '10.0.0.1',
      action: 'auth.login_failed',
      targetId: 'duty',
      details: { failures: 1, names: ['duty'], reasons: { wrong: 1 } },
    });
    for (let i = 0; i < 99; i++)
      await audit.record('10.0.0.1', i % 3 ? 'duty' : 'admin', i < 20 ? 'wrong' : 'throttled');
    expect(written).toHaveLength(1);
    advance(59_000);
    await audit.sweep();
    expect(written).toHaveLength(1);
    advance(1_000);
    await audit.sweep();
    expect(written).toHaveLength(2);
    expect(written[1]).toMatchObject({
      actor: null,
      targetId: null,
      details: { failures: 99, names: ['admin', 'duty'], reasons: { wrong: 20, throttled: 79 } },
    });
    // The next failure opens a new window: written at once again.
    await audit.record('10.0.0.1', 'duty', 'wrong');
    expect(written).toHaveLength(3);
  });

  it('keeps twenty names and counts the rest; keeps addresses apart', async () => {
    const { audit, written } = setup();
    for (let i = 0; i < 50; i++) await audit.record('10.0.0.2', `name-${i}`, 'wrong');
    await audit.record('10.0.0.3', 'other', 'locked');
    expect(written.map((w) => w.address)).toEqual(['10.0.0.2', '10.0.0.3']);
    await audit.flush();
    const summary = written.find((w) => w.address === '10.0.0.2' && (w.details?.failures as number) > 1)!;
    expect(summary.details?.names).toHaveLength(20);
    expect(summary.details).toMatchObject({ failures: 49, failuresWithOtherNames: 29 });
    // A window with only its first failure has nothing left to summarise.
    expect(written.filter((w) => w.address === '10.0.0.3')).toHaveLength(1);
  });
});
