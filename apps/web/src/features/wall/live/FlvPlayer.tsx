import type Mpegts from 'mpegts.js';
import { useEffect, useRef } from 'react';
import { webSocketUrl } from './liveUrls';
import { type PlayerProps, useLatest } from './playerProps';
import { bufferedAhead, markFirstFrame, registerProbe } from './probes';

/** mpegts.js is only needed for the single view's low-latency mode: load it on first use. */
const loadMpegts = () => import('mpegts.js').then((m) => m.default);

/**
 * Low latency over a WS-FLV socket: no stash buffer, and when the browser's buffer grows past
 * 1 s, mpegts.js skips ahead to 0.3 s behind the edge.
 */
const FLV_CONFIG = {
  enableStashBuffer: false,
  isLive: true,
  liveBufferLatencyChasing: true,
  liveBufferLatencyMaxLatency: 1.0,
  liveBufferLatencyMinRemain: 0.3,
  lazyLoad: false,
  // Open the socket while the MediaSource is still opening, not after (the wall is never a
  // background tab when a tile starts).
  deferLoadAfterSourceOpen: false,
  autoCleanupSourceBuffer: true,
  autoCleanupMaxBackwardDuration: 20,
  autoCleanupMinBackwardDuration: 10,
};

/**
 * One mpegts.js player, kept in a ref and destroyed on source change or unmount like HlsPlayer.
 * The WS-FLV socket holds the stream on the gateway for as long as it is open, so a hidden tile
 * unloads (closes it) rather than merely pausing.
 */
export function FlvPlayer(props: PlayerProps) {
  const { index, source, active } = props;
  const videoRef = useRef<HTMLVideoElement>(null);
  const playerRef = useRef<Mpegts.Player | null>(null);
  const cb = useLatest(props);

  useEffect(() => {
    const video = videoRef.current;
    if (!video || !active) return;
    let player: Mpegts.Player | null = null;
    let cancelMark: () => void = () => undefined;
    let cancelled = false;
    const ahead = () => bufferedAhead(video);
    const unprobe = registerProbe(index, { player: 'flv', video, latencySec: ahead, edgeSec: ahead });
    void loadMpegts().then(
      (mpegts) => {
        if (cancelled) return;
        if (!mpegts.isSupported()) {
          cb.current.onFatal();
          return;
        }
        // The signature is checked when the socket opens; a renewal matters only for reconnects.
        // Quiet: mpegts.js logs every segment at info level otherwise.
        mpegts.LoggingControl.applyConfig({ enableVerbose: false, enableDebug: false, enableInfo: false });
        // The gateway forwards video only; an FLV header announcing audio would stall MSE waiting for it.
        player = mpegts.createPlayer(
          {
            type: 'flv',
            isLive: true,
            hasAudio: false,
            hasVideo: true,
            url: webSocketUrl(cb.current.resign(source.wsFlv), window.location),
          },
          FLV_CONFIG,
        );
        playerRef.current = player;
        player.on(mpegts.Events.ERROR, () => cb.current.onFatal());
        player.attachMediaElement(video);
        cancelMark = markFirstFrame(video, index, () => cb.current.onPlaying());
        player.load();
        void Promise.resolve(player.play()).catch(() => undefined);
      },
      () => cb.current.onFatal(),
    );
    return () => {
      cancelled = true;
      cancelMark();
      unprobe();
      if (player) {
        player.pause();
        player.unload();
        player.detachMediaElement();
        player.destroy();
      }
      playerRef.current = null;
    };
  }, [index, source.key, source.wsFlv, active, cb]);

  return (
    <video
      ref={videoRef}
      className="tile-video"
      data-player="flv"
      muted
      autoPlay
      playsInline
      disablePictureInPicture
    />
  );
}
