import { isIP } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES, type Role } from '@onpatrol/contracts';
import { ConfigError, envBool, envInt } from '@onpatrol/env';

/** Raised for a bad environment value (re-exported: callers catch it from here). */
export { ConfigError };

/** The gateway's whole configuration, read once from the environment and validated. */
export interface GatewayConfig {
  host: string;
  port: number;
  dataDir: string;
  /** Unset: embedded PostgreSQL (PGlite) in `dataDir`. */
  databaseUrl: string | null;
  /** Password of the demo accounts; null: no demo accounts are created. */
  demoPassword: string | null;
  webDist: string;
  tileUrl: string | null;
  tileAttribution: string;
  /** Host and port the generated registry's RTSP URLs point at (the simulator). */
  rtspHost: string;
  rtspPort: number;
  cookieSecure: boolean;
  /**
   * Addresses/CIDRs of the reverse proxies whose X-Forwarded-For (and -Host, -Proto) is believed;
   * empty: none, the peer address is the client's.
   */
  trustProxy: string[];
  sessionHours: number;
  logLevel: string;
  /**
   * Secret from which each alarm device's and unit terminal's key is derived; null: device intake
   * refuses every request (503). The published demo secret only in the embedded demo.
   */
  deviceKeySecret: string | null;
  /** Repeats from one alarm device within this many seconds merge into one alarm. */
  alarmMergeSeconds: number;
  /** An alarm not acknowledged within this many seconds escalates to the shift leader. */
  alarmAckSeconds: number;
  audit: {
    /** Ed25519 private key (PEM) signing the audit checkpoints; created with mode 0600 when missing. */
    keyFile: string;
    /** Signed checkpoints of the audit chain's head, appended as JSON lines. */
    checkpointFile: string;
  };
  media: {
    /** HLS output; one folder per active stream. */
    hlsDir: string;
    maxStreams: number;
    /** The last streams of the pool: only the command centre (admin, leader, duty) may start them. */
    commandReserve: number;
    /** Most streams one user may hold at once (joined ones too), by role. */
    userStreams: Record<Role, number>;
    idleSeconds: number;
    nmsRtmpPort: number;
    nmsHttpPort: number;
    ffmpegPath: string;
    /** Key for signed stream URLs; null: random per process (URLs then end at a restart). */
    urlSecret: Buffer | null;
    /** Keep the gate camera of every key site pulled all the time. */
    prewarmKeySites: boolean;
    /** Keep the best camera of this many newest open alarms pulled (0: none). */
    prewarmAlarms: number;
  };
}

/** The device secret of the embedded demo: published, so never used with a real database. */
export const DEMO_DEVICE_SECRET = 'onpatrol-demo-device-secret';

export const DEFAULT_DEMO_PASSWORD = 'patrol2024';

/**
 * Streams one user may hold, by role: twice the wall the role works with, because a tour pre-warms
 * its next page while the current one plays, and a tile's previous camera stays held for
 * MEDIA_IDLE_SECONDS after it changed. Command centre: a 16-tile wall; station staff: 9; a street
 * unit: one camera.
 */
export const DEFAULT_USER_STREAMS: Record<Role, number> = {
  admin: 32,
  shift_leader: 32,
  duty_officer: 32,
  station_chief: 18,
  community_officer: 18,
  street_unit: 2,
};
const here = path.dirname(fileURLToPath(import.meta.url));

function secret(env: NodeJS.ProcessEnv, key: string): Buffer | null {
  const raw = env[key];
  if (!raw) return null;
  if (raw.length < 32) throw new ConfigError(`${key} must have at least 32 characters`);
  return Buffer.from(raw);
}

/**
 * DEVICE_KEY_SECRET (≥ 32 characters), else the published demo secret — but only in the embedded
 * demo (no DATABASE_URL): anywhere else a published key would let anyone forge alarms and unit
 * reports, so device intake stays off until a real secret is set.
 */
function deviceSecret(env: NodeJS.ProcessEnv, databaseUrl: string | null): string | null {
  const raw = env.DEVICE_KEY_SECRET;
  if (raw) {
    if (raw.length < 32) throw new ConfigError('DEVICE_KEY_SECRET must have at least 32 characters');
    return raw;
  }
  return databaseUrl ? null : DEMO_DEVICE_SECRET;
}

/** MEDIA_USER_STREAMS: `role=count` pairs, comma-separated; roles not named keep their default. */
function userStreams(env: NodeJS.ProcessEnv, maxStreams: number): Record<Role, number> {
  const quotas = { ...DEFAULT_USER_STREAMS };
  for (const item of (env.MEDIA_USER_STREAMS ?? '').split(',')) {
    if (!item.trim()) continue;
    const m = /^\s*([a-z_]+)\s*=\s*([0-9]{1,4})\s*$/.exec(item);
    const role = m?.[1] as Role | undefined;
    if (!m || !role || !ROLES.includes(role) || Number(m[2]) > maxStreams) {
      throw new ConfigError(
        `MEDIA_USER_STREAMS must be role=count pairs (roles ${ROLES.join(', ')}; counts 0-${maxStreams}), got "${item.trim()}"`,
      );
    }
    quotas[role] = Number(m[2]);
  }
  return quotas;
}

