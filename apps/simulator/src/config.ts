import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, envBool, envInt, envNum } from '@onpatrol/env';

/** Raised for a bad environment value (re-exported: callers catch it from here). */
export { ConfigError };

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
  /** Base URL of the gateway that alarms and unit terminals talk to. */
  gatewayUrl: string;
  /** Deployment secret every device key is derived from (the gateway's DEVICE_KEY_SECRET). */
  deviceSecret: string;
  /** Background alarms at random devices. */
  alarms: AlarmTrafficConfig;
  /** Street patrol units driven along the streets. */
  units: UnitFleetConfig;
  logLevel: string;
}

export interface AlarmTrafficConfig {
  /** Mean background alarms per hour over the whole district (Poisson); 0 = off. */
  ratePerHour: number;
}

export interface UnitFleetConfig {
  enabled: boolean;
  /** Seconds between two position reports of a unit. */
  positionSeconds: number;
  /** Units the simulator never drives (a person drives them in the browser). */
  exclude: string[];
}

/** Debian's fonts-noto-cjk; used when SIM_FONT is unset and the file exists. */
export const DEFAULT_FONT = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
/** The gateway's demo default (apps/gateway DEMO_DEVICE_SECRET), copied so the apps stay apart. */
export const DEMO_DEVICE_SECRET = 'onpatrol-demo-device-secret';
export const DEFAULT_EXCLUDED_UNITS = ['YH01-1'];
const UNIT_ID = /^[A-Z0-9-]{2,16}$/;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A gateway base URL: http(s), no query or fragment; the trailing slash is dropped. */
export function checkGatewayUrl(raw: string, key = 'SIM_GATEWAY_URL'): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${key} must be an http(s) URL, got "${raw}"`);
  }
  if (!/^https?:$/.test(url.protocol) || url.search || url.hash || url.username) {
    throw new ConfigError(
      `${key} must be an http(s) URL without credentials, query or fragment, got "${raw}"`,
    );
  }
  return url.href.replace(/\/+$/, '');
}

/** Unit IDs like YH01-1, comma-separated; "none" excludes nothing. */
export function checkUnitIds(raw: string | string[], key = 'SIM_UNITS_EXCLUDE'): string[] {
  const ids = (Array.isArray(raw) ? raw : raw.split(',')).map((s) => s.trim()).filter(Boolean);
  if (ids.length === 1 && ids[0]!.toLowerCase() === 'none') return [];
  const bad = ids.find((id) => !UNIT_ID.test(id));
  if (bad !== undefined) throw new ConfigError(`${key} must list unit IDs like YH01-1, got "${bad}"`);
  return ids;
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
    rtspPort: envInt(env, 'SIM_RTSP_PORT', 8554, 0, 65535),
    controlPort: envInt(env, 'SIM_CONTROL_PORT', 8555, 0, 65535),
    udpPort: envInt(env, 'SIM_UDP_PORT', 8556, 0, 65534),
    cacheDir: path.resolve(env.SIM_CACHE_DIR || './data/sim-cache'),
    font: rawFont ? checkFont(rawFont) : existsSync(DEFAULT_FONT) ? DEFAULT_FONT : null,
    sessionTimeoutSec: envInt(env, 'SIM_SESSION_TIMEOUT', 60, 5, 3600),
    maxEncodes: envInt(env, 'SIM_MAX_ENCODES', 2, 1, 16),
    gatewayUrl: checkGatewayUrl(env.SIM_GATEWAY_URL?.trim() || 'http://127.0.0.1:8080'),
    deviceSecret: env.DEVICE_KEY_SECRET || DEMO_DEVICE_SECRET,
    alarms: { ratePerHour: envNum(env, 'SIM_ALARM_RATE_PER_HOUR', 6, 0, 36_000) },
    units: {
      enabled: envBool(env, 'SIM_UNITS', true),
      positionSeconds: envNum(env, 'SIM_UNIT_POSITION_SECONDS', 3, 0.5, 300),
      exclude: env.SIM_UNITS_EXCLUDE?.trim() ? checkUnitIds(env.SIM_UNITS_EXCLUDE) : DEFAULT_EXCLUDED_UNITS,
    },
    logLevel,
  };
}
