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

/** A free even port whose successor is free too (RTP on the even port, RTCP on the next). */
async function freeEvenPort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const p = await freePort();
    const even = p % 2 === 0 ? p : p + 1;
    if ((await portFree(even)) && (await portFree(even + 1))) return even;
  }
  throw new Error('no free even port pair');
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

export interface RunningSystem {
  baseUrl: string;
  dataDir: string;
  gateway: ChildProcess;
  /** The simulator's control API, when it was started. */
  simulatorUrl: string | null;
  simulator: ChildProcess | null;
  /** Output of the gateway so far (for failure messages). */
  log(): string;
  stop(): Promise<void>;
}

/** Shared by test runs so each camera's loop is encoded once per machine. */
export const SIM_CACHE_DIR = path.join(tmpdir(), 'onpatrol-sim-test-cache');

export interface SystemOptions {
  /** Environment of the gateway. */
  env?: Record<string, string>;
  /** Start the camera simulator too (real RTSP), with this extra environment. */
  simulator?: Record<string, string> | false;
  /** Extra Node.js options for the gateway process (e.g. `--cpu-prof` for a benchmark). */
  nodeArgs?: string[];
}

/**
 * Start the built gateway (serving the built web app) as a real process on a free port with a
 * fresh data folder and the embedded database, as `pnpm --filter @onpatrol/gateway start` does;
 * optionally the built camera simulator beside it, on free ports, as `pnpm start` does.
 */
export async function startSystem(opts: SystemOptions | Record<string, string> = {}): Promise<RunningSystem> {
  const {
    env = {},
    simulator = false,
    nodeArgs = [],
  } = ('env' in opts || 'simulator' in opts || 'nodeArgs' in opts ? opts : { env: opts }) as SystemOptions;
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'onpatrol-e2e-'));
  let output = '';
  let sim: ChildProcess | null = null;
  let simulatorUrl: string | null = null;
  const simEnv: Record<string, string> = {};
  if (simulator) {
    const [rtsp, control, udp] = [await freePort(), await freePort(), await freeEvenPort()];
    simulatorUrl = `http://127.0.0.1:${control}`;
    Object.assign(simEnv, { SIM_RTSP_PORT: String(rtsp) });
    sim = spawn(process.execPath, ['dist/main.js'], {
      cwd: path.join(root, 'apps/simulator'),
      env: {
        ...process.env,
        SIM_RTSP_PORT: String(rtsp),
        SIM_CONTROL_PORT: String(control),
        SIM_UDP_PORT: String(udp),
        SIM_CACHE_DIR,
        SIM_GATEWAY_URL: `http://127.0.0.1:${port}`,
        SIM_ALARM_RATE_PER_HOUR: '0',
        LOG_LEVEL: 'warn',
        ...simulator,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    sim.stdout!.on('data', (d) => (output += d));
    sim.stderr!.on('data', (d) => (output += d));
    await waitHealthy(`${simulatorUrl}/health`, sim, () => output);
  }
  const gateway = spawn(process.execPath, [...nodeArgs, 'dist/server.js'], {
    cwd: path.join(root, 'apps/gateway'),
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // The registry's RTSP URLs point at this run's simulator.
      ...simEnv,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  gateway.stdout!.on('data', (d) => (output += d));
  gateway.stderr!.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitHealthy(`${baseUrl}/api/health`, gateway, () => output);
  return {
    baseUrl,
    dataDir,
    gateway,
    simulator: sim,
    simulatorUrl,
    log: () => output,
    async stop() {
      for (const child of [gateway, sim]) {
        if (!child || child.exitCode !== null) continue;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitHealthy(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`process exited (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not become healthy:\n${log()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
