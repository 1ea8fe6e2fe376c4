import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PLAYLIST, waitForPlaylist } from '../../src/media/segments.js';

describe('waiting for a starting stream’s playlist', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'playlist-wait-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** As ffmpeg's temp_file flag does it: write aside, then rename into place. */
  const publish = (text: string) => {
    writeFileSync(path.join(dir, `${PLAYLIST}.tmp`), text);
    renameSync(path.join(dir, `${PLAYLIST}.tmp`), path.join(dir, PLAYLIST));
  };

  it('answers with the playlist once ffmpeg renames it into place', async () => {
    const waiting = waitForPlaylist(dir, () => true, 10_000);
    setTimeout(() => publish('#EXTM3U\n#EXTINF:1.0,\nseg_1.ts\n'), 30);
    expect(await waiting).toBe('#EXTM3U\n#EXTINF:1.0,\nseg_1.ts\n');
  });

  it('answers at once when the playlist is already there', async () => {
    publish('#EXTM3U\n');
    expect(await waitForPlaylist(dir, () => false, 10_000)).toBe('#EXTM3U\n');
  });

  it('gives up when the stream stops, or when the wait is over', async () => {
    let active = true;
    const stopped = waitForPlaylist(dir, () => active, 60_000);
    active = false;
    expect(await stopped).toBeNull();
    expect(await waitForPlaylist(dir, () => true, 50)).toBeNull();
    // A folder that is gone (stream released) is no error either.
    expect(await waitForPlaylist(path.join(dir, 'gone'), () => false, 1000)).toBeNull();
  });
});
