// Simulator capacity: N concurrent RTSP sessions over TCP (one camera each), 10 s per N, with the
// simulator's CPU and RSS (read from its /stats, so the clients' own CPU is not counted) and
// whether every session got at least 95 % of the frames a 25 fps camera sends.
// Run: pnpm bench, or node --conditions=source --import tsx bench/simulator-capacity.ts
import { spawn } from 'node:child_process';
import { readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { RtspTestClient } from '../apps/simulator/src/index.js';
import { generateDistrict } from '../packages/district/src/index.js';

const SECONDS = Number(process.env.SECONDS_PER_RUN ?? 10);
// SIM_BENCH_N=25,50,100 by default: main streams at each N, then sub streams at the largest.
const NS = (process.env.SIM_BENCH_N ?? '25,50,100').split(',').map(Number);
const RUNS: { n: number; profile: 'main' | 'sub' }[] = [
  ...NS.map((n) => ({ n, profile: 'main' as const })),
  { n: Math.max(...NS), profile: 'sub' },
];
const cacheDir = path.join(os.tmpdir(), 'onpatrol-sim-bench-cache');
const cameras = generateDistrict().cameras;

const child = spawn(
  process.execPath,
  ['--conditions=source', '--import', 'tsx', 'apps/simulator/src/main.ts'],
  {
    env: {
      ...process.env,
      SIM_RTSP_PORT: '0',
      SIM_CONTROL_PORT: '0',
      SIM_UDP_PORT: '0',
      SIM_CACHE_DIR: cacheDir,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const ports = await new Promise<{ rtspPort: number; controlPort: number }>((resolve, reject) => {
  child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const msg = JSON.parse(line) as { msg?: string; rtspPort: number; controlPort: number };
    if (msg.msg === 'simulator listening') resolve(msg);
  });
});
const url = (id: string, profile: string) => `rtsp://127.0.0.1:${ports.rtspPort}/${id}/${profile}`;
type Stats = { activeStreams: number; process: { rssBytes: number; cpuUserUs: number; cpuSystemUs: number } };
const stats = async (): Promise<Stats> =>
  (await fetch(`http://127.0.0.1:${ports.controlPort}/stats`)).json() as Promise<Stats>;

async function describeMs(id: string, profile: string): Promise<number> {
  const c = await RtspTestClient.connect('127.0.0.1', ports.rtspPort);
  const t = performance.now();
  const r = await c.request('DESCRIBE', url(id, profile));
  const ms = performance.now() - t;
  await c.close();
  if (r.status !== 200) throw new Error(`DESCRIBE ${id}/${profile}: ${r.status}`);
  return ms;
}

// First request of a camera: encode with ffmpeg, then parse. The camera is not used below.
const cold = cameras[cameras.length - 1]!.id;
const cached = await readdir(cacheDir).catch(() => [] as string[]);
for (const f of cached.filter((f) => f.startsWith(cold))) await rm(path.join(cacheDir, f));
for (const profile of ['main', 'sub']) {
  const first = await describeMs(cold, profile);
  const again = await describeMs(cold, profile);
  console.log(
    `first DESCRIBE of a ${profile} stream (encode + parse) ${first.toFixed(0)} ms, next one ${again.toFixed(1)} ms`,
  );
}

// Encode every loop the runs need before measuring (cached on disk across bench runs).
const maxN = Math.max(...RUNS.map((r) => r.n));
const warmStart = performance.now();
for (const profile of ['main', 'sub']) {
  const ids = cameras.slice(0, maxN).map((c) => c.id);
  await Promise.all(ids.map((id) => describeMs(id, profile)));
}
console.log(
  `loops ready for ${maxN} cameras x main+sub in ${((performance.now() - warmStart) / 1000).toFixed(1)} s`,
);

console.log(
  `simulator capacity, ${SECONDS} s per run, TCP interleaved, one camera per session (${os.cpus().length} cores)`,
);
for (const { n, profile } of RUNS) {
  const clients = await Promise.all(
    cameras.slice(0, n).map(async (c) => {
      const client = await RtspTestClient.connect('127.0.0.1', ports.rtspPort);
      await client.play(url(c.id, profile));
      return client;
    }),
  );
  await new Promise((r) => setTimeout(r, 1500)); // every session past its first keyframe
  const framesBefore = clients.map((c) => c.stats.frames);
  const bytesBefore = clients.reduce((s, c) => s + c.stats.bytes, 0);
  const s0 = await stats();
  const t0 = performance.now();
  const benchCpu0 = process.cpuUsage();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const s1 = await stats();
  const wallUs = (performance.now() - t0) * 1000;
  const benchCpu = process.cpuUsage(benchCpu0);
  const cpuUs = s1.process.cpuUserUs + s1.process.cpuSystemUs - s0.process.cpuUserUs - s0.process.cpuSystemUs;
  const expected = (wallUs / 1e6) * 25;
  const got = clients.map((c, i) => c.stats.frames - framesBefore[i]!);
  const ok = got.filter((f) => f >= 0.95 * expected).length;
  const mbps = ((clients.reduce((s, c) => s + c.stats.bytes, 0) - bytesBefore) * 8) / wallUs;
  console.log(
    `  N=${String(n).padStart(3)} ${profile.padEnd(4)} simulator CPU ${((cpuUs / wallUs) * 100).toFixed(1).padStart(5)} %  ` +
      `RSS ${(s1.process.rssBytes / 2 ** 20).toFixed(0)} MB  ${mbps.toFixed(0)} Mbit/s  ` +
      `frames/session min ${Math.min(...got)} of ${expected.toFixed(0)} expected  ` +
      `${ok}/${n} sessions >= 95 % ${ok === n ? 'PASS' : 'FAIL'}  (client CPU ${(((benchCpu.user + benchCpu.system) / wallUs) * 100).toFixed(0)} %)`,
  );
  await Promise.all(clients.map((c) => c.close()));
  for (let i = 0; i < 50 && (await stats()).activeStreams > 0; i++)
    await new Promise((r) => setTimeout(r, 100));
}
child.kill('SIGTERM');
await new Promise((r) => child.once('exit', r));
