import { execFile } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { listLookup, type Simulator, startSimulator } from '../src/index.js';

export const CAMERAS = [
  { id: '13090303021320000001', name: '南湖广场北门01' },
  { id: '13090303021320000002', name: '中心医院急诊楼02' },
  { id: '13090303021320000003', name: '同天商厦东门03' },
  { id: '13090303021320000004', name: '运河桥头04' },
  { id: '13090303021320000005', name: "Shop 5 'quote' 100% : test" },
];
export const UNKNOWN = '13090303021329999999';
/** Shared by test runs so each loop is encoded once per machine, not once per run. */
export const CACHE_DIR = path.join(os.tmpdir(), 'onpatrol-sim-test-cache');

export interface TestSim extends Simulator {
  // biome-ignore lint/suspicious/noExplicitAny: JSON answers are read field by field in assertions.
  control(method: string, route: string, body?: unknown): Promise<{ status: number; body: any }>;
}

export async function startTestSim(): Promise<TestSim> {
  const sim = await startSimulator({
    rtspPort: 0,
    controlPort: 0,
    udpPort: 0,
    cacheDir: CACHE_DIR,
    lookup: listLookup(CAMERAS),
  });
  const control = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`http://127.0.0.1:${sim.controlPort}${route}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  };
  return Object.assign(sim, { control });
}

/** Run a program (argument array, no shell); resolves with its exit code and output. */
export function run(
  cmd: string,
  args: string[],
  timeoutMs = 20_000,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** ffprobe's view of the video stream at `url`. */
export async function probe(url: string, transport: 'tcp' | 'udp') {
  const r = await run('ffprobe', [
    ...['-v', 'error', '-rtsp_transport', transport, '-select_streams', 'v:0'],
    ...['-show_entries', 'stream=codec_name,width,height,r_frame_rate', '-of', 'json', url],
  ]);
  if (r.code !== 0) return { ok: false as const, stderr: r.stderr };
  const stream = JSON.parse(r.stdout).streams?.[0];
  return { ok: true as const, ...stream } as {
    ok: true;
    codec_name: string;
    width: number;
    height: number;
    r_frame_rate: string;
  };
}

/** MD5 of each of the first `frames` decoded pictures. */
export async function frameHashes(url: string, frames: number): Promise<string[]> {
  const r = await run('ffmpeg', [
    '-v',
    'error',
    '-rtsp_transport',
    'tcp',
    '-i',
    url,
    '-frames:v',
    String(frames),
    '-f',
    'framemd5',
    '-',
  ]);
  if (r.code !== 0) throw new Error(`ffmpeg failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split(',').at(-1)!.trim());
}

export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 15_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
