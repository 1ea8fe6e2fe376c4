import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import type { Database } from '../db/database.js';
import type { StreamKind } from './types.js';

/** What the media routes report: video actually handed to a signed-in user. */
export interface ViewingRecorder {
  /** A piece of video (one HLS segment) was delivered to the user now. */
  delivered(username: string, cameraId: string, stream: StreamKind): void;
  /** A continuous delivery (a WS-FLV relay) opened now; call the result when it closes. */
  hold(username: string, cameraId: string, stream: StreamKind): () => void;
}

/** A stretch of time (ms since the epoch, end exclusive) in which video reached the user. */
export interface ViewingInterval {
  from: number;
  to: number;
}

export interface ViewingOptions {
  /** A delivery this long after the last one's video ended starts a new viewing. */
  gapMs?: number;
  /** How much playback one delivered HLS segment covers (the segment length). */
  coverMs?: number;
  /** How often open viewings are written to the database. */
  flushMs?: number;
  now?: () => number;
  log?: FastifyBaseLogger;
}

interface Viewing {
  id: string;
  username: string;
  cameraId: string;
  stream: StreamKind;
  startedAt: number;
  /** End of the video delivered so far. */
  endsAt: number;
  /** Open continuous deliveries; while any is open the viewing extends itself. */
  holds: number;
  dirty: boolean;
}

const UPSERT = `INSERT INTO media_views (id, username, camera_id, stream, started_at, ended_at)
  SELECT x.id, x.username, x.camera_id, x.stream, x.started_at, x.ended_at
  FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, username text, camera_id text, stream text,
    started_at timestamptz, ended_at timestamptz)
  ON CONFLICT (id) DO UPDATE SET ended_at = EXCLUDED.ended_at`;

/**
 * The server's record of who was shown which camera, and when: per (user, camera, stream) an
 * interval opens at the first delivery, grows while deliveries continue and closes after a gap
 * of a few seconds. Open intervals live in memory and are written every `flushMs` (a crash loses
 * at most that much); queries flush first, so they see everything delivered until now. Patrol-log
 * durations, and later proof of watching, are bounded by these records, not by the browser's word.
 */
export class Viewings implements ViewingRecorder {
  private readonly open = new Map<string, Viewing>();
  /** Viewings replaced after a gap before their last state was written. */
  private closing: Viewing[] = [];
  private writing: Promise<void> = Promise.resolve();
  private readonly timer: NodeJS.Timeout;
  private readonly gapMs: number;
  private readonly coverMs: number;
  private readonly now: () => number;
  private readonly log: FastifyBaseLogger;

  constructor(
    private readonly db: Database,
    opts: ViewingOptions = {},
  ) {
    this.gapMs = opts.gapMs ?? 5000;
    this.coverMs = opts.coverMs ?? 1000;
    this.now = opts.now ?? (() => Date.now());
    this.log = (opts.log ?? pino({ level: 'silent' })).child({ module: 'viewings' });
    this.timer = setInterval(() => {
      this.flush().catch((err) => this.log.warn({ err }, 'writing viewing records failed'));
    }, opts.flushMs ?? 2000);
    this.timer.unref();
  }

  delivered(username: string, cameraId: string, stream: StreamKind): void {
    const v = this.touch(username, cameraId, stream);
    v.endsAt = Math.max(v.endsAt, this.now() + this.coverMs);
  }

