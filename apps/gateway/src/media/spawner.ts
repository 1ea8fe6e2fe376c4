import { type ChildProcess, spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import type { ChildLike } from './types.js';

/*
 * Starting a process from Node forks the calling process, and fork copies its page tables: in a
 * gateway holding the embedded database and the registry (hundreds of MB), every spawn() blocked
 * the event loop for 30–150 ms, so an alarm storm that pre-warms cameras froze socket delivery.
 * The spawner is a small separate Node process, started once, that runs ffmpeg on the gateway's
 * behalf and relays its output and exit over IPC; the gateway's event loop never forks.
 */

type ToSpawner =
  | { t: 'spawn'; id: number; cmd: string; args: string[] }
  | { t: 'kill'; id: number; signal: NodeJS.Signals };
type FromSpawner =
  | { t: 'pid'; id: number; pid: number }
  | { t: 'out'; id: number; fd: 1 | 2; data: string }
  | { t: 'exit'; id: number; code: number | null; signal: NodeJS.Signals | null }
  | { t: 'error'; id: number; code: string; message: string };

/**
 * The program of the spawner process, run with `node -e`. It is plain JavaScript in a string, so
 * no build step, loader or transform (which may inject helpers) touches it. It spawns what it is
 * asked to, never through a shell, relays output and exit, and when the gateway goes away it
 * kills its children and exits. Messages: see ToSpawner and FromSpawner (sent in arrays).
 */
const SPAWNER_PROGRAM = `
process.title = 'onpatrol-spawn';
const { spawn } = require('node:child_process');
const children = new Map();
// Messages go out in batches, at most one every 50 ms: ffmpeg's progress from 60 streams would
// otherwise wake the gateway 60 times a second. With a callback a write to a gateway that is
// gone fails quietly instead of crashing.
let queue = [];
let flushTimer = null;
const flush = () => {
  flushTimer = null;
  const batch = queue;
  queue = [];
  if (process.connected) process.send(batch, undefined, {}, () => undefined);
};
const send = (m) => {
  queue.push(m);
  if (!flushTimer) flushTimer = setTimeout(flush, 50);
};
// A PID goes out at once (with what is queued before it): if this helper dies, the gateway
// kills the children it started by PID, and a child whose PID it never learnt would live on.
const sendNow = (m) => {
  queue.push(m);
  if (flushTimer) clearTimeout(flushTimer);
  flush();
};
process.on('message', (m) => {
  if (m.t === 'spawn') {
    const child = spawn(m.cmd, m.args, { stdio: ['ignore', 'pipe', 'pipe'], shell: false });
    children.set(m.id, child);
    if (child.pid !== undefined) sendNow({ t: 'pid', id: m.id, pid: child.pid });
    child.stdout.setEncoding('utf8').on('data', (data) => send({ t: 'out', id: m.id, fd: 1, data }));
    child.stderr.setEncoding('utf8').on('data', (data) => send({ t: 'out', id: m.id, fd: 2, data }));
    child.once('error', (err) => {
      children.delete(m.id);
      send({ t: 'error', id: m.id, code: err.code || 'ERR', message: err.message });
    });
    child.once('close', (code, signal) => {
      children.delete(m.id);
      send({ t: 'exit', id: m.id, code, signal });
    });
  } else if (m.t === 'kill') {
    const child = children.get(m.id);
    if (child) child.kill(m.signal);
  }
});
process.on('disconnect', () => {
  for (const child of children.values()) child.kill('SIGKILL');
  process.exit(0);
});
`;

/** A process started through the spawner, shaped like the ChildProcess parts the media code uses. */
class RemoteChild extends EventEmitter implements ChildLike {
  readonly stdout = new PassThrough();
  readonly stderr = new PassThrough();
  pid: number | null = null;
  done = false;

  constructor(private readonly killer: (signal: NodeJS.Signals) => void) {
    super();
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): boolean {
    if (this.done) return false;
    this.killer(signal);
    return true;
  }

  finish(event: 'exit', code: number | null, signal: NodeJS.Signals | null): void;
  finish(event: 'error', err: Error): void;
  finish(event: 'exit' | 'error', a: unknown, b?: unknown): void {
    if (this.done) return;
    this.done = true;
    this.stdout.end();
    this.stderr.end();
    if (event === 'exit') this.emit('exit', a, b);
    else this.emit('error', a);
  }
}

/**
 * Spawns programs through a long-lived helper process. If the helper dies, the processes it had
 * started are killed by PID (so no orphan keeps writing a stream's files), reported as exited,
 * and the next spawn starts a new helper.
 */
export class RemoteSpawner {
  private helper: ChildProcess | null = null;
  private readonly children = new Map<number, RemoteChild>();
  private nextId = 1;
  private closed = false;

  spawn(cmd: string, args: string[]): ChildLike {
    if (this.closed) throw new Error('the spawner is closed');
    const id = this.nextId++;
    const child = new RemoteChild((signal) => this.post({ t: 'kill', id, signal }));
    this.children.set(id, child);
    this.post({ t: 'spawn', id, cmd, args });
    return child;
  }

  /** Start the helper now (its own start is the one fork the caller pays), not at the first spawn. */
  warm(): this {
    if (!this.helper && !this.closed) this.startHelper();
    return this;
  }

  /** PID of the helper process (tests). */
  get helperPid(): number | undefined {
    return this.helper?.pid;
  }

  /** Kill the helper and everything it started. */
  async close(): Promise<void> {
    this.closed = true;
    const helper = this.helper;
    if (!helper) return;
    const gone = new Promise((r) => helper.once('exit', r));
    // Disconnecting makes the helper kill its children and exit; SIGKILL if it does not.
    helper.disconnect?.();
    const timer = setTimeout(() => helper.kill('SIGKILL'), 2000);
    await gone;
    clearTimeout(timer);
  }

  private post(m: ToSpawner): void {
    const helper = this.helper ?? this.startHelper();
    try {
      helper.send(m);
    } catch {
      // The helper is going away; its exit reports every child it had as exited.
    }
  }

  private startHelper(): ChildProcess {
    const helper = spawn(process.execPath, ['-e', SPAWNER_PROGRAM], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    this.helper = helper;
    helper.on('message', (batch: FromSpawner[]) => {
      for (const m of batch) this.onMessage(m);
    });
    helper.once('exit', () => this.onHelperExit(helper));
    helper.on('error', () => undefined);
    return helper;
  }

  private onMessage(m: FromSpawner): void {
    const child = this.children.get(m.id);
    if (!child) return;
    if (m.t === 'pid') child.pid = m.pid;
    else if (m.t === 'out') (m.fd === 1 ? child.stdout : child.stderr).write(m.data);
    else {
      this.children.delete(m.id);
      if (m.t === 'exit') child.finish('exit', m.code, m.signal);
      else child.finish('error', Object.assign(new Error(m.message), { code: m.code }));
    }
  }

  private onHelperExit(helper: ChildProcess): void {
    if (this.helper === helper) this.helper = null;
    for (const [id, child] of this.children) {
      this.children.delete(id);
      if (child.pid !== null) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      child.finish('exit', null, 'SIGKILL');
    }
  }
}
