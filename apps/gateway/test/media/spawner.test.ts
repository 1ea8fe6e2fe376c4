import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RemoteSpawner } from '../../src/media/spawner.js';
import type { ChildLike } from '../../src/media/types.js';

/** Running (a zombie waiting for a reaper that never comes, as in a container, is not). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

function collect(child: ChildLike) {
  const out = { stdout: '', stderr: '' };
  child.stdout?.on('data', (d: Buffer | string) => {
    out.stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer | string) => {
    out.stderr += d.toString();
  });
  const exit = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { out, exit };
}

// The spawner runs programs in a helper process, so the gateway's event loop never forks.
describe('the spawner process', () => {
  let spawner: RemoteSpawner;
  afterEach(() => spawner?.close());

  it('runs a program in another process and relays its output and exit code', async () => {
    spawner = new RemoteSpawner();
    const child = spawner.spawn('sh', ['-c', 'echo "out $PPID"; echo err >&2; exit 3']);
    const { out, exit } = collect(child);
    expect(await exit).toEqual({ code: 3, signal: null });
    expect(out.stderr).toBe('err\n');
    // Its parent is the helper, not this process.
    const parent = Number(out.stdout.trim().split(' ')[1]);
    expect(parent).toBe(spawner.helperPid);
    expect(parent).not.toBe(process.pid);
  });

  it('passes arguments as they are, never through a shell', async () => {
    spawner = new RemoteSpawner();
    const child = spawner.spawn('printf', ['%s|', 'a b', '$(id)', ';rm -rf /']);
    const { out, exit } = collect(child);
    expect((await exit).code).toBe(0);
    expect(out.stdout).toBe('a b|$(id)|;rm -rf /|');
  });

  it('kills on request and reports the signal', async () => {
    spawner = new RemoteSpawner();
    const child = spawner.spawn('sleep', ['30']);
    const { exit } = collect(child);
    await vi.waitFor(() => expect((child as ChildLike & { pid: number | null }).pid).toBeTypeOf('number'));
    expect(child.kill('SIGTERM')).toBe(true);
    expect(await exit).toEqual({ code: null, signal: 'SIGTERM' });
    expect(child.kill()).toBe(false);
  });

  it('reports a program that cannot be started as an error', async () => {
    spawner = new RemoteSpawner();
    const child = spawner.spawn('/nonexistent/ffmpeg', []);
    const err = await new Promise<NodeJS.ErrnoException>((resolve) => child.once('error', resolve));
    expect(err.code).toBe('ENOENT');
  });

  it('when the helper dies, kills what it started, reports it exited, and starts a new helper', async () => {
    spawner = new RemoteSpawner();
    const child = spawner.spawn('sleep', ['30']) as ChildLike & { pid: number | null };
    const { exit } = collect(child);
    await vi.waitFor(() => expect(child.pid).toBeTypeOf('number'));
    const first = spawner.helperPid!;
    process.kill(first, 'SIGKILL');
    expect(await exit).toEqual({ code: null, signal: 'SIGKILL' });
    await vi.waitFor(() => expect(alive(child.pid!)).toBe(false));
    const again = spawner.spawn('true', []);
    expect((await collect(again).exit).code).toBe(0);
    expect(spawner.helperPid).not.toBe(first);
  });

  it('close() takes the helper and its children down', async () => {
    spawner = new RemoteSpawner();
    const child = spawner.spawn('sleep', ['30']) as ChildLike & { pid: number | null };
    await vi.waitFor(() => expect(child.pid).toBeTypeOf('number'));
    const helper = spawner.helperPid!;
    await spawner.close();
    await vi.waitFor(() => expect(alive(helper) || alive(child.pid!)).toBe(false));
    expect(() => spawner.spawn('true', [])).toThrow(/closed/);
  });
});
