import path from 'node:path';
import { redactUrl } from './validate.js';

export interface PullArgs {
  /** Already checked by checkCameraUrl. */
  inputUrl: string;
  /** The stream's own HLS folder. */
  dir: string;
  segmentSeconds: number;
  listSize: number;
  /** First segment number: above every number a previous run used, so players never go back. */
  startNumber: number;
  rtmpUrl: string;
}

/**
 * One ffmpeg per stream: pull RTSP over TCP and copy the first video track, without
 * transcoding, to (a) HLS in `dir` and (b) RTMP into the local node-media-server.
 * Progress goes to stdout (`-progress pipe:1`) so the supervisor sees frames flow.
 */
export function pullArgs(a: PullArgs): string[] {
  return [
    '-hide_banner',
    '-nostdin',
    '-nostats',
    '-loglevel',
    'warning',
    '-progress',
    'pipe:1',
    // One progress report a second: stall detection needs 3 s without a new frame anyway, and
    // every report crosses the spawner's IPC and the gateway's parser.
    '-stats_period',
    '1',
    '-rtsp_transport',
    'tcp',
    '-timeout',
    '5000000',
    // Start copying at once. By default ffmpeg reads up to 5 s of a live source before writing
    // anything (20 frames to guess a frame rate a copy never uses, and more to guess the decoder
    // delay): 0.8-1.4 s more to the first FLV frame, and a first HLS segment two GOPs long.
    // 0.1 s still covers an IDR with in-band SPS/PPS for cameras whose SDP lacks them.
    '-analyzeduration',
    '100000',
    '-fpsprobesize',
    '0',
    '-i',
    a.inputUrl,
    '-map',
    '0:v:0',
    '-c',
    'copy',
    '-f',
    'hls',
    '-hls_time',
    String(a.segmentSeconds),
    '-hls_list_size',
    String(a.listSize),
    '-hls_flags',
    // The gateway re-stamps the program date times from the segments' write times (pdt.ts);
    // ffmpeg's own are the fallback.
    'delete_segments+program_date_time+independent_segments+temp_file+discont_start',
    '-start_number',
    String(a.startNumber),
    '-hls_segment_filename',
    path.join(a.dir, 'seg_%d.ts'),
    path.join(a.dir, 'index.m3u8'),
    '-map',
    '0:v:0',
    '-c',
    'copy',
    '-f',
    'flv',
    a.rtmpUrl,
  ];
}

/** One `-progress` block: frames written so far and the output clock. */
export interface ProgressReport {
  frame: number;
  outTimeUs: number | null;
  /** The last report of a process (`progress=end`): frames flushed on exit, not new ones. */
  end: boolean;
}

/** Splits ffmpeg's `-progress` key=value stream into reports (one per `progress=` line). */
export class ProgressParser {
  private buffered = '';
  private frame = 0;
  private outTimeUs: number | null = null;

  push(chunk: Buffer | string): ProgressReport[] {
    this.buffered += chunk.toString();
    const lines = this.buffered.split('\n');
    this.buffered = lines.pop() ?? '';
    // A runaway line without newlines must not grow without bound.
    if (this.buffered.length > 4096) this.buffered = '';
    const reports: ProgressReport[] = [];
    for (const line of lines) {
      const eq = line.indexOf('=');
      if (eq < 0) continue;
      const key = line.slice(0, eq).trim();
      const value = line.slice(eq + 1).trim();
      if (key === 'frame') this.frame = Number.parseInt(value, 10) || 0;
      else if (key === 'out_time_us') this.outTimeUs = /^-?\d+$/.test(value) ? Number(value) : null;
      else if (key === 'progress')
        reports.push({ frame: this.frame, outTimeUs: this.outTimeUs, end: value === 'end' });
    }
    return reports;
  }
}

/** Keeps the last few stderr lines of a process, for the offline reason and the log. */
export class StderrTail {
  private buffered = '';
  readonly lines: string[] = [];

  constructor(private readonly max = 20) {}

  push(chunk: Buffer | string): void {
    const parts = (this.buffered + chunk.toString()).split(/\r?\n/);
    this.buffered = (parts.pop() ?? '').slice(0, 1000);
    for (const p of parts) {
      if (!p.trim()) continue;
      this.lines.push(redactUrl(p.slice(0, 300)));
      if (this.lines.length > this.max) this.lines.shift();
    }
  }
}

/** A short, credential-free reason why a pull ended, for every viewer's status. */
export function exitReason(code: number | null, signal: string | null, stderr: readonly string[]): string {
  const text = stderr.join('\n');
  const rtsp = /method \w+ failed: (\d{3}[^\n]*)/.exec(text);
  if (rtsp) return `RTSP ${rtsp[1]?.trim()}`;
  if (/connection refused/i.test(text)) return 'connection refused';
  if (/no route to host|network is unreachable/i.test(text)) return 'no route to host';
  if (/timed out/i.test(text)) return 'timeout';
  if (/invalid data found/i.test(text)) return 'invalid data from the source';
  if (signal) return `ffmpeg stopped by ${signal}`;
  if (code === 0) return 'the source ended the stream';
  return `ffmpeg exited with code ${code ?? 'unknown'}`;
}
