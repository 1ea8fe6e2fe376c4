// Starts the system's processes and restarts any that exits unexpectedly, with capped backoff.
// Ctrl-C / SIGTERM stops them all.
import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = process.env.DATA_DIR ?? path.join(root, 'data');
// The simulator first: the gateway pre-warms key-site cameras as soon as it is up.
const services = [
  {
    name: 'simulator',
    cwd: path.join(root, 'apps/simulator'),
    args: ['dist/main.js'],
    env: { SIM_CACHE_DIR: process.env.SIM_CACHE_DIR ?? path.join(dataDir, 'sim-cache') },
  },
  {
    name: 'gateway',
    cwd: path.join(root, 'apps/gateway'),
    args: ['dist/server.js'],
    env: { DATA_DIR: dataDir },
  },
];

let stopping = false;
const running = new Map();

function start(svc, attempt = 0) {
  const child = spawn(process.execPath, svc.args, {
    cwd: svc.cwd,
    stdio: 'inherit',
    env: { ...process.env, ...svc.env },
  });
  const startedAt = Date.now();
  running.set(svc.name, child);
  child.on('exit', (code, signal) => {
    running.delete(svc.name);
    if (stopping) return;
    // A process that ran for a minute is healthy again: start the backoff from scratch.
    const next = Date.now() - startedAt > 60_000 ? 0 : attempt + 1;
    const delay = Math.min(30_000, 500 * 2 ** next);
    console.error(`[supervise] ${svc.name} exited (${signal ?? code}); restarting in ${delay} ms`);
    setTimeout(() => start(svc, next), delay);
  });
}

for (const svc of services) start(svc);
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    stopping = true;
    for (const child of running.values()) child.kill('SIGTERM');
    setTimeout(() => process.exit(0), 3000).unref();
    if (running.size === 0) process.exit(0);
    for (const child of running.values()) child.on('exit', () => running.size === 0 && process.exit(0));
  });
}