// proxy-addr's names for whole ranges, besides addresses and CIDRs.
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: comma-separated IPv4/IPv6 addresses or CIDRs (or proxy-addr's range names). */
function trustedProxies(env: NodeJS.ProcessEnv): string[] {
  const entries = (env.TRUST_PROXY ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [addr = '', bits, extra] = entry.split('/');
    const family = isIP(addr);
    const okBits =
      bits === undefined || (/^[0-9]{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!PROXY_RANGES.includes(entry) && (!family || !okBits || extra !== undefined)) {
      throw new ConfigError(
        `TRUST_PROXY must list proxy addresses or CIDRs separated by commas (e.g. 10.0.0.5,10.1.0.0/16), got "${entry}"`,
      );
    }
  }
  return entries;
}

/** Read and validate the configuration; throws ConfigError naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const tileUrl = env.TILE_URL?.trim() || null;
  if (tileUrl && !/^(https?:\/\/|\/)[^\s]*\{z\}[^\s]*\{x\}[^\s]*\{y\}/.test(tileUrl)) {
    throw new ConfigError('TILE_URL must be an http(s) or absolute path URL containing {z}, {x} and {y}');
  }
  // The embedded default is the demo: it always has demo accounts. A real database gets them
  // only when DEMO_PASSWORD is given explicitly.
  const demoPassword = env.DEMO_PASSWORD || (databaseUrl ? null : DEFAULT_DEMO_PASSWORD);
  if (demoPassword !== null && demoPassword.length < 8) {
    throw new ConfigError('DEMO_PASSWORD must have at least 8 characters');
  }
  const maxStreams = envInt(env, 'MEDIA_MAX_STREAMS', 64, 1, 1000);
  const dataDir = path.resolve(env.DATA_DIR || './data');
  return {
    host: env.HOST || '127.0.0.1',
    port: envInt(env, 'PORT', 8080, 0, 65535),
    dataDir,
    databaseUrl,
    demoPassword,
    webDist: path.resolve(env.WEB_DIST || path.join(here, '../../web/dist')),
    tileUrl,
    tileAttribution: env.TILE_ATTRIBUTION || '',
    rtspHost: env.SIM_RTSP_HOST || '127.0.0.1',
    rtspPort: envInt(env, 'SIM_RTSP_PORT', 8554, 1, 65535),
    cookieSecure: envBool(env, 'COOKIE_SECURE', false),
    trustProxy: trustedProxies(env),
    sessionHours: envInt(env, 'SESSION_HOURS', 12, 1, 24 * 30),
    logLevel: env.LOG_LEVEL || 'info',
    deviceKeySecret: deviceSecret(env, databaseUrl),
    alarmMergeSeconds: envInt(env, 'ALARM_MERGE_SECONDS', 60, 0, 3600),
    alarmAckSeconds: envInt(env, 'ALARM_ACK_SECONDS', 60, 5, 3600),
    audit: {
      keyFile: path.resolve(env.AUDIT_KEY_FILE || path.join(dataDir, 'audit-signing.key')),
      checkpointFile: path.resolve(
        env.AUDIT_CHECKPOINT_FILE || path.join(dataDir, 'audit-checkpoints.jsonl'),
      ),
    },
    media: {
      hlsDir: path.resolve(env.MEDIA_HLS_DIR || path.join(path.resolve(env.DATA_DIR || './data'), 'hls')),
      maxStreams,
      // Default: a quarter of the pool (16 of 64), a full 16-tile wall.
      commandReserve: envInt(env, 'MEDIA_COMMAND_RESERVE', Math.floor(maxStreams / 4), 0, maxStreams - 1),
      userStreams: userStreams(env, maxStreams),
      idleSeconds: envInt(env, 'MEDIA_IDLE_SECONDS', 30, 1, 3600),
      nmsRtmpPort: envInt(env, 'MEDIA_NMS_RTMP_PORT', 0, 0, 65535),
      nmsHttpPort: envInt(env, 'MEDIA_NMS_HTTP_PORT', 0, 0, 65535),
      ffmpegPath: env.FFMPEG_PATH || 'ffmpeg',
      urlSecret: secret(env, 'MEDIA_URL_SECRET'),
      prewarmKeySites: envBool(env, 'MEDIA_PREWARM_KEY_SITES', true),
      prewarmAlarms: envInt(env, 'MEDIA_PREWARM_ALARMS', 16, 0, 64),
    },
  };
}
