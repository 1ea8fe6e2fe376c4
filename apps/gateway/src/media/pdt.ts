import { statSync } from 'node:fs';
import path from 'node:path';

const PDT_TAG = '#EXT-X-PROGRAM-DATE-TIME:';

interface Segment {
  /** Line index of the segment's #EXTINF tag (its PDT tag goes right before it). */
  line: number;
  uri: string;
  durationMs: number;
  /** Whether a #EXT-X-DISCONTINUITY (a new ffmpeg run) precedes it. */
  discontinuity: boolean;
}

function segmentsOf(lines: string[]): Segment[] {
  const out: Segment[] = [];
  let extinf: { line: number; durationMs: number } | null = null;
  let discontinuity = false;
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line.startsWith('#EXT-X-DISCONTINUITY')) discontinuity = true;
    else if (line.startsWith('#EXTINF:')) {
      extinf = { line: i, durationMs: Number.parseFloat(line.slice('#EXTINF:'.length)) * 1000 };
    } else if (line !== '' && !line.startsWith('#') && extinf) {
      const { line: at, durationMs } = extinf;
      out.push({
        line: at,
        uri: line,
        durationMs: Number.isFinite(durationMs) ? durationMs : 0,
        discontinuity,
      });
      extinf = null;
      discontinuity = false;
    }
  });
  return out;
}

/**
 * The playlist with one #EXT-X-PROGRAM-DATE-TIME per segment, taken from the wall clock instead
 * of ffmpeg's: ffmpeg stamps the first segment with a whole-second time() and adds the camera's
 * own durations from then on, so on a long pull the date drifts with the camera's clock. Here a
 * segment starts when the previous one of the same run was written (ffmpeg closes a segment when
 * the keyframe opening the next arrives), or, with no previous one, its own write time minus its
 * duration. `writtenAt(uri)` is that write time in ms (undefined: unknown, e.g. deleted meanwhile;
 * such a segment follows on from its neighbour). Without any write time the text is unchanged.
 */
export function stampProgramDateTimes(text: string, writtenAt: (uri: string) => number | undefined): string {
  const lines = text.split('\n');
  const segments = segmentsOf(lines);
  const ends = segments.map((s) => writtenAt(s.uri));
  if (!ends.some((e) => e !== undefined)) return text;
  const starts: Array<number | undefined> = segments.map((s, i) => {
    const prevEnd = i > 0 && !s.discontinuity ? ends[i - 1] : undefined;
    if (prevEnd !== undefined) return prevEnd;
    const end = ends[i];
    return end === undefined ? undefined : end - s.durationMs;
  });
  // Unknown starts follow on from the segment before, or lead into the one after.
  for (let i = 1; i < starts.length; i++) {
    const prev = starts[i - 1];
    if (starts[i] === undefined && prev !== undefined) starts[i] = prev + (segments[i - 1]?.durationMs ?? 0);
  }
  for (let i = starts.length - 2; i >= 0; i--) {
    const next = starts[i + 1];
    if (starts[i] === undefined && next !== undefined) starts[i] = next - (segments[i]?.durationMs ?? 0);
  }
  const tagAt = new Map<number, string>();
  segments.forEach((s, i) => {
    const start = starts[i];
    if (start !== undefined) tagAt.set(s.line, `${PDT_TAG}${new Date(Math.round(start)).toISOString()}`);
  });
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim().startsWith(PDT_TAG)) return;
    const tag = tagAt.get(i);
    if (tag) out.push(tag);
    out.push(line);
  });
  return out.join('\n');
}

/**
 * stampProgramDateTimes with the write times (mtime) of the segment files in `dir`. `known` holds
 * write times already learnt (the stream's segment watcher fills it as it reads each segment):
 * only segments missing from it are stat'ed, synchronously (files just written, in the page
 * cache; see readWithMtime), and what a stat finds is added to it.
 */
export function stampFromFiles(text: string, dir: string, known?: Map<string, number>): string {
  const times = known ?? new Map<string, number>();
  for (const { uri } of segmentsOf(text.split('\n'))) {
    // Only plain file names: the playlist is ffmpeg's, but a path must never leave the folder.
    if (times.has(uri) || uri !== path.basename(uri)) continue;
    try {
      times.set(uri, statSync(path.join(dir, uri)).mtimeMs);
    } catch {
      // Deleted meanwhile: its date follows from its neighbours.
    }
  }
  return stampProgramDateTimes(text, (uri) => times.get(uri));
}
