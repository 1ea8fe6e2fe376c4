import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningSystem {
  baseUrl: string;
  dataDir: string;
  gateway: ChildProcess;
  /** Output of the gateway so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

/**
 * Start the built gateway (serving the built web app) as a real process on a free port with a
 * fresh data folder and the embedded database, as `pnpm --filter @onpatrol/gateway start` does.
 */
export async function startSystem(env: Record<string, string> = {}): Promise<RunningSystem> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'onpatrol-e2e-'));
  let output = '';
  const gateway = spawn(process.execPath, ['dist/server.js'], {
    cwd: path.join(root, 'apps/gateway'),
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway.stdout!.on('data', (d) => (output += d));
  gateway.stderr!.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (gateway.exitCode !== null) throw new Error(`gateway exited (${gateway.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`gateway did not become healthy:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    dataDir,
    gateway,
    log: () => output,
    async stop() {
      if (gateway.exitCode === null) {
        const exited = new Promise((r) => gateway.once('exit', r));
        gateway.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
