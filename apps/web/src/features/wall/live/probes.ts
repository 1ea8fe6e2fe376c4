/** What the instrumentation and the latency readout can ask of a tile's player. */
export interface PlayerProbe {
  player: 'hls' | 'flv';
  video: HTMLVideoElement;
  /**
   * Seconds behind real time: hls.js → wall clock minus the playing frame's program date time;
   * mpegts.js has no wall clock in FLV, so → the buffered live edge minus the play position.
   */
  latencySec: () => number | null;
  /**
   * Seconds behind the newest media the player knows of (hls.js: `hls.latency`, from the playlist;
   * FLV: the buffered edge). Unlike latencySec it ignores the source's clock, so a growing
   * latencySec with a steady edgeSec means the camera's timestamps drift, not the player.
   */
  edgeSec: () => number | null;
}

const probes = new Map<number, PlayerProbe>();

/** A player registers under its tile index while it exists; returns the unregister function. */
export function registerProbe(index: number, probe: PlayerProbe): () => void {
  probes.set(index, probe);
  return () => {
    if (probes.get(index) === probe) probes.delete(index);
  };
}

export function probeOf(index: number): PlayerProbe | undefined {
  return probes.get(index);
}

/** Seconds from the play position to the end of what is buffered (0 when nothing is). */
export function bufferedAhead(video: HTMLVideoElement): number | null {
  const b = video.buffered;
  if (b.length === 0) return null;
  return Math.max(0, b.end(b.length - 1) - video.currentTime);
}

/**
 * Time-to-first-frame marks: `tile:request:<i>` now, `tile:first-frame:<i>` when the video presents
 * its first frame (requestVideoFrameCallback; the `playing` event where it is missing).
 */
export function markFirstFrame(video: HTMLVideoElement, index: number, onFirst: () => void): () => void {
  performance.mark(`tile:request:${index}`);
  const done = () => {
    performance.mark(`tile:first-frame:${index}`);
    onFirst();
  };
  if ('requestVideoFrameCallback' in video) {
    const handle = video.requestVideoFrameCallback(done);
    return () => video.cancelVideoFrameCallback(handle);
  }
  const el = video as HTMLVideoElement;
  el.addEventListener('playing', done, { once: true });
  return () => el.removeEventListener('playing', done);
}
