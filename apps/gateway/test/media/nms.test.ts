import net from 'node:net';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { startNms } from '../../src/media/nms.js';

const log = pino({ level: 'silent' });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const connects = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

describe('node-media-server process', () => {
  it('listens on 127.0.0.1 in a process of its own and is gone after release', async () => {
    const nms = await startNms({ rtmpPort: 0, httpPort: 0, log });
    const pid = nms.pid as number;
    try {
      expect(pid).toBeTypeOf('number');
      expect(pid).not.toBe(process.pid);
      expect(await connects(nms.rtmpPort)).toBe(true);
      expect(await connects(nms.httpPort)).toBe(true);
    } finally {
      await nms.release();
    }
    expect(alive(pid)).toBe(false);
    expect(await connects(nms.httpPort)).toBe(false);
  });

  it('starts without a warning', async () => {
    // The store it warns about is switched off on purpose; a warning at every start is noise.
    const lines: Array<{ level: number; msg: string }> = [];
    const warnings = pino({ level: 'warn' }, { write: (line: string) => lines.push(JSON.parse(line)) });
    const nms = await startNms({ rtmpPort: 0, httpPort: 0, log: warnings });
    await nms.release();
    expect(lines.map((l) => l.msg)).toEqual([]);
  });

  it('refuses to start on a taken port, naming the listener', async () => {
    const taken = net.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (taken.address() as net.AddressInfo).port;
      await expect(startNms({ rtmpPort: port, httpPort: 0, log })).rejects.toThrow(
        /RTMP listener: .*EADDRINUSE/,
      );
    } finally {
      taken.close();
    }
  });

  it('is started again on the same ports after it dies', async () => {
    const nms = await startNms({ rtmpPort: 0, httpPort: 0, log, restartMinMs: 50 });
    try {
      const first = nms.pid as number;
      process.kill(first, 'SIGKILL');
      await expect.poll(() => nms.restarts, { timeout: 10_000 }).toBe(1);
      expect(nms.pid).not.toBe(first);
      expect(await connects(nms.rtmpPort)).toBe(true);
      expect(await connects(nms.httpPort)).toBe(true);
    } finally {
      await nms.release();
    }
  });
});
