import type { ViewingInterval } from '../media/viewings.js';

/** One viewing session as the video wall reports it. */
export interface ReportedEntry {
  cameraId: string;
  stream: 'main' | 'sub';
  startedAt: string;
  endedAt: string;
  tour?: string;
}

/** A patrol-log row to store: a reported session cut to what the server delivered. */
export interface PatrolRow {
  cameraId: string;
  stream: 'main' | 'sub';
  tour: string | null;
  startedAt: string;
  endedAt: string;
}

export interface ClampOutcome {
  rows: PatrolRow[];
  /** Entries shortened (or split) to the server's viewing records. */
  clamped: number;
  /** Indexes of entries in which no video of the camera reached the user: nothing is stored. */
  unseen: number[];
  reportedSeconds: number;
  storedSeconds: number;
}

/**
 * Cut every reported session to the intervals in which the server actually delivered that
 * camera's video to the user. The wall's times are the browser's word; a session claiming ten
 * years keeps only the minutes the gateway served. A session spanning a gap in delivery becomes
 * one row per piece.
 */
export function clampToViewings(
  entries: readonly ReportedEntry[],
  seen: ReadonlyMap<string, readonly ViewingInterval[]>,
): ClampOutcome {
  const out: ClampOutcome = { rows: [], clamped: 0, unseen: [], reportedSeconds: 0, storedSeconds: 0 };
  entries.forEach((e, index) => {
    const from = Date.parse(e.startedAt);
    const to = Date.parse(e.endedAt);
    out.reportedSeconds += (to - from) / 1000;
    const pieces: ViewingInterval[] = [];
    for (const i of seen.get(e.cameraId) ?? []) {
      const piece = { from: Math.max(from, i.from), to: Math.min(to, i.to) };
      if (piece.to > piece.from) pieces.push(piece);
    }
    if (pieces.length === 0) {
      out.unseen.push(index);
      return;
    }
    const kept = pieces.reduce((sum, p) => sum + (p.to - p.from), 0);
    if (kept < to - from) out.clamped += 1;
    out.storedSeconds += kept / 1000;
    for (const p of pieces) {
      out.rows.push({
        cameraId: e.cameraId,
        stream: e.stream,
        tour: e.tour ?? null,
        startedAt: new Date(p.from).toISOString(),
        endedAt: new Date(p.to).toISOString(),
      });
    }
  });
  return out;
}

/** Cameras named one by one in a report's audit record; the rest are counted. */
const CAMERAS_NAMED = 20;

/** The details of the one audit record a patrol report writes. */
export function reportDetails(
  entries: readonly ReportedEntry[],
  outcome: ClampOutcome,
  events: { recorded: number; notRecorded: Record<string, number> },
): Record<string, unknown> {
  const cameras = [...new Set(entries.map((e) => e.cameraId))];
  const round = (s: number) => Math.round(s * 10) / 10;
  return {
    entries: entries.length,
    rows: outcome.rows.length,
    cameras: cameras.slice(0, CAMERAS_NAMED),
    camerasNotNamed: Math.max(0, cameras.length - CAMERAS_NAMED),
    seconds: round(outcome.storedSeconds),
    reportedSeconds: round(outcome.reportedSeconds),
    clamped: outcome.clamped,
    unseen: outcome.unseen.length,
    wallEvents: events,
  };
}
