import Hls, { type HlsConfig } from 'hls.js';
import { useEffect, useRef } from 'react';
import { type PlayerProps, useLatest } from './playerProps';
import { markFirstFrame, registerProbe } from './probes';

/**
 * Live, not smooth: stay one or two segments behind the edge, chase the edge at up to 1.5× when
 * behind, jump to it when more than six segments behind (after a tile was paused), and keep little
 * back buffer because nobody rewinds a wall tile.
 */
const LIVE_CONFIG: Partial<HlsConfig> = {
  lowLatencyMode: true,
  liveSyncDurationCount: 2,
  liveMaxLatencyDurationCount: 6,
  maxLiveSyncPlaybackRate: 1.5,
  backBufferLength: 10,
  maxBufferLength: 8,
  enableWorker: true,
};
const MAX_MEDIA_RECOVERIES = 2;

/**
 * One hls.js player. The `Hls` instance lives in a ref: created when the source changes, destroyed
 * on the next change or unmount. hls.js is used whenever MSE exists (Chromium may also play HLS
 * natively, but without low-latency control and without `playingDate`); native is the fallback.
 */
export function HlsPlayer(props: PlayerProps) {
  const { index, source, active } = props;
  const videoRef = useRef<HTMLVideoElement>(null);
  const hlsRef = useRef<Hls | null>(null);
  const startedRef = useRef<(() => void) | null>(null);
  const cb = useLatest(props);

  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    let cancelMark: () => void = () => undefined;
    // Deferred until the tile is first visible: loading the playlist starts the pull on the gateway.
    const begin = () => {
      cancelMark = markFirstFrame(video, index, () => cb.current.onPlaying());
      if (hlsRef.current) hlsRef.current.loadSource(source.hls);
      else video.src = cb.current.resign(source.hls);
    };
    startedRef.current = null;
    if (!Hls.isSupported()) {
      const unprobe = registerProbe(index, {
        player: 'hls',
        video,
        latencySec: () => null,
        edgeSec: () => null,
      });
      const onError = () => cb.current.onFatal();
      video.addEventListener('error', onError);
      startedRef.current = begin;
      return () => {
        cancelMark();
        unprobe();
        video.removeEventListener('error', onError);
        video.removeAttribute('src');
        video.load();
      };
    }
    const hls = new Hls({
      ...LIVE_CONFIG,
      // Re-sign every request with the newest signature, so a renewal needs no new player.
      xhrSetup: (xhr, url) => xhr.open('GET', cb.current.resign(url), true),
    });
    hlsRef.current = hls;
    let recoveries = 0;
    hls.on(Hls.Events.ERROR, (_event, data) => {
      if (!data.fatal) {
        if (data.response?.code === 403) cb.current.onRenew();
        return;
      }
      if (data.type === Hls.ErrorTypes.MEDIA_ERROR && recoveries < MAX_MEDIA_RECOVERIES) {
        recoveries += 1;
        hls.recoverMediaError();
        return;
      }
      cb.current.onFatal();
    });
    hls.on(Hls.Events.MANIFEST_PARSED, () => void video.play().catch(() => undefined));
    hls.attachMedia(video);
    startedRef.current = begin;
    const unprobe = registerProbe(index, {
      player: 'hls',
      video,
      latencySec: () => {
        const at = hls.playingDate;
        return at ? (Date.now() - at.getTime()) / 1000 : null;
      },
      edgeSec: () => (hls.latency > 0 ? hls.latency : null),
    });
    return () => {
      cancelMark();
      unprobe();
      hls.destroy();
      hlsRef.current = null;
    };
  }, [index, source.key, source.hls, cb]);

  useEffect(() => {
    const video = videoRef.current;
    const hls = hlsRef.current;
    if (!video) return;
    if (active) {
      const begin = startedRef.current;
      if (begin) {
        startedRef.current = null;
        begin();
      } else hls?.startLoad(-1);
      void video.play().catch(() => undefined);
    } else if (!startedRef.current) {
      hls?.stopLoad();
      video.pause();
    }
  }, [active, source.key]);

  return (
    <video
      ref={videoRef}
      className="tile-video"
      data-player="hls"
      muted
      autoPlay
      playsInline
      disablePictureInPicture
    />
  );
}
