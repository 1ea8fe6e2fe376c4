// Event-loop stall per ffmpeg start: spawning from the gateway's own process (fork copies its
// page tables, so the cost grows with its memory) against asking the spawner process to do it.
// The process holds HEAP_MB of memory (default 700, about a gateway on the embedded database
// with the registry loaded). Figures: how long the calling thread is blocked per start, and the
// worst event-loop delay seen while 40 starts run.
// Run: node --conditions=source --import tsx bench/spawn-stall.ts
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { RemoteSpawner } from '../apps/gateway/src/media/spawner.js';
import { report } from './lib/stats.js';

const HEAP_MB = Number(process.env.HEAP_MB ?? 700);
const STARTS = 40;
const ARGS = ['-hide_banner', '-f', 'lavfi', '-i', 'nullsrc=s=16x16:d=0.1', '-f', 'null', '-'];
// Touch every page, as a real heap would be.
const hold: Buffer[] = [];
for (let i = 0; i < HEAP_MB; i++) hold.push(Buffer.alloc(1024 * 1024, i & 0xff));

async function measure(name: string, start: () => { once(e: 'exit', f: () => void): unknown }) {
  const blocked: number[] = [];
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  for (let i = 0; i < STARTS; i++) {
    const t = performance.now();
    const child = start();
    blocked.push(performance.now() - t);
    await new Promise<void>((r) => child.once('exit', () => r()));
  }
  loop.disable();
  report(`  ${name}: calling thread blocked per start`, blocked);
  console.log(
    `  ${name}: event-loop delay p99 ${(loop.percentile(99) / 1e6).toFixed(1)} ms, worst ${(loop.max / 1e6).toFixed(1)} ms`,
  );
}

console.log(`ffmpeg starts with ${HEAP_MB} MB held by the calling process (${STARTS} starts each)`);
await measure('spawn() in process', () => spawn('ffmpeg', ARGS, { stdio: ['ignore', 'pipe', 'pipe'] }));
// Started once, before the streams (the gateway starts it with the media component).
const spawner = new RemoteSpawner().warm();
await new Promise((r) => setTimeout(r, 500));
await measure('spawner process', () => spawner.spawn('ffmpeg', ARGS) as never);
await spawner.close();
console.log(
  `  rss of this process ${(process.memoryUsage().rss / 1e6).toFixed(0)} MB (${hold.length} MB held)`,
);
