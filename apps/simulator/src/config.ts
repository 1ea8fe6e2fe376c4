import { existsSync } from 'node:fs';
import path from 'node:path';

/** The simulator's whole configuration, read once from the environment and validated. */
export interface SimulatorConfig {
  /** Address the RTSP, RTP/RTCP (UDP) and control servers bind to. */
  host: string;
  /** RTSP port; 0 picks a free one. */
  rtspPort: number;
  /** Control API (HTTP, JSON) port; 0 picks a free one. */
  controlPort: number;
  /** Server RTP port for UDP transport (RTCP is the next port); 0 picks a free pair. */
  udpPort: number;
  /** Folder of the encoded loops (Annex-B `.h264`), kept across restarts. */
  cacheDir: string;
  /** Font file for the burnt-in captions; null lets fontconfig choose a CJK font. */
  font: string | null;
  /** Seconds without a request or RTCP report after which a session is closed. */
  sessionTimeoutSec: number;
  /** ffmpeg encodes allowed at the same time. */
  maxEncodes: number;
  logLevel: string;
}

/** Raised for a bad environment value; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Debian's fonts-noto-cjk; used when SIM_FONT is unset and the file exists. */
export const DEFAULT_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function int(env: NodeJS.ProcessEnv, key: string, fallback: number, min: number, max: number): number {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${key} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return n;
}

/** The font path reaches an ffmpeg filter graph, so characters with a meaning there are refused. */
export function checkFont(font: string, key = 'SIM_FONT'): string {
  if (/[\\':,;[\]\n\r]/.test(font)) {
    throw new ConfigError(`${key} must not contain \\ ' : , ; [ ] or line breaks, got "${font}"`);
  }
  if (!existsSync(font)) throw new ConfigError(`${key} names a file that does not exist: "${font}"`);
  return path.resolve(font);
}

/** Read and validate the configuration; throws ConfigError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): SimulatorConfig {
  const host = env.SIM_RTSP_HOST?.trim() || '127.0.0.1';
  // UDP transport uses IPv4 sockets, so the servers bind an IPv4 address or a name.
  if (!/^[\w.-]+$/.test(host)) {
    throw new ConfigError(`SIM_RTSP_HOST must be an IPv4 address or a host name, got "${host}"`);
  }
  const logLevel = env.LOG_LEVEL || 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const rawFont = env.SIM_FONT?.trim();
  return {
    host,
    rtspPort: int(env, 'SIM_RTSP_PORT', 8554, 0, 65535),
    controlPort: int(env, 'SIM_CONTROL_PORT', 8555, 0, 65535),
    udpPort: int(env, 'SIM_UDP_PORT', 8556, 0, 65534),
    cacheDir: path.resolve(env.SIM_CACHE_DIR || './data/sim-cache'),
    font: rawFont ? checkFont(rawFont) : existsSync(DEFAULT_FONT) ? DEFAULT_FONT : null,
    sessionTimeoutSec: int(env, 'SIM_SESSION_TIMEOUT', 60, 5, 3600),
    maxEncodes: int(env, 'SIM_MAX_ENCODES', 2, 1, 16),
    logLevel,
  };
}
