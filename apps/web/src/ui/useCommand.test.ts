import { describe, expect, it } from 'vitest';
import { CommandRunner, type CommandState } from './useCommand';

/** A promise the test settles by hand. */
function deferred() {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('a form command', () => {
  it('is busy while the action runs, idle after it succeeds, and tells every change', async () => {
    const runner = new CommandRunner();
    const seen: CommandState[] = [];
    runner.subscribe(() => seen.push(runner.snapshot()));
    const d = deferred();
    const done = runner.run(() => d.promise);
    expect(runner.snapshot()).toEqual({ busy: true, error: null });
    d.resolve();
    expect(await done).toBe(true);
    expect(runner.snapshot()).toEqual({ busy: false, error: null });
    expect(seen).toEqual([
      { busy: true, error: null },
      { busy: false, error: null },
    ]);
  });

  it('keeps a failure as the error until the next send starts', async () => {
    const runner = new CommandRunner();
    const refused = new Error('rejected');
    expect(await runner.run(async () => Promise.reject(refused))).toBe(false);
    expect(runner.snapshot()).toEqual({ busy: false, error: refused });
    const d = deferred();
    const again = runner.run(() => d.promise);
    expect(runner.snapshot()).toEqual({ busy: true, error: null });
    d.reject('timeout');
    expect(await again).toBe(false);
    expect(runner.snapshot().error).toBe('timeout');
  });

  it('shows a failure found before sending, without running anything', () => {
    const runner = new CommandRunner();
    const before = runner.snapshot();
    runner.fail(new Error('pick a unit'));
    expect(runner.snapshot()).toEqual({ busy: false, error: new Error('pick a unit') });
    // A new state object on every change: React's useSyncExternalStore compares by identity.
    expect(runner.snapshot()).not.toBe(before);
  });

  it('stops telling a listener that unsubscribed', async () => {
    const runner = new CommandRunner();
    let calls = 0;
    const off = runner.subscribe(() => calls++);
    runner.fail('x');
    off();
    await runner.run(async () => undefined);
    expect(calls).toBe(1);
  });
});