  hold(username: string, cameraId: string, stream: StreamKind): () => void {
    const v = this.touch(username, cameraId, stream);
    v.holds += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      v.holds -= 1;
      v.endsAt = Math.max(v.endsAt, this.now());
      v.dirty = true;
    };
  }

  /**
   * The intervals in which each camera's video reached the user within [from, to): streams
   * merged, clipped to the range, sorted. Cameras never shown are absent.
   */
  async intervals(
    username: string,
    cameraIds: readonly string[],
    from: number,
    to: number,
  ): Promise<Map<string, ViewingInterval[]>> {
    await this.flush();
    const rows = await this.db.query<{
      camera_id: string;
      started_at: Date | string;
      ended_at: Date | string;
    }>(
      `SELECT camera_id, started_at, ended_at FROM media_views
       WHERE username = $1 AND camera_id IN (SELECT jsonb_array_elements_text($2::jsonb))
         AND started_at < $4 AND ended_at > $3
       ORDER BY camera_id, started_at`,
      [username, JSON.stringify(cameraIds), new Date(from).toISOString(), new Date(to).toISOString()],
    );
    const out = new Map<string, ViewingInterval[]>();
    for (const r of rows) {
      const piece = {
        from: Math.max(from, new Date(r.started_at).getTime()),
        to: Math.min(to, new Date(r.ended_at).getTime()),
      };
      if (piece.to <= piece.from) continue;
      const list = out.get(r.camera_id) ?? [];
      const last = list.at(-1);
      if (last && piece.from <= last.to) last.to = Math.max(last.to, piece.to);
      else list.push(piece);
      out.set(r.camera_id, list);
    }
    return out;
  }

  /** Seconds within [from, to) in which the camera's video reached the user. */
  async viewedSeconds(username: string, cameraId: string, from: number, to: number): Promise<number> {
    const list = (await this.intervals(username, [cameraId], from, to)).get(cameraId) ?? [];
    return list.reduce((sum, i) => sum + (i.to - i.from), 0) / 1000;
  }

  /** Write every changed viewing; held ones are extended to now first, ended ones forgotten. */
  flush(): Promise<void> {
    const run = () => this.write();
    this.writing = this.writing.then(run, run);
    return this.writing;
  }

  /** Close every viewing at the end of what was delivered, write them, stop the timer. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    const now = this.now();
    for (const v of this.open.values()) {
      if (v.holds > 0) v.endsAt = Math.max(v.endsAt, now);
      v.holds = 0;
      v.dirty = true;
    }
    await this.flush();
  }

  private touch(username: string, cameraId: string, stream: StreamKind): Viewing {
    const key = keyOf({ username, cameraId, stream });
    const now = this.now();
    let v = this.open.get(key);
    if (v && v.holds === 0 && now - v.endsAt > this.gapMs) {
      if (v.dirty) this.closing.push(v);
      v = undefined;
    }
    if (!v) {
      v = {
        id: randomUUID(),
        username,
        cameraId,
        stream,
        startedAt: now,
        endsAt: now,
        holds: 0,
        dirty: true,
      };
      this.open.set(key, v);
    }
    v.dirty = true;
    return v;
  }

  private async write(): Promise<void> {
    const now = this.now();
    const batch = this.closing;
    this.closing = [];
    for (const [key, v] of this.open) {
      if (v.holds > 0 && now > v.endsAt) {
        v.endsAt = now;
        v.dirty = true;
      }
      if (v.dirty) batch.push(v);
      v.dirty = false;
      if (v.holds === 0 && now - v.endsAt > this.gapMs) this.open.delete(key);
    }
    if (batch.length === 0) return;
    const rows = batch.map((v) => ({
      id: v.id,
      username: v.username,
      camera_id: v.cameraId,
      stream: v.stream,
      started_at: new Date(v.startedAt).toISOString(),
      ended_at: new Date(v.endsAt).toISOString(),
    }));
    try {
      await this.db.query(UPSERT, [JSON.stringify(rows)]);
    } catch (err) {
      // Written next time: open ones are dirty again, ended ones wait in `closing`.
      for (const v of batch) {
        v.dirty = true;
        if (this.open.get(keyOf(v)) !== v) this.closing.push(v);
      }
      throw err;
    }
  }
}

const keyOf = (v: Pick<Viewing, 'username' | 'cameraId' | 'stream'>) =>
  `${v.username}\u0000${v.cameraId}\u0000${v.stream}`;
