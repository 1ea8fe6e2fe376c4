import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { type Loop, loopFromAnnexB } from './h264/loop.js';

export type Profile = 'main' | 'sub';
export const PROFILES = ['main', 'sub'] as const;

/** Picture size, bitrate cap and caption size of each stream; GOP and rate are common to both. */
export const PROFILE_SPECS: Record<
  Profile,
  { width: number; height: number; maxrate: string; fontSize: number }
> = {
  main: { width: 1280, height: 720, maxrate: '2000k', fontSize: 44 },
  sub: { width: 640, height: 360, maxrate: '512k', fontSize: 24 },
};
export const FPS = 25;
export const LOOP_SECONDS = 2;
/** Bump when the encode changes so cached files of the old recipe are not reused. */
const RECIPE = 1;
const ENCODE_TIMEOUT_MS = 60_000;

/** What the picture shows about a camera. */
export interface CameraInfo {
  id: string;
  name: string;
}

/** Named error for a failed ffmpeg run; the message carries the end of its stderr. */
export class EncodeError extends Error {
  override name = 'EncodeError';
}

/**
 * ffmpeg arguments for one loop. The camera name reaches drawtext through `textFile` (relative to
 * the working directory, expansion off) so no registry text is ever parsed as filter syntax.
 */
export function encodeArgs(opts: {
  id: string;
  profile: Profile;
  font: string | null;
  textFile: string;
  out: string;
}): string[] {
  const spec = PROFILE_SPECS[opts.profile];
  const fs = spec.fontSize;
  const font = opts.font ? `fontfile=${opts.font}` : `font='Noto Sans CJK SC'`;
  const box = `fontsize=${fs}:box=1:boxcolor=black@0.6:boxborderw=${Math.round(fs / 5)}`;
  const filters = [
    `drawtext=${font}:textfile=${opts.textFile}:expansion=none:${box}:fontcolor=white:x=${fs}:y=${fs}`,
    `drawtext=${font}:text=${opts.id}:${box}:fontcolor=yellow:x=${fs}:y=${Math.round(fs * 2.6)}`,
    `drawtext=${font}:text='${opts.profile} %{n}':${box}:fontcolor=white:x=mod(n*${Math.round(fs / 4)}\\,w-tw):y=h-th-${fs}`,
  ];
  return [
    ...['-hide_banner', '-loglevel', 'error', '-nostdin', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=${spec.width}x${spec.height}:rate=${FPS}`],
    ...['-vf', filters.join(','), '-t', String(LOOP_SECONDS), '-an'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-profile:v', 'baseline'],
    ...[
      '-g',
      String(FPS),
      '-keyint_min',
      String(FPS),
      '-sc_threshold',
      '0',
      '-bf',
      '0',
      '-pix_fmt',
      'yuv420p',
    ],
    ...['-crf', '26', '-maxrate', spec.maxrate, '-bufsize', spec.maxrate],
    ...['-f', 'h264', opts.out],
  ];
}

function runFfmpeg(args: string[], cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('ffmpeg', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-2000);
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), ENCODE_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new EncodeError(`ffmpeg could not start: ${err.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new EncodeError(`ffmpeg exited with ${code ?? signal}: ${stderr.trim()}`));
    });
  });
}

/** Runs at most `limit` tasks at a time, the rest in arrival order. */
class Semaphore {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((r) => this.queue.push(r));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.queue.shift()?.();
    }
  }
}

export interface LoopCacheOptions {
  cacheDir: string;
  font: string | null;
  maxEncodes: number;
  log: Logger;
  /** Loops kept in memory once no stream plays them; older ones are read from disk again. */
  maxLoops?: number;
}

/**
 * Encoded loops: each camera+profile is encoded once with ffmpeg into `cacheDir`, then parsed into
 * memory. Concurrent requests for the same loop share one promise (and so one encode).
 */
export class LoopCache {
  private readonly loops = new Map<string, Promise<Loop>>();
  private readonly encodes: Semaphore;
  encoded = 0;
  encoding = 0;

  constructor(private readonly opts: LoopCacheOptions) {
    this.encodes = new Semaphore(opts.maxEncodes);
  }

  /** The loop of a camera's stream, encoding it on first use. */
  get(camera: CameraInfo, profile: Profile): Promise<Loop> {
    const key = `${camera.id}/${profile}`;
    let loop = this.loops.get(key);
    if (loop) {
      this.loops.delete(key);
    } else {
      loop = this.load(camera, profile);
      loop.catch(() => this.loops.delete(key));
    }
    this.loops.set(key, loop);
    const max = this.opts.maxLoops ?? 256;
    for (const old of this.loops.keys()) {
      if (this.loops.size <= max) break;
      this.loops.delete(old);
    }
    return loop;
  }

  get size(): number {
    return this.loops.size;
  }

  private async load(camera: CameraInfo, profile: Profile): Promise<Loop> {
    const name = camera.name.replace(/[\r\n]+/g, ' ');
    const hash = createHash('sha256')
      .update(JSON.stringify([RECIPE, camera.id, name, profile, this.opts.font]))
      .digest('hex')
      .slice(0, 12);
    const base = `${camera.id}.${profile}.${hash}`;
    const file = path.join(this.opts.cacheDir, `${base}.h264`);
    const cached = await readFile(file).catch(() => null);
    if (cached) return loopFromAnnexB(cached);
    return this.encodes.run(async () => {
      const again = await readFile(file).catch(() => null);
      if (again) return loopFromAnnexB(again);
      await this.encode(camera.id, name, profile, base);
      return loopFromAnnexB(await readFile(file));
    });
  }

  private async encode(id: string, name: string, profile: Profile, base: string): Promise<void> {
    const dir = this.opts.cacheDir;
    const tag = `${process.pid}.${randomBytes(4).toString('hex')}`;
    const textFile = `${base}.${tag}.txt`;
    const out = `${base}.${tag}.tmp`;
    const started = performance.now();
    this.encoding++;
    try {
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, textFile), name);
      await runFfmpeg(encodeArgs({ id, profile, font: this.opts.font, textFile, out }), dir);
      // Rename is atomic: a reader never sees a half-written loop.
      await rename(path.join(dir, out), path.join(dir, `${base}.h264`));
      this.encoded++;
      this.opts.log.info(
        { camera: id, profile, ms: Math.round(performance.now() - started) },
        'loop encoded',
      );
    } finally {
      this.encoding--;
      await rm(path.join(dir, textFile), { force: true });
      await rm(path.join(dir, out), { force: true });
    }
  }
}
