import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pino } from 'pino';
import { startNms } from './nms.js';
import { MediaService } from './service.js';
import { RemoteSpawner } from './spawner.js';
import type { MediaConfig, MediaDeps } from './types.js';
import { parseStreamKey } from './validate.js';

export { type LiveRequest, type MediaRoutesOptions, mediaRoutes } from './routes.js';
export { MediaService } from './service.js';
export type {
  CameraSource,
  CameraStreamStatus,
  MediaConfig,
  StreamInfo,
  StreamKind,
  StreamState,
} from './types.js';

/**
 * The media component ready to use: node-media-server started in its own process on 127.0.0.1
 * (ports 0 = free ones), HLS folders of a previous run removed, ffmpeg (`config.ffmpegPath`)
 * started through the spawner process unless `deps.spawn` is given. close() stops every stream,
 * node-media-server and the spawner.
 */
export async function startMedia(
  config: MediaConfig,
  deps: Omit<MediaDeps, 'spawn'> & Partial<Pick<MediaDeps, 'spawn'>>,
): Promise<MediaService> {
  const log = deps.log ?? pino({ level: 'silent' });
  await mkdir(config.hlsDir, { recursive: true });
  // Only folders named like a stream key: a mistyped hlsDir must not cost anyone their files.
  for (const name of await readdir(config.hlsDir)) {
    if (parseStreamKey(name)) await rm(path.join(config.hlsDir, name), { recursive: true, force: true });
  }
  const nms = await startNms({ rtmpPort: config.nmsRtmpPort, httpPort: config.nmsHttpPort, log });
  const spawner = deps.spawn ? null : new RemoteSpawner().warm();
  return new MediaService(
    { ...config, nmsRtmpPort: nms.rtmpPort, nmsHttpPort: nms.httpPort },
    {
      ...deps,
      log,
      spawn: deps.spawn ?? ((args) => spawner!.spawn(config.ffmpegPath, args)),
      grant: (action, key) => nms.grant(action, key),
    },
    async () => {
      await nms.release();
      await spawner?.close();
    },
  );
}
