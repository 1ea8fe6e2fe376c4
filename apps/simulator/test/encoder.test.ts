import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { LoopCache } from '../src/encoder.js';
import { CAMERAS } from './helpers.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

it('encodes a loop once for concurrent requests, caches it on disk and reads it back', async () => {
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'sim-enc-'));
  dirs.push(cacheDir);
  const opts = { cacheDir, font: loadConfig({}).font, maxEncodes: 2, log: pino({ level: 'silent' }) };
  const cache = new LoopCache(opts);
  const cam = CAMERAS[4]!;
  const [a, b, c] = await Promise.all([cache.get(cam, 'sub'), cache.get(cam, 'sub'), cache.get(cam, 'sub')]);
  expect(cache.encoded).toBe(1);
  expect(b).toBe(a);
  expect(c).toBe(a);
  // 2 s at 25 fps, a keyframe every 25 frames.
  expect(a.frames).toHaveLength(50);
  expect(a.frames.flatMap((f, i) => (f.key ? [i] : []))).toEqual([0, 25]);
  expect((await readdir(cacheDir)).filter((f) => f.endsWith('.h264'))).toHaveLength(1);
  const fresh = new LoopCache(opts);
  const again = await fresh.get(cam, 'sub');
  expect(fresh.encoded).toBe(0);
  expect(again.bytes).toBe(a.bytes);
});
