// Live-video ingest capacity: CPU and memory of the gateway's ingest (gateway process, its
// spawner and node-media-server processes and the ffmpeg pulls) per active stream at 10, 30 and 60 concurrent sub streams from the real RTSP
// simulator, and the longest gap between new HLS segments of any stream.
// Run: node --conditions=source --import tsx bench/ingest-capacity.ts   (needs `pnpm build` first)
// LEVELS=10,30,60 WINDOW_S=30; GATEWAY_CPU_PROF=<dir> profiles the gateway, GATEWAY_NODE_ARGS adds Node flags.
import type { Camera, LiveUrls, PageOf } from '@onpatrol/contracts';
import { startSystem } from '@onpatrol/e2e';
import { commOf, cpuSeconds, descendantsOf, pssBytes } from './lib/proc.js';
import { signIn } from './lib/session.js';

const LEVELS = (process.env.LEVELS ?? '10,30,60').split(',').map(Number);
const WINDOW_S = Number(process.env.WINDOW_S ?? 30);
const PASSWORD = 'bench-password-1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const system = await startSystem({
  env: {
    DEMO_PASSWORD: PASSWORD,
    MEDIA_PREWARM_KEY_SITES: 'false',
    MEDIA_MAX_STREAMS: '100',
    // One user opens every stream of the bench: lift the duty officer's quota.
    MEDIA_USER_STREAMS: 'duty_officer=100',
    MEDIA_IDLE_SECONDS: '120',
  },
  simulator: { SIM_UNITS: 'false' },
  // GATEWAY_CPU_PROF=<dir> writes a V8 CPU profile of the gateway.
  nodeArgs: [
    ...(process.env.GATEWAY_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.GATEWAY_CPU_PROF}`] : []),
    ...(process.env.GATEWAY_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
  ],
});
const gwPid = system.gateway.pid!;
try {
  const cookie = await signIn(system.baseUrl, 'duty', PASSWORD);
  const get = async <T>(url: string) => {
    const res = await fetch(`${system.baseUrl}${url}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  const cameras = (
    await get<PageOf<Camera>>(`/api/cameras?status=online&limit=${Math.max(...LEVELS)}`)
  ).items.map((c) => c.id);
  // The gateway, its spawner and node-media-server processes and the ffmpeg processes below it.
  const ingest = () => [gwPid, ...descendantsOf(gwPid)];
  const cpu = () => ingest().reduce((s, p) => s + cpuSeconds(p), 0);
  const pss = () => ingest().reduce((s, p) => s + pssBytes(p), 0);
  // A measure split over the gateway itself, its spawner, node-media-server and the ffmpeg
  // processes (a process that exited meanwhile is lost from the split, not from the total's trend).
  const partOf = (pid: number) => {
    const comm = commOf(pid);
    return comm === 'ffmpeg' ? 'ffmpeg' : comm === 'onpatrol-nms' ? 'nms' : 'spawner';
  };
  const split = (measure: (pid: number) => number) => {
    const parts = { gateway: measure(gwPid), spawner: 0, nms: 0, ffmpeg: 0 };
    for (const p of descendantsOf(gwPid)) parts[partOf(p)] += measure(p);
    return parts;
  };
  const cpuParts = () => split(cpuSeconds);
  const pssParts = () => split(pssBytes);

  await sleep(3000);
  const c0 = cpu();
  await sleep(10_000);
  const idleCpu = (cpu() - c0) / 10;
  const idlePss = pss();
  const idleParts = pssParts();
  console.log(`ingest capacity (sub streams 640×360, 25 fps, 1 s GOP; copy to HLS + node-media-server)`);
  console.log(
    `  baseline, no stream: ingest (gateway, spawner, node-media-server) ${(idleCpu * 100).toFixed(1)} % of a core, PSS ${(idlePss / 2 ** 20).toFixed(0)} MB`,
  );

  const urls = new Map<string, LiveUrls>();
  for (const n of LEVELS) {
    for (const id of cameras.slice(0, n)) {
      if (!urls.has(id)) urls.set(id, await get<LiveUrls>(`/api/cameras/${id}/live?stream=sub`));
    }
    // Wait until every stream has segments.
    const active = cameras.slice(0, n);
    const deadline = Date.now() + 90_000;
    let ready = 0;
    while (Date.now() < deadline) {
      ready = 0;
      for (const id of active)
        if ((await fetch(`${system.baseUrl}${urls.get(id)!.hls}`, { headers: { cookie } })).ok) ready++;
      if (ready === n) break;
      await sleep(1000);
    }
    await sleep(5000);
    // Measure: CPU and memory over the window, new segments per stream as a viewer polls each second.
    const lastSeq = new Map<string, number>();
    const lastNew = new Map<string, number>();
    let maxGap = 0;
    const cpuStart = cpu();
    const partsStart = cpuParts();
    const t0 = Date.now();
    const pssSamples: number[] = [];
    while (Date.now() - t0 < WINDOW_S * 1000) {
      const tick = Date.now();
      await Promise.all(
        active.map(async (id) => {
          const res = await fetch(`${system.baseUrl}${urls.get(id)!.hls}`, { headers: { cookie } });
          if (!res.ok) return;
          const seq = Number(/#EXT-X-MEDIA-SEQUENCE:(\d+)/.exec(await res.text())?.[1] ?? -1);
          const now = Date.now();
          if (seq !== lastSeq.get(id)) {
            if (lastNew.has(id)) maxGap = Math.max(maxGap, (now - lastNew.get(id)!) / 1000);
            lastSeq.set(id, seq);
            lastNew.set(id, now);
          }
        }),
      );
      pssSamples.push(pss());
      await sleep(Math.max(0, 1000 - (Date.now() - tick)));
    }
    // Streams that never advanced count as a gap of the whole window.
    for (const id of active) if (!lastNew.has(id)) maxGap = WINDOW_S;
    const seconds = (Date.now() - t0) / 1000;
    const cores = (cpu() - cpuStart) / seconds;
    const partsEnd = cpuParts();
    const share = (k: keyof typeof partsEnd) =>
      `${(((partsEnd[k] - partsStart[k]) / seconds) * 100).toFixed(1)} %`;
    const memory = pssSamples.reduce((a, b) => a + b, 0) / pssSamples.length;
    const ffmpegs = descendantsOf(gwPid).filter((p) => commOf(p) === 'ffmpeg').length;
    // The gateway's own PSS moves by tens of MB as it settles after start (its heap shrinks after
    // loading the registry), which can make the total smaller than at idle. Per stream is what
    // the ingest processes hold above idle, with a gateway that shrank counted as unchanged.
    const mem = pssParts();
    const above = (k: keyof typeof mem) => mem[k] - idleParts[k];
    const perStream = (above('ffmpeg') + above('nms') + above('spawner') + Math.max(0, above('gateway'))) / n;
    const mb = (b: number) => (b / 2 ** 20).toFixed(1);
    console.log(
      `  ${String(n).padStart(3)} streams (${ready} ready, ${ffmpegs} ffmpeg): ingest ${(cores * 100).toFixed(1)} % of a core` +
        ` = ${(((cores - idleCpu) * 100) / n).toFixed(2)} %/stream above baseline;` +
        ` PSS ${(memory / 2 ** 20).toFixed(0)} MB (idle ${(idlePss / 2 ** 20).toFixed(0)} MB), ${mb(perStream)} MB/stream above idle;` +
        ` longest segment gap ${maxGap.toFixed(1)} s` +
        ` (CPU: gateway ${share('gateway')}, spawner ${share('spawner')}, node-media-server ${share('nms')}, ffmpeg ${share('ffmpeg')};` +
        ` PSS now: ffmpeg ${mb(mem.ffmpeg / Math.max(1, ffmpegs))} MB each, node-media-server ${mb(mem.nms)} MB (${mb(above('nms'))} above idle),` +
        ` spawner ${mb(mem.spawner)} MB, gateway ${mb(mem.gateway)} MB (${mb(above('gateway'))} above idle))`,
    );
  }
} finally {
  await system.stop();
}
